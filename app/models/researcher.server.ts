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
import { inIdOrder, preparedFor } from "~/utils/prepared.server";
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
const PEOPLE_FTS_WEIGHTS = "10.0, 4.0, 1.0, 2.0";

/** Which filters a people list has: area, lab ("1" or "0" each). */
type FilterShape = `${"0" | "1"}${"0" | "1"}`;

/**
 * A people search of one shape, prepared per database: its total and the
 * page's ids (a JSON array, in order) from one pass over the full-text
 * matches. Each match's status, lab and sort name are read from the narrow
 * researchers_search_idx, named with INDEXED BY because SQLite otherwise
 * looks each one up by rowid in the table (wide rows with the bio: several
 * times slower in a large directory), and CROSS JOIN keeps the full-text matches the outer loop
 * whatever the statistics say (the other way round, FTS5 would run the MATCH
 * once per candidate row); the matches that pass, with their bm25, are materialized
 * once and both counted and ranked from there. Plain SQL on the client:
 * Drizzle cannot say MATERIALIZED.
 */
const searchQueries = preparedFor((db, shape: FilterShape) => {
  const [area, lab] = [...shape].map((c) => c === "1");
  return db.$client.prepare<Record<string, unknown>, { total: number; ids: string }>(
    `WITH m AS MATERIALIZED (
       SELECT r.id, r.sort_name, bm25(people_fts, ${PEOPLE_FTS_WEIGHTS}) AS score
       FROM people_fts CROSS JOIN researchers r INDEXED BY researchers_search_idx ON r.id = people_fts.rowid
       ${area ? "CROSS JOIN researcher_areas ra ON ra.researcher_id = r.id AND ra.area_id = @areaId" : ""}
       WHERE people_fts MATCH @fts AND r.status = 'current' ${lab ? "AND r.lab_id = @labId" : ""}
     )
     SELECT (SELECT count(*) FROM m) AS total,
       (SELECT json_group_array(id ORDER BY score, sort_name, id) FROM (
          SELECT id, score, sort_name FROM m ORDER BY score, sort_name, id LIMIT @limit OFFSET @offset
       )) AS ids`,
  );
});

/**
 * A search with no lab or area filter, where nearly every match is a current
 * researcher: the best `k` matches by bm25 alone (no per-match lookup), the
 * current ones among them in the page's order, the largest score fetched and
 * how many were fetched — enough to tell whether they decide the page
 * (topMatchesDecidePage) — and the exact total with one narrow lookup per match.
 */
const currentSearchQueries = preparedFor((db) => ({
  top: db.$client.prepare<
    Record<string, unknown>,
    { id: number; score: number; maxScore: number; fetched: number }
  >(
    `WITH top AS MATERIALIZED (
       SELECT rowid AS id, bm25(people_fts, ${PEOPLE_FTS_WEIGHTS}) AS score
       FROM people_fts WHERE people_fts MATCH @fts ORDER BY score LIMIT @k
     )
     SELECT top.id, top.score, (SELECT max(score) FROM top) AS maxScore, (SELECT count(*) FROM top) AS fetched
     FROM top CROSS JOIN researchers r INDEXED BY researchers_search_idx ON r.id = top.id
     WHERE r.status = 'current'
     ORDER BY top.score, r.sort_name, top.id`,
  ),
  count: db.$client.prepare<Record<string, unknown>, { n: number }>(
    `SELECT count(*) AS n
     FROM people_fts CROSS JOIN researchers r INDEXED BY researchers_search_idx ON r.id = people_fts.rowid
     WHERE people_fts MATCH @fts AND r.status = 'current'`,
  ),
}));

/**
 * The page's ids from the best matches by bm25 alone, or null when they do
 * not decide it. They do when all matches were fetched, or when at least
 * `end` of them are current and the `end`-th of those (in page order) scores
 * below the worst score fetched: every match not fetched scores at least
 * that, so it sorts after the page.
 */
function topMatchesDecidePage(db: DB, fts: string, offset: number, perPage: number) {
  const end = offset + perPage;
  if (end > 500) return null; // deep pages: not worth a second pass
  const k = end + Math.max(20, Math.ceil(end / 4));
  const rows = currentSearchQueries(db).top.all({ fts, k });
  const allFetched = rows.length > 0 && rows[0].fetched < k;
  if (allFetched || (rows.length >= end && rows[end - 1].score < rows[0].maxScore))
    return rows.slice(offset, end).map((r) => r.id);
  return null;
}

/**
 * Without a search, a list of one shape: the total is one row of
 * current_researcher_counts, and the ids come in name order from the
 * (lab_id, status, sort_name) or (status, sort_name) index, stopping once
 * the page is full. With an area filter that walk checks each person's area
 * (the (researcher_id, area_id) primary key) and is pinned with CROSS JOIN:
 * with ANALYZE statistics SQLite would rather start from the area's people
 * and sort them all (a hundred times the work of a first page for a large
 * area). A small area or a deep page is the other way round, so
 * `areaFirst` does exactly that, and browse() picks by the counts.
 */
const browseQueries = preparedFor((db, shape: FilterShape) => {
  const [area, lab] = [...shape].map((c) => c === "1");
  const areaId = sql.placeholder("areaId");
  const where = lab
    ? sql`r.status = 'current' AND r.lab_id = ${sql.placeholder("labId")}`
    : sql`r.status = 'current'`;
  const page = (from: SQL) =>
    db
      .select({ id: sql<number>`r.id` })
      .from(from)
      .where(where)
      .orderBy(sql`r.sort_name, r.id`)
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare();
  const c = currentResearcherCounts;
  const count = (labKey: SQL, areaKey: SQL) =>
    sql`coalesce((SELECT ${c.n} FROM ${c} WHERE ${c.labId} = ${labKey} AND ${c.areaId} = ${areaKey}), 0)`;
  const labKey = sql`${sql.placeholder("labKey")}`;
  const areaKey = sql`${sql.placeholder("areaKey")}`;
  return {
    /** The total, the people the walk goes through (lab or all) and the area's size. */
    counts: db
      .select({
        total: count(labKey, areaKey).mapWith(Number),
        scope: count(labKey, sql`0`).mapWith(Number),
        areaSize: count(sql`0`, areaKey).mapWith(Number),
      })
      .from(sql`(SELECT 1)`)
      .prepare(),
    walk: page(
      area
        ? sql`researchers r CROSS JOIN researcher_areas ra ON ra.researcher_id = r.id AND ra.area_id = ${areaId}`
        : sql`researchers r`,
    ),
    areaFirst: area
      ? page(
          sql`researcher_areas ra CROSS JOIN researchers r INDEXED BY researchers_search_idx ON r.id = ra.researcher_id AND ra.area_id = ${areaId}`,
        )
      : null,
  };
});

/**
 * One page of current researchers, optionally matching an FTS5 expression
 * (build it with toFtsQuery — never pass user text directly) and narrowed to
 * a lab and/or an area. With a search, results are ranked by bm25; without,
 * they are alphabetical. A page past the end is clamped to the last page.
 * Whole rows are read only for the page's ids (pageRows).
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
  const { labId, areaId } = options;
  const shape: FilterShape = `${areaId !== undefined ? "1" : "0"}${labId !== undefined ? "1" : "0"}`;
  const filters = {
    ...(areaId !== undefined && { areaId }),
    ...(labId !== undefined && { labId }),
  };
  const wanted = Math.max(options.page ?? 1, 1);
  const { total, ids } =
    fts === null
      ? browse(db, shape, filters, wanted, perPage)
      : shape === "00"
        ? searchCurrent(db, fts, wanted, perPage)
        : search(db, shape, { ...filters, fts }, wanted, perPage);
  const pages = pageCount(total, perPage);
  const page = Math.min(wanted, pages);
  return { people: withAreaTags(db, pageRows(db, ids)), total, page, pageCount: pages, perPage };
}

type Filters = { areaId?: number; labId?: number };
type PageIds = { total: number; ids: number[] };

/**
 * A list without a search: the total from current_researcher_counts, ids in
 * name order. With an area, walking in name order passes about
 * (offset + perPage) × scope / total people before the page is full;
 * starting from the area reads and sorts the area's people: the smaller wins
 * (a person costs about the same either way).
 */
function browse(db: DB, shape: FilterShape, filters: Filters, wanted: number, perPage: number) {
  const q = browseQueries(db, shape);
  // Lab and area ids start at 1; 0 is current_researcher_counts' "any".
  const { total, scope, areaSize } = q.counts.get({
    labKey: filters.labId ?? 0,
    areaKey: filters.areaId ?? 0,
  })!;
  if (total === 0) return { total, ids: [] };
  const page = Math.min(wanted, pageCount(total, perPage));
  const offset = (page - 1) * perPage;
  const walked = ((offset + perPage) * scope) / total;
  const statement = q.areaFirst && walked > areaSize ? q.areaFirst : q.walk;
  const ids = statement.all({ ...filters, limit: perPage, offset }).map((r) => r.id);
  return { total, ids };
}

/** A search with filters: total and page from one pass (a second only past the last page). */
function search(
  db: DB,
  shape: FilterShape,
  values: Filters & { fts: string },
  wanted: number,
  perPage: number,
): PageIds {
  const q = searchQueries(db, shape);
  const run = (page: number) => q.get({ ...values, limit: perPage, offset: (page - 1) * perPage })!;
  const first = run(wanted);
  const last = pageCount(first.total, perPage);
  const ids = wanted > last && first.total > 0 ? run(last).ids : first.ids;
  return { total: first.total, ids: JSON.parse(ids) as number[] };
}

/**
 * A search without filters, the common case (someone typing a name): the
 * page from the best matches by bm25 when they decide it, else from search().
 */
function searchCurrent(db: DB, fts: string, wanted: number, perPage: number): PageIds {
  const total = currentSearchQueries(db).count.get({ fts })!.n;
  if (total === 0) return { total, ids: [] };
  const page = Math.min(wanted, pageCount(total, perPage));
  const ids =
    topMatchesDecidePage(db, fts, (page - 1) * perPage, perPage) ??
    search(db, "00", { fts }, page, perPage).ids;
  return { total, ids };
}

/** The summary rows of the researchers with these ids, in the order given. */
function pageRows(db: DB, ids: number[]) {
  if (ids.length === 0) return [];
  return inIdOrder(ids, queries(db).summariesById.all({ ids: JSON.stringify(ids) }));
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
      authors: publications.authors,
      moreAuthors: publications.moreAuthors,
      type: publications.type,
      entryType: publications.entryType,
      pages: publications.pages,
      eprint: publications.eprint,
      eprintType: publications.eprintType,
      volume: sql<string | null>`json_extract(${publications.extra}, '$.volume')`,
      number: sql<string | null>`json_extract(${publications.extra}, '$.number')`,
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
