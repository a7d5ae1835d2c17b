/**
 * /admin/users (admins only) — find users by email or name and change their
 * role. Loader and action each call requireRole(request, "admin"); the change
 * itself (last-admin guard, audit row) is changeRole() in app/auth/admin.server.ts.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "../../db/schema";
import { changeRole, listUsers } from "~/auth/admin.server";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { FormErrors, useActionResult } from "~/auth/form-errors";
import { formObject, readFormData } from "~/auth/forms.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { parsePage, parseQuery } from "~/utils/search";
import { formatDate, pageTitle } from "~/utils/site";
import { plural } from "~/utils/misc";
import authStyles from "~/styles/auth.css";
import { TableWrap } from "~/components/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Users", "Admin") }];

const ROLE_LABELS = { candidate: "Candidate", recruiter: "Recruiter", admin: "Admin" } as const;

export function loader({ request }: LoaderFunctionArgs) {
  const admin = requireRole(request, "admin");
  const url = new URL(request.url);
  const q = parseQuery(url.searchParams.get("q"));
  const page = parsePage(url.searchParams.get("page"));
  const changed = url.searchParams.get("changed");
  return { q, page, me: admin.id, changed: changed === "1", ...listUsers({ q, page }) };
}

const RoleForm = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const formData = await readFormData(request);
  const parsed = formData ? RoleForm.safeParse(formObject(formData, ["userId", "role"])) : null;
  if (!parsed?.success) {
    return data(
      { userId: null, error: "Choose one of the roles listed and try again." },
      { status: 400 },
    );
  }
  const { userId, role } = parsed.data;
  const result = changeRole(admin.id, userId, role, { ip: getClientIp(context) });
  if (result.kind === "not_found")
    return data({ userId, error: "That user no longer exists." }, { status: 404 });
  if (result.kind === "last_admin") {
    return data(
      { userId, error: "This is the last admin. Make someone else an admin first." },
      { status: 400 },
    );
  }
  // Post/redirect/get back to the same list: the form posted to this URL, search and page included.
  const back = new URL(request.url);
  back.searchParams.set("changed", "1");
  return redirect(`${back.pathname}?${back.searchParams}`);
}

export default function AdminUsersPage() {
  const { q, page, rows, total, pageCount, me, changed } = useLoaderData<typeof loader>();
  const result = useActionResult<{ userId: number | null; error: string }>();
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
      {result?.error && result.userId === null ? (
        <FormErrors id="role-errors" errors={[result.error]} />
      ) : null}
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
                <td>{u.email}</td>
                <td>{formatDate(u.createdAt)}</td>
                <td>
                  <Form method="post" className="role-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <label htmlFor={`role-${u.id}`} className="visually-hidden">
                      Role of {u.email}
                    </label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                      {Object.entries(ROLE_LABELS).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                    <button
                      type="submit"
                      className="button button--small"
                      aria-label={`Change role of ${u.email}`}
                    >
                      Change role
                    </button>
                  </Form>
                  {result?.error && result.userId === u.id ? (
                    <p className="field-error" role="alert">
                      {result.error}
                    </p>
                  ) : null}
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
