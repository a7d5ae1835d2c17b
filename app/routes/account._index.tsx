/**
 * /account — the signed-in person's own account: name, password, sessions,
 * data export and deletion. Loader and action each call requireUser; every
 * form posts an `intent`, validated by its own schema below; the work is done
 * in app/auth/account.server.ts.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
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
import { FormErrors, useActionResult } from "~/auth/form-errors";
import { NameSchema, passwordField } from "~/utils/form-fields";
import { parseFormData, readFormData, type FormFailure } from "~/auth/forms.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { retryAfter } from "~/auth/rate-limit.server";
import { clearSessionCookie } from "~/auth/session.server";
import { describeWait } from "~/auth/throttle.server";
import { describeUserAgent } from "~/auth/user-agent";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { formatDate, pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Your account") }];

const NOTICES = {
  name: "Your name has been updated.",
  password: "Your password has been changed. Your other sessions have been signed out.",
  sessions: "You have been signed out everywhere else.",
} as const;

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const currentId = getSession(request)?.session.id;
  const notice = new URL(request.url).searchParams.get("done");
  return {
    user: { name: user.name, email: user.email, role: user.role },
    sessions: listSessions(user.id).map((s) => ({
      key: s.id.slice(0, 12),
      current: s.id === currentId,
      createdAt: s.createdAt,
      lastActiveAt: s.lastActiveAt,
      device: describeUserAgent(s.userAgent),
    })),
    notice:
      notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice as keyof typeof NOTICES] : null,
  };
}

const NameForm = z.object({ name: NameSchema });
const PasswordForm = z.object({
  currentPassword: passwordField("Enter your current password."),
  newPassword: passwordField("Choose a new password."),
  confirmPassword: passwordField("Type your new password again."),
});
const DeleteForm = z.object({ currentPassword: passwordField("Enter your current password.") });

type Intent = "name" | "password" | "sessions" | "delete";
type Failure = FormFailure & { intent: Intent | null };

function fail(
  intent: Intent | null,
  failure: Omit<FormFailure, "ok">,
  status = 400,
  headers?: Record<string, string>,
) {
  return data<Failure>({ ...failure, ok: false, intent }, { status, headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const sessionId = getSession(request)!.session.id;
  const meta = { ip: getClientIp(context) };
  const formData = await readFormData(request);
  const intent = formData?.getAll("intent");

  if (intent?.length === 1 && intent[0] === "name") {
    const form = parseFormData(formData, NameForm, ["name"]);
    if (!form.ok) return fail("name", form);
    changeName(user.id, form.data.name, meta);
    return redirect("/account?done=name");
  }

  if (intent?.length === 1 && intent[0] === "sessions") {
    revokeOtherSessions(user.id, sessionId, meta);
    return redirect("/account?done=sessions");
  }

  if (intent?.length === 1 && (intent[0] === "password" || intent[0] === "delete")) {
    const which = intent[0];
    const form = parseFormData(formData, which === "password" ? PasswordForm : DeleteForm, []);
    if (!form.ok) return fail(which, form);
    const check = await checkCurrentPassword(user, form.data.currentPassword, meta);
    if (check.kind === "throttled") {
      const message = `Too many wrong passwords. Please wait ${describeWait(check.waitMs)} and try again.`;
      return fail(
        which,
        { fieldErrors: {}, formErrors: [message], values: {} },
        429,
        retryAfter(check.waitMs),
      );
    }
    if (check.kind === "wrong") {
      return fail(which, {
        fieldErrors: { currentPassword: ["Your current password is incorrect."] },
        formErrors: [],
        values: {},
      });
    }
    if (which === "delete") {
      if (deleteAccount(user.id, meta).kind === "last_admin") {
        const message =
          "You are the only administrator. Make someone else an administrator before deleting your account.";
        return fail(which, { fieldErrors: {}, formErrors: [message], values: {} });
      }
      return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
    }
    const { newPassword, confirmPassword } = form.data as z.output<typeof PasswordForm>;
    const problem = passwordProblem(newPassword, user.email);
    if (problem || newPassword !== confirmPassword) {
      const fieldErrors = problem
        ? { newPassword: [problem] }
        : { confirmPassword: ["The two passwords do not match."] };
      return fail(which, { fieldErrors, formErrors: [], values: {} });
    }
    await changePassword(user.id, sessionId, newPassword, meta);
    return redirect("/account?done=password");
  }

  return fail(null, {
    fieldErrors: {},
    formErrors: ["That action is not recognised. Please use the buttons on this page."],
    values: {},
  });
}

export default function AccountPage() {
  const { user, sessions, notice } = useLoaderData<typeof loader>();
  const failure = useActionResult<Failure>();
  const errorsFor = (intent: Intent) => (failure?.intent === intent ? failure : undefined);
  const nameErr = errorsFor("name");
  const passwordErr = errorsFor("password");
  const deleteErr = errorsFor("delete");
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
      {failure && failure.intent === null ? (
        <FormErrors id="account-errors" errors={failure.formErrors} />
      ) : null}

      <section className="card" aria-labelledby="name-heading">
        <h2 id="name-heading">Your name</h2>
        <Form method="post" noValidate>
          <FormErrors id="name-errors" errors={nameErr?.formErrors} />
          <Field
            label="Full name"
            errors={nameErr?.fieldErrors.name}
            inputProps={{
              id: "name",
              name: "name",
              type: "text",
              autoComplete: "name",
              required: true,
              maxLength: 100,
              defaultValue: nameErr?.values.name ?? user.name,
            }}
          />
          <button type="submit" name="intent" value="name" className="button">
            Save name
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <p className="muted">Changing your password signs out your other sessions.</p>
        <Form method="post" noValidate>
          <FormErrors id="password-errors" errors={passwordErr?.formErrors} />
          <Field
            label="Current password"
            errors={passwordErr?.fieldErrors.currentPassword}
            inputProps={{
              id: "currentPassword",
              name: "currentPassword",
              type: "password",
              autoComplete: "current-password",
              required: true,
            }}
          />
          <Field
            label="New password"
            hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`}
            errors={passwordErr?.fieldErrors.newPassword}
            inputProps={{
              id: "newPassword",
              name: "newPassword",
              type: "password",
              autoComplete: "new-password",
              required: true,
            }}
          />
          <Field
            label="Confirm new password"
            errors={passwordErr?.fieldErrors.confirmPassword}
            inputProps={{
              id: "confirmPassword",
              name: "confirmPassword",
              type: "password",
              autoComplete: "new-password",
              required: true,
            }}
          />
          <button type="submit" name="intent" value="password" className="button">
            Change password
          </button>
        </Form>
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
        <Form method="post" className="button-row">
          <button
            type="submit"
            name="intent"
            value="sessions"
            className="button button--ghost"
            disabled={others === 0}
          >
            Sign out everywhere else
          </button>
          {others === 0 ? <span className="muted small">This is your only session.</span> : null}
        </Form>
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
        <Form method="post" noValidate>
          <FormErrors id="delete-errors" errors={deleteErr?.formErrors} />
          <Field
            label="Current password"
            errors={deleteErr?.fieldErrors.currentPassword}
            inputProps={{
              id: "deletePassword",
              name: "currentPassword",
              type: "password",
              autoComplete: "current-password",
              required: true,
            }}
          />
          <button type="submit" name="intent" value="delete" className="button button--danger">
            Delete my account
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
