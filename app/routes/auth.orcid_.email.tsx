/**
 * /auth/orcid/email — after a first "Sign in with ORCID": ORCID gives no
 * email, so the person types the address their account will use (and may
 * correct the name), and a link is mailed to it; the account exists only
 * once that link is opened in this browser (app/auth/orcid.server.ts).
 * Without a sign-up under way in this browser the page says to start again.
 * Rate-limited per address like sign-ups.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getUser } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { getPendingSignUp, requestEmailVerification } from "~/auth/orcid.server";
import { consumeRateLimit, describeWait, retryAfter, SIGNUP_LIMIT } from "~/auth/throttle.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { AuthenticatedOrcid } from "~/components/outside-sign-in";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { EmailSchema, NameSchema } from "~/utils/form-fields";
import { requireFormData } from "~/utils/form-data.server";
import { boundedReply } from "~/utils/forms.server";
import { publicOrigin } from "~/utils/origin.server";
import { keepRetryAfter } from "~/utils/route-headers";
import { pageTitle } from "~/utils/site";

export const headers = keepRetryAfter();
export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Your email address") }];

const EmailFormSchema = z.object({ name: NameSchema, email: EmailSchema });

export function loader({ request }: LoaderFunctionArgs) {
  // Public: the sign-up cookie (from ORCID's callback) is what this page is about.
  if (getUser(request)) throw redirect("/account");
  const pending = getPendingSignUp(getDb(), request);
  const sent = new URL(request.url).searchParams.get("sent") === "1";
  return { pending, sent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Public, as the loader: without a sign-up under way in this browser nothing is stored.
  const db = getDb();
  const ip = getClientIp(context);
  const submission = parseWithZod(await requireFormData(request), { schema: EmailFormSchema });
  if (submission.status !== "success")
    return data(boundedReply(submission.reply()), { status: 400 });
  const wait = consumeRateLimit(db, SIGNUP_LIMIT, ip);
  if (wait > 0) {
    const message = `Too many sign-ups from your network. Please try again in ${describeWait(wait)}.`;
    return data(boundedReply(submission.reply({ formErrors: [message] })), {
      status: 429,
      headers: retryAfter(wait),
    });
  }
  const done = requestEmailVerification(db, request, {
    ...submission.value,
    origin: publicOrigin(request),
    ip,
  });
  if (!done.ok) {
    const message = "Your ORCID sign-in has expired. Sign in with ORCID again.";
    return data(boundedReply(submission.reply({ formErrors: [message] })), { status: 400 });
  }
  void deliverOutbox(db);
  return redirect("/auth/orcid/email?sent=1");
}

export default function OrcidEmailPage() {
  const { pending, sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "orcid-email",
    lastResult,
    defaultValue: { name: pending?.name ?? "", email: pending?.email ?? "" },
    constraint: getZodConstraint(EmailFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailFormSchema }),
  });
  if (!pending)
    return (
      <div className="container narrow stack">
        <header className="page-header">
          <h1>Your email address</h1>
        </header>
        <p className="notice notice--warning" role="alert">
          There is no ORCID sign-in under way in this browser, or it has expired. Sign in with ORCID
          again.
        </p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    );
  return (
    <div className="container narrow stack">
      <header className="page-header">
        <h1>Your email address</h1>
        <p className="lede">
          You signed in with ORCID as <AuthenticatedOrcid orcid={pending.orcid} />. ORCID does not
          share your email address: tell us where we may write to you about your applications.
        </p>
      </header>
      {sent && pending.email ? (
        <p className="notice notice--info" role="status">
          We sent a link to {pending.email}. Open it in this browser within the hour to create your
          account. Not there? Check the address below and send it again.
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)} noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="Full name"
          errors={fields.name.errors}
          inputProps={{
            ...getInputProps(fields.name, { type: "text" }),
            autoComplete: "name",
            maxLength: 100,
          }}
        />
        <Field
          label="Email"
          errors={fields.email.errors}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "email",
            maxLength: 254,
          }}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {sent ? "Send the link again" : "Send me a link"}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
