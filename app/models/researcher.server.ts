/**
 * Researchers for the public directory: the people search, area and lab
 * listings, featured people and profile pages.
 *
 * Lists cost a fixed number of queries whatever their length: a count, the
 * page's ids, that page's rows (lab names joined in), and their area tags in
 * one query. All are prepared once per database (app/utils/prepared.server.ts).
 */
import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import {
  currentResearcherCounts,
  labs,
  publications,
  researchAreas,
  researcherAreas,
  researchers,
} from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";
import { pageCount } from "~/utils/route-params";

export type AreaTag = { slug: string; name: string };

export type PersonSummary = {
  id: number;
  slug: string;
  name: string;
  title: string;
  status: "current" | "alumni";
  labSlug: string;
  labName: string;
  /** Whether an admin uploaded a photo (served at /people/:slug/photo). */
  hasPhoto: boolean;
  areas: AreaTag[];
};

export type PeoplePage = {
  people: PersonSummary[];
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
};

/**
 * bm25 column weights for people_fts(name, title, bio, areas): a match in a
 * name counts far more than one in a bio, so typing a name finds the person
 * before everyone who mentions it.
 */
const PEOPLE_FTS_WEIGHTS = sql`10.0, 4.0, 1.0, 2.0`;

/** Which optional parts a people list has: FTS, area filter, lab filter ("1" or "0" each). */
type ListShape = `${"0" | "1"}${"0" | "1"}${"0" | "1"}`;

/**
 * The count and page-ids queries of a people list of one shape, prepared per
 * database. Neither reads a researcher's wide row (bio…): a search checks each
 * full-text match's status, lab and sort name in the narrow
 * researchers_search_idx, named with INDEXED BY because SQLite otherwise looks
 * rows up by their rowid in the table itself (4× slower at 100k people, most
 * of it page reads). Without a search, the total is one row of
 * current_researcher_counts and the ids come from the (lab_id, status,
 * sort_name) or (status, sort_name) index, in order, stopping at the page.
 * Whole rows are read only for the page's ids (pageRows).
 */
const listQueries = preparedFor((db, shape: ListShape) => {
  const [fts, area, lab] = [...shape].map((c) => c === "1");
  const from = fts
    ? sql`people_fts JOIN researchers r INDEXED BY researchers_search_idx ON r.id = people_fts.rowid`
    : sql`researchers r`;
  // The area filter is a join on the (researcher_id, area_id) primary key: at most one row per person.
  const areaJoin = area
    ? sql`JOIN researcher_areas ra ON ra.researcher_id = r.id AND ra.area_id = ${sql.placeholder("areaId")}`
    : sql``;
  const conditions: SQL[] = [sql`r.status = 'current'`];
  if (fts) conditions.push(sql`people_fts MATCH ${sql.placeholder("fts")}`);
  if (lab) conditions.push(sql`r.lab_id = ${sql.placeholder("labId")}`);
  const where = sql.join(conditions, sql` AND `);
  const order = fts
    ? sql`bm25(people_fts, ${PEOPLE_FTS_WEIGHTS}), r.sort_name, r.id`
    : sql`r.sort_name, r.id`;
  return {
    count: fts
      ? db
          .select({ n: sql<number>`count(*)` })
          .from(sql`${from} ${areaJoin}`)
          .where(where)
          .prepare()
      : db
          .select({ n: currentResearcherCounts.n })
          .from(currentResearcherCounts)
          .where(
            and(
              eq(currentResearcherCounts.labId, sql.placeholder("labKey")),
              eq(currentResearcherCounts.areaId, sql.placeholder("areaKey")),
            ),
          )
          .prepare(),
    pageIds: db
      .select({ id: sql<number>`r.id` })
      .from(sql`${from} ${areaJoin}`)
      .where(where)
      .orderBy(order)
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  };
});

/**
 * One page of current researchers, optionally matching an FTS5 expression
 * (build it with toFtsQuery — never pass user text directly) and narrowed to
 * a lab and/or an area. With a search, results are ranked by bm25; without,
 * they are alphabetical. A page past the end is clamped to the last page.
 */
export function listResearchers(
  db: DB,
  options: {
    ftsQuery?: string | null;
    labId?: number;
    areaId?: number;
    page?: number;
    perPage?: number;
  },
): PeoplePage {
  const perPage = options.perPage ?? 20;
  const fts = options.ftsQuery || null;
  const bit = (on: boolean) => (on ? "1" : "0");
  const q = listQueries(
    db,
    `${bit(fts !== null)}${bit(options.areaId !== undefined)}${bit(options.labId !== undefined)}`,
  );
  // Lab and area ids start at 1; 0 is current_researcher_counts' "any".
  const values = {
    fts,
    areaId: options.areaId,
    labId: options.labId,
    labKey: options.labId ?? 0,
    areaKey: options.areaId ?? 0,
  };

  const total = q.count.get(values)?.n ?? 0;
  const pages = pageCount(total, perPage);
  const page = Math.min(Math.max(options.page ?? 1, 1), pages);
  if (total === 0) return { people: [], total, page, pageCount: pages, perPage };

  const ids = q.pageIds
    .all({ ...values, limit: perPage, offset: (page - 1) * perPage })
    .map((r) => r.id);
  return { people: withAreaTags(db, pageRows(db, ids)), total, page, pageCount: pages, perPage };
}

/** The summary rows of the researchers with these ids, in the order given. */
function pageRows(db: DB, ids: number[]) {
  if (ids.length === 0) return [];
  const byId = new Map(
    queries(db)
      .summariesById.all({ ids: JSON.stringify(ids) })
      .map((r) => [r.id, r]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const summaryColumns = {
  id: researchers.id,
  slug: researchers.slug,
  name: researchers.name,
  title: researchers.title,
  status: researchers.status,
  labSlug: labs.slug,
  labName: labs.name,
  hasPhoto: sql<boolean>`(${researchers.photoFileId} IS NOT NULL)`.mapWith(Boolean),
};

const queries = preparedFor((db) => ({
  /** Summaries of the researchers whose ids are in the JSON array `ids`, in no order. */
  summariesById: db
    .select({
      id: sql<number>`r.id`,
      slug: sql<string>`r.slug`,
      name: sql<string>`r.name`,
      title: sql<string>`r.title`,
      status: sql<PersonSummary["status"]>`r.status`,
      labSlug: sql<string>`l.slug`,
      labName: sql<string>`l.name`,
      // SQLite's 0/1, as the page has always received it.
      hasPhoto: sql<boolean>`(r.photo_file_id IS NOT NULL)`,
    })
    .from(sql`researchers r JOIN labs l ON l.id = r.lab_id`)
    .where(sql`r.id IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`)
    .prepare(),
  /** Area tags of the researchers whose ids are in the JSON array `ids`. */
  areaTags: db
    .select({
      researcherId: researcherAreas.researcherId,
      slug: researchAreas.slug,
      name: researchAreas.name,
    })
    .from(researcherAreas)
    .innerJoin(researchAreas, eq(researchAreas.id, researcherAreas.areaId))
    .where(
      sql`${researcherAreas.researcherId} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`,
    )
    .orderBy(asc(researchAreas.position), asc(researchAreas.name))
    .prepare(),
  featured: db
    .select(summaryColumns)
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .where(and(eq(researchers.featured, true), eq(researchers.status, "current")))
    .orderBy(asc(researchers.sortName), asc(researchers.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
  colleagues: db
    .select(summaryColumns)
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .where(
      and(
        eq(researchers.labId, sql.placeholder("labId")),
        eq(researchers.status, "current"),
        ne(researchers.id, sql.placeholder("id")),
      ),
    )
    .orderBy(asc(researchers.sortName), asc(researchers.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
  profile: db
    .select({
      id: researchers.id,
      slug: researchers.slug,
      name: researchers.name,
      title: researchers.title,
      bio: researchers.bio,
      status: researchers.status,
      labId: researchers.labId,
      homepageUrl: researchers.homepageUrl,
      orcid: researchers.orcid,
      scholarUrl: researchers.scholarUrl,
      githubUrl: researchers.githubUrl,
      hasPhoto: sql<boolean>`(${researchers.photoFileId} IS NOT NULL)`.mapWith(Boolean),
      labSlug: labs.slug,
      labName: labs.name,
      labCity: labs.city,
      labCountry: labs.country,
    })
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .where(eq(researchers.slug, sql.placeholder("slug")))
    .prepare(),
  publications: db
    .select({
      id: publications.id,
      title: publications.title,
      venue: publications.venue,
      year: publications.year,
      url: publications.url,
    })
    .from(publications)
    .where(eq(publications.researcherId, sql.placeholder("researcherId")))
    .orderBy(desc(publications.year), asc(publications.title))
    .prepare(),
}));

/** Attaches each person's area tags with one query over the given rows' ids. */
function withAreaTags<T extends { id: number }>(
  db: DB,
  rows: T[],
): Array<T & { areas: AreaTag[] }> {
  if (rows.length === 0) return [];
  const tags = queries(db).areaTags.all({ ids: JSON.stringify(rows.map((r) => r.id)) });
  const byPerson = new Map<number, AreaTag[]>();
  for (const t of tags) {
    const list = byPerson.get(t.researcherId) ?? [];
    list.push({ slug: t.slug, name: t.name });
    byPerson.set(t.researcherId, list);
  }
  return rows.map((r) => ({ ...r, areas: byPerson.get(r.id) ?? [] }));
}

/** Featured current researchers for the home page, alphabetical. */
export function listFeaturedResearchers(db: DB, limit = 6): PersonSummary[] {
  return withAreaTags(db, queries(db).featured.all({ limit }));
}

/** A few current colleagues from the same lab (not the person themself), alphabetical. */
export function listColleagues(
  db: DB,
  person: { id: number; labId: number },
  limit = 6,
): PersonSummary[] {
  return withAreaTags(
    db,
    queries(db).colleagues.all({ labId: person.labId, id: person.id, limit }),
  );
}

/**
 * Everything a profile page shows about one researcher (current or alumni),
 * or undefined. Publications come newest year first.
 */
export function getResearcherProfile(db: DB, slug: string) {
  const q = queries(db);
  const person = q.profile.get({ slug });
  if (!person) return undefined;
  const [withAreas] = withAreaTags(db, [person]);
  const pubs = q.publications.all({ researcherId: person.id });
  return { ...withAreas, publications: pubs };
}

/** Groups publications (already sorted newest year first) by year, keeping that order. */
export function groupByYear<T extends { year: number }>(
  items: T[],
): Array<{ year: number; items: T[] }> {
  const groups: Array<{ year: number; items: T[] }> = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.year === item.year) last.items.push(item);
    else groups.push({ year: item.year, items: [item] });
  }
  return groups;
}
