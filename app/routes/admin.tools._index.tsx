/** Admin list of tools, datasets and models. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableWrap } from "~/components/table-wrap";
import { listToolsForAdmin } from "~/models/tool.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { TOOL_KIND_LABELS } from "~/utils/outputs";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Tools", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const url = new URL(request.url);
  return {
    deleted: url.searchParams.get("deleted") === "1",
    rows: listToolsForAdmin(getDb()).map((t) => ({
      ...t,
      kindLabel: TOOL_KIND_LABELS[t.kind],
      updated: formatStaffDate(t.updatedAt),
    })),
  };
}

export default function AdminTools() {
  const { rows, deleted } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <div className="section-header">
          <h1>Tools, datasets and models</h1>
          <Link to="/admin/tools/new" className="button">
            Add tool
          </Link>
        </div>
      </header>
      {deleted ? (
        <p className="notice" role="status">
          Deleted.
        </p>
      ) : null}
      <p className="results-summary">{plural(rows.length, "entry", "entries")}</p>
      <TableWrap label="Tools, datasets and models">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Licence</th>
              <th scope="col" className="num">
                Maintainers
              </th>
              <th scope="col">Featured</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/admin/tools/${t.id}`}>{t.name}</Link>
                </td>
                <td>{t.kindLabel}</td>
                <td>{t.license}</td>
                <td className="num">{t.maintainers}</td>
                <td>{t.featured ? "Yes" : "No"}</td>
                <td>{t.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
