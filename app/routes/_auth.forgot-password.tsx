/**
 * /forgot-password — asks for an email and mails a reset link when it belongs
 * to an account. The answer is the same either way; requests are limited per
 * IP (and per account inside requestPasswordReset, app/auth/password-reset.server.ts).
 */
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getClientIp } from "~/auth/client-ip.server";
import { FormErrors, useActionResult } from "~/auth/form-errors";
import { EmailSchema } from "~/utils/form-fields";
import { formFailure, parseForm, type FormFailure } from "~/auth/forms.server";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { publicOrigin } from "~/utils/origin.server";
import { consumeRateLimit, RESET_REQUEST_LIMIT, retryAfter } from "~/auth/rate-limit.server";
import { describeWait } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Reset your password") }];

const ForgotSchema = z.object({ email: EmailSchema });

export const SENT_MESSAGE =
  "If an account uses that email address, we have sent it a link to reset the password. The link works for one hour.";

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = getClientIp(context);
  const wait = consumeRateLimit(RESET_REQUEST_LIMIT, ip);
  if (wait > 0) {
    const message = `Too many reset requests from your network. Please try again in ${describeWait(wait)}.`;
    return formFailure(
      { fieldErrors: {}, formErrors: [message], values: {} },
      { status: 429, headers: retryAfter(wait) },
    );
  }
  const form = await parseForm(request, ForgotSchema, ["email"]);
  if (!form.ok) return formFailure(form);
  requestPasswordReset(form.data.email, { origin: publicOrigin(request), ip });
  return { ok: true as const, message: SENT_MESSAGE };
}

export default function ForgotPasswordPage() {
  const result = useActionResult<FormFailure | { ok: true; message: string }>();
  const busy = useNavigation().state === "submitting";
  const failure = result && !result.ok ? result : undefined;
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Reset your password</h1>
        <p className="lede">
          Enter the email address of your account and we will send you a link to choose a new
          password.
        </p>
      </header>
      {result?.ok ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormErrors id="forgot-errors" errors={failure?.formErrors} />
        <Field
          label="Email"
          errors={failure?.fieldErrors.email}
          inputProps={{
            id: "email",
            name: "email",
            type: "email",
            autoComplete: "email",
            required: true,
            maxLength: 254,
            defaultValue: failure?.values.email ?? "",
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
