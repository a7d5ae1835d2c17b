/**
 * /setup?token=… — the first run of a deployment without demo data: names
 * the organisation and creates the first admin, who is signed in and sent
 * straight on to set up two-factor authentication (required for staff), then
 * to the settings. Exists only with the live token the server printed at
 * start and while no admin exists: otherwise, with or without a token, it is
 * the same 404 as any unknown page. Logic: app/auth/setup.server.ts.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getClientIp } from "~/auth/client-ip.server";
import { boundedReply } from "~/utils/forms.server";
import { hashPassword } from "~/auth/password.server";
import { passwordProblem } from "~/auth/password-policy.server";
import {
  confirmingPassword,
  newPasswordField,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordShapeProblem,
} from "~/auth/password-rules";
import { completeSetup, isSetupTokenValid } from "~/auth/setup.server";
import { enrolmentPath } from "~/auth/enrolment.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { getDb } from "~/utils/db.server";
import {
  EmailSchema,
  NameSchema,
  optionalTextField,
  passwordField,
  textField,
} from "~/utils/form-fields";
import { requireFormData } from "~/utils/form-data.server";
import authStyles from "~/styles/auth.css";
import settingsStyles from "~/styles/settings.css";
import { invariantResponse } from "~/utils/misc";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: authStyles },
  { rel: "stylesheet", href: settingsStyles },
];
// Not pageTitle: the organisation has no name yet.
export const meta: MetaFunction = () => [
  { title: "Set up your organisation’s site" },
  { name: "robots", content: "noindex" },
];

function setupSchema(checkPassword: (password: string) => string | null = passwordShapeProblem) {
  return confirmingPassword(
    z.object({
      token: z.string().max(100),
      organisationName: textField("Enter the organisation's name.", { min: 2, max: 120 }),
      shortName: optionalTextField({ max: 40 }),
      name: NameSchema,
      email: EmailSchema,
      password: newPasswordField("Choose a password.", checkPassword),
      confirmPassword: passwordField("Type your password again."),
    }),
    { password: "password", confirm: "confirmPassword" },
  );
}

export function loader({ request }: LoaderFunctionArgs) {
  // Nobody is signed in before the first admin exists; the token is the only key.
  // Anything but a live token is the ordinary 404: the page's existence is not revealed.
  const token = new URL(request.url).searchParams.get("token");
  invariantResponse(isSetupTokenValid(getDb(), token), "Not found", { status: 404 });
  return { token: token! };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await requireFormData(request);
  const token = formData.get("token");
  invariantResponse(typeof token === "string" && isSetupTokenValid(getDb(), token), "Not found", {
    status: 404,
  });
  const submission = parseWithZod(formData, { schema: setupSchema(passwordProblem) });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success")
    return data(boundedReply(submission.reply({ hideFields })), { status: 400 });
  const { organisationName, shortName, name, email, password } = submission.value;
  const result = completeSetup(
    getDb(),
    { token, organisationName, shortName, name, email, passwordHash: await hashPassword(password) },
    { request, ip: getClientIp(context) },
  );
  invariantResponse(result.kind !== "invalid_token", "Not found", { status: 404 });
  if (result.kind === "email_taken")
    return data(
      boundedReply(
        submission.reply({
          fieldErrors: { email: ["An account already uses this address. Choose another one."] },
          hideFields,
        }),
      ),
      { status: 400 },
    );
  // Staff need two-factor authentication: the enrolment link's page sets it up and signs in.
  return redirect(enrolmentPath(result.enrolmentToken));
}

const ClientSchema = setupSchema();

export default function Setup() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "setup",
    lastResult,
    defaultValue: { token },
    constraint: getZodConstraint(ClientSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientSchema }),
  });
  return (
    <div className="container narrow setup">
      <header className="page-header">
        <h1>Set up your organisation’s site</h1>
        <p className="lede">
          Name your organisation and create the first admin account. This page works once.
        </p>
      </header>
      <ol className="setup-steps" aria-label="Steps">
        <li aria-current="step">1. Organisation and admin</li>
        <li>2. Two-factor authentication</li>
        <li>3. Settings</li>
      </ol>
      <Form method="post" className="card stack" {...getFormProps(form)} noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.token, { type: "hidden" })} />
        <fieldset>
          <legend>Your organisation</legend>
          <Field
            label="Organisation name"
            hint="As it should appear in the header, page titles and emails. You can change it later."
            errors={fields.organisationName.errors}
            inputProps={{
              ...getInputProps(fields.organisationName, { type: "text" }),
              autoComplete: "organization",
            }}
          />
          <Field
            label="Short name"
            hint="Optional: a shorter form for tight places."
            errors={fields.shortName.errors}
            inputProps={getInputProps(fields.shortName, { type: "text" })}
          />
        </fieldset>
        <fieldset>
          <legend>The first admin</legend>
          <Field
            label="Your name"
            errors={fields.name.errors}
            inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
          />
          <Field
            label="Email"
            errors={fields.email.errors}
            inputProps={{
              ...getInputProps(fields.email, { type: "email" }),
              autoComplete: "email",
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
        </fieldset>
        <p className="hint">
          Next you set up an authenticator app: admins sign in with a password and a code.
        </p>
        <button type="submit" className="button" disabled={busy}>
          Create admin and continue
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
