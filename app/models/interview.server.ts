/**
 * Interviews: staff schedule, reschedule and cancel them; the candidate gets
 * an invitation (.ics, METHOD:REQUEST / CANCEL, one UID for the interview's
 * life, SEQUENCE up with each change) through the outbox, and may propose
 * other times; interviewers attach their scorecard. What staff, candidates
 * and interviewers read is in interview-lists.server.ts. Every change writes an application event in the same
 * transaction as the change and its email. Callers run deliverOutbox() after.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  applicationEvents,
  applications,
  interviewInterviewers,
  interviews,
  openingTeam,
  openings,
  researchers,
  scorecards,
  users,
} from "../../db/schema";
import type { InterviewKind } from "~/lib/enums";
import { INTERVIEW_KIND_LABELS } from "~/lib/hiring-options";
import {
  interviewCancelledEmail,
  interviewInvitationEmail,
  type InterviewMailFacts,
} from "~/emails/hiring";
import type { Actor } from "~/models/pipeline.server";
import type { DB, Tx, Writer } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { buildInvitation } from "~/utils/ical.server";
import { queueEmail } from "~/emails/mailer.server";
import { getBrand } from "~/utils/site";
import { formatStaffTimeRange, formatTimeRange } from "~/utils/time";

export type InterviewInput = {
  kind: InterviewKind;
  startsAt: number;
  endsAt: number;
  timeZone: string;
  placeKind: "room" | "video";
  place: string;
  note: string;
  /** "u:<userId>" for staff, "r:<researcherId>" for the opening's hiring team. */
  interviewers: string[];
};

export type InterviewOutcome =
  | { ok: true; id: number }
  | { ok: false; fieldErrors?: Record<string, string[]>; formErrors?: string[] };

/** Staff accounts and the opening's hiring team, as interviewer choices. */
export function interviewerChoices(db: Writer, openingId: number) {
  const staff = db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.role, ["recruiter", "admin"]))
    .orderBy(asc(users.name))
    .all()
    .map((u) => ({ value: `u:${u.id}`, label: `${u.name} (staff)` }));
  const team = db
    .select({ id: researchers.id, name: researchers.name })
    .from(openingTeam)
    .innerJoin(researchers, eq(researchers.id, openingTeam.researcherId))
    .where(eq(openingTeam.openingId, openingId))
    .orderBy(asc(openingTeam.position))
    .all()
    .map((r) => ({ value: `r:${r.id}`, label: `${r.name} (hiring team)` }));
  return [...staff, ...team];
}

type AppFacts = {
  id: number;
  status: string;
  openingId: number;
  openingTitle: string;
  candidateName: string;
  candidateEmail: string;
};

export function loadApplication(tx: Writer, applicationId: number): AppFacts | undefined {
  return tx
    .select({
      id: applications.id,
      status: applications.status,
      openingId: applications.openingId,
      openingTitle: openings.title,
      candidateName: users.name,
      candidateEmail: users.email,
    })
    .from(applications)
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .innerJoin(users, eq(users.id, applications.candidateId))
    .where(eq(applications.id, applicationId))
    .get();
}

/** "Name <address>" or a bare address, as the invitation's organiser. */
function organizer() {
  const from = getEnv().MAIL_FROM;
  const m = /^(.*?)\s*<([^>]+)>$/.exec(from);
  const name = getBrand().name;
  return m ? { name: m[1] || name, email: m[2] } : { name, email: from };
}

type InterviewRow = typeof interviews.$inferSelect;

/** The .ics text of an interview as it now stands (REQUEST, or CANCEL once cancelled). */
export function invitationFor(row: InterviewRow, app: AppFacts, origin: string, stamp?: number) {
  const link = `${origin}/applications/${app.id}`;
  return buildInvitation({
    method: row.status === "cancelled" ? "CANCEL" : "REQUEST",
    uid: row.uid,
    sequence: row.sequence,
    start: row.startsAt,
    end: row.endsAt,
    timeZone: row.timeZone,
    summary: `${INTERVIEW_KIND_LABELS[row.kind]}: ${app.openingTitle} (${getBrand().name})`,
    description: [row.noteForCandidate, `Your application: ${link}`].filter(Boolean).join("\n\n"),
    location: row.place,
    url: row.placeKind === "video" ? row.place : link,
    organizer: organizer(),
    attendee: { name: app.candidateName, email: app.candidateEmail },
    stamp,
  });
}

function mailFacts(row: InterviewRow, app: AppFacts, origin: string, now: number) {
  return {
    to: app.candidateEmail,
    candidateName: app.candidateName,
    openingTitle: app.openingTitle,
    kind: row.kind,
    when: formatTimeRange(row.startsAt, row.endsAt, row.timeZone),
    place: row.place,
    note: row.noteForCandidate,
    link: `${origin}/applications/${app.id}`,
    calendar: invitationFor(row, app, origin, now),
  } satisfies InterviewMailFacts;
}

/** Checks the interviewer values against the choices; null when any is not offered. */
function resolveInterviewers(tx: Writer, openingId: number, values: string[]) {
  const offered = new Set(interviewerChoices(tx, openingId).map((c) => c.value));
  const unique = [...new Set(values)];
  if (unique.some((v) => !offered.has(v))) return null;
  return unique.map((v) => {
    const id = Number(v.slice(2));
    return v.startsWith("u:") ? { userId: id } : { researcherId: id };
  });
}

type Person = { userId?: number; researcherId?: number };
type Checked =
  | { ok: true; app: AppFacts; people: Person[] }
  | { ok: false; fieldErrors?: Record<string, string[]>; formErrors?: string[] };

function validate(tx: Writer, app: AppFacts | undefined, input: InterviewInput): Checked {
  if (!app) return { ok: false, formErrors: ["That application no longer exists."] };
  if (app.status !== "active")
    return {
      ok: false,
      formErrors: ["This application is no longer active, so it cannot be interviewed."],
    };
  if (input.endsAt <= input.startsAt)
    return { ok: false, fieldErrors: { end: ["The interview must end after it starts."] } };
  if (input.endsAt - input.startsAt > 12 * 60 * 60 * 1000)
    return { ok: false, fieldErrors: { end: ["An interview lasts at most 12 hours."] } };
  const people = resolveInterviewers(tx, app.openingId, input.interviewers);
  if (!people)
    return {
      ok: false,
      fieldErrors: {
        interviewers: ["Choose interviewers from the staff and this opening's hiring team."],
      },
    };
  if (people.length === 0)
    return { ok: false, fieldErrors: { interviewers: ["Choose at least one interviewer."] } };
  return { ok: true, app, people };
}

function writeInterviewers(tx: Tx, interviewId: number, people: Person[]) {
  tx.delete(interviewInterviewers).where(eq(interviewInterviewers.interviewId, interviewId)).run();
  for (const p of people)
    tx.insert(interviewInterviewers)
      .values({ interviewId, ...p })
      .run();
}

function event(
  tx: Tx,
  ctx: Actor,
  applicationId: number,
  now: number,
  type:
    "interview_scheduled" | "interview_rescheduled" | "interview_cancelled" | "interview_proposal",
  detail: string,
) {
  tx.insert(applicationEvents)
    .values({
      applicationId,
      at: now,
      actorUserId: ctx.actorId,
      type,
      candidateVisible: false,
      internalDetail: detail,
    })
    .run();
  tx.update(applications).set({ updatedAt: now }).where(eq(applications.id, applicationId)).run();
}

/** Schedules an interview and sends the candidate its invitation. */
export function scheduleInterview(
  db: DB,
  ctx: Actor,
  input: InterviewInput & { applicationId: number },
): InterviewOutcome {
  const now = ctx.now ?? Date.now();
  return db.transaction(
    (tx): InterviewOutcome => {
      const checked = validate(tx, loadApplication(tx, input.applicationId), input);
      if (!checked.ok) return checked;
      const app = checked.app;
      const row = tx
        .insert(interviews)
        .values({
          applicationId: app.id,
          kind: input.kind,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          timeZone: input.timeZone,
          placeKind: input.placeKind,
          place: input.place,
          noteForCandidate: input.note,
          uid: `interview-${randomBytes(12).toString("hex")}@atrium`,
          sequence: 0,
          createdBy: ctx.actorId,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      writeInterviewers(tx, row.id, checked.people);
      const when = formatStaffTimeRange(row.startsAt, row.endsAt, row.timeZone);
      event(
        tx,
        ctx,
        app.id,
        now,
        "interview_scheduled",
        `${INTERVIEW_KIND_LABELS[row.kind]}, ${when}`,
      );
      queueEmail(
        tx,
        interviewInvitationEmail({ ...mailFacts(row, app, ctx.origin, now), change: "new" }),
      );
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

function loadInterview(tx: Writer, applicationId: number, interviewId: number) {
  return tx
    .select()
    .from(interviews)
    .where(and(eq(interviews.id, interviewId), eq(interviews.applicationId, applicationId)))
    .get();
}

/** Changes an interview; the candidate gets an updated invitation (same UID, SEQUENCE + 1). */
export function rescheduleInterview(
  db: DB,
  ctx: Actor,
  input: InterviewInput & { applicationId: number; interviewId: number },
): InterviewOutcome {
  const now = ctx.now ?? Date.now();
  return db.transaction(
    (tx): InterviewOutcome => {
      const current = loadInterview(tx, input.applicationId, input.interviewId);
      if (!current) return { ok: false, formErrors: ["That interview no longer exists."] };
      if (current.status === "cancelled")
        return { ok: false, formErrors: ["That interview was cancelled; schedule a new one."] };
      const checked = validate(tx, loadApplication(tx, input.applicationId), input);
      if (!checked.ok) return checked;
      const app = checked.app;
      const row = tx
        .update(interviews)
        .set({
          kind: input.kind,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          timeZone: input.timeZone,
          placeKind: input.placeKind,
          place: input.place,
          noteForCandidate: input.note,
          sequence: current.sequence + 1,
          updatedAt: now,
        })
        .where(eq(interviews.id, current.id))
        .returning()
        .get();
      writeInterviewers(tx, row.id, checked.people);
      const before = formatStaffTimeRange(current.startsAt, current.endsAt, current.timeZone);
      const after = formatStaffTimeRange(row.startsAt, row.endsAt, row.timeZone);
      event(
        tx,
        ctx,
        app.id,
        now,
        "interview_rescheduled",
        `${INTERVIEW_KIND_LABELS[row.kind]}: ${before} → ${after}`,
      );
      queueEmail(
        tx,
        interviewInvitationEmail({ ...mailFacts(row, app, ctx.origin, now), change: "moved" }),
      );
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

/** Cancels an interview; the candidate gets a METHOD:CANCEL notice for the same UID. */
export function cancelInterview(
  db: DB,
  ctx: Actor,
  input: { applicationId: number; interviewId: number },
): InterviewOutcome {
  const now = ctx.now ?? Date.now();
  return db.transaction(
    (tx): InterviewOutcome => {
      const current = loadInterview(tx, input.applicationId, input.interviewId);
      if (!current) return { ok: false, formErrors: ["That interview no longer exists."] };
      if (current.status === "cancelled")
        return { ok: false, formErrors: ["That interview is already cancelled."] };
      const app = loadApplication(tx, input.applicationId)!;
      const row = tx
        .update(interviews)
        .set({ status: "cancelled", sequence: current.sequence + 1, updatedAt: now })
        .where(eq(interviews.id, current.id))
        .returning()
        .get();
      const when = formatStaffTimeRange(row.startsAt, row.endsAt, row.timeZone);
      event(
        tx,
        ctx,
        app.id,
        now,
        "interview_cancelled",
        `${INTERVIEW_KIND_LABELS[row.kind]}, ${when}`,
      );
      queueEmail(tx, interviewCancelledEmail(mailFacts(row, app, ctx.origin, now)));
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

/**
 * Rows of interview `interviewId` only when it belongs to application
 * `applicationId` and that application to candidate `candidateId` (a query
 * joining interviews to applications): a candidate reaches only their own.
 */
export function candidateInterview(input: {
  candidateId: number;
  applicationId: number;
  interviewId: number;
}) {
  return and(
    eq(interviews.id, input.interviewId),
    eq(applications.id, input.applicationId),
    eq(applications.candidateId, input.candidateId),
  );
}

/** The candidate proposes other times (free text); staff see it as an event. False when not theirs. */
export function proposeInterviewTimes(
  db: DB,
  input: {
    candidateId: number;
    applicationId: number;
    interviewId: number;
    text: string;
    now?: number;
  },
): boolean {
  const now = input.now ?? Date.now();
  return db.transaction((tx) => {
    const row = tx
      .select({ id: interviews.id, kind: interviews.kind, status: interviews.status })
      .from(interviews)
      .innerJoin(applications, eq(applications.id, interviews.applicationId))
      .where(candidateInterview(input))
      .get();
    if (!row || row.status !== "scheduled") return false;
    event(
      tx,
      { actorId: input.candidateId, origin: "" },
      input.applicationId,
      now,
      "interview_proposal",
      `Candidate proposes other times for the ${INTERVIEW_KIND_LABELS[row.kind].toLowerCase()}: ${input.text}`,
    );
    return true;
  });
}

/**
 * Attaches the acting reviewer's scorecard on this application to one of its
 * interviews. False when either is missing.
 */
export function attachScorecard(
  db: DB,
  ctx: Actor,
  input: { applicationId: number; interviewId: number },
): boolean {
  const now = ctx.now ?? Date.now();
  return db.transaction((tx) => {
    const interview = loadInterview(tx, input.applicationId, input.interviewId);
    if (!interview) return false;
    const card = tx
      .update(scorecards)
      .set({ interviewId: interview.id, updatedAt: now })
      .where(
        and(
          eq(scorecards.applicationId, input.applicationId),
          eq(scorecards.reviewerUserId, ctx.actorId),
        ),
      )
      .returning({ id: scorecards.id })
      .get();
    if (!card) return false;
    tx.insert(applicationEvents)
      .values({
        applicationId: input.applicationId,
        at: now,
        actorUserId: ctx.actorId,
        type: "scorecard",
        candidateVisible: false,
        internalDetail: `Attached a scorecard to the ${INTERVIEW_KIND_LABELS[interview.kind].toLowerCase()} of ${formatStaffTimeRange(interview.startsAt, interview.endsAt, interview.timeZone)}`,
      })
      .run();
    return true;
  });
}

/** Whether this reviewer has already written a scorecard for the application. */
export function hasScorecardBy(db: DB, applicationId: number, reviewerUserId: number): boolean {
  return Boolean(
    db
      .select({ id: scorecards.id })
      .from(scorecards)
      .where(
        and(
          eq(scorecards.applicationId, applicationId),
          eq(scorecards.reviewerUserId, reviewerUserId),
        ),
      )
      .get(),
  );
}
