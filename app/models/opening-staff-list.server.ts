/** The staff list of openings: every status, filtered and paged, with the board's counts. */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { applications, labs, openings, stages } from "../../db/schema";
import type { OpeningKind, OpeningSort, OpeningStatus } from "~/lib/enums";
import { countPipelines } from "./pipeline-counts.server";
import type { DB } from "~/utils/db.server";

export type StaffOpeningFilters = { status?: OpeningStatus; kind?: OpeningKind; lab?: number };

const activeCount = sql<number>`(SELECT count(*) FROM ${applications} WHERE ${applications.openingId} = ${openings.id} AND ${applications.status} = 'active')`;

function orderFor(sort: OpeningSort, dir: "asc" | "desc") {
  const by = dir === "asc" ? asc : desc;
  switch (sort) {
    case "title":
      return [by(sql`${openings.title} COLLATE NOCASE`), by(labs.name), desc(openings.id)];
    case "lab":
      return [by(sql`${labs.name} COLLATE NOCASE`), asc(openings.title), desc(openings.id)];
    case "status":
      return [by(openings.status), desc(openings.updatedAt), desc(openings.id)];
    case "active":
      return [by(activeCount), asc(openings.title), desc(openings.id)];
    case "closes":
      // Openings without a closing date last, whichever the direction.
      return [sql`${openings.closesAt} IS NULL`, by(openings.closesAt), desc(openings.id)];
    case "updated":
      return [by(openings.updatedAt), by(openings.id)];
  }
}

/**
 * One page of every opening, newest change first or by a column, with counts per application
 * status and per stage (GROUP BY queries over the page's ids — never a query
 * per row), the number of openings per status and the labs for the filter.
 */
export function listOpeningsForStaff(
  db: DB,
  {
    filters,
    page,
    perPage,
    sort = "updated",
    dir = "desc",
  }: {
    filters: StaffOpeningFilters;
    page: number;
    perPage: number;
    sort?: OpeningSort;
    dir?: "asc" | "desc";
  },
) {
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
    .orderBy(...orderFor(sort, dir))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  const ids = rows.map((r) => r.id);
  // The board's own counts: a stage counts its cards (active, and hired in the
  // hired stage), so the list and the board never disagree.
  const counts = countPipelines(db, ids);
  const stageRows = ids.length
    ? db
        .select()
        .from(stages)
        .where(inArray(stages.openingId, ids))
        .orderBy(asc(stages.position))
        .all()
    : [];
  const summary = db
    .select({ status: openings.status, n: sql<number>`count(*)` })
    .from(openings)
    .groupBy(openings.status)
    .all();
  const now = Date.now();
  return {
    total,
    summary: Object.fromEntries(summary.map((s) => [s.status, s.n])) as Record<string, number>,
    labs: db.select({ id: labs.id, name: labs.name }).from(labs).orderBy(labs.name).all(),
    openings: rows.map((o) => ({
      ...o,
      closedForApplications: o.status === "open" && o.closesAt !== null && o.closesAt < now,
      counts: counts.get(o.id)!.perStatus,
      stages: stageRows
        .filter((s) => s.openingId === o.id)
        .map((s) => ({ id: s.id, name: s.name, n: counts.get(o.id)!.perStage[s.id] ?? 0 })),
    })),
  };
}
