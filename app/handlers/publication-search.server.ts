/**
 * The publications search as the URL states it, shared by the page
 * (/publications) and its BibTeX export (/publications.bib). Anything in the
 * URL may be junk: each parameter falls back to "not given" instead of failing,
 * and unknown area, lab or author slugs are ignored.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { researchers } from "../../db/schema";
import { PUBLICATION_TYPES } from "~/lib/enums";
import { listAreaOptions } from "~/models/area.server";
import { listLabOptions } from "~/models/lab.server";
import type { PublicationFilters } from "~/models/publication.server";
import type { DB } from "~/utils/db.server";
import { parsePage, parseQuery, toFtsQuery } from "~/utils/search";
import { isSlug } from "~/utils/slug";

const optionalSlug = z
  .string()
  .refine((v) => isSlug(v))
  .optional()
  .catch(undefined);

const SearchSchema = z.object({
  q: z.string().catch("").transform(parseQuery),
  area: optionalSlug,
  lab: optionalSlug,
  author: optionalSlug,
  year: z.coerce.number().int().min(1900).max(2200).optional().catch(undefined),
  type: z.enum(PUBLICATION_TYPES).optional().catch(undefined),
  page: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => parsePage(v)),
});

export function parsePublicationSearch(db: DB, params: URLSearchParams) {
  const get = (name: string) => params.get(name) || undefined;
  const p = SearchSchema.parse({
    q: params.get("q") ?? "",
    area: get("area"),
    lab: get("lab"),
    author: get("author"),
    year: get("year"),
    type: get("type"),
    page: get("page"),
  });
  const areas = listAreaOptions(db);
  const labs = listLabOptions(db);
  const area = areas.find((a) => a.slug === p.area);
  const lab = labs.find((l) => l.slug === p.lab);
  const author = p.author
    ? db
        .select({ id: researchers.id, slug: researchers.slug, name: researchers.name })
        .from(researchers)
        .where(eq(researchers.slug, p.author))
        .get()
    : undefined;
  const filters: PublicationFilters = {
    ftsQuery: toFtsQuery(p.q),
    areaId: area?.id,
    labId: lab?.id,
    year: p.year,
    type: p.type,
    authorId: author?.id,
  };
  /** The filters as they go back into links (the BibTeX export, "clear"). */
  const state = {
    q: p.q,
    area: area?.slug ?? "",
    lab: lab?.slug ?? "",
    author: author?.slug ?? "",
    year: p.year ? String(p.year) : "",
    type: p.type ?? "",
  };
  return {
    filters,
    state,
    page: p.page,
    author: author ? { slug: author.slug, name: author.name } : null,
    areas: areas.map(({ slug, name }) => ({ slug, name })),
    labs: labs.map(({ slug, name }) => ({ slug, name })),
  };
}

/** The non-empty filters as a query string ("" when none). */
export function searchQueryString(state: Record<string, string>): string {
  const qs = new URLSearchParams(Object.entries(state).filter(([, v]) => v)).toString();
  return qs ? `?${qs}` : "";
}
