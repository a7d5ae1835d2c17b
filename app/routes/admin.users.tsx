/**
 * /admin/users (admins only) — find users by email or name and change their
 * role. Loader and action each call requireRole(request, "admin"); the change
 * itself (last-admin guard, audit row) is changeRole() in app/auth/admin.server.ts.
 */
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
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
import { ROLES, type Role } from "~/lib/enums";
import { changeRole, listUsers } from "~/auth/admin.server";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { ErrorList, FormErrors } from "~/components/forms";
import { requireFormData } from "~/utils/form-data.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { parsePage, parseQuery } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import { plural } from "~/utils/misc";
import authStyles from "~/styles/auth.css";
import { TableWrap } from "~/components/table-wrap";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Users", "Admin") }];

const ROLE_LABELS = { candidate: "Candidate", recruiter: "Recruiter", admin: "Admin" } as const;

export function loader({ request }: LoaderFunctionArgs) {
  const admin = requireRole(request, "admin");
  const url = new URL(request.url);
  const q = parseQuery(url.searchParams.get("q"));
  const page = parsePage(url.searchParams.get("page"));
  const changed = url.searchParams.get("changed");
  return { q, page, me: admin.id, changed: changed === "1", ...listUsers(getDb(), { q, page }) };
}

const RoleSchema = z.object({
  userId: z.number({ error: "Choose a user from the list." }).int().positive(),
  role: z.enum(ROLES, { error: "Choose one of the roles listed and try again." }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: RoleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { userId, role } = submission.value;
  const result = changeRole(getDb(), admin.id, userId, role, { ip: getClientIp(context) });
  if (result.kind === "not_found")
    return data(submission.reply({ formErrors: ["That user no longer exists."] }), {
      status: 404,
    });
  if (result.kind === "last_admin") {
    return data(
      submission.reply({
        formErrors: ["This is the last admin. Make someone else an admin first."],
      }),
      { status: 400 },
    );
  }
  // Post/redirect/get back to the same list: the form posted to this URL, search and page included.
  const back = new URL(request.url);
  back.searchParams.set("changed", "1");
  return redirect(`${back.pathname}?${back.searchParams}`);
}

/** One row's role form; the action's answer is shown only beside the row it was about. */
function RoleForm({
  user,
  lastResult,
}: {
  user: { id: number; email: string; role: Role };
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const mine = lastResult?.initialValue?.userId === String(user.id) ? lastResult : undefined;
  const [form, fields] = useForm({
    id: `role-form-${user.id}`,
    lastResult: mine,
    defaultValue: { userId: String(user.id), role: user.role },
    constraint: getZodConstraint(RoleSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoleSchema }),
  });
  const errors = [...(form.errors ?? []), ...(fields.role.errors ?? [])];
  return (
    <>
      <Form method="post" className="role-form" {...getFormProps(form)}>
        <input type="hidden" name={fields.userId.name} value={user.id} />
        <label htmlFor={`role-${user.id}`} className="visually-hidden">
          Role of {user.email}
        </label>
        <select {...getSelectProps(fields.role)} id={`role-${user.id}`}>
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="button button--small"
          aria-label={`Change role of ${user.email}`}
        >
          Change role
        </button>
      </Form>
      <div role="alert">
        <ErrorList id={form.errorId} errors={errors} />
      </div>
    </>
  );
}

export default function AdminUsersPage() {
  const { q, page, rows, total, pageCount, me, changed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const formWide =
    lastResult?.error && !rows.some((u) => String(u.id) === lastResult.initialValue?.userId)
      ? Object.values(lastResult.error).flat()
      : null;
  return (
    <div className="container">
      <header className="page-header">
        <h1>Users</h1>
        <p className="lede">
          Give people the recruiter or admin role. New accounts start as candidates.
        </p>
      </header>
      {changed ? (
        <p className="notice" role="status">
          The role has been changed.
        </p>
      ) : null}
      <FormErrors id="role-errors" errors={formWide} />
      <Form method="get" className="filter-row" role="search">
        <div className="field">
          <label htmlFor="q">Search by email or name</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      <p className="results-summary">
        {plural(total, "user")}
        {q ? ` matching “${q}”` : ""}, page {page} of {pageCount}
      </p>
      <TableWrap label="Users">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Joined</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name}
                  {u.id === me ? " (you)" : ""}
                </td>
                <td>
                  {u.email} <Link to={`/admin/users/${u.id}/sessions`}>Sessions</Link>
                  {u.role !== "candidate" ? (
                    <>
                      {" "}
                      <Link to={`/admin/users/${u.id}/enrolment`}>Enrolment link</Link>
                    </>
                  ) : null}
                </td>
                <td>{formatStaffDate(u.createdAt)}</td>
                <td>
                  <RoleForm user={u} lastResult={lastResult} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination page={page} pageCount={pageCount} label="User pages" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
