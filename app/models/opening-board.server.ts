/**
 * Board queries. The board never loads a whole stage: per stage it reads one
 * page of cards (index applications_stage_entered_idx) and the counts come
 * from one GROUP BY (countPipelines, shared with the recruiter home), so a
 * stage with thousands of applications stays fast. The per-request queries
 * are prepared once per database (app/utils/prepared.server.ts).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  applications,
  boardVisits,
  candidateProfiles,
  openings,
  stages,
  users,
} from "../../db/schema";
import { countPipelines, type PipelineCounts } from "~/models/pipeline-counts.server";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";

export { PAGE_SIZE } from "~/lib/board";
const ON_BOARD = ["active", "hired"] as const;

const queries = preparedFor((db) => ({
  opening: db
    .select()
    .from(openings)
    .where(eq(openings.id, sql.placeholder("id")))
    .prepare(),
  stages: db
    .select()
    .from(stages)
    .where(eq(stages.openingId, sql.placeholder("openingId")))
    .orderBy(asc(stages.position))
    .prepare(),
  stageCards: db
    .select({
      id: applications.id,
      version: applications.version,
      status: applications.status,
      stageId: applications.stageId,
      stageEnteredAt: applications.stageEnteredAt,
      createdAt: applications.createdAt,
      name: users.name,
      headline: candidateProfiles.headline,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.candidateId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, applications.candidateId))
    .where(
      and(
        eq(applications.stageId, sql.placeholder("stageId")),
        inArray(applications.status, ON_BOARD),
      ),
    )
    .orderBy(asc(applications.stageEnteredAt), asc(applications.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
  /** Average rating per application whose id is in the JSON array `ids`. */
  ratings: db
    .select({ id: sql<number>`s.application_id`, avg: sql<number>`avg(r.value)` })
    .from(sql`scorecards s, json_each(s.ratings) r`)
    .where(sql`s.application_id IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`)
    .groupBy(sql`s.application_id`)
    .prepare(),
  lastVisit: db
    .select({ at: boardVisits.lastVisitedAt })
    .from(boardVisits)
    .where(
      and(
        eq(boardVisits.userId, sql.placeholder("userId")),
        eq(boardVisits.openingId, sql.placeholder("openingId")),
      ),
    )
    .prepare(),
  recordVisit: db
    .insert(boardVisits)
    .values({
      userId: sql.placeholder("userId"),
      openingId: sql.placeholder("openingId"),
      lastVisitedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: [boardVisits.userId, boardVisits.openingId],
      set: { lastVisitedAt: sql`excluded.last_visited_at` },
    })
    .prepare(),
}));

export function getOpening(db: DB, id: number) {
  return queries(db).opening.get({ id });
}

export function getStages(db: DB, openingId: number) {
  return queries(db).stages.all({ openingId });
}

/** Counts per stage and per status: the same model function the recruiter home uses. */
export function getCounts(db: DB, openingId: number): PipelineCounts {
  return countPipelines(db, [openingId]).get(openingId)!;
}

/** The application a "Reject…" panel is about, when it is active and on this opening. */
export function getRejectTarget(db: DB, openingId: number, applicationId: number) {
  return db
    .select({
      id: applications.id,
      version: applications.version,
      stageId: applications.stageId,
      name: users.name,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.candidateId))
    .where(
      and(
        eq(applications.id, applicationId),
        eq(applications.openingId, openingId),
        eq(applications.status, "active"),
      ),
    )
    .get();
}

/** One page (the first `limit` cards) of a stage, oldest in stage first. */
export function getStageCards(db: DB, stageId: number, limit: number) {
  return queries(db).stageCards.all({ stageId, limit });
}

/** Average scorecard rating (all criteria, all reviewers) for the given applications. */
export function getAverageRatings(db: DB, ids: number[]): Map<number, number> {
  if (ids.length === 0) return new Map();
  const rows = queries(db).ratings.all({ ids: JSON.stringify(ids) });
  return new Map(rows.map((r) => [r.id, r.avg]));
}

/** Board loads closer together than this are one visit: the first one is kept. */
export const VISIT_GAP_MS = 60_000;

/**
 * Returns when this user last opened the board (or null) and records this
 * visit. Loads within VISIT_GAP_MS of the recorded visit (a reload, the
 * revalidation after moving a card) write nothing: a board load is a read,
 * and does not wait for the write lock or a disk flush, unless it starts a
 * new visit.
 */
export function recordBoardVisit(
  db: DB,
  userId: number,
  openingId: number,
  now = Date.now(),
): number | null {
  const q = queries(db);
  const seen = q.lastVisit.get({ userId, openingId })?.at ?? null;
  if (seen !== null && now >= seen && now - seen < VISIT_GAP_MS) return seen;
  // Immediate: a deferred transaction that reads and then writes cannot wait
  // for another worker's write (SQLite answers "database is locked" at once,
  // busy_timeout or not); taking the write lock first makes it wait its turn.
  return db.transaction(
    () => {
      const prev = q.lastVisit.get({ userId, openingId });
      q.recordVisit.run({ userId, openingId, now });
      return prev?.at ?? null;
    },
    { behavior: "immediate" },
  );
}
