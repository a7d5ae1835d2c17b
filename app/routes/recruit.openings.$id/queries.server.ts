/**
 * Board queries. The board never loads a whole stage: per stage it reads one
 * page of cards (index applications_stage_entered_idx) and the counts come
 * from one GROUP BY (countPipelines, shared with the recruiter home), so a
 * stage with thousands of applications stays fast.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  applications,
  boardVisits,
  candidateProfiles,
  openings,
  stages,
  users,
} from "../../../db/schema";
import { countPipelines, type PipelineCounts } from "~/models/pipeline.server";
import type { DB } from "~/utils/db.server";

export { PAGE_SIZE } from "~/components/recruit/board/types";
const ON_BOARD = ["active", "hired"] as const;

export function getOpening(db: DB, id: number) {
  return db.select().from(openings).where(eq(openings.id, id)).get();
}

export function getStages(db: DB, openingId: number) {
  return db
    .select()
    .from(stages)
    .where(eq(stages.openingId, openingId))
    .orderBy(asc(stages.position))
    .all();
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
  return db
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
    .where(and(eq(applications.stageId, stageId), inArray(applications.status, ON_BOARD)))
    .orderBy(asc(applications.stageEnteredAt), asc(applications.id))
    .limit(limit)
    .all();
}

/** Average scorecard rating (all criteria, all reviewers) for the given applications. */
export function getAverageRatings(db: DB, ids: number[]): Map<number, number> {
  if (ids.length === 0) return new Map();
  const rows = db.all<{ id: number; avg: number }>(sql`
    SELECT s.application_id AS id, avg(r.value) AS avg
    FROM scorecards s, json_each(s.ratings) r
    WHERE s.application_id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})
    GROUP BY s.application_id`);
  return new Map(rows.map((r) => [r.id, r.avg]));
}

/** Returns when this user last opened the board (or null) and records this visit. */
export function recordBoardVisit(
  db: DB,
  userId: number,
  openingId: number,
  now = Date.now(),
): number | null {
  return db.transaction((tx) => {
    const prev = tx
      .select({ at: boardVisits.lastVisitedAt })
      .from(boardVisits)
      .where(and(eq(boardVisits.userId, userId), eq(boardVisits.openingId, openingId)))
      .get();
    tx.insert(boardVisits)
      .values({ userId, openingId, lastVisitedAt: now })
      .onConflictDoUpdate({
        target: [boardVisits.userId, boardVisits.openingId],
        set: { lastVisitedAt: now },
      })
      .run();
    return prev?.at ?? null;
  });
}
