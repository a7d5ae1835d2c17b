/**
 * The people and careers list queries as they were before the search
 * speed-ups (trigger-kept counts, prepared statements; main at d46fe7e): one count and one page query each, joining the FTS
 * tables to the wide researchers/openings rows. Kept only as the reference the
 * equivalence checks compare the current model functions with
 * (app/models/search-equivalence.test.ts, bench/search-equivalence.ts).
 */
import type { DB } from "~/utils/db.server";
import { pageCount } from "~/utils/route-params";
import { toFtsQuery } from "~/utils/search";
import type { OpeningKind } from "../app/lib/enums";

type PeopleOptions = {
  ftsQuery?: string | null;
  labId?: number;
  areaId?: number;
  page?: number;
  perPage?: number;
};

/** What listResearchers returned: total, page, and the page's ids in order (rows are read the same way). */
export function referencePeople(db: DB, options: PeopleOptions) {
  const perPage = options.perPage ?? 20;
  const fts = options.ftsQuery || null;
  const c = db.$client;
  const from = fts ? "people_fts JOIN researchers r ON r.id = people_fts.rowid" : "researchers r";
  const areaJoin =
    options.areaId !== undefined
      ? "JOIN researcher_areas ra ON ra.researcher_id = r.id AND ra.area_id = @areaId"
      : "";
  const where = [
    "r.status = 'current'",
    fts ? "people_fts MATCH @fts" : null,
    options.labId !== undefined ? "r.lab_id = @labId" : null,
  ]
    .filter(Boolean)
    .join(" AND ");
  const order = fts
    ? "bm25(people_fts, 10.0, 4.0, 1.0, 2.0), r.sort_name, r.id"
    : "r.sort_name, r.id";
  const params: Record<string, unknown> = {};
  if (fts) params.fts = fts;
  if (options.areaId !== undefined) params.areaId = options.areaId;
  if (options.labId !== undefined) params.labId = options.labId;
  const total = (
    c.prepare(`SELECT count(*) AS n FROM ${from} ${areaJoin} WHERE ${where}`).get(params) as {
      n: number;
    }
  ).n;
  const pages = pageCount(total, perPage);
  const page = Math.min(Math.max(options.page ?? 1, 1), pages);
  const ids =
    total === 0
      ? []
      : (
          c
            .prepare(
              `SELECT r.id FROM ${from} ${areaJoin} JOIN labs l ON l.id = r.lab_id WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
            )
            .all({ ...params, limit: perPage, offset: (page - 1) * perPage }) as Array<{
            id: number;
          }>
        ).map((r) => r.id);
  return { total, page, pageCount: pages, ids };
}

export type ReferenceOpeningSearch = {
  q?: string;
  areaSlug?: string;
  labSlug?: string;
  kind?: OpeningKind;
  page?: number;
  now: number;
};

/** What searchOpenings returned: total, page, and the page's ids in order. */
export function referenceOpenings(db: DB, search: ReferenceOpeningSearch) {
  const perPage = 15;
  const c = db.$client;
  const match = toFtsQuery(search.q);
  const idOf = (table: string, slug?: string) =>
    slug
      ? (
          c.prepare(`SELECT id FROM ${table} WHERE slug = ?`).get(slug) as
            { id: number } | undefined
        )?.id
      : undefined;
  const areaId = idOf("research_areas", search.areaSlug);
  const labId = idOf("labs", search.labSlug);
  const where = [
    "o.status = 'open' AND (o.closes_at IS NULL OR o.closes_at > @now)",
    search.kind ? "o.kind = @kind" : null,
    labId !== undefined ? "o.lab_id = @labId" : null,
    areaId !== undefined
      ? "EXISTS (SELECT 1 FROM opening_areas oa WHERE oa.opening_id = o.id AND oa.area_id = @areaId)"
      : null,
    match ? "openings_fts MATCH @match" : null,
  ]
    .filter(Boolean)
    .join(" AND ");
  const from = match ? "openings o JOIN openings_fts ON openings_fts.rowid = o.id" : "openings o";
  const params: Record<string, unknown> = { now: search.now };
  if (search.kind) params.kind = search.kind;
  if (labId !== undefined) params.labId = labId;
  if (areaId !== undefined) params.areaId = areaId;
  if (match) params.match = match;
  const total = (
    c.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${where}`).get(params) as { n: number }
  ).n;
  const pages = pageCount(total, perPage);
  const page = Math.min(Math.max(search.page ?? 1, 1), pages);
  const order = `${match ? "bm25(openings_fts, 10.0, 4.0, 1.0, 1.0, 2.0, 3.0), " : ""}o.published_at DESC, o.id DESC`;
  const ids = (
    c
      .prepare(
        `SELECT o.id FROM ${from} JOIN labs l ON l.id = o.lab_id WHERE ${where} ORDER BY ${order} LIMIT ${perPage} OFFSET @offset`,
      )
      .all({ ...params, offset: (page - 1) * perPage }) as Array<{ id: number }>
  ).map((r) => r.id);
  return { total, page, pageCount: pages, ids };
}
