/**
 * Research areas for the public directory. Areas are few (about six) and
 * ordered by their `position`, so lists of them are never paged.
 */
import { asc, eq, sql } from "drizzle-orm";
import { researchAreas } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";

export type AreaOption = { id: number; slug: string; name: string };

const queries = preparedFor((db) => ({
  options: db
    .select({ id: researchAreas.id, slug: researchAreas.slug, name: researchAreas.name })
    .from(researchAreas)
    .orderBy(asc(researchAreas.position), asc(researchAreas.name))
    .prepare(),
  withCounts: db
    .select({
      id: sql<number>`a.id`,
      slug: sql<string>`a.slug`,
      name: sql<string>`a.name`,
      summary: sql<string>`a.summary`,
      // From the counts the triggers keep (lab 0 = any lab): one row per area,
      // not a count over the area's researchers, which grew with the directory.
      peopleCount: sql<number>`coalesce((SELECT c.n FROM current_researcher_counts c
         WHERE c.lab_id = 0 AND c.area_id = a.id), 0)`,
    })
    .from(sql`research_areas a`)
    .orderBy(sql`a.position, a.name`)
    .prepare(),
}));

/** Every area (id, slug, name) in display order — for filters and home page links. */
export function listAreaOptions(db: DB): AreaOption[] {
  return queries(db).options.all();
}

/** Every area with its summary and how many current researchers belong to it. */
export function listAreasWithCounts(db: DB) {
  return queries(db).withCounts.all();
}

/** One area by slug, or undefined. */
export function getAreaBySlug(db: DB, slug: string) {
  return db
    .select({
      id: researchAreas.id,
      slug: researchAreas.slug,
      name: researchAreas.name,
      summary: researchAreas.summary,
      description: researchAreas.description,
    })
    .from(researchAreas)
    .where(eq(researchAreas.slug, slug))
    .get();
}
