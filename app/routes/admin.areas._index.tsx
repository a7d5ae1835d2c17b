/** Admin list of research areas in display order, with how many people and open roles each has. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { listAreasForAdmin } from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import { TableWrap } from "~/components/table-wrap";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Research areas", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return listAreasForAdmin(getDb(), parsePage(new URL(request.url).searchParams.get("page")));
}

export default function AdminAreas() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <div className="section-header">
          <h1>Research areas</h1>
          <Link to="/admin/areas/new" className="button">
            Add research area
          </Link>
        </div>
      </header>
      <p className="results-summary">{plural(total, "research area")}</p>
      <TableWrap label="Research areas">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Position
              </th>
              <th scope="col">Name</th>
              <th scope="col">Summary</th>
              <th scope="col" className="num">
                Current researchers
              </th>
              <th scope="col" className="num">
                Open roles
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td className="num">{a.position}</td>
                <td>
                  <Link to={`/admin/areas/${a.id}`}>{a.name}</Link>
                </td>
                <td>{a.summary}</td>
                <td className="num">{a.people}</td>
                <td className="num">{a.openings}</td>
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
