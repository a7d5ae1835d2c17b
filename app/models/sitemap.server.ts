/**
 * The directory's public records for /sitemap.xml: current researchers,
 * areas and labs (slug and last change), one query per table so it stays
 * cheap with 10,000 researchers. Openings come from opening.server.ts.
 */
import { asc, eq } from "drizzle-orm";
import { events, labs, programs, researchAreas, researchers, tools } from "../../db/schema";
import type { DB } from "~/utils/db.server";

export function listDirectoryForSitemap(db: DB) {
  const people = db
    .select({ slug: researchers.slug, updatedAt: researchers.updatedAt })
    .from(researchers)
    .where(eq(researchers.status, "current"))
    .orderBy(asc(researchers.sortName))
    .all();
  const areas = db
    .select({ slug: researchAreas.slug, updatedAt: researchAreas.updatedAt })
    .from(researchAreas)
    .orderBy(asc(researchAreas.position))
    .all();
  const labRows = db
    .select({ slug: labs.slug, updatedAt: labs.updatedAt })
    .from(labs)
    .orderBy(asc(labs.name))
    .all();
  const eventRows = db
    .select({ slug: events.slug, updatedAt: events.updatedAt })
    .from(events)
    .orderBy(asc(events.startsAt))
    .all();
  const programRows = db
    .select({ slug: programs.slug, updatedAt: programs.updatedAt })
    .from(programs)
    .orderBy(asc(programs.position))
    .all();
  return { people, areas, labs: labRows, events: eventRows, programs: programRows };
}

/** Research outputs for /sitemap.xml: the index pages and every tool page. */
export function listOutputsForSitemap(db: DB): Array<{ path: string; updatedAt?: number }> {
  const toolRows = db
    .select({ slug: tools.slug, updatedAt: tools.updatedAt })
    .from(tools)
    .orderBy(asc(tools.slug))
    .all();
  return [
    { path: "/publications" },
    { path: "/tools" },
    ...toolRows.map((t) => ({ path: `/tools/${t.slug}`, updatedAt: t.updatedAt })),
  ];
}
