/**
 * The publications index across the directory (/publications): full-text
 * search over title, venue and authors (publications_fts, see
 * db/migrations/0011_outputs_fts.sql), filters by area, lab (through the
 * Atrium authors' labs), year, type and one author, and paging.
 *
 * A list costs a fixed number of queries whatever its length: a count, one
 * page of rows, and the Atrium authors of that page's ids in one IN query.
 * The count comes from publication_counts when only an area, a year and/or a
 * type (or nothing) filters, and such a page walks publications_year_title_idx
 * or publications_area_year_title_idx, stopping when it is full.
 */
import { sql, type SQL } from "drizzle-orm";
import type { PublicationExtra, PublicationName } from "../../db/schema";
import type { PublicationType } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";
import { pageCount } from "~/utils/route-params";

type PublicationAuthor = { slug: string; name: string };

type PublicationRow = {
  id: number;
  title: string;
  venue: string;
  year: number;
  type: PublicationType;
  authors: string;
  doi: string | null;
  url: string | null;
  areaSlug: string | null;
  areaName: string | null;
  /** The BibTeX entry type it was imported as, or "" (entered by hand). */
  entryType: string;
  month: number | null;
  pages: string | null;
  eprint: string | null;
  eprintType: string | null;
  /** From `extra`, for the citation line ("Nature 521(7553), 436–444"). */
  volume: string | null;
  number: string | null;
  /** The author list ended in "and others". */
  moreAuthors: boolean;
};

export type PublicationItem = PublicationRow & {
  /** The printed author list ("; "-separated), or the Atrium authors' names when none was entered. */
  authorNames: string[];
  /** Atrium authors, linked to their profiles. */
  atriumAuthors: PublicationAuthor[];
};

/** A publication with everything a BibTeX export writes. */
export type PublicationForExport = PublicationItem & {
  authorList: PublicationName[] | null;
  citationKey: string | null;
  extra: PublicationExtra;
};

export type PublicationFilters = {
  /** An FTS5 expression from toFtsQuery — never user text directly. */
  ftsQuery?: string | null;
  areaId?: number;
  labId?: number;
  year?: number;
  type?: PublicationType;
  authorId?: number;
};

/** bm25 weights for publications_fts(title, venue, authors): a title match ranks first. */
const FTS_WEIGHTS = sql`8.0, 2.0, 4.0`;

/**
 * The FROM and WHERE of a list. An author's publications come from
 * publication_authors' researcher index (a handful of rows) rather than a
 * check of every publication. A lab's are checked one publication at a time
 * while walking the list's index for a page (the page fills after a few
 * dozen), but gathered from the lab's authors for a count, which must see
 * them all (for a large lab, gathering is several times faster than checking
 * each one).
 */
function filterSql(f: PublicationFilters, purpose: "page" | "count"): { from: SQL; where: SQL } {
  const from = f.ftsQuery
    ? sql`publications_fts JOIN publications p ON p.id = publications_fts.rowid`
    : sql`publications p`;
  const conditions: SQL[] = [sql`1 = 1`];
  if (f.ftsQuery) conditions.push(sql`publications_fts MATCH ${f.ftsQuery}`);
  if (f.areaId !== undefined) conditions.push(sql`p.area_id = ${f.areaId}`);
  if (f.year !== undefined) conditions.push(sql`p.year = ${f.year}`);
  if (f.type !== undefined) conditions.push(sql`p.type = ${f.type}`);
  if (f.authorId !== undefined)
    conditions.push(
      sql`p.id IN (SELECT publication_id FROM publication_authors WHERE researcher_id = ${f.authorId})`,
    );
  if (f.labId !== undefined)
    conditions.push(
      purpose === "count"
        ? sql`p.id IN (SELECT pa.publication_id FROM researchers r JOIN publication_authors pa ON pa.researcher_id = r.id WHERE r.lab_id = ${f.labId})`
        : sql`EXISTS (SELECT 1 FROM publication_authors pa JOIN researchers r ON r.id = pa.researcher_id WHERE pa.publication_id = p.id AND r.lab_id = ${f.labId})`,
    );
  return { from, where: sql.join(conditions, sql` AND `) };
}

const rowColumns = sql`p.id, p.title, p.venue, p.year, p.type, p.authors, p.doi, p.url,
  a.slug AS areaSlug, a.name AS areaName, p.entry_type AS entryType, p.month, p.pages,
  p.eprint, p.eprint_type AS eprintType, p.more_authors AS moreAuthors,
  json_extract(p.extra, '$.volume') AS volume, json_extract(p.extra, '$.number') AS number`;

/** The list's columns and what only an export writes (kept out of pages' data: abstracts are long). */
const exportColumns = sql`${rowColumns}, p.author_list AS authorList, p.citation_key AS citationKey,
  p.extra`;

type ExportRow = PublicationRow & {
  authorList: string | null;
  citationKey: string | null;
  extra: string;
};

function forExport(rows: ExportRow[], items: PublicationItem[]): PublicationForExport[] {
  return items.map((item, i) => ({
    ...item,
    authorList: rows[i].authorList ? (JSON.parse(rows[i].authorList) as PublicationName[]) : null,
    citationKey: rows[i].citationKey,
    extra: JSON.parse(rows[i].extra || "{}") as PublicationExtra,
  }));
}

function orderBy(f: PublicationFilters): SQL {
  return f.ftsQuery
    ? sql`bm25(publications_fts, ${FTS_WEIGHTS}), p.year DESC, p.id DESC`
    : sql`p.year DESC, p.title COLLATE NOCASE, p.id`;
}

/** One page of publications matching the filters, newest first (best match first when searching). */
export function searchPublications(
  db: DB,
  filters: PublicationFilters & { page?: number; perPage?: number },
) {
  const perPage = filters.perPage ?? 20;
  const total = countPublications(db, filters);
  const pages = pageCount(total, perPage);
  const page = Math.min(Math.max(filters.page ?? 1, 1), pages);
  if (total === 0)
    return { items: [] as PublicationItem[], total, page, pageCount: pages, perPage };
  const offset = (page - 1) * perPage;
  const rows = onlySearch(filters)
    ? bestMatches(db, filters.ftsQuery, offset, Math.min(offset + perPage, total))
    : pageRows(db, filters, offset, perPage);
  return { items: withAuthors(db, rows), total, page, pageCount: pages, perPage };
}

/** A search with no other filter: every full-text match is a listed publication. */
function onlySearch(f: PublicationFilters): f is PublicationFilters & { ftsQuery: string } {
  return (
    !!f.ftsQuery &&
    f.areaId === undefined &&
    f.labId === undefined &&
    f.year === undefined &&
    f.type === undefined &&
    f.authorId === undefined
  );
}

function pageRows(db: DB, filters: PublicationFilters, offset: number, limit: number) {
  const { from, where } = filterSql(filters, "page");
  return db.all<PublicationRow>(sql`
    SELECT ${rowColumns}
    FROM ${from} LEFT JOIN research_areas a ON a.id = p.area_id
    WHERE ${where}
    ORDER BY ${orderBy(filters)}
    LIMIT ${limit} OFFSET ${offset}`);
}

/**
 * Rows offset..end of a search with no other filter, in the list's order
 * (bm25, then newest year, then id). The scores come from the full-text
 * index alone; only the matches that score at least as well as the end-th
 * one (ties included, which the year and id then order) are joined to their
 * publications. Joining every match first read tens of thousands of
 * scattered rows for a common word in a large directory.
 */
function bestMatches(db: DB, ftsQuery: string, offset: number, end: number) {
  return db.all<PublicationRow>(sql`
    WITH ranked AS MATERIALIZED (
      SELECT rowid AS id, bm25(publications_fts, ${FTS_WEIGHTS}) AS score
      FROM publications_fts WHERE publications_fts MATCH ${ftsQuery}
    ), cut AS (
      SELECT score FROM ranked ORDER BY score LIMIT 1 OFFSET ${end - 1}
    )
    SELECT ${rowColumns}
    FROM ranked JOIN publications p ON p.id = ranked.id
    LEFT JOIN research_areas a ON a.id = p.area_id
    -- No end-th match when some were deleted since the count: take them all.
    WHERE ranked.score <= coalesce((SELECT score FROM cut), (SELECT max(score) FROM ranked))
    ORDER BY ranked.score, p.year DESC, p.id DESC
    LIMIT ${end - offset} OFFSET ${offset}`);
}

/** Every publication matching the filters (at most `limit`), for a BibTeX export of a search. */
export function listPublicationsForExport(
  db: DB,
  filters: PublicationFilters,
  limit = 1000,
): PublicationForExport[] {
  const { from, where } = filterSql(filters, "page");
  const rows = db.all<ExportRow>(sql`
    SELECT ${exportColumns}
    FROM ${from} LEFT JOIN research_areas a ON a.id = p.area_id
    WHERE ${where}
    ORDER BY ${orderBy(filters)}
    LIMIT ${limit}`);
  return forExport(rows, withAuthors(db, rows));
}

/** One publication by id with everything its BibTeX entry writes, or undefined. */
export function getPublicationForExport(db: DB, id: number): PublicationForExport | undefined {
  const row = db.get<ExportRow>(sql`
    SELECT ${exportColumns}
    FROM publications p LEFT JOIN research_areas a ON a.id = p.area_id
    WHERE p.id = ${id}`);
  return row ? forExport([row], withAuthors(db, [row]))[0] : undefined;
}

/** Publications by ids (for a tool's related publications), newest first. */
export function listPublicationsByIds(db: DB, ids: number[]): PublicationItem[] {
  if (ids.length === 0) return [];
  const rows = db.all<PublicationRow>(sql`
    SELECT ${rowColumns}
    FROM publications p LEFT JOIN research_areas a ON a.id = p.area_id
    WHERE p.id IN ${ids}
    ORDER BY p.year DESC, p.id DESC`);
  return withAuthors(db, rows);
}

const counts = preparedFor((db) => ({
  one: db.$client
    .prepare<[number, number, string], number>(
      "SELECT n FROM publication_counts WHERE area_id = ? AND year = ? AND type = ?",
    )
    .pluck(),
  years: db.$client
    .prepare<[], number>(
      "SELECT year FROM publication_counts WHERE area_id = 0 AND type = '' AND year <> 0 AND n > 0 ORDER BY year DESC",
    )
    .pluck(),
}));

/**
 * How many publications match. With no filter but an area, a year and a type
 * (any of them), the totals the triggers keep answer from one row (counting
 * every publication of a large directory took most of /publications' time);
 * a search, a lab or an author counts its matches.
 */
function countPublications(db: DB, f: PublicationFilters): number {
  const kept = !f.ftsQuery && f.labId === undefined && f.authorId === undefined;
  if (kept) return counts(db).one.get(f.areaId ?? 0, f.year ?? 0, f.type ?? "") ?? 0;
  // Each full-text row is a publication (kept by triggers): no join to count.
  if (onlySearch(f))
    return (
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM publications_fts WHERE publications_fts MATCH ${f.ftsQuery}`,
      )?.n ?? 0
    );
  const { from, where } = filterSql(f, "count");
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${from} WHERE ${where}`)?.n ?? 0;
}

/** The years that have publications, newest first — for the year filter. */
export function listPublicationYears(db: DB): number[] {
  return counts(db).years.all();
}

/** Attaches the Atrium authors of each row (one IN query) and the printed author names. */
function withAuthors(db: DB, rows: PublicationRow[]): PublicationItem[] {
  if (rows.length === 0) return [];
  const links = db.all<{ publicationId: number; slug: string; name: string; status: string }>(sql`
    SELECT pa.publication_id AS publicationId, r.slug, r.name, r.status
    FROM publication_authors pa JOIN researchers r ON r.id = pa.researcher_id
    WHERE pa.publication_id IN ${rows.map((r) => r.id)}
    ORDER BY r.sort_name`);
  const byPub = new Map<number, PublicationAuthor[]>();
  for (const l of links) {
    const list = byPub.get(l.publicationId) ?? [];
    list.push({ slug: l.slug, name: l.name });
    byPub.set(l.publicationId, list);
  }
  return rows.map((r) => {
    const atriumAuthors = byPub.get(r.id) ?? [];
    const printed = r.authors
      .split(";")
      .map((a) => a.trim())
      .filter(Boolean);
    return {
      ...r,
      // SQLite answers 0 or 1; a volume written as a bare number comes back as one.
      moreAuthors: Boolean(r.moreAuthors),
      volume: r.volume === null ? null : String(r.volume),
      number: r.number === null ? null : String(r.number),
      authorNames: printed.length > 0 ? printed : atriumAuthors.map((a) => a.name),
      atriumAuthors,
    };
  });
}
