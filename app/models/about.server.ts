/**
 * The about page's facts from the data: the organisation in numbers. Each is
 * one row of a count table the triggers keep (or a count over a small table),
 * so the page costs the same at any size of directory.
 */
import { sql } from "drizzle-orm";
import type { DB } from "~/utils/db.server";
import { countListedOpenings } from "./opening.server";

export type OrganisationNumbers = {
  researchers: number;
  labs: number;
  publications: number;
  openRoles: number;
};

/** Current researchers, labs, publications and the roles open to applications at `now`. */
export function organisationNumbers(db: DB, now: number): OrganisationNumbers {
  const one = (query: ReturnType<typeof sql>) => db.get<{ n: number } | undefined>(query)?.n ?? 0;
  return {
    researchers: one(sql`SELECT n FROM current_researcher_counts WHERE lab_id = 0 AND area_id = 0`),
    labs: one(sql`SELECT count(*) AS n FROM labs`),
    publications: one(
      sql`SELECT n FROM publication_counts WHERE area_id = 0 AND year = 0 AND type = ''`,
    ),
    openRoles: countListedOpenings(db, now),
  };
}
