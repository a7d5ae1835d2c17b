/**
 * /admin/users/:id (admins only) — one account: its role, two-factor and
 * sessions, and offboarding. Loader and action each call requireRole(request,
 * "admin"); the changes are changeRole() in app/auth/admin.server.ts and
 * deactivateUser()/reactivateUser() in app/auth/offboarding.server.ts.
 */
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLE_LABELS, ROLES } from "~/lib/enums";
import { changeRole } from "~/auth/admin.server";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { deactivateUser, getUserForAdmin, reactivateUser } from "~/auth/offboarding.server";
import { ErrorList, FormErrors } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse, plural } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { formatStaffDate, formatStaffDateTime } from "~/utils/time";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.user.name ?? "User", "Admin") },
];

const NOTICES = {
  role: "The role has been changed.",
  deactivated: "The account is deactivated: it is signed out everywhere and cannot sign in.",
  reactivated: "The account can sign in again.",
} as const;

export function loader({ request, params }: LoaderFunctionArgs) {
  const admin = requireRole(request, "admin");
  const user = getUserForAdmin(getDb(), requireId(params.id));
  invariantResponse(user, "That user does not exist.", { status: 404 });
  const done = new URL(request.url).searchParams.get("done");
  const notice = done && done in NOTICES ? NOTICES[done as keyof typeof NOTICES] : null;
  return { user, self: user.id === admin.id, notice };
}

const Schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("role"),
    role: z.enum(ROLES, { error: "Choose one of the roles listed and try again." }),
  }),
  z.object({
    intent: z.literal("deactivate"),
    confirm: z.literal("yes", { error: "Tick the box to confirm." }),
  }),
  z.object({ intent: z.literal("reactivate") }),
]);

const REFUSALS = {
  last_admin: "This is the last admin who can sign in. Make someone else an admin first.",
  self: "You cannot deactivate your own account.",
  not_staff: "Candidates delete their own accounts; only staff accounts are deactivated.",
  already: "Nothing to change: the account is already in that state.",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const userId = requireId(params.id);
  const submission = parseWithZod(await requireFormData(request), { schema: Schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const db = getDb();
  const meta = { ip: getClientIp(context) };
  const value = submission.value;
  const result =
    value.intent === "role"
      ? changeRole(db, admin.id, userId, value.role, meta)
      : value.intent === "deactivate"
        ? deactivateUser(db, admin.id, userId, meta)
        : reactivateUser(db, admin.id, userId, meta);
  invariantResponse(result.kind !== "not_found", "That user does not exist.", { status: 404 });
  if (result.kind !== "ok")
    return data(submission.reply({ formErrors: [REFUSALS[result.kind]] }), { status: 400 });
  const done = value.intent === "role" ? "role" : `${value.intent}d`;
  return redirect(`/admin/users/${userId}?done=${done}`);
}

export default function AdminUserPage() {
  const { user, self, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "user-form",
    lastResult,
    constraint: getZodConstraint(Schema),
    defaultValue: { role: user.role },
  });
  const staff = user.role !== "candidate";
  return (
    <div className="container narrow">
      <header className="page-header">
        <p>
          <Link to="/admin/users">Users</Link>
        </p>
        <h1>
          {user.name}
          {self ? " (you)" : ""}
        </h1>
        <p className="lede">{user.email}</p>
      </header>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div role="alert">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <dl className="definition-list">
        <dt>Status</dt>
        <dd>
          {user.deactivatedAt ? (
            <span className="status-badge status-badge--closed">
              Deactivated {formatStaffDate(user.deactivatedAt)}
            </span>
          ) : (
            <span className="status-badge status-badge--open">Active</span>
          )}
        </dd>
        <dt>Joined</dt>
        <dd>{formatStaffDateTime(user.createdAt)}</dd>
        <dt>Two-factor</dt>
        <dd>
          {user.twoFactor ? "On" : "Off"}
          {staff && !user.deactivatedAt ? (
            <>
              {" · "}
              <Link to={`/admin/users/${user.id}/enrolment`}>Enrolment link</Link>
            </>
          ) : null}
        </dd>
        <dt>Sessions</dt>
        <dd>
          {plural(user.sessions, "active session")} ·{" "}
          <Link to={`/admin/users/${user.id}/sessions`}>Sessions</Link>
        </dd>
      </dl>

      <section aria-labelledby="role-heading" className="stack">
        <h2 id="role-heading">Role</h2>
        <Form method="post" className="role-form" {...getFormProps(form)}>
          <div className="field">
            <label htmlFor={fields.role.id}>Role</label>
            <select {...getSelectProps(fields.role)}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
            <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
          </div>
          <button type="submit" name="intent" value="role" className="button">
            Change role
          </button>
        </Form>
      </section>

      {(staff || user.deactivatedAt) && !self ? (
        <section aria-labelledby="offboarding-heading" className="stack">
          <h2 id="offboarding-heading">
            {user.deactivatedAt ? "Reactivate" : "Deactivate (offboarding)"}
          </h2>
          {user.deactivatedAt ? (
            <Form method="post" className="stack">
              <p>
                Reactivating lets {user.name} sign in again with their password. Staff without
                two-factor set it up again through an enrolment link.
              </p>
              <button type="submit" name="intent" value="reactivate" className="button">
                Reactivate account
              </button>
            </Form>
          ) : (
            <Form method="post" className="stack">
              <p>
                For someone who has left: their sessions end at once, and they can no longer sign in
                or reset their password. Their notes, scorecards and the audit trail keep their
                name.
              </p>
              <div className="checkbox-row">
                <input id="confirm" type="checkbox" name="confirm" value="yes" required />
                <label htmlFor="confirm">I want to deactivate {user.email}</label>
              </div>
              <ErrorList id="confirm-error" errors={lastResult?.error?.confirm} />
              <button
                type="submit"
                name="intent"
                value="deactivate"
                className="button button--danger"
              >
                Deactivate account
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
