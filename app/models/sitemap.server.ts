/**
 * The public records for the sitemap (/sitemap.xml, app/routes/sitemap[.]xml/sitemap.server.ts):
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
  "/about",
  "/people",
  "/areas",
  "/labs",
  "/careers",
  "/events",
  "/programs",
  "/publications",
  "/tools",
];

/** The small sections: each table's pages under its path, in the order its own index lists them. */
const SECTIONS = [
  { prefix: "/areas", table: researchAreas, order: researchAreas.position },
  { prefix: "/labs", table: labs, order: labs.name },
  { prefix: "/events", table: events, order: events.startsAt },
  { prefix: "/programs", table: programs, order: programs.position },
  { prefix: "/tools", table: tools, order: tools.slug },
] as const;

/** Every public page outside the people and careers sections: a few hundred at most. */
export function listSitemapPages(db: DB): SitemapEntry[] {
  return [
    ...STATIC_PATHS.map((path) => ({ path })),
    ...SECTIONS.flatMap(({ prefix, table, order }) =>
      db
        .select({ slug: table.slug, updatedAt: table.updatedAt })
        .from(table)
        .orderBy(asc(order))
        .all()
        .map((r) => ({ path: `${prefix}/${r.slug}`, updatedAt: r.updatedAt })),
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
