/**
 * /invitation?token=… — a researcher accepts the invitation an admin sent to
 * the staff email on their profile. Signed in with that email: one button
 * links the account. Not signed in: sign in first when an account with that
 * email exists, otherwise choose a password and the account is created and
 * linked. Signed in as someone else: told to sign out. An unknown, used or
 * expired link says so (410). Logic: app/models/researcher-account.server.ts.
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
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getUser, requireUser } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { boundedReply } from "~/utils/forms.server";
import { acceptWithNewAccount } from "~/auth/invitation.server";
import { hashPassword } from "~/auth/password.server";
import { passwordProblem } from "~/auth/password-policy.server";
import {
  confirmingPassword,
  newPasswordField,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordShapeProblem,
} from "~/auth/password-rules";
import { setCookies } from "~/auth/sign-in.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import {
  acceptInvitation,
  findInvitation,
  getResearcherAccount,
} from "~/models/researcher-account.server";
import { getDb } from "~/utils/db.server";
import { NameSchema, passwordField } from "~/utils/form-fields";
import { requireFormData } from "~/utils/form-data.server";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [
  { title: pageTitle("Link your profile") },
  { name: "robots", content: "noindex" },
];

function newAccountSchema(check: (password: string) => string | null = passwordShapeProblem) {
  return confirmingPassword(
    z.object({
      intent: z.literal("create"),
      token: z.string().max(100),
      name: NameSchema,
      password: newPasswordField("Choose a password.", check),
      confirmPassword: passwordField("Type your password again."),
    }),
    { password: "password", confirm: "confirmPassword" },
  );
}

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = getUser(request);
  const done = url.searchParams.get("done");
  if (done !== null) {
    // After linking: confirmed from the database, not from the address.
    const account = user ? getResearcherAccount(getDb(), requireId(done)) : null;
    if (!account || account.user?.id !== user?.id) throw redirect("/");
    return { state: "linked" as const };
  }
  const token = url.searchParams.get("token") ?? "";
  const invitation = findInvitation(getDb(), token);
  if (!invitation) return data({ state: "invalid" as const }, { status: 410 });
  const common = { token, researcherName: invitation.researcherName, email: invitation.email };
  if (user)
    return user.email === invitation.email
      ? { state: "confirm" as const, ...common }
      : { state: "other_account" as const, ...common, signedInAs: user.email };
  if (invitation.existingUserId !== null) {
    const back = `/invitation?${new URLSearchParams({ token })}`;
    return {
      state: "sign_in" as const,
      ...common,
      loginUrl: `/login?${new URLSearchParams({ redirectTo: back })}`,
    };
  }
  return { state: "create" as const, ...common };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await requireFormData(request);
  const token = String(formData.get("token") ?? "");
  const ip = getClientIp(context);
  const db = getDb();
  if (formData.get("intent") === "link") {
    const user = requireUser(request);
    const outcome = acceptInvitation(db, token, user.id, ip);
    if (!outcome.ok) throw redirect(`/invitation?${new URLSearchParams({ token })}`);
    return redirect(`/invitation?done=${outcome.researcherId}`);
  }
  // Creating an account: only while nobody is signed in and no account has the email.
  const submission = parseWithZod(formData, { schema: newAccountSchema(passwordProblem) });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success")
    return data(boundedReply(submission.reply({ hideFields })), { status: 400 });
  if (getUser(request)) throw redirect(`/invitation?${new URLSearchParams({ token })}`);
  const result = acceptWithNewAccount(
    db,
    token,
    { name: submission.value.name, passwordHash: await hashPassword(submission.value.password) },
    { request, ip },
  );
  if ("ok" in result) throw redirect(`/invitation?${new URLSearchParams({ token })}`);
  return redirect(`/invitation?done=${result.researcherId}`, {
    headers: setCookies(result.cookies),
  });
}

const ClientSchema = newAccountSchema();

function NewAccountForm({ token, researcherName }: { token: string; researcherName: string }) {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invitation-account",
    lastResult,
    defaultValue: { token, name: researcherName, intent: "create" },
    constraint: getZodConstraint(ClientSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientSchema }),
  });
  return (
    <Form method="post" className="card stack" {...getFormProps(form)} noValidate>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.token, { type: "hidden" })} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} />
      <Field
        label="Your name"
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
      />
      <Field
        label="Password"
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`}
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
      <button type="submit" className="button">
        Create account and link profile
      </button>
    </Form>
  );
}

export default function InvitationPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Link your profile</h1>
      </header>
      {page.state === "invalid" ? (
        <p className="notice notice--warning">
          This invitation link has expired, was already used, or was replaced by a newer one. Ask an
          admin to send you a new invitation.
        </p>
      ) : page.state === "linked" ? (
        <p className="notice" role="status">
          Your account is now linked to your researcher profile.{" "}
          <Link to="/account">Your account</Link>
        </p>
      ) : (
        <>
          <p className="lede">
            An admin invited <strong>{page.researcherName}</strong> ({page.email}) to link their
            directory profile to an account.
          </p>
          {page.state === "confirm" ? (
            <Form method="post">
              <input type="hidden" name="token" value={page.token} />
              <button type="submit" name="intent" value="link" className="button">
                Link my account
              </button>
            </Form>
          ) : page.state === "other_account" ? (
            <p className="notice notice--warning">
              You are signed in as {page.signedInAs}, but this invitation is for {page.email}. Sign
              out, then open the link again.
            </p>
          ) : page.state === "sign_in" ? (
            <p>
              An account with this address exists.{" "}
              <Link to={page.loginUrl} className="button">
                Sign in to link it
              </Link>
            </p>
          ) : (
            <>
              <p>Choose a password to create your account; your profile is linked to it.</p>
              <NewAccountForm token={page.token} researcherName={page.researcherName} />
            </>
          )}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
