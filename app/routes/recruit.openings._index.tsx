/**
 * Every opening, newest first, with counts per application status and per
 * stage (listOpeningsForStaff in opening-admin.server.ts).
 * Filters: status, lab, kind. Access: recruiters and admins.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OPENING_KINDS, OPENING_STATUSES } from "~/lib/enums";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { listOpeningsForStaff } from "~/models/opening-staff-list.server";
import { getDb } from "~/utils/db.server";
import { parsePage } from "~/utils/search";
import { OPENING_KIND_LABELS, pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import { TableWrap } from "~/components/table-wrap";
import { pageCount } from "~/utils/route-params";

export const meta: MetaFunction = () => [{ title: pageTitle("Openings", "Recruiting") }];

const PER_PAGE = 20;
// Unknown filter values are ignored rather than answered with an error.
const Filters = z.object({
  status: z.enum(OPENING_STATUSES).optional().catch(undefined),
  kind: z.enum(OPENING_KINDS).optional().catch(undefined),
  lab: z.coerce.number().int().positive().optional().catch(undefined),
});

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const url = new URL(request.url);
  const filters = Filters.parse({
    status: url.searchParams.get("status") || undefined,
    kind: url.searchParams.get("kind") || undefined,
    lab: url.searchParams.get("lab") || undefined,
  });
  const page = parsePage(url.searchParams.get("page"));
  const list = listOpeningsForStaff(getDb(), { filters, page, perPage: PER_PAGE });
  return { filters, page, pageCount: pageCount(list.total, PER_PAGE), ...list };
}

export default function OpeningsList() {
  const {
    openings: list,
    filters,
    labs: labOptions,
    page,
    pageCount,
    total,
    summary,
  } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header section-header">
        <div>
          <h1>Openings</h1>
          <p className="meta-line">
            {summary.open ?? 0} open · {summary.draft ?? 0} draft · {summary.closed ?? 0} closed
          </p>
        </div>
        <Link to="/recruit/openings/new" className="button">
          New opening
        </Link>
      </header>
      <Form method="get" className="search-form">
        <SelectField
          label="Status"
          selectProps={{ name: "status", defaultValue: filters.status ?? "" }}
        >
          <option value="">Any status</option>
          {OPENING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <SelectField label="Lab" selectProps={{ name: "lab", defaultValue: filters.lab ?? "" }}>
          <option value="">Any lab</option>
          {labOptions.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Kind" selectProps={{ name: "kind", defaultValue: filters.kind ?? "" }}>
          <option value="">Any kind</option>
          {OPENING_KINDS.map((k) => (
            <option key={k} value={k}>
              {OPENING_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          Filter openings
        </button>
      </Form>
      <p className="results-summary">{total === 1 ? "1 opening" : `${total} openings`}</p>
      {list.length === 0 ? (
        <p className="empty-state">No openings match these filters.</p>
      ) : (
        <TableWrap label="Openings">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Opening</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Active
                </th>
                <th scope="col">Per stage (as on the board)</th>
                <th scope="col" className="num">
                  Hired
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/recruit/openings/${o.id}`}>{o.title}</Link>
                    <div className="small muted">
                      {OPENING_KIND_LABELS[o.kind]} · {o.lab} ·{" "}
                      <Link to={`/recruit/openings/${o.id}/edit`}>
                        Edit<span className="visually-hidden"> {o.title}</span>
                      </Link>
                    </div>
                  </td>
                  <td>
                    {o.closedForApplications ? (
                      <span className="status-badge status-badge--closed">
                        Closed for applications
                      </span>
                    ) : (
                      <span className={`status-badge status-badge--${o.status}`}>{o.status}</span>
                    )}
                    {o.closesAt ? (
                      <div className="small muted">closes {formatStaffDate(o.closesAt)}</div>
                    ) : null}
                  </td>
                  <td className="num">{o.counts.active ?? 0}</td>
                  <td className="small">{o.stages.map((s) => `${s.name} ${s.n}`).join(" · ")}</td>
                  <td className="num">{o.counts.hired ?? 0}</td>
                  <td className="num">{o.counts.rejected ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
