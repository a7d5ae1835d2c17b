/**
 * A reviewer's own record of an application: internal notes and scorecards.
 * Neither is shown to the candidate nor changes the stage or status, so
 * neither bumps the application's version (a colleague's note must not make a
 * board move look stale); both record an internal application event.
 */
import { and, eq } from "drizzle-orm";
import { applicationEvents, applications, notes, scorecards } from "../../db/schema";
import { RECOMMENDATIONS, type Recommendation } from "~/lib/pipeline-options";
import type { Actor } from "~/models/pipeline.server";
import type { DB, Tx } from "~/utils/db.server";

/** Records the internal event of a note or scorecard and marks the application as updated. */
function recordInternal(
  tx: Tx,
  ctx: Actor,
  event: { applicationId: number; at: number; type: "note" | "scorecard"; detail: string },
) {
  tx.insert(applicationEvents)
    .values({
      applicationId: event.applicationId,
      at: event.at,
      actorUserId: ctx.actorId,
      type: event.type,
      candidateVisible: false,
      internalDetail: event.detail,
    })
    .run();
  // Not a version bump: the version guards stage and status changes only.
  tx.update(applications)
    .set({ updatedAt: event.at })
    .where(eq(applications.id, event.applicationId))
    .run();
}

/** Adds an internal note (never shown to the candidate). */
export function addNote(db: DB, ctx: Actor, input: { applicationId: number; body: string }) {
  const now = ctx.now ?? Date.now();
  db.transaction((tx) => {
    tx.insert(notes)
      .values({
        applicationId: input.applicationId,
        authorUserId: ctx.actorId,
        body: input.body,
        createdAt: now,
      })
      .run();
    recordInternal(tx, ctx, {
      applicationId: input.applicationId,
      at: now,
      type: "note",
      detail: "Added a note",
    });
  });
}

/** Creates or replaces the acting reviewer's scorecard (one per reviewer per application). */
export function saveScorecard(
  db: DB,
  ctx: Actor,
  input: {
    applicationId: number;
    ratings: Record<string, number>;
    recommendation: Recommendation;
    comment: string;
  },
) {
  const now = ctx.now ?? Date.now();
  db.transaction((tx) => {
    const existing = tx
      .select({ id: scorecards.id })
      .from(scorecards)
      .where(
        and(
          eq(scorecards.applicationId, input.applicationId),
          eq(scorecards.reviewerUserId, ctx.actorId),
        ),
      )
      .get();
    if (existing) {
      tx.update(scorecards)
        .set({
          ratings: input.ratings,
          recommendation: input.recommendation,
          comment: input.comment,
          updatedAt: now,
        })
        .where(eq(scorecards.id, existing.id))
        .run();
    } else {
      tx.insert(scorecards)
        .values({ ...input, reviewerUserId: ctx.actorId, createdAt: now, updatedAt: now })
        .run();
    }
    recordInternal(tx, ctx, {
      applicationId: input.applicationId,
      at: now,
      type: "scorecard",
      detail: `${existing ? "Updated" : "Submitted"} a scorecard: ${RECOMMENDATIONS[input.recommendation]}`,
    });
  });
}
