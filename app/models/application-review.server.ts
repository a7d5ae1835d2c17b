/**
 * Everything the candidate review page shows, in a handful of indexed
 * queries, prepared once per database (app/utils/prepared.server.ts).
 */
import { aliasedTable, and, asc, desc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
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
} from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";
import { renderMarkdown } from "~/utils/markdown.server";

const actor = aliasedTable(users, "actor");
const fromStage = aliasedTable(stages, "from_stage");
const toStage = aliasedTable(stages, "to_stage");
const inBoardStage = and(
  eq(applications.stageId, sql.placeholder("stageId")),
  inArray(applications.status, ["active", "hired"]),
);
const enteredAt = sql.placeholder("stageEnteredAt");
const appId = sql.placeholder("id");

const queries = preparedFor((db) => ({
  application: db
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
    .where(eq(applications.id, appId))
    .prepare(),
  profile: db
    .select()
    .from(candidateProfiles)
    .where(eq(candidateProfiles.userId, sql.placeholder("candidateId")))
    .prepare(),
  resume: db
    .select({ originalName: files.originalName, size: files.size })
    .from(files)
    .where(eq(files.id, sql.placeholder("fileId")))
    .prepare(),
  answers: db
    .select({ label: screeningQuestions.label, value: applicationAnswers.value })
    .from(applicationAnswers)
    .innerJoin(screeningQuestions, eq(screeningQuestions.id, applicationAnswers.questionId))
    .where(eq(applicationAnswers.applicationId, appId))
    .orderBy(asc(screeningQuestions.position))
    .prepare(),
  others: db
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
    .where(eq(applications.candidateId, sql.placeholder("candidateId")))
    .orderBy(desc(applications.createdAt))
    .limit(50)
    .prepare(),
  events: db
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
    .where(eq(applicationEvents.applicationId, appId))
    .orderBy(desc(applicationEvents.at), desc(applicationEvents.id))
    .prepare(),
  notes: db
    .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, author: users.name })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorUserId))
    .where(eq(notes.applicationId, appId))
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .prepare(),
  scorecards: db
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
    .where(eq(scorecards.applicationId, appId))
    .orderBy(asc(scorecards.createdAt))
    .prepare(),
  stageOptions: db
    .select({ id: stages.id, name: stages.name, kind: stages.kind })
    .from(stages)
    .where(eq(stages.openingId, sql.placeholder("openingId")))
    .orderBy(asc(stages.position))
    .prepare(),
  /** Previous and next application in the same stage, in board order (oldest in stage first). */
  prev: db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        inBoardStage,
        or(
          lt(applications.stageEnteredAt, enteredAt),
          and(eq(applications.stageEnteredAt, enteredAt), lt(applications.id, appId)),
        ),
      ),
    )
    .orderBy(desc(applications.stageEnteredAt), desc(applications.id))
    .limit(1)
    .prepare(),
  next: db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        inBoardStage,
        or(
          gt(applications.stageEnteredAt, enteredAt),
          and(eq(applications.stageEnteredAt, enteredAt), gt(applications.id, appId)),
        ),
      ),
    )
    .orderBy(asc(applications.stageEnteredAt), asc(applications.id))
    .limit(1)
    .prepare(),
}));

export function getApplication(db: DB, id: number) {
  return queries(db).application.get({ id });
}

export type ReviewApplication = NonNullable<ReturnType<typeof getApplication>>;

export function getReviewDetails(db: DB, app: ReviewApplication, viewerId: number) {
  const q = queries(db);
  const profile = q.profile.get({ candidateId: app.candidateId }) ?? null;
  const resume = app.resumeFileId ? (q.resume.get({ fileId: app.resumeFileId }) ?? null) : null;
  const answers = q.answers.all({ id: app.id });
  const others = q.others.all({ candidateId: app.candidateId }).filter((o) => o.id !== app.id);
  const events = q.events.all({ id: app.id });
  const noteRows = q.notes.all({ id: app.id }).map((n) => ({ ...n, html: renderMarkdown(n.body) }));
  const cards = q.scorecards.all({ id: app.id });
  const stageOptions = q.stageOptions
    .all({ openingId: app.openingId })
    .map(({ kind, ...s }) => ({ ...s, hired: kind === "hired" }));
  const near = { id: app.id, stageId: app.stageId, stageEnteredAt: app.stageEnteredAt };
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
    prevId: q.prev.get(near)?.id ?? null,
    nextId: q.next.get(near)?.id ?? null,
  };
}
