/**
 * /forgot-password — asks for an email and mails a reset link when it belongs
 * to an account. The answer is the same either way; requests are limited per
 * IP (and per account inside requestPasswordReset, app/auth/password-reset.server.ts).
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getClientIp } from "~/auth/client-ip.server";
import { boundedReply } from "~/utils/forms.server";
import { requestPasswordReset } from "~/auth/password-reset.server";
import {
  describeRefusal,
  RESET_REQUEST_LIMIT,
  takeMessageAllowance,
} from "~/auth/message-limits.server";
import { retryAfter } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { EmailSchema } from "~/utils/form-fields";
import { requireFormData } from "~/utils/form-data.server";
import { publicOrigin } from "~/utils/origin.server";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Reset your password") }];

const ForgotSchema = z.object({ email: EmailSchema });

export const SENT_MESSAGE =
  "If an account uses that email address, we have sent it a link to reset the password. The link works for one hour.";

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = getClientIp(context);
  const submission = parseWithZod(await requireFormData(request), { schema: ForgotSchema });
  const db = getDb();
  const allowance = db.transaction(
    (tx) => takeMessageAllowance(tx, [{ limit: RESET_REQUEST_LIMIT, subject: ip }]),
    { behavior: "immediate" },
  );
  if (!allowance.ok) {
    return data(boundedReply(submission.reply({ formErrors: [describeRefusal(allowance)] })), {
      status: 429,
      headers: retryAfter(allowance.waitMs),
    });
  }
  if (submission.status !== "success")
    return data(boundedReply(submission.reply()), { status: 400 });
  requestPasswordReset(db, submission.value.email, { origin: publicOrigin(request), ip });
  // A reply without errors (status "success"): the page says the link is on its way. The
  // address is not echoed, so the answer is the same whether or not it has an account.
  return submission.reply({ hideFields: ["email"] });
}

export default function ForgotPasswordPage() {
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult,
    constraint: getZodConstraint(ForgotSchema),
    // Not onBlur: an error appearing as the field loses focus moves the submit button
    // away from a click already under way (mouse down blurs, mouse up misses).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  });
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Reset your password</h1>
        <p className="lede">
          Enter the email address of your account and we will send you a link to choose a new
          password.
        </p>
      </header>
      {lastResult?.status === "success" ? (
        <p className="notice" role="status">
          {SENT_MESSAGE}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)} noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="Email"
          errors={fields.email.errors}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "email",
            maxLength: 254,
          }}
        />
        <button type="submit" className="button" disabled={busy}>
          Send reset link
        </button>
      </Form>
      <p className="muted">
        Remembered it? <Link to="/login">Sign in</Link>.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
