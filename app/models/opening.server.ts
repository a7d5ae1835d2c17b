/**
 * Public queries over openings: the careers list (search, filters, paging)
 * and the job page. "Public" means status 'open'; the list also hides roles
 * whose closing date has passed, while the job page still shows them (without
 * the way to apply) so shared links keep working until a recruiter closes the role.
 */
import { and, asc, count, desc, eq, gt, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DB, Writer } from "~/utils/db.server";
import { inIdOrder, preparedFor } from "~/utils/prepared.server";
import { toFtsQuery } from "~/utils/search";
import {
  labs,
  openingAreas,
  openings,
  openingTeam,
  researchAreas,
  researchers,
} from "../../db/schema";
import type { OpeningKind } from "~/lib/enums";
import { pageCount } from "~/utils/route-params";

const OPENINGS_PER_PAGE = 15;

/**
 * bm25 weights per openings_fts column (title, summary, description,
 * qualifications, location, areas): a word in the title counts most.
 */
const BM25 = "bm25(openings_fts, 10.0, 4.0, 1.0, 1.0, 2.0, 3.0)";

export type OpeningSearch = {
  q?: string;
  areaSlug?: string;
  labSlug?: string;
  kind?: OpeningKind;
  page?: number;
  now?: number;
};

/** Open and not past its closing date (`now` given as a value or a placeholder): what the careers list shows. */
function isListed(now: number | ReturnType<typeof sql.placeholder>): SQL {
  return and(
    eq(openings.status, "open"),
    or(isNull(openings.closesAt), gt(openings.closesAt, now)),
  )!;
}

/** Which filters a careers list has: kind, lab, area ("1" or "0" each). */
type FilterShape = `${"0" | "1"}${"0" | "1"}${"0" | "1"}`;

/** The filters of a shape as SQL conditions on the openings alias `o`, with named parameters. */
function filterSql(shape: FilterShape, o: string) {
  const [kind, lab, area] = [...shape].map((c) => c === "1");
  return [
    kind ? `AND ${o}.kind = @kind` : "",
    lab ? `AND ${o}.lab_id = @labId` : "",
    area
      ? `AND EXISTS (SELECT 1 FROM opening_areas oa WHERE oa.opening_id = ${o}.id AND oa.area_id = @areaId)`
      : "",
  ].join(" ");
}

/**
 * A careers search of one shape, prepared per database: its total and the
 * page's ids (a JSON array, in order) from one pass over the full-text
 * matches. Each match is checked (status, closing date, kind, lab) and
 * ordered (published_at) in the narrow openings_search_idx, named with
 * INDEXED BY because SQLite otherwise looks each one up by rowid in the
 * table (wide rows with the description), and CROSS JOIN keeps the
 * full-text matches the outer loop; the matches that pass, with their
 * bm25, are materialized once and both counted and ranked from there. Plain
 * SQL on the client: Drizzle cannot say MATERIALIZED.
 */
const searchQueries = preparedFor((db, shape: FilterShape) =>
  db.$client.prepare<Record<string, unknown>, { total: number; ids: string }>(
    `WITH m AS MATERIALIZED (
       SELECT o.id, o.published_at, ${BM25} AS score
       FROM openings_fts CROSS JOIN openings o INDEXED BY openings_search_idx ON o.id = openings_fts.rowid
       WHERE openings_fts MATCH @match
         AND o.status = 'open' AND (o.closes_at IS NULL OR o.closes_at > @now) ${filterSql(shape, "o")}
     )
     SELECT (SELECT count(*) FROM m) AS total,
       (SELECT json_group_array(id ORDER BY score, published_at DESC, id DESC) FROM (
          SELECT id, score, published_at FROM m ORDER BY score, published_at DESC, id DESC
          LIMIT ${OPENINGS_PER_PAGE} OFFSET @offset
       )) AS ids`,
  ),
);

/**
 * Without a search, a list of one shape, newest first: the total is one row
 * of open_opening_counts (open roles per kind, lab and area) minus the open
 * roles already past their closing date (a handful: recruiters close them),
 * and the page walks an index in published order, stopping at the page.
 */
const browseQueries = preparedFor((db, shape: FilterShape) => {
  const [kind, lab, area] = [...shape].map((c) => c === "1");
  const where = and(
    isListed(sql.placeholder("now")),
    kind ? eq(openings.kind, sql.placeholder("kind")) : undefined,
    lab ? eq(openings.labId, sql.placeholder("labId")) : undefined,
    area
      ? sql`exists (select 1 from ${openingAreas} where ${openingAreas.openingId} = ${openings.id} and ${openingAreas.areaId} = ${sql.placeholder("areaId")})`
      : undefined,
  );
  return {
    count: db.$client.prepare<Record<string, unknown>, { n: number }>(
      `SELECT coalesce((SELECT c.n FROM open_opening_counts c
                        WHERE c.kind = @kindKey AND c.lab_id = @labKey AND c.area_id = @areaKey), 0)
         - (SELECT count(*) FROM openings x INDEXED BY openings_status_closes_idx
            WHERE x.status = 'open' AND x.closes_at <= @now ${filterSql(shape, "x")}) AS n`,
    ),
    page: db
      .select(listColumns)
      .from(openings)
      .innerJoin(labs, eq(labs.id, openings.labId))
      .where(where)
      .orderBy(desc(openings.publishedAt), desc(openings.id))
      .limit(OPENINGS_PER_PAGE)
      .offset(sql.placeholder("offset"))
      .prepare(),
  };
});

/** What the careers list shows of each opening. */
const listColumns = {
  id: openings.id,
  slug: openings.slug,
  title: openings.title,
  kind: openings.kind,
  location: openings.location,
  remotePolicy: openings.remotePolicy,
  summary: openings.summary,
  closesAt: openings.closesAt,
  publishedAt: openings.publishedAt,
  lab: { slug: labs.slug, name: labs.name },
};

const queries = preparedFor((db) => ({
  /** The careers list's rows of the openings whose ids are in the JSON array `ids`, in no order. */
  listRowsById: db
    .select(listColumns)
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId))
    .where(sql`${openings.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`)
    .prepare(),
  areaIdBySlug: db
    .select({ id: researchAreas.id })
    .from(researchAreas)
    .where(eq(researchAreas.slug, sql.placeholder("slug")))
    .prepare(),
  labIdBySlug: db
    .select({ id: labs.id })
    .from(labs)
    .where(eq(labs.slug, sql.placeholder("slug")))
    .prepare(),
  /** Areas of the openings whose ids are in the JSON array `ids`. */
  areasOf: db
    .select({
      openingId: openingAreas.openingId,
      slug: researchAreas.slug,
      name: researchAreas.name,
    })
    .from(openingAreas)
    .innerJoin(researchAreas, eq(researchAreas.id, openingAreas.areaId))
    .where(
      sql`${openingAreas.openingId} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`,
    )
    .orderBy(asc(researchAreas.position), asc(researchAreas.name))
    .prepare(),
  areaOptions: db
    .select({ slug: researchAreas.slug, name: researchAreas.name })
    .from(researchAreas)
    .orderBy(asc(researchAreas.position), asc(researchAreas.name))
    .prepare(),
  labOptions: db
    .select({ slug: labs.slug, name: labs.name })
    .from(labs)
    .orderBy(asc(labs.name))
    .prepare(),
  publicOpening: db
    .select({
      opening: openings,
      lab: {
        slug: labs.slug,
        name: labs.name,
        city: labs.city,
        country: labs.country,
        address: labs.address,
      },
    })
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId))
    .where(and(eq(openings.slug, sql.placeholder("slug")), eq(openings.status, "open")))
    .prepare(),
  // Alumni have no public profile to link to, so the team shows current researchers only.
  team: db
    .select({ slug: researchers.slug, name: researchers.name, title: researchers.title })
    .from(openingTeam)
    .innerJoin(researchers, eq(researchers.id, openingTeam.researcherId))
    .where(
      and(
        eq(openingTeam.openingId, sql.placeholder("openingId")),
        eq(researchers.status, "current"),
      ),
    )
    .orderBy(asc(openingTeam.position))
    .prepare(),
}));

/** Resolves filter slugs to ids; an unknown slug is dropped (the filter is ignored). */
function resolveFilters(db: DB, areaSlug?: string, labSlug?: string) {
  const q = queries(db);
  const area = areaSlug ? q.areaIdBySlug.get({ slug: areaSlug }) : undefined;
  const lab = labSlug ? q.labIdBySlug.get({ slug: labSlug }) : undefined;
  return { areaId: area?.id, labId: lab?.id };
}

/**
 * One page of listed openings, newest first, or best match first when `q`
 * is given (ties newest first). Filters combine with each other and with the
 * search. `page` is clamped to the last page. Areas of the page's openings
 * come from one query, never one query per row.
 */
export function searchOpenings(db: DB, search: OpeningSearch) {
  const now = search.now ?? Date.now();
  const match = toFtsQuery(search.q);
  const { kind } = search;
  const { areaId, labId } = resolveFilters(db, search.areaSlug, search.labSlug);
  const bit = (on: unknown) => (on ? "1" : "0");
  const shape: FilterShape = `${bit(kind)}${bit(labId)}${bit(areaId)}`;
  const filters = {
    ...(kind && { kind }),
    ...(labId !== undefined && { labId }),
    ...(areaId !== undefined && { areaId }),
  };
  const wanted = Math.max(search.page ?? 1, 1);

  let total: number;
  let rows: ReturnType<ReturnType<typeof browseQueries>["page"]["all"]>;
  if (match) {
    const q = searchQueries(db, shape);
    const run = (page: number) =>
      q.get({ ...filters, match, now, offset: (page - 1) * OPENINGS_PER_PAGE })!;
    const first = run(wanted);
    total = first.total;
    // Past the last page: the last page instead (a second pass, only then).
    const last = pageCount(total, OPENINGS_PER_PAGE);
    const ids = JSON.parse(wanted > last && total > 0 ? run(last).ids : first.ids) as number[];
    rows = listRowsInOrder(db, ids);
  } else {
    const q = browseQueries(db, shape);
    // '' and 0 are open_opening_counts' "any" (lab and area ids start at 1).
    total = q.count.get({
      ...filters,
      now,
      kindKey: kind ?? "",
      labKey: labId ?? 0,
      areaKey: areaId ?? 0,
    })!.n;
    const page = Math.min(wanted, pageCount(total, OPENINGS_PER_PAGE));
    rows = q.page.all({ ...filters, now, offset: (page - 1) * OPENINGS_PER_PAGE });
  }
  const pages = pageCount(total, OPENINGS_PER_PAGE);
  const page = Math.min(wanted, pages);

  const areasById = areasOfOpenings(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, areas: areasById.get(r.id) ?? [] }));
  return { items, total, page, pageCount: pages };
}

/** The careers list's rows of these openings, in the order of `ids`. */
function listRowsInOrder(db: DB, ids: number[]) {
  if (ids.length === 0) return [];
  return inIdOrder(ids, queries(db).listRowsById.all({ ids: JSON.stringify(ids) }));
}

/** Areas of many openings in one query, keyed by opening id. */
function areasOfOpenings(db: DB, ids: number[]) {
  const byId = new Map<number, Array<{ slug: string; name: string }>>();
  if (ids.length === 0) return byId;
  for (const { openingId, ...area } of queries(db).areasOf.all({ ids: JSON.stringify(ids) })) {
    const list = byId.get(openingId) ?? [];
    list.push(area);
    byId.set(openingId, list);
  }
  return byId;
}

/** Choices for the careers filters (small tables, read whole). */
export function getOpeningFilterOptions(db: DB) {
  const q = queries(db);
  return { areas: q.areaOptions.all(), labs: q.labOptions.all() };
}

/**
 * A published (status 'open') opening with its lab, areas and hiring team, or
 * null for drafts, closed roles and unknown slugs. Past-closing-date roles are
 * returned; the page shows them as no longer taking applications.
 */
export function getPublicOpening(db: DB, slug: string) {
  const q = queries(db);
  const row = q.publicOpening.get({ slug });
  if (!row) return null;
  const areas = areasOfOpenings(db, [row.opening.id]).get(row.opening.id) ?? [];
  const team = q.team.all({ openingId: row.opening.id });
  return { ...row.opening, lab: row.lab, areas, team };
}

/** True when applications are still accepted (no closing date, or it is in the future). */
export function isAcceptingApplications(
  opening: { status: string; closesAt: number | null },
  now = Date.now(),
) {
  return opening.status === "open" && (opening.closesAt == null || opening.closesAt > now);
}

/** Slug and last change of listed openings, newest first, `limit` from `offset` (a sitemap slice). */
export function listListedOpeningsForSitemap(db: DB, now: number, offset: number, limit: number) {
  return db
    .select({ slug: openings.slug, updatedAt: openings.updatedAt })
    .from(openings)
    .where(isListed(now))
    .orderBy(desc(openings.publishedAt), desc(openings.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** How many openings are listed (open and not past their closing date). */
export function countListedOpenings(db: DB, now: number): number {
  return db.select({ n: count() }).from(openings).where(isListed(now)).get()?.n ?? 0;
}

/** The research areas an opening is filed under. */
export function getOpeningAreaIds(db: Writer, openingId: number): number[] {
  return db
    .select({ id: openingAreas.areaId })
    .from(openingAreas)
    .where(eq(openingAreas.openingId, openingId))
    .all()
    .map((a) => a.id);
}
