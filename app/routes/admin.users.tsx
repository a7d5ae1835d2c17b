/**
 * /admin/users (admins only) — find accounts by email or name, role and
 * status; each row opens the account's page (/admin/users/:id), where its role
 * is changed and staff are offboarded. The loader calls requireRole(request,
 * "admin"); the query is listUsers() in app/auth/admin.server.ts.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS, ROLES, type Role } from "~/lib/enums";
import { listUsers, USER_STATUSES, type UserStatus } from "~/auth/admin.server";
import { requireRole } from "~/auth/auth.server";
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

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  list.includes(value as T) ? (value as T) : null;

export function loader({ request }: LoaderFunctionArgs) {
  const admin = requireRole(request, "admin");
  const url = new URL(request.url);
  const q = parseQuery(url.searchParams.get("q"));
  const page = parsePage(url.searchParams.get("page"));
  // Unknown filter values read as "any": a hand-edited address still lists users.
  const role: Role | null = oneOf(ROLES, url.searchParams.get("role"));
  const status: UserStatus | null = oneOf(USER_STATUSES, url.searchParams.get("status"));
  return { q, role, status, page, me: admin.id, ...listUsers(getDb(), { q, page, role, status }) };
}

export default function AdminUsersPage() {
  const { q, role, status, page, rows, total, pageCount, me } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Users</h1>
        <p className="lede">
          Open an account to change its role or deactivate it. New accounts start as candidates.
        </p>
      </header>
      <Form method="get" className="filter-row" role="search">
        <div className="field">
          <label htmlFor="q">Email or name</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="role">Role</label>
          <select id="role" name="role" defaultValue={role ?? ""}>
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status ?? ""}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      <p className="results-summary">
        {plural(total, "user")}
        {q ? ` matching “${q}”` : ""}, page {page} of {pageCount}
      </p>
      <TableWrap label="Users">
        <table className="data-table user-table">
          <thead>
            <tr>
              <th scope="col">Name and email</th>
              <th scope="col">Role</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Joined</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>
                    {u.name}
                    {u.id === me ? " (you)" : ""}
                  </Link>
                  <span className="user-table__email">{u.email}</span>
                </td>
                <td data-label="Role">
                  {ROLE_LABELS[u.role]}
                  {u.deactivatedAt ? (
                    <>
                      {" "}
                      <span className="status-badge status-badge--closed">Deactivated</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Two-factor">{u.twoFactor ? "On" : "Off"}</td>
                <td data-label="Joined" className="nowrap">
                  {formatStaffDate(u.createdAt)}
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
