/** Admin list of labs with how many people and open roles each has. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { listLabsForAdmin } from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { countryName } from "~/utils/countries";
import { plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import { TableWrap } from "~/components/table-wrap";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Labs", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const list = listLabsForAdmin(getDb(), parsePage(new URL(request.url).searchParams.get("page")));
  return { ...list, rows: list.rows.map((l) => ({ ...l, country: countryName(l.country) })) };
}

export default function AdminLabs() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <div className="section-header">
          <h1>Labs</h1>
          <Link to="/admin/labs/new" className="button">
            Add lab
          </Link>
        </div>
      </header>
      <p className="results-summary">{plural(total, "lab")}</p>
      <TableWrap label="Labs">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">City</th>
              <th scope="col">Country</th>
              <th scope="col" className="num">
                Current researchers
              </th>
              <th scope="col" className="num">
                Open roles
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to={`/admin/labs/${l.id}`}>{l.name}</Link>
                </td>
                <td>{l.city}</td>
                <td>{l.country}</td>
                <td className="num">{l.people}</td>
                <td className="num">{l.openings}</td>
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
