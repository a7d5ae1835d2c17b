/**
 * The candidate's own applications: the list, one with its timeline, its
 * resume, and withdrawing. Like every candidate query (see
 * application.server.ts), these select only what the candidate may see.
 */
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import {
  applicationAnswers,
  applicationEvents,
  applications,
  files,
  openings,
  screeningQuestions,
  stages,
  users,
} from "../../db/schema";
import { applicationWithdrawnEmail, applicationWithdrawnStaffEmail } from "~/emails/application";
import {
  candidateStatusOf,
  type CandidateEventKind,
  type CandidateStatus,
} from "~/lib/public-status";
import type { DB } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { pageCount } from "~/utils/route-params";
import type { CandidateRef } from "./application.server";

const APPLICATIONS_PER_PAGE = 20;

/** One page of the candidate's applications, most recently changed first. */
export function listApplicationsForCandidate(db: DB, candidateId: number, page: number) {
  const total =
    db
      .select({ n: count() })
      .from(applications)
      .where(eq(applications.candidateId, candidateId))
      .get()?.n ?? 0;
  const rows = db
    .select({
      id: applications.id,
      status: applications.status,
      createdAt: applications.createdAt,
      publicChangedAt: applications.publicChangedAt,
      openingTitle: openings.title,
      openingSlug: openings.slug,
      stagePublicStatus: stages.publicStatus,
    })
    .from(applications)
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .innerJoin(stages, eq(stages.id, applications.stageId))
    .where(eq(applications.candidateId, candidateId))
    .orderBy(desc(applications.publicChangedAt), desc(applications.id))
    .limit(APPLICATIONS_PER_PAGE)
    .offset((page - 1) * APPLICATIONS_PER_PAGE)
    .all();
  const items = rows.map(({ stagePublicStatus, ...row }) => ({
    ...row,
    candidateStatus: candidateStatusOf({ status: row.status, stagePublicStatus }),
  }));
  return { items, total, pageCount: pageCount(total, APPLICATIONS_PER_PAGE) };
}

/** What the timeline shows for an event: never its internal type or detail. */
type TimelineEntry = {
  at: number;
  /** The event (only candidate-visible kinds reach the timeline). */
  kind: CandidateEventKind;
  status: CandidateStatus | null;
  message: string | null;
};

/** One of the candidate's own applications, or null (also for anyone else's id). */
export function getApplicationForCandidate(db: DB, candidateId: number, applicationId: number) {
  const row = db
    .select({
      id: applications.id,
      status: applications.status,
      createdAt: applications.createdAt,
      publicChangedAt: applications.publicChangedAt,
      coverLetter: applications.coverLetter,
      openingTitle: openings.title,
      openingSlug: openings.slug,
      openingStatus: openings.status,
      stagePublicStatus: stages.publicStatus,
      resumeName: files.originalName,
    })
    .from(applications)
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .innerJoin(stages, eq(stages.id, applications.stageId))
    .leftJoin(files, eq(files.id, applications.resumeFileId))
    .where(and(eq(applications.id, applicationId), eq(applications.candidateId, candidateId)))
    .get();
  if (!row) return null;

  const events = db
    .select({
      at: applicationEvents.at,
      type: applicationEvents.type,
      publicStatus: applicationEvents.publicStatus,
      publicMessage: applicationEvents.publicMessage,
    })
    .from(applicationEvents)
    .where(
      and(
        eq(applicationEvents.applicationId, applicationId),
        eq(applicationEvents.candidateVisible, true),
      ),
    )
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id))
    .all();
  const timeline: TimelineEntry[] = events.map((e) => ({
    at: e.at,
    kind: e.type as CandidateEventKind,
    status: e.type === "withdrawn" ? "withdrawn" : e.publicStatus,
    message: e.publicMessage,
  }));

  const answers = db
    .select({
      label: screeningQuestions.label,
      type: screeningQuestions.type,
      value: applicationAnswers.value,
    })
    .from(applicationAnswers)
    .innerJoin(screeningQuestions, eq(screeningQuestions.id, applicationAnswers.questionId))
    .where(eq(applicationAnswers.applicationId, applicationId))
    .orderBy(asc(screeningQuestions.position))
    .all();

  const { stagePublicStatus, ...application } = row;
  return {
    ...application,
    candidateStatus: candidateStatusOf({ status: row.status, stagePublicStatus }),
    timeline,
    answers,
  };
}

/** The resume file of one of the candidate's own applications, or null. */
export function getApplicationResumeForCandidate(
  db: DB,
  candidateId: number,
  applicationId: number,
) {
  return (
    db
      .select({ storageName: files.storageName, originalName: files.originalName })
      .from(applications)
      .innerJoin(files, eq(files.id, applications.resumeFileId))
      .where(and(eq(applications.id, applicationId), eq(applications.candidateId, candidateId)))
      .get() ?? null
  );
}

/**
 * Withdraws an active application of the candidate: status, publicChangedAt,
 * the `withdrawn` event and emails to the candidate and to every recruiter
 * and admin, in one transaction. Returns false when there was nothing to
 * withdraw (not theirs, or no longer active).
 */
export function withdrawApplication(
  db: DB,
  input: { candidate: CandidateRef; applicationId: number; origin: string; now?: number },
): boolean {
  const now = input.now ?? Date.now();
  return db.transaction((tx) => {
    const app = tx
      .select({
        id: applications.id,
        stageId: applications.stageId,
        version: applications.version,
        title: openings.title,
      })
      .from(applications)
      .innerJoin(openings, eq(openings.id, applications.openingId))
      .where(
        and(
          eq(applications.id, input.applicationId),
          eq(applications.candidateId, input.candidate.id),
          eq(applications.status, "active"),
        ),
      )
      .get();
    if (!app) return false;
    // Bumping the version makes a recruiter's stale move on this application fail.
    tx.update(applications)
      .set({ status: "withdrawn", publicChangedAt: now, updatedAt: now, version: app.version + 1 })
      .where(eq(applications.id, app.id))
      .run();
    tx.insert(applicationEvents)
      .values({
        applicationId: app.id,
        at: now,
        actorUserId: input.candidate.id,
        type: "withdrawn",
        fromStageId: app.stageId,
        candidateVisible: true,
        publicStatus: null,
      })
      .run();
    const opening = { title: app.title };
    queueEmail(
      tx,
      applicationWithdrawnEmail({
        candidate: input.candidate,
        opening,
        applicationUrl: `${input.origin}/applications/${app.id}`,
      }),
    );
    const staff = tx
      .select({ email: users.email })
      .from(users)
      .where(inArray(users.role, ["recruiter", "admin"]))
      .all();
    for (const member of staff) {
      queueEmail(
        tx,
        applicationWithdrawnStaffEmail({
          to: member.email,
          candidate: input.candidate,
          opening,
          reviewUrl: `${input.origin}/recruit/applications/${app.id}`,
        }),
      );
    }
    return true;
  });
}
