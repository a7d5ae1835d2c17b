/**
 * /login — email and password. Validation: LoginSchema below (Conform on both
 * sides); the throttle, credential check and new session: signIn() in
 * app/auth/sign-in.server.ts. `redirectTo` is honoured for same-origin paths only.
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
import { startTwoFactorSignIn } from "~/auth/mfa-gate.server";
import { boundedReply } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { INVALID_CREDENTIALS, landingPath, setCookies, signIn } from "~/auth/sign-in.server";
import { describeWait, retryAfter } from "~/auth/throttle.server";
import { Field, FormErrors } from "~/components/forms";
import { OrcidSignInButton, SsoSignInButton } from "~/components/outside-sign-in";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmailSchema, passwordField, RedirectToSchema } from "~/utils/form-fields";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { getPublicOpening } from "~/models/opening.server";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.applyingFor ? `Sign in to apply for ${data.applyingFor}` : "Sign in") },
];

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  // Already signed in: nothing to do here.
  if (getUser(request)) throw redirect(redirectTo);
  // Signing in from an apply link names the role and goes back to its form.
  const applySlug = /^\/careers\/([a-z0-9-]{1,120})\/apply$/.exec(redirectTo)?.[1];
  const applyingFor = applySlug ? (getPublicOpening(getDb(), applySlug)?.title ?? null) : null;
  const outside = outsideSignIns();
  const error = url.searchParams.get("error");
  return {
    redirectTo,
    applyingFor,
    passwordReset: url.searchParams.get("reset") === "done",
    outside,
    outsideError:
      error === "sso" || error === "orcid"
        ? `${error === "sso" ? (outside.sso ?? "Single sign-on") : "ORCID"} cannot be reached right now. Please try again in a minute.`
        : null,
  };
}

const SSO_REQUIRED = "Staff sign in with single sign-on: use the button below.";

const LoginSchema = z.object({
  email: EmailSchema,
  password: passwordField(),
  redirectTo: RedirectToSchema,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await requireFormData(request), { schema: LoginSchema });
  const fail = (formErrors?: string[], init: ResponseInit = { status: 400 }) =>
    data(boundedReply(submission.reply({ formErrors, hideFields: ["password"] })), init);
  if (submission.status !== "success") return fail();
  const { email, password, redirectTo } = submission.value;

  const db = getDb();
  const result = await signIn(db, { email, password }, { request, ip: getClientIp(context) });
  if (result.kind === "throttled") {
    const message = `Too many failed sign-in attempts. Please wait ${describeWait(result.waitMs)} and try again.`;
    return fail([message], { status: 429, headers: retryAfter(result.waitMs) });
  }
  if (result.kind === "two_factor")
    return startTwoFactorSignIn(result.userId, landingPath(db, result.userId, redirectTo));
  if (result.kind === "invalid") return fail([INVALID_CREDENTIALS]);
  if (result.kind === "sso_required") return fail([SSO_REQUIRED], { status: 403 });
  return redirect(landingPath(db, result.userId, redirectTo), {
    headers: setCookies(result.cookies),
  });
}

export default function LoginPage() {
  const { redirectTo, applyingFor, passwordReset, outside, outsideError } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    defaultValue: { redirectTo },
    constraint: getZodConstraint(LoginSchema),
    // Not onBlur: an error appearing as the field loses focus moves the submit button
    // away from a click already under way (mouse down blurs, mouse up misses).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>{applyingFor ? `Sign in to apply for ${applyingFor}` : "Sign in"}</h1>
        {applyingFor ? (
          <p className="lede">
            You will come back to the application form. Applying needs an account so you can follow
            your application until a decision.
          </p>
        ) : null}
      </header>
      {passwordReset ? (
        <p className="notice notice--info" role="status">
          Your password has been changed. Sign in with your new password.
        </p>
      ) : null}
      {outsideError ? (
        <p className="notice notice--warning" role="alert">
          {outsideError}
        </p>
      ) : null}
      {outside.sso || outside.orcid ? (
        <div className="outside-sign-ins">
          {outside.orcid ? <OrcidSignInButton redirectTo={redirectTo} /> : null}
          {outside.sso ? <SsoSignInButton name={outside.sso} redirectTo={redirectTo} /> : null}
          <p className="muted">Or sign in with your email and password:</p>
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
        <Field
          label="Email"
          errors={fields.email.errors}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "username",
            maxLength: 254,
          }}
        />
        <Field
          label="Password"
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "current-password",
          }}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Sign in
          </button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Form>
      <p className="muted">
        New here?{" "}
        {applyingFor ? (
          <Link to={redirectTo}>Apply and create your account in one step</Link>
        ) : (
          <Link
            to={redirectTo === "/" ? "/signup" : `/signup?${new URLSearchParams({ redirectTo })}`}
          >
            Create an account
          </Link>
        )}
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
