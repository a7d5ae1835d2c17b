/** Admin list of programs in display order. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PROGRAM_KIND_LABELS } from "~/lib/event-labels";
import { TableWrap } from "~/components/table-wrap";
import { listProgramsForAdmin } from "~/models/program.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Programs", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return { rows: listProgramsForAdmin(getDb()) };
}

export default function AdminPrograms() {
  const { rows } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="container">
      <header className="page-header">
        <div className="section-header">
          <h1>Programs</h1>
          <Link to="/admin/programs/new" className="button">
            Add program
          </Link>
        </div>
      </header>
      {params.get("deleted") ? (
        <p className="notice" role="status">
          Program deleted. Its open roles stay, without a program.
        </p>
      ) : null}
      <p className="results-summary">{plural(rows.length, "program")}</p>
      <TableWrap label="Programs">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/programs/${p.id}`}>{p.name}</Link>
                </td>
                <td>{PROGRAM_KIND_LABELS[p.kind]}</td>
                <td>/programs/{p.slug}</td>
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
