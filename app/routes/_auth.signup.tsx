/**
 * /signup — creates a candidate account and signs it in. Validation:
 * SignupSchema below (fields from app/auth/forms.server.ts, the password
 * policy from app/auth/password-policy.server.ts); the write: signUp() in
 * app/auth/sign-in.server.ts. Rate-limited per IP.
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
import { FormErrors, useActionResult } from "~/auth/form-errors";
import { EmailSchema, NameSchema, passwordField, RedirectToSchema } from "~/utils/form-fields";
import { formFailure, parseForm } from "~/auth/forms.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { consumeRateLimit, retryAfter, SIGNUP_LIMIT } from "~/auth/rate-limit.server";
import { safeRedirect } from "~/auth/redirect";
import { sessionCookie } from "~/auth/session.server";
import { EMAIL_TAKEN, signUp } from "~/auth/sign-in.server";
import { describeWait } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Create an account") }];

export function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (getUser(request)) throw redirect(redirectTo);
  return { redirectTo };
}

const SignupSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    password: passwordField("Choose a password."),
    confirmPassword: passwordField("Type your password again."),
    redirectTo: RedirectToSchema,
  })
  .superRefine(({ email, password, confirmPassword }, ctx) => {
    const problem = passwordProblem(password, email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (password !== confirmPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["confirmPassword"],
        message: "The two passwords do not match.",
      });
    }
  });

const KEEP = ["name", "email", "redirectTo"] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = getClientIp(context);
  const wait = consumeRateLimit(SIGNUP_LIMIT, ip);
  if (wait > 0) {
    const message = `Too many accounts were created from your network. Please try again in ${describeWait(wait)}.`;
    return formFailure(
      { fieldErrors: {}, formErrors: [message], values: {} },
      { status: 429, headers: retryAfter(wait) },
    );
  }
  const form = await parseForm(request, SignupSchema, KEEP);
  if (!form.ok) return formFailure(form);

  const { name, email, password, redirectTo } = form.data;
  const result = await signUp(
    { name, email, password },
    { ip, userAgent: request.headers.get("User-Agent") },
  );
  if (result.kind === "email_taken") {
    const values = {
      name: form.formData.get("name") as string,
      email: form.formData.get("email") as string,
      redirectTo,
    };
    return formFailure({ fieldErrors: { email: [EMAIL_TAKEN] }, formErrors: [], values });
  }
  return redirect(redirectTo, {
    headers: { "Set-Cookie": sessionCookie(result.token, result.session.expiresAt) },
  });
}

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const failure = useActionResult();
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Create an account</h1>
        <p className="lede">
          Apply to research roles and follow each application until a decision.
        </p>
      </header>
      <Form method="post" className="stack" noValidate>
        <FormErrors id="signup-errors" errors={failure?.formErrors} />
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? redirectTo} />
        <Field
          label="Full name"
          errors={errors.name}
          inputProps={{
            id: "name",
            name: "name",
            type: "text",
            autoComplete: "name",
            required: true,
            maxLength: 100,
            defaultValue: values.name ?? "",
          }}
        />
        <Field
          label="Email"
          errors={errors.email}
          inputProps={{
            id: "email",
            name: "email",
            type: "email",
            autoComplete: "email",
            required: true,
            maxLength: 254,
            defaultValue: values.email ?? "",
          }}
        />
        <Field
          label="Password"
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A passphrase of a few unrelated words works well.`}
          errors={errors.password}
          inputProps={{
            id: "password",
            name: "password",
            type: "password",
            autoComplete: "new-password",
            required: true,
          }}
        />
        <Field
          label="Confirm password"
          errors={errors.confirmPassword}
          inputProps={{
            id: "confirmPassword",
            name: "confirmPassword",
            type: "password",
            autoComplete: "new-password",
            required: true,
          }}
        />
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
