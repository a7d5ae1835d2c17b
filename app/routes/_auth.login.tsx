/**
 * /login — email and password. Validation: app/auth/forms.server.ts; the
 * throttle, credential check and new session: signIn() in
 * app/auth/sign-in.server.ts. `redirectTo` is honoured for same-origin paths only.
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
import { getUser } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { EmailSchema, passwordField, RedirectToSchema } from "~/utils/form-fields";
import { formFailure, parseForm } from "~/auth/forms.server";
import { safeRedirect } from "~/auth/redirect";
import { retryAfter } from "~/auth/rate-limit.server";
import { sessionCookie } from "~/auth/session.server";
import { INVALID_CREDENTIALS, signIn } from "~/auth/sign-in.server";
import { describeWait } from "~/auth/throttle.server";
import { FormErrors, useActionResult } from "~/auth/form-errors";
import { Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];

export const meta: MetaFunction = () => [{ title: pageTitle("Sign in") }];

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  // Already signed in: nothing to do here.
  if (getUser(request)) throw redirect(redirectTo);
  return { redirectTo, passwordReset: url.searchParams.get("reset") === "done" };
}

const LoginSchema = z.object({
  email: EmailSchema,
  password: passwordField(),
  redirectTo: RedirectToSchema,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, LoginSchema, ["email", "redirectTo"]);
  if (!form.ok) return formFailure(form);
  const { email, password, redirectTo } = form.data;
  const values = { email: form.formData.get("email") as string, redirectTo };

  const result = await signIn(
    { email, password },
    { ip: getClientIp(context), userAgent: request.headers.get("User-Agent") },
  );
  if (result.kind === "throttled") {
    const message = `Too many failed sign-in attempts. Please wait ${describeWait(result.waitMs)} and try again.`;
    return formFailure(
      { fieldErrors: {}, formErrors: [message], values },
      { status: 429, headers: retryAfter(result.waitMs) },
    );
  }
  if (result.kind === "invalid") {
    return formFailure({ fieldErrors: {}, formErrors: [INVALID_CREDENTIALS], values });
  }
  return redirect(redirectTo, {
    headers: { "Set-Cookie": sessionCookie(result.token, result.session.expiresAt) },
  });
}

export default function LoginPage() {
  const { redirectTo, passwordReset } = useLoaderData<typeof loader>();
  const failure = useActionResult();
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? {};
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Sign in</h1>
      </header>
      {passwordReset ? (
        <p className="notice notice--info" role="status">
          Your password has been changed. Sign in with your new password.
        </p>
      ) : null}
      <Form
        method="post"
        className="stack"
        aria-describedby={failure?.formErrors.length ? "login-errors" : undefined}
      >
        <FormErrors id="login-errors" errors={failure?.formErrors} />
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? redirectTo} />
        <Field
          label="Email"
          errors={failure?.fieldErrors.email}
          inputProps={{
            id: "email",
            name: "email",
            type: "email",
            autoComplete: "username",
            required: true,
            maxLength: 254,
            defaultValue: values.email ?? "",
          }}
        />
        <Field
          label="Password"
          errors={failure?.fieldErrors.password}
          inputProps={{
            id: "password",
            name: "password",
            type: "password",
            autoComplete: "current-password",
            required: true,
          }}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Sign in
          </button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Form>
      <p className="muted auth-links">
        New here?{" "}
        <Link
          to={redirectTo === "/" ? "/signup" : `/signup?${new URLSearchParams({ redirectTo })}`}
        >
          Create an account
        </Link>
        .
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
