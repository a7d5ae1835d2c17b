/**
 * /admin/audit (admins only) — the security audit log, newest first,
 * filterable by action and by a user's email. Rows are written by
 * app/auth/audit.server.ts and never hold passwords or tokens.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { listAudit } from "~/auth/admin.server";
import { AUDIT_ACTIONS, isAuditAction } from "~/auth/audit.server";
import { describeAuditDetail } from "~/auth/audit-sentences";
import { requireRole } from "~/auth/auth.server";
import { EmailSchema } from "~/utils/form-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { plural } from "~/utils/misc";
import { parsePage, parseQuery } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import { TableWrap } from "~/components/table-wrap";
import { getDb } from "~/utils/db.server";
import { formatStaffDateTime } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Audit log", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const url = new URL(request.url);
  const actionParam = url.searchParams.get("action");
  const action = isAuditAction(actionParam) ? actionParam : null;
  const emailText = parseQuery(url.searchParams.get("email"));
  const parsedEmail = emailText ? EmailSchema.safeParse(emailText) : null;
  const email = parsedEmail?.success ? parsedEmail.data : null;
  const page = parsePage(url.searchParams.get("page"));
  const { rows, total, pageCount } = listAudit(getDb(), { action, email, page });
  return {
    filters: { action: action ?? "", email: emailText },
    emailInvalid: Boolean(emailText && !email),
    actions: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
    rows: rows.map((r) => ({
      ...r,
      label: isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : r.action,
      detail:
        describeAuditDetail(r.action, r.detail, r.emailTried) +
        (r.researcherName ? ` (researcher: ${r.researcherName})` : ""),
      // A deleted account's rows keep its id (the log is never edited).
      actor: r.actorEmail ?? (r.actorId ? `account ${r.actorId} (deleted)` : null),
      subject: r.subjectEmail ?? (r.subjectId ? `account ${r.subjectId} (deleted)` : null),
    })),
    total,
    page,
    pageCount,
  };
}

export default function AdminAuditPage() {
  const { filters, emailInvalid, actions, rows, total, page, pageCount } =
    useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="lede">
          Sign-ins, sign-outs, password changes and resets, role changes, account deletions and
          every admin change to labs, areas and researchers.
        </p>
      </header>
      <Form method="get" className="filter-row" role="search">
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filters.action}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="email">User email</label>
          <input
            id="email"
            name="email"
            type="search"
            defaultValue={filters.email}
            maxLength={254}
            aria-invalid={emailInvalid || undefined}
            aria-describedby={emailInvalid ? "email-error" : undefined}
          />
          {emailInvalid ? (
            <p id="email-error" className="field-error">
              Enter a whole email address to filter by.
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      <p className="results-summary">
        {plural(total, "entry", "entries")}, page {page} of {pageCount}
      </p>
      <TableWrap label="Audit log entries">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">Account</th>
              <th scope="col">IP</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  <time dateTime={new Date(r.at).toISOString()}>{formatStaffDateTime(r.at)}</time>
                </td>
                <td>{r.label}</td>
                <td>{r.actor ?? "—"}</td>
                <td>{r.subject ?? "—"}</td>
                <td>{r.ip ?? "—"}</td>
                <td className="small">{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination page={page} pageCount={pageCount} label="Audit log pages" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
