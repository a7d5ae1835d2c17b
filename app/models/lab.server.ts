/**
 * Labs for the public directory. There are a handful of labs (one per city),
 * so lists of them are not paged; their people are.
 */
import { asc, eq, sql } from "drizzle-orm";
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

/** Every lab with where it is and how many current researchers work there (one grouped query). */
export function listLabsWithCounts(db: DB) {
  return db.all<{
    id: number;
    slug: string;
    name: string;
    city: string;
    country: string;
    description: string;
    latitude: number | null;
    longitude: number | null;
    peopleCount: number;
  }>(sql`
    SELECT l.id, l.slug, l.name, l.city, l.country, l.description, l.latitude, l.longitude,
      count(r.id) AS peopleCount
    FROM labs l
    LEFT JOIN researchers r ON r.lab_id = l.id AND r.status = 'current'
    GROUP BY l.id
    ORDER BY l.name`);
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
