/**
 * Labs for the public directory. There are a handful of labs (one per city),
 * so lists of them are not paged; their people are.
 */
import { asc, eq } from "drizzle-orm";
import { labs } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";

export type LabOption = { id: number; slug: string; name: string };

/** Every lab (id, slug, name) by name — for filters. */
export function listLabOptions(db: DB): LabOption[] {
  return labOptions(db).all();
}

const labOptions = preparedFor((db) =>
  db
    .select({ id: labs.id, slug: labs.slug, name: labs.name })
    .from(labs)
    .orderBy(asc(labs.name))
    .prepare(),
);

type LabWithCount = {
  id: number;
  slug: string;
  name: string;
  city: string;
  country: string;
  description: string;
  latitude: number | null;
  longitude: number | null;
  peopleCount: number;
};

/** The count comes from the totals the triggers keep (area 0 = any area), not a count of the lab's people. */
const labsWithCounts = preparedFor((db) =>
  db.$client.prepare<[], LabWithCount>(`
    SELECT l.id, l.slug, l.name, l.city, l.country, l.description, l.latitude, l.longitude,
      coalesce((SELECT c.n FROM current_researcher_counts c
        WHERE c.lab_id = l.id AND c.area_id = 0), 0) AS peopleCount
    FROM labs l
    ORDER BY l.name`),
);

/** Every lab with where it is and how many current researchers work there. */
export function listLabsWithCounts(db: DB): LabWithCount[] {
  return labsWithCounts(db).all();
}

/** One lab by slug, or undefined. */
export function getLabBySlug(db: DB, slug: string) {
  return db
    .select({
      id: labs.id,
      slug: labs.slug,
      name: labs.name,
      city: labs.city,
      country: labs.country,
      description: labs.description,
      address: labs.address,
      latitude: labs.latitude,
      longitude: labs.longitude,
      timeZone: labs.timeZone,
    })
    .from(labs)
    .where(eq(labs.slug, slug))
    .get();
}
