/** Admin list of events, latest first. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EVENT_KIND_LABELS } from "~/lib/event-labels";
import { Pagination } from "~/components/pagination";
import { TableWrap } from "~/components/table-wrap";
import { listEventsForAdmin } from "~/models/event.server";
import { getDb } from "~/utils/db.server";
import { formatStaffDate } from "~/utils/time";
import { plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Events", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const result = listEventsForAdmin(
    getDb(),
    parsePage(new URL(request.url).searchParams.get("page")),
  );
  return {
    ...result,
    rows: result.rows.map((r) => ({ ...r, day: formatStaffDate(r.startsAt, r.timeZone) })),
  };
}

export default function AdminEvents() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="container">
      <header className="page-header">
        <div className="section-header">
          <h1>Events</h1>
          <Link to="/admin/events/new" className="button">
            Add event
          </Link>
        </div>
      </header>
      {params.get("deleted") ? (
        <p className="notice" role="status">
          Event deleted.
        </p>
      ) : null}
      <p className="results-summary">{plural(total, "event")}</p>
      <TableWrap label="Events">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Date</th>
              <th scope="col">Time zone</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/admin/events/${e.id}`}>{e.title}</Link>
                </td>
                <td>{EVENT_KIND_LABELS[e.kind]}</td>
                <td>{e.day}</td>
                <td>{e.timeZone}</td>
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
