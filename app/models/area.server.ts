/**
 * Research areas for the public directory. Areas are few (about six) and
 * ordered by their `position`, so lists of them are never paged.
 */
import { asc, eq, sql } from "drizzle-orm";
import { researchAreas } from "../../db/schema";
import type { DB } from "~/utils/db.server";

export type AreaOption = { id: number; slug: string; name: string };

/** Every area (id, slug, name) in display order — for filters and home page links. */
export function listAreaOptions(db: DB): AreaOption[] {
  return db
    .select({ id: researchAreas.id, slug: researchAreas.slug, name: researchAreas.name })
    .from(researchAreas)
    .orderBy(asc(researchAreas.position), asc(researchAreas.name))
    .all();
}

/** Every area with its summary and how many current researchers belong to it (one grouped query). */
export function listAreasWithCounts(db: DB) {
  return db.all<{
    id: number;
    slug: string;
    name: string;
    summary: string;
    peopleCount: number;
  }>(sql`
    SELECT a.id, a.slug, a.name, a.summary,
      (SELECT count(*) FROM researcher_areas ra
         JOIN researchers r ON r.id = ra.researcher_id AND r.status = 'current'
       WHERE ra.area_id = a.id) AS peopleCount
    FROM research_areas a
    ORDER BY a.position, a.name`);
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
