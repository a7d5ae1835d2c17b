/**
 * Every opening, newest change first or sorted by a column, with counts per
 * application status and per stage (listOpeningsForStaff in
 * opening-admin.server.ts). Filters: status, lab, kind; the sort is in the
 * address (`sort`, `dir`) like the filters. Access: recruiters and admins.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  OPENING_KINDS,
  OPENING_SORTS,
  OPENING_STATUS_LABELS,
  OPENING_STATUSES,
  type OpeningSort,
} from "~/lib/enums";
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
const Sorting = z.object({
  sort: z.enum(OPENING_SORTS).catch("updated"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
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
  const { sort, dir } = Sorting.parse({
    sort: url.searchParams.get("sort") ?? undefined,
    dir: url.searchParams.get("dir") ?? undefined,
  });
  const list = listOpeningsForStaff(getDb(), { filters, page, perPage: PER_PAGE, sort, dir });
  return { filters, sort, dir, page, pageCount: pageCount(list.total, PER_PAGE), ...list };
}

/**
 * A column heading that sorts the list by it: the link keeps the filters,
 * goes back to page 1, and a second click turns the order round; `aria-sort`
 * tells screen readers which column orders the table.
 */
function SortHeader({
  column,
  label,
  sort,
  dir,
  firstDir = "asc",
  className,
}: {
  column: OpeningSort;
  label: string;
  sort: OpeningSort;
  dir: "asc" | "desc";
  firstDir?: "asc" | "desc";
  className?: string;
}) {
  const [params] = useSearchParams();
  const active = sort === column;
  const next = new URLSearchParams(params);
  next.delete("page");
  next.set("sort", column);
  next.set("dir", active ? (dir === "asc" ? "desc" : "asc") : firstDir);
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link to={`?${next}`} className="sort-link">
        {label}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

export default function OpeningsList() {
  const {
    openings: list,
    sort,
    dir,
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
              {OPENING_STATUS_LABELS[s]}
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
                <SortHeader column="title" label="Opening" sort={sort} dir={dir} />
                <SortHeader column="lab" label="Lab" sort={sort} dir={dir} />
                <SortHeader column="status" label="Status" sort={sort} dir={dir} />
                <SortHeader
                  column="active"
                  label="Active"
                  sort={sort}
                  dir={dir}
                  firstDir="desc"
                  className="num"
                />
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
                      {OPENING_KIND_LABELS[o.kind]} ·{" "}
                      <Link to={`/recruit/openings/${o.id}/edit`}>
                        Edit<span className="visually-hidden"> {o.title}</span>
                      </Link>
                    </div>
                  </td>
                  <td>{o.lab}</td>
                  <td>
                    {o.closedForApplications ? (
                      <span className="status-badge status-badge--closed">
                        Closed for applications
                      </span>
                    ) : (
                      <span className={`status-badge status-badge--${o.status}`}>
                        {OPENING_STATUS_LABELS[o.status]}
                      </span>
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
