/** Admin list of researchers (current and alumni): search by name and page. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { listResearchersForAdmin } from "~/models/researcher-admin.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { parsePage, parseQuery, toFtsQuery } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { TableWrap } from "~/components/table-wrap";
import { pageCount } from "~/utils/route-params";

export const meta: MetaFunction = () => [{ title: pageTitle("People", "Admin") }];
const PER_PAGE = 30;

/** A researcher's link to an account, in the list's words and the badge colour that goes with it. */
const ACCOUNT_STATES = {
  none: { label: "No staff email", badge: "status-badge status-badge--closed" },
  email: { label: "Not invited", badge: "status-badge" },
  invited: { label: "Invited", badge: "status-badge status-badge--draft" },
  linked: { label: "Linked", badge: "status-badge status-badge--open" },
} as const;

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const url = new URL(request.url);
  const q = parseQuery(url.searchParams.get("q"));
  const match = toFtsQuery(q);
  const page = parsePage(url.searchParams.get("page"));
  const { total, people } = listResearchersForAdmin(getDb(), { match, page, perPage: PER_PAGE });
  return { q, page, total, pageCount: pageCount(total, PER_PAGE), people };
}

export default function AdminPeople() {
  const { q, page, total, pageCount, people } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header section-header">
        <h1>People</h1>
        <div className="button-row">
          <Link to="/admin/people/import" className="button button--ghost">
            Import from CSV
          </Link>
          <a href="/admin/people/export.csv" className="button button--ghost" download>
            Export CSV
          </a>
          <Link to="/admin/people/new" className="button">
            Add researcher
          </Link>
        </div>
      </header>
      <Form method="get" className="search-form" role="search">
        <Field label="Search people" inputProps={{ name: "q", type: "search", defaultValue: q }} />
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      <p className="results-summary">{plural(total, "researcher")}</p>
      <TableWrap label="Researchers">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Title</th>
              <th scope="col">Lab</th>
              <th scope="col">Status</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/people/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.title}</td>
                <td>{p.lab}</td>
                <td>{p.status}</td>
                <td>
                  <span className={ACCOUNT_STATES[p.accountState].badge}>
                    {ACCOUNT_STATES[p.accountState].label}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
