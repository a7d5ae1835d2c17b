/**
 * Every opening, newest first, with counts per application status and per
 * stage (two GROUP BY queries over the page's ids — never a query per row).
 * Filters: status, lab, kind. Access: recruiters and admins.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  applications,
  labs,
  openings,
  OPENING_KINDS,
  OPENING_STATUSES,
  stages,
} from "../../db/schema";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/utils/db.server";
import { parsePage } from "~/utils/search";
import { formatDate, OPENING_KIND_LABELS, pageTitle } from "~/utils/site";
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
  const db = getDb();
  const url = new URL(request.url);
  const filters = Filters.parse({
    status: url.searchParams.get("status") || undefined,
    kind: url.searchParams.get("kind") || undefined,
    lab: url.searchParams.get("lab") || undefined,
  });
  const page = parsePage(url.searchParams.get("page"));
  const where: SQL[] = [];
  if (filters.status) where.push(eq(openings.status, filters.status));
  if (filters.kind) where.push(eq(openings.kind, filters.kind));
  if (filters.lab) where.push(eq(openings.labId, filters.lab));
  const cond = where.length ? and(...where) : undefined;

  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(openings)
      .where(cond)
      .get()?.n ?? 0;
  const rows = db
    .select({
      id: openings.id,
      title: openings.title,
      kind: openings.kind,
      status: openings.status,
      closesAt: openings.closesAt,
      updatedAt: openings.updatedAt,
      lab: labs.name,
    })
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId))
    .where(cond)
    .orderBy(desc(openings.updatedAt), desc(openings.id))
    .limit(PER_PAGE)
    .offset((page - 1) * PER_PAGE)
    .all();
  const ids = rows.map((r) => r.id);
  const statusCounts = ids.length
    ? db
        .select({
          openingId: applications.openingId,
          status: applications.status,
          n: sql<number>`count(*)`,
        })
        .from(applications)
        .where(inArray(applications.openingId, ids))
        .groupBy(applications.openingId, applications.status)
        .all()
    : [];
  const stageRows = ids.length
    ? db
        .select()
        .from(stages)
        .where(inArray(stages.openingId, ids))
        .orderBy(asc(stages.position))
        .all()
    : [];
  const stageCounts = ids.length
    ? db
        .select({ stageId: applications.stageId, n: sql<number>`count(*)` })
        .from(applications)
        .where(and(inArray(applications.openingId, ids), eq(applications.status, "active")))
        .groupBy(applications.stageId)
        .all()
    : [];
  const byStage = new Map(stageCounts.map((s) => [s.stageId, s.n]));
  const summary = db
    .select({ status: openings.status, n: sql<number>`count(*)` })
    .from(openings)
    .groupBy(openings.status)
    .all();
  const now = Date.now();
  return {
    filters,
    page,
    pageCount: pageCount(total, PER_PAGE),
    total,
    summary: Object.fromEntries(summary.map((s) => [s.status, s.n])) as Record<string, number>,
    labs: db.select({ id: labs.id, name: labs.name }).from(labs).orderBy(labs.name).all(),
    openings: rows.map((o) => ({
      ...o,
      closedForApplications: o.status === "open" && o.closesAt !== null && o.closesAt < now,
      counts: Object.fromEntries(
        statusCounts.filter((c) => c.openingId === o.id).map((c) => [c.status, c.n]),
      ) as Record<string, number>,
      stages: stageRows
        .filter((s) => s.openingId === o.id)
        .map((s) => ({ id: s.id, name: s.name, n: byStage.get(s.id) ?? 0 })),
    })),
  };
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
                <th scope="col">Per stage (active)</th>
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
                    {o.closedForApplications ? "Closed for applications" : o.status}
                    {o.closesAt ? (
                      <div className="small muted">closes {formatDate(o.closesAt)}</div>
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
