/**
 * /reset-password?token=… — choose a new password with a mailed token. The
 * token stays in the URL (the server logs paths only, and the Referrer-Policy
 * keeps it from other sites); it is looked up by its SHA-256, used once, and
 * expires after an hour. On success every session of the account ends and the
 * person signs in again with the new password (we do not sign them in: that
 * also proves they know it).
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getClientIp } from "~/auth/client-ip.server";
import { FormErrors, useActionResult } from "~/auth/form-errors";
import { passwordField } from "~/utils/form-fields";
import { formFailure, parseForm } from "~/auth/forms.server";
import { completePasswordReset } from "~/auth/password-reset.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { findResetTokenUser } from "~/auth/reset.server";
import { clearSessionCookie } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Choose a new password") }];

const INVALID_LINK = "This reset link has expired or has already been used. Ask for a new one.";

function tokenOf(request: Request) {
  return new URL(request.url).searchParams.get("token");
}

export function loader({ request }: LoaderFunctionArgs) {
  const user = findResetTokenUser(tokenOf(request));
  return { valid: Boolean(user) };
}

const ResetSchema = z.object({
  password: passwordField("Choose a new password."),
  confirmPassword: passwordField("Type your new password again."),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const token = tokenOf(request);
  const user = findResetTokenUser(token);
  if (!token || !user)
    return formFailure({ fieldErrors: {}, formErrors: [INVALID_LINK], values: {} });
  const form = await parseForm(request, ResetSchema, []);
  if (!form.ok) return formFailure(form);
  const { password, confirmPassword } = form.data;
  const problem = passwordProblem(password, user.email);
  if (problem || password !== confirmPassword) {
    const fieldErrors = problem
      ? { password: [problem] }
      : { confirmPassword: ["The two passwords do not match."] };
    return formFailure({ fieldErrors, formErrors: [], values: {} });
  }
  const result = await completePasswordReset(token, password, { ip: getClientIp(context) });
  if (result.kind !== "ok")
    return formFailure({ fieldErrors: {}, formErrors: [INVALID_LINK], values: {} });
  // Any session in this browser was ended with the others; drop its cookie too.
  return redirect("/login?reset=done", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function ResetPasswordPage() {
  const { valid } = useLoaderData<typeof loader>();
  const failure = useActionResult();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Choose a new password</h1>
      </header>
      {valid ? (
        <Form method="post" className="stack" noValidate>
          <FormErrors id="reset-errors" errors={failure?.formErrors} />
          <Field
            label="New password"
            hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`}
            errors={failure?.fieldErrors.password}
            inputProps={{
              id: "password",
              name: "password",
              type: "password",
              autoComplete: "new-password",
              required: true,
            }}
          />
          <Field
            label="Confirm new password"
            errors={failure?.fieldErrors.confirmPassword}
            inputProps={{
              id: "confirmPassword",
              name: "confirmPassword",
              type: "password",
              autoComplete: "new-password",
              required: true,
            }}
          />
          <button type="submit" className="button" disabled={busy}>
            Set new password
          </button>
        </Form>
      ) : (
        <>
          <p className="notice notice--warning">{INVALID_LINK}</p>
          <p>
            <Link to="/forgot-password" className="button">
              Ask for a new link
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
