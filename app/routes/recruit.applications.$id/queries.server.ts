/** Everything the candidate review page shows, in a handful of indexed queries. */
import { aliasedTable, and, asc, desc, eq, gt, inArray, lt, or } from "drizzle-orm";
import {
  applicationAnswers,
  applicationEvents,
  applications,
  candidateProfiles,
  files,
  notes,
  openings,
  scorecards,
  screeningQuestions,
  stages,
  users,
} from "../../../db/schema";
import type { DB } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";

export function getApplication(db: DB, id: number) {
  return db
    .select({
      id: applications.id,
      version: applications.version,
      status: applications.status,
      stageId: applications.stageId,
      stageName: stages.name,
      stageEnteredAt: applications.stageEnteredAt,
      createdAt: applications.createdAt,
      coverLetter: applications.coverLetter,
      source: applications.source,
      resumeFileId: applications.resumeFileId,
      openingId: openings.id,
      openingTitle: openings.title,
      criteria: openings.scorecardCriteria,
      candidateId: users.id,
      name: users.name,
      email: users.email,
    })
    .from(applications)
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .innerJoin(stages, eq(stages.id, applications.stageId))
    .innerJoin(users, eq(users.id, applications.candidateId))
    .where(eq(applications.id, id))
    .get();
}

export type ReviewApplication = NonNullable<ReturnType<typeof getApplication>>;

export function getReviewDetails(db: DB, app: ReviewApplication, viewerId: number) {
  const profile =
    db
      .select()
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, app.candidateId))
      .get() ?? null;
  const resume = app.resumeFileId
    ? (db
        .select({ originalName: files.originalName, size: files.size })
        .from(files)
        .where(eq(files.id, app.resumeFileId))
        .get() ?? null)
    : null;
  const answers = db
    .select({ label: screeningQuestions.label, value: applicationAnswers.value })
    .from(applicationAnswers)
    .innerJoin(screeningQuestions, eq(screeningQuestions.id, applicationAnswers.questionId))
    .where(eq(applicationAnswers.applicationId, app.id))
    .orderBy(asc(screeningQuestions.position))
    .all();
  const others = db
    .select({
      id: applications.id,
      status: applications.status,
      createdAt: applications.createdAt,
      opening: openings.title,
      stage: stages.name,
    })
    .from(applications)
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .innerJoin(stages, eq(stages.id, applications.stageId))
    .where(and(eq(applications.candidateId, app.candidateId)))
    .orderBy(desc(applications.createdAt))
    .limit(50)
    .all()
    .filter((o) => o.id !== app.id);
  const actor = aliasedTable(users, "actor");
  const fromStage = aliasedTable(stages, "from_stage");
  const toStage = aliasedTable(stages, "to_stage");
  const events = db
    .select({
      id: applicationEvents.id,
      at: applicationEvents.at,
      type: applicationEvents.type,
      candidateVisible: applicationEvents.candidateVisible,
      publicStatus: applicationEvents.publicStatus,
      publicMessage: applicationEvents.publicMessage,
      internalDetail: applicationEvents.internalDetail,
      actorName: actor.name,
      fromStage: fromStage.name,
      toStage: toStage.name,
    })
    .from(applicationEvents)
    .leftJoin(actor, eq(actor.id, applicationEvents.actorUserId))
    .leftJoin(fromStage, eq(fromStage.id, applicationEvents.fromStageId))
    .leftJoin(toStage, eq(toStage.id, applicationEvents.toStageId))
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(desc(applicationEvents.at), desc(applicationEvents.id))
    .all();
  const noteRows = db
    .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, author: users.name })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorUserId))
    .where(eq(notes.applicationId, app.id))
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .all()
    .map((n) => ({ ...n, html: renderMarkdown(n.body) }));
  const cards = db
    .select({
      id: scorecards.id,
      reviewerId: scorecards.reviewerUserId,
      reviewer: users.name,
      ratings: scorecards.ratings,
      recommendation: scorecards.recommendation,
      comment: scorecards.comment,
      updatedAt: scorecards.updatedAt,
    })
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.reviewerUserId))
    .where(eq(scorecards.applicationId, app.id))
    .orderBy(asc(scorecards.createdAt))
    .all();
  const stageOptions = db
    .select({ id: stages.id, name: stages.name })
    .from(stages)
    .where(eq(stages.openingId, app.openingId))
    .orderBy(asc(stages.position))
    .all();
  return {
    profile,
    resume,
    answers,
    others,
    events,
    notes: noteRows,
    scorecards: cards,
    myScorecard: cards.find((c) => c.reviewerId === viewerId) ?? null,
    stages: stageOptions,
    ...getNeighbours(db, app),
  };
}

/** Previous and next application in the same stage, in board order (oldest in stage first). */
function getNeighbours(db: DB, app: ReviewApplication) {
  const base = and(
    eq(applications.stageId, app.stageId),
    inArray(applications.status, ["active", "hired"]),
  );
  const prev = db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        base,
        or(
          lt(applications.stageEnteredAt, app.stageEnteredAt),
          and(eq(applications.stageEnteredAt, app.stageEnteredAt), lt(applications.id, app.id)),
        ),
      ),
    )
    .orderBy(desc(applications.stageEnteredAt), desc(applications.id))
    .limit(1)
    .get();
  const next = db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        base,
        or(
          gt(applications.stageEnteredAt, app.stageEnteredAt),
          and(eq(applications.stageEnteredAt, app.stageEnteredAt), gt(applications.id, app.id)),
        ),
      ),
    )
    .orderBy(asc(applications.stageEnteredAt), asc(applications.id))
    .limit(1)
    .get();
  return { prevId: prev?.id ?? null, nextId: next?.id ?? null };
}
