/**
 * The public records for the sitemap (/sitemap.xml, app/utils/sitemap.server.ts):
 * the pages without a record behind them and the small sections (areas, labs,
 * events, programs, outputs) in one list, and the two sections that grow with
 * the organisation — current researchers here, listed openings in
 * opening.server.ts — counted, and read a slice at a time, so a sitemap file
 * never holds more than one slice.
 */
import { and, asc, eq } from "drizzle-orm";
import {
  currentResearcherCounts,
  events,
  labs,
  programs,
  researchAreas,
  researchers,
  tools,
} from "../../db/schema";
import type { DB } from "~/utils/db.server";

export type SitemapEntry = { path: string; updatedAt?: number };

/** The pages that exist without any record behind them. */
const STATIC_PATHS = [
  "/",
  "/people",
  "/areas",
  "/labs",
  "/careers",
  "/events",
  "/programs",
  "/publications",
  "/tools",
];

/** Every public page outside the people and careers sections: a few hundred at most. */
export function listSitemapPages(db: DB): SitemapEntry[] {
  const rows = (prefix: string, list: Array<{ slug: string; updatedAt: number }>): SitemapEntry[] =>
    list.map((r) => ({ path: `${prefix}/${r.slug}`, updatedAt: r.updatedAt }));
  return [
    ...STATIC_PATHS.map((path) => ({ path })),
    ...rows(
      "/areas",
      db
        .select({ slug: researchAreas.slug, updatedAt: researchAreas.updatedAt })
        .from(researchAreas)
        .orderBy(asc(researchAreas.position))
        .all(),
    ),
    ...rows(
      "/labs",
      db
        .select({ slug: labs.slug, updatedAt: labs.updatedAt })
        .from(labs)
        .orderBy(asc(labs.name))
        .all(),
    ),
    ...rows(
      "/events",
      db
        .select({ slug: events.slug, updatedAt: events.updatedAt })
        .from(events)
        .orderBy(asc(events.startsAt))
        .all(),
    ),
    ...rows(
      "/programs",
      db
        .select({ slug: programs.slug, updatedAt: programs.updatedAt })
        .from(programs)
        .orderBy(asc(programs.position))
        .all(),
    ),
    ...rows(
      "/tools",
      db
        .select({ slug: tools.slug, updatedAt: tools.updatedAt })
        .from(tools)
        .orderBy(asc(tools.slug))
        .all(),
    ),
  ];
}

const currentResearcher = eq(researchers.status, "current");

/** How many current researchers have a profile page (the total the triggers keep). */
export function countSitemapPeople(db: DB): number {
  const c = currentResearcherCounts;
  return (
    db
      .select({ n: c.n })
      .from(c)
      .where(and(eq(c.labId, 0), eq(c.areaId, 0)))
      .get()?.n ?? 0
  );
}

/** Current researchers' profiles, by name, `limit` from `offset`. */
export function listSitemapPeople(db: DB, offset: number, limit: number): SitemapEntry[] {
  return db
    .select({ slug: researchers.slug, updatedAt: researchers.updatedAt })
    .from(researchers)
    .where(currentResearcher)
    .orderBy(asc(researchers.sortName), asc(researchers.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => ({ path: `/people/${r.slug}`, updatedAt: r.updatedAt }));
}
