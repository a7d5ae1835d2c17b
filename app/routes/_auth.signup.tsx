/**
 * /signup — creates a candidate account and signs it in. Validation:
 * signupSchema below (Conform on both sides; the browser checks the password's
 * shape, the server the whole policy of app/auth/password-policy.server.ts),
 * reporting every problem at once; the write: signUp() in
 * app/auth/sign-in.server.ts. Rate-limited per IP.
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
import { outsideSignIns } from "~/auth/oidc.server";
import { getClientIp } from "~/auth/client-ip.server";
import { boundedReply } from "~/utils/forms.server";
import { passwordProblem } from "~/auth/password-policy.server";
import {
  confirmingPassword,
  newPasswordField,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordShapeProblem,
} from "~/auth/password-rules";
import { safeRedirect } from "~/utils/redirect";
import { EMAIL_TAKEN, setCookies, signUp } from "~/auth/sign-in.server";
import { consumeRateLimit, describeWait, retryAfter, SIGNUP_LIMIT } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { OrcidSignInButton } from "~/components/outside-sign-in";
import { EmailSchema, NameSchema, passwordField, RedirectToSchema } from "~/utils/form-fields";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Create an account") }];

export function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (getUser(request)) throw redirect(redirectTo);
  return { redirectTo, orcid: outsideSignIns().orcid };
}

/** The sign-up form; `checkPassword` is the shape rules in the browser, the whole policy on the server. */
function signupSchema(checkPassword: (password: string) => string | null = passwordShapeProblem) {
  const fields = z.object({
    name: NameSchema,
    email: EmailSchema,
    password: newPasswordField("Choose a password.", checkPassword),
    confirmPassword: passwordField("Type your password again."),
    redirectTo: RedirectToSchema,
  });
  return confirmingPassword(fields, { password: "password", confirm: "confirmPassword" }).refine(
    (v) => v.password.normalize("NFC").toLowerCase() !== v.email,
    {
      path: ["password"],
      message: "Do not use your email address as your password.",
      when: ({ value }) => {
        const v = value as { email?: unknown; password?: unknown } | undefined;
        return typeof v?.email === "string" && typeof v.password === "string";
      },
    },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = getClientIp(context);
  const formData = await requireFormData(request);
  const submission = parseWithZod(formData, { schema: signupSchema(passwordProblem) });
  const hideFields = ["password", "confirmPassword"];
  const wait = consumeRateLimit(getDb(), SIGNUP_LIMIT, ip);
  if (wait > 0) {
    const message = `Too many accounts were created from your network. Please try again in ${describeWait(wait)}.`;
    return data(boundedReply(submission.reply({ formErrors: [message], hideFields })), {
      status: 429,
      headers: retryAfter(wait),
    });
  }
  if (submission.status !== "success")
    return data(boundedReply(submission.reply({ hideFields })), { status: 400 });

  const { name, email, password, redirectTo } = submission.value;
  const result = await signUp(getDb(), { name, email, password }, { request, ip });
  if (result.kind === "email_taken") {
    return data(
      boundedReply(submission.reply({ fieldErrors: { email: [EMAIL_TAKEN] }, hideFields })),
      {
        status: 400,
      },
    );
  }
  return redirect(redirectTo, { headers: setCookies(result.cookies) });
}

const ClientSchema = signupSchema();

export default function SignupPage() {
  const { redirectTo, orcid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    defaultValue: { redirectTo },
    constraint: getZodConstraint(ClientSchema),
    // Not onBlur: an error appearing as the field loses focus moves the submit button
    // away from a click already under way (mouse down blurs, mouse up misses).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientSchema }),
  });
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Create an account</h1>
        <p className="lede">
          Apply to research roles and follow each application until a decision.
        </p>
      </header>
      {orcid ? (
        <div className="outside-sign-ins">
          <OrcidSignInButton redirectTo={redirectTo} />
          <p className="muted">Or create an account with your email and a password:</p>
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)} noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
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
        <Field
          label="Password"
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password. A passphrase of a few unrelated words works well.`}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <Field
          label="Confirm password"
          errors={fields.confirmPassword.errors}
          inputProps={{
            ...getInputProps(fields.confirmPassword, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <p className="hint">
          What we keep about you and for how long: <Link to="/privacy">privacy notice</Link>
        </p>
        <button type="submit" className="button" disabled={busy}>
          Create account
        </button>
      </Form>
      <p className="muted">
        Already have an account?{" "}
        <Link to={redirectTo === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo })}`}>
          Sign in
        </Link>
        .
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
