/**
 * /reset-password?token=… — choose a new password with a mailed token. The
 * token stays in the URL (the server logs paths only, and the Referrer-Policy
 * keeps it from other sites); it is looked up by its SHA-256, used once, and
 * expires after an hour. On success every session of the account ends and the
 * person signs in again with the new password (we do not sign them in: that
 * also proves they know it).
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
import { getClientIp } from "~/auth/client-ip.server";
import { completePasswordReset } from "~/auth/password-reset.server";
import { passwordProblem } from "~/auth/password-policy.server";
import {
  confirmingPassword,
  newPasswordField,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordShapeProblem,
} from "~/auth/password-rules";
import { findResetTokenUser } from "~/auth/reset.server";
import { clearSessionCookie } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { passwordField } from "~/utils/form-fields";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Choose a new password") }];

const INVALID_LINK = "This reset link has expired or has already been used. Ask for a new one.";

function tokenOf(request: Request) {
  return new URL(request.url).searchParams.get("token");
}

export function loader({ request }: LoaderFunctionArgs) {
  const user = findResetTokenUser(getDb(), tokenOf(request));
  return { valid: Boolean(user) };
}

/** `checkPassword`: the shape rules in the browser, the whole policy (with the account's email) on the server. */
function resetSchema(checkPassword: (password: string) => string | null = passwordShapeProblem) {
  return confirmingPassword(
    z.object({
      password: newPasswordField("Choose a new password.", checkPassword),
      confirmPassword: passwordField("Type your new password again."),
    }),
    { password: "password", confirm: "confirmPassword" },
  );
}

const HIDE = ["password", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const token = tokenOf(request);
  const user = findResetTokenUser(getDb(), token);
  const schema = resetSchema((password) => passwordProblem(password, user?.email));
  const submission = parseWithZod(await requireFormData(request), { schema });
  const invalidLink = () =>
    data(submission.reply({ formErrors: [INVALID_LINK], hideFields: HIDE }), { status: 400 });
  if (!token || !user) return invalidLink();
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: HIDE }), { status: 400 });
  const result = await completePasswordReset(getDb(), token, submission.value.password, {
    ip: getClientIp(context),
  });
  if (result.kind !== "ok") return invalidLink();
  // Any session in this browser was ended with the others; drop its cookie too.
  return redirect("/login?reset=done", { headers: { "Set-Cookie": clearSessionCookie() } });
}

const ClientSchema = resetSchema();

export default function ResetPasswordPage() {
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
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
        <h1>Choose a new password</h1>
      </header>
      {valid ? (
        <Form method="post" className="stack" {...getFormProps(form)} noValidate>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label="New password"
            hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`}
            errors={fields.password.errors}
            inputProps={{
              ...getInputProps(fields.password, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          <Field
            label="Confirm new password"
            errors={fields.confirmPassword.errors}
            inputProps={{
              ...getInputProps(fields.confirmPassword, { type: "password" }),
              autoComplete: "new-password",
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
