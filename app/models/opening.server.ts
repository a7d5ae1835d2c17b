/**
 * Public queries over openings: the careers list (search, filters, paging)
 * and the job page. "Public" means status 'open'; the list also hides roles
 * whose closing date has passed, while the job page still shows them (without
 * the way to apply) so shared links keep working until a recruiter closes the role.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DB } from "~/utils/db.server";
import { toFtsQuery } from "~/utils/search";
import {
  labs,
  openingAreas,
  openings,
  openingTeam,
  researchAreas,
  researchers,
  type OpeningKind,
} from "../../db/schema";
import { pageCount } from "~/utils/route-params";

export const OPENINGS_PER_PAGE = 15;

/**
 * bm25 weights per openings_fts column (title, summary, description,
 * qualifications, location, areas): a word in the title counts most.
 */
const BM25 = sql`bm25(openings_fts, 10.0, 4.0, 1.0, 1.0, 2.0, 3.0)`;

export type OpeningSearch = {
  q?: string;
  areaSlug?: string;
  labSlug?: string;
  kind?: OpeningKind;
  page?: number;
  now?: number;
};

/** Open and not past its closing date: what the careers list shows. */
function isListed(now: number): SQL {
  return and(
    eq(openings.status, "open"),
    or(isNull(openings.closesAt), gt(openings.closesAt, now)),
  )!;
}

/** Resolves filter slugs to ids; an unknown slug is dropped (the filter is ignored). */
function resolveFilters(db: DB, areaSlug?: string, labSlug?: string) {
  const area = areaSlug
    ? db
        .select({ id: researchAreas.id })
        .from(researchAreas)
        .where(eq(researchAreas.slug, areaSlug))
        .get()
    : undefined;
  const lab = labSlug
    ? db.select({ id: labs.id }).from(labs).where(eq(labs.slug, labSlug)).get()
    : undefined;
  return { areaId: area?.id, labId: lab?.id };
}

/**
 * One page of listed openings, newest first, or best match first when `q`
 * is given (ties newest first). Filters combine with each other and with the
 * search. `page` is clamped to the last page. Areas of the page's openings
 * come from one IN query, never one query per row.
 */
export function searchOpenings(db: DB, search: OpeningSearch) {
  const now = search.now ?? Date.now();
  const match = toFtsQuery(search.q);
  const { areaId, labId } = resolveFilters(db, search.areaSlug, search.labSlug);

  const conditions: Array<SQL | undefined> = [
    isListed(now),
    search.kind ? eq(openings.kind, search.kind) : undefined,
    labId ? eq(openings.labId, labId) : undefined,
    areaId
      ? sql`exists (select 1 from ${openingAreas} where ${openingAreas.openingId} = ${openings.id} and ${openingAreas.areaId} = ${areaId})`
      : undefined,
    match ? sql`openings_fts match ${match}` : undefined,
  ];
  const where = and(...conditions);
  const ftsJoin = sql`openings_fts`;
  const ftsOn = sql`openings_fts.rowid = ${openings.id}`;

  const countQuery = db.select({ n: count() }).from(openings);
  const total =
    (match ? countQuery.innerJoin(ftsJoin, ftsOn) : countQuery).where(where).get()?.n ?? 0;
  const pages = pageCount(total, OPENINGS_PER_PAGE);
  const page = Math.min(Math.max(search.page ?? 1, 1), pages);

  const base = db
    .select({
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
    })
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId));
  const rows = (match ? base.innerJoin(ftsJoin, ftsOn) : base)
    .where(where)
    .orderBy(...(match ? [asc(BM25)] : []), desc(openings.publishedAt), desc(openings.id))
    .limit(OPENINGS_PER_PAGE)
    .offset((page - 1) * OPENINGS_PER_PAGE)
    .all();

  const areasById = areasOfOpenings(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, areas: areasById.get(r.id) ?? [] }));
  return { items, total, page, pageCount: pages };
}

/** Areas of many openings in one query, keyed by opening id. */
export function areasOfOpenings(db: DB, ids: number[]) {
  const byId = new Map<number, Array<{ slug: string; name: string }>>();
  if (ids.length === 0) return byId;
  const rows = db
    .select({
      openingId: openingAreas.openingId,
      slug: researchAreas.slug,
      name: researchAreas.name,
    })
    .from(openingAreas)
    .innerJoin(researchAreas, eq(researchAreas.id, openingAreas.areaId))
    .where(inArray(openingAreas.openingId, ids))
    .orderBy(asc(researchAreas.position), asc(researchAreas.name))
    .all();
  for (const { openingId, ...area } of rows) {
    const list = byId.get(openingId) ?? [];
    list.push(area);
    byId.set(openingId, list);
  }
  return byId;
}

/** Choices for the careers filters (small tables, read whole). */
export function getOpeningFilterOptions(db: DB) {
  return {
    areas: db
      .select({ slug: researchAreas.slug, name: researchAreas.name })
      .from(researchAreas)
      .orderBy(asc(researchAreas.position), asc(researchAreas.name))
      .all(),
    labs: db.select({ slug: labs.slug, name: labs.name }).from(labs).orderBy(asc(labs.name)).all(),
  };
}

/**
 * A published (status 'open') opening with its lab, areas and hiring team, or
 * null for drafts, closed roles and unknown slugs. Past-closing-date roles are
 * returned; the page shows them as no longer taking applications.
 */
export function getPublicOpening(db: DB, slug: string) {
  const row = db
    .select({
      opening: openings,
      lab: { slug: labs.slug, name: labs.name, city: labs.city, country: labs.country },
    })
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId))
    .where(and(eq(openings.slug, slug), eq(openings.status, "open")))
    .get();
  if (!row) return null;
  const areas = areasOfOpenings(db, [row.opening.id]).get(row.opening.id) ?? [];
  // Alumni have no public profile to link to, so the team shows current researchers only.
  const team = db
    .select({ slug: researchers.slug, name: researchers.name, title: researchers.title })
    .from(openingTeam)
    .innerJoin(researchers, eq(researchers.id, openingTeam.researcherId))
    .where(and(eq(openingTeam.openingId, row.opening.id), eq(researchers.status, "current")))
    .orderBy(asc(openingTeam.position))
    .all();
  return { ...row.opening, lab: row.lab, areas, team };
}

/** True when applications are still accepted (no closing date, or it is in the future). */
export function isAcceptingApplications(
  opening: { status: string; closesAt: number | null },
  now = Date.now(),
) {
  return opening.status === "open" && (opening.closesAt == null || opening.closesAt > now);
}

/** Slug and last change of every listed opening, for the sitemap (one query). */
export function listListedOpeningsForSitemap(db: DB, now = Date.now()) {
  return db
    .select({ slug: openings.slug, updatedAt: openings.updatedAt })
    .from(openings)
    .where(isListed(now))
    .orderBy(desc(openings.publishedAt))
    .all();
}
