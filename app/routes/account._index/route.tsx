/**
 * /account — the signed-in person's own account: name, password, sessions,
 * data export and deletion. Loader and action each call requireUser; every
 * form posts an `intent`, validated by one discriminated schema (Conform on
 * both sides); the work is done in app/auth/account.server.ts. Changing the
 * password, signing out everywhere else and deleting the account all ask for
 * the current password.
 */
import { getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSession, requireUser } from "~/auth/auth.server";
import {
  changeName,
  changePassword,
  checkCurrentPassword,
  deleteAccount,
  listSessions,
  revokeOtherSessions,
} from "~/auth/account.server";
import { getClientIp } from "~/auth/client-ip.server";
import { outsideSignIns } from "~/auth/oidc.server";
import { getLinkedOrcid } from "~/auth/orcid.server";
import { OrcidSection } from "./orcid-section";
import { boundedReply } from "~/utils/forms.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { clearSessionCookie } from "~/auth/session.server";
import { describeWait, retryAfter } from "~/auth/throttle.server";
import { describeUserAgent } from "~/auth/user-agent";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import { formatDate } from "~/utils/time";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { CurrentPasswordField, IntentForm, useIntentForm } from "./forms";
import { accountSchema, HIDE } from "./schema";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Your account") }];

const NOTICES = {
  name: "Your name has been updated.",
  password: "Your password has been changed. Your other sessions have been signed out.",
  sessions: "You have been signed out everywhere else.",
} as const;

const ORCID_NOTICES = {
  linked: "Your ORCID iD is linked: you can sign in with ORCID.",
  unlinked: "Your ORCID iD is unlinked. Sign in with your email and password from now on.",
  unavailable: "ORCID cannot be reached right now. Please try again in a minute.",
} as const;

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const currentId = getSession(request)?.session.id;
  const url = new URL(request.url);
  const notice = url.searchParams.get("done");
  const orcidNotice = url.searchParams.get("orcid");
  // ORCID sign-in is for candidates; staff use single sign-on or a password and an authenticator.
  const orcid =
    user.role === "candidate"
      ? { linked: getLinkedOrcid(getDb(), user.id), available: outsideSignIns().orcid }
      : null;
  return {
    orcid,
    user: { name: user.name, email: user.email, role: user.role },
    sessions: listSessions(getDb(), user.id).map((s) => ({
      key: s.id.slice(0, 12),
      current: s.id === currentId,
      createdAt: s.createdAt,
      lastActiveAt: s.lastActiveAt,
      device: describeUserAgent(s.userAgent),
    })),
    notice:
      notice && Object.hasOwn(NOTICES, notice)
        ? NOTICES[notice as keyof typeof NOTICES]
        : orcidNotice && Object.hasOwn(ORCID_NOTICES, orcidNotice)
          ? ORCID_NOTICES[orcidNotice as keyof typeof ORCID_NOTICES]
          : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const sessionId = getSession(request)!.session.id;
  const meta = { ip: getClientIp(context) };
  const schema = accountSchema((password) => passwordProblem(password, user.email));
  const submission = parseWithZod(await requireFormData(request), { schema });
  const fail = (
    errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {},
    init: ResponseInit = { status: 400 },
  ) => data(boundedReply(submission.reply({ ...errors, hideFields: HIDE })), init);
  if (submission.status !== "success") return fail();
  const form = submission.value;

  if (form.intent === "name") {
    changeName(getDb(), user.id, form.name, meta);
    return redirect("/account?done=name");
  }

  const check = await checkCurrentPassword(getDb(), user, form.currentPassword, {
    ...meta,
    request,
  });
  if (check.kind === "throttled") {
    const message = `Too many wrong passwords. Please wait ${describeWait(check.waitMs)} and try again.`;
    return fail({ formErrors: [message] }, { status: 429, headers: retryAfter(check.waitMs) });
  }
  if (check.kind === "wrong")
    return fail({ fieldErrors: { currentPassword: ["Your current password is incorrect."] } });

  if (form.intent === "sessions") {
    revokeOtherSessions(getDb(), user.id, sessionId, meta);
    return redirect("/account?done=sessions");
  }
  if (form.intent === "delete") {
    if (deleteAccount(getDb(), user.id, meta).kind === "last_admin") {
      const message =
        "You are the only administrator. Make someone else an administrator before deleting your account.";
      return fail({ formErrors: [message] });
    }
    return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
  }
  await changePassword(getDb(), user.id, sessionId, form.newPassword, meta);
  return redirect("/account?done=password");
}

export default function AccountPage() {
  const { user, sessions, notice, orcid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [nameForm, nameFields] = useIntentForm("name", lastResult);
  const [passwordForm, passwordFields] = useIntentForm("password", lastResult);
  const [sessionsForm, sessionsFields] = useIntentForm("sessions", lastResult);
  const [deleteForm, deleteFields] = useIntentForm("delete", lastResult);
  const unknownIntent =
    lastResult?.error &&
    !(["name", "password", "sessions", "delete"] as unknown[]).includes(
      lastResult.initialValue?.intent,
    )
      ? Object.values(lastResult.error).flat()
      : null;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="container narrow stack">
      <header className="page-header">
        <h1>Your account</h1>
        <p className="lede">
          Signed in as {user.email}.{" "}
          {user.role === "candidate" ? (
            <Link to="/account/profile">Edit your candidate profile</Link>
          ) : null}
        </p>
      </header>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormErrors id="account-errors" errors={unknownIntent} />

      <section className="card" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">Two-factor authentication</h2>
        <p>
          <Link to="/account/two-factor">Set up or manage two-factor authentication</Link>
        </p>
      </section>

      {orcid && (orcid.linked || orcid.available) ? <OrcidSection linked={orcid.linked} /> : null}

      <section className="card" aria-labelledby="name-heading">
        <h2 id="name-heading">Your name</h2>
        <IntentForm intent="name" form={nameForm}>
          <Field
            label="Full name"
            errors={nameFields.name.errors}
            inputProps={{
              ...getInputProps(nameFields.name, { type: "text" }),
              defaultValue: nameFields.name.initialValue ?? user.name,
              autoComplete: "name",
              maxLength: 100,
            }}
          />
          <button type="submit" className="button">
            Save name
          </button>
        </IntentForm>
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <p className="muted">Changing your password signs out your other sessions.</p>
        <IntentForm intent="password" form={passwordForm}>
          <CurrentPasswordField field={passwordFields.currentPassword} />
          <Field
            label="New password"
            hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`}
            errors={passwordFields.newPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.newPassword, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          <Field
            label="Confirm new password"
            errors={passwordFields.confirmPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.confirmPassword, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          <button type="submit" className="button">
            Change password
          </button>
        </IntentForm>
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.key}>
              <strong>{s.device}</strong>
              {s.current ? <span className="tag tag--accent">This device</span> : null}
              <br />
              <span className="muted small">
                Signed in {formatDate(s.createdAt)} · last active {formatDate(s.lastActiveAt)}
              </span>
            </li>
          ))}
        </ul>
        {others === 0 ? (
          <p className="muted small">This is your only session.</p>
        ) : (
          <IntentForm intent="sessions" form={sessionsForm}>
            <CurrentPasswordField field={sessionsFields.currentPassword} />
            <button type="submit" className="button button--ghost">
              Sign out everywhere else
            </button>
          </IntentForm>
        )}
      </section>

      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">Your data</h2>
        <p>
          Download everything we hold about you — your account, profile and applications — as a JSON
          file.
        </p>
        <form method="post" action="/account/export">
          <button type="submit" className="button button--ghost">
            Export my data
          </button>
        </form>
      </section>

      <section className="card danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          This deletes your account, your profile and your applications for good. It cannot be
          undone.
        </p>
        <IntentForm intent="delete" form={deleteForm}>
          <CurrentPasswordField field={deleteFields.currentPassword} />
          <button type="submit" className="button button--danger">
            Delete my account
          </button>
        </IntentForm>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
