/**
 * Candidate search for staff: FTS5 over candidates_fts (name, email,
 * headline, screening answers, notes; rowid = application id — see
 * db/migrations/0002_candidate_search.sql) plus filters, grouped by person
 * and paged by person.
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { APPLICATION_STATUSES } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { toFtsQuery } from "~/utils/search";
import { pageCount } from "~/utils/route-params";
import { openingChoices } from "~/models/opening-choices.server";
import { utcDayEnd, utcDayStart } from "~/utils/time";

const PER_PAGE = 25;
const date = z
  .string()
  .refine((v) => utcDayStart(v) !== null)
  .optional()
  .catch(undefined);
// Junk filter values are dropped, never answered with an error page.
export const SearchParams = z.object({
  q: z.string().max(200).optional().catch(undefined),
  opening: z.coerce.number().int().positive().optional().catch(undefined),
  stage: z.string().trim().min(1).max(60).optional().catch(undefined),
  status: z.enum(APPLICATION_STATUSES).optional().catch(undefined),
  from: date,
  to: date,
});
export type Search = z.infer<typeof SearchParams>;

export type CandidateApplication = {
  id: number;
  opening: string;
  openingId: number;
  stage: string;
  status: string;
  createdAt: number;
};
type CandidateResult = {
  candidateId: number;
  name: string;
  email: string;
  headline: string | null;
  applications: CandidateApplication[];
};

/**
 * People with at least one matching application, most recent application
 * first, paged by person; each with their matching applications (newest
 * first). `total` counts people, `applications` the matching applications.
 */
export function searchCandidates(db: DB, s: Search, page: number) {
  const match = toFtsQuery(s.q);
  const where: SQL[] = [sql`1 = 1`];
  if (match)
    where.push(sql`(a.id IN (SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ${match})
      OR a.candidate_id IN (SELECT user_id FROM candidate_publications WHERE id IN (SELECT rowid FROM candidate_publications_fts WHERE candidate_publications_fts MATCH ${match})))`);
  if (s.opening) where.push(sql`a.opening_id = ${s.opening}`);
  if (s.stage) where.push(sql`st.name = ${s.stage}`);
  if (s.status) where.push(sql`a.status = ${s.status}`);
  if (s.from) where.push(sql`a.created_at >= ${utcDayStart(s.from)}`);
  if (s.to) where.push(sql`a.created_at <= ${utcDayEnd(s.to)}`);
  const cond = sql.join(where, sql` AND `);
  const matched = sql`SELECT a.id, a.candidate_id, a.created_at FROM applications a
    JOIN stages st ON st.id = a.stage_id WHERE ${cond}`;
  const counts = db.get<{ people: number; applications: number }>(
    sql`SELECT count(DISTINCT candidate_id) AS people, count(*) AS applications FROM (${matched})`,
  ) ?? { people: 0, applications: 0 };
  const people = db.all<{
    candidateId: number;
    name: string;
    email: string;
    headline: string | null;
  }>(sql`
    WITH m AS (${matched}),
    p AS (
      SELECT candidate_id, max(created_at) AS latest FROM m GROUP BY candidate_id
      ORDER BY latest DESC, candidate_id DESC
      LIMIT ${PER_PAGE} OFFSET ${(page - 1) * PER_PAGE}
    )
    SELECT p.candidate_id AS candidateId, u.name, u.email, cp.headline
    FROM p JOIN users u ON u.id = p.candidate_id
    LEFT JOIN candidate_profiles cp ON cp.user_id = p.candidate_id
    ORDER BY p.latest DESC, p.candidate_id DESC`);
  const ids = people.map((p) => p.candidateId);
  const apps = ids.length
    ? db.all<CandidateApplication & { candidateId: number }>(sql`
        SELECT a.id, a.candidate_id AS candidateId, o.title AS opening, o.id AS openingId,
          st.name AS stage, a.status, a.created_at AS createdAt
        FROM applications a
        JOIN openings o ON o.id = a.opening_id
        JOIN stages st ON st.id = a.stage_id
        WHERE a.candidate_id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) AND ${cond}
        ORDER BY a.created_at DESC, a.id DESC`)
    : [];
  const rows: CandidateResult[] = people.map((p) => ({
    ...p,
    applications: apps.filter((a) => a.candidateId === p.candidateId),
  }));
  return {
    total: counts.people,
    applicationTotal: counts.applications,
    rows,
    pageCount: pageCount(counts.people, PER_PAGE),
  };
}

export function filterChoices(db: DB) {
  return {
    openings: openingChoices(db),
    stageNames: db
      .all<{ name: string }>(sql`SELECT DISTINCT name FROM stages ORDER BY name`)
      .map((r) => r.name),
  };
}
