/**
 * Interviews as people read them: the application's interviews for staff
 * and for the candidate (with the invitation to download again), and an
 * interviewer's upcoming ones. Scheduling, changes and scorecards are in
 * interview.server.ts.
 */
import { and, asc, eq, gt, inArray, isNotNull, or } from "drizzle-orm";
import {
  applications,
  interviewInterviewers,
  interviews,
  openings,
  researchers,
  scorecards,
  users,
} from "../../db/schema";
import type { DB, Writer } from "~/utils/db.server";
import { candidateInterview, invitationFor, loadApplication } from "./interview.server";

function interviewersOf(db: Writer, ids: number[]) {
  if (ids.length === 0) return new Map<number, string[]>();
  const rows = db
    .select({
      interviewId: interviewInterviewers.interviewId,
      userId: interviewInterviewers.userId,
      userName: users.name,
      researcherName: researchers.name,
    })
    .from(interviewInterviewers)
    .leftJoin(users, eq(users.id, interviewInterviewers.userId))
    .leftJoin(researchers, eq(researchers.id, interviewInterviewers.researcherId))
    .where(inArray(interviewInterviewers.interviewId, ids))
    .orderBy(asc(interviewInterviewers.id))
    .all();
  const map = new Map<number, { names: string[]; values: string[]; userIds: number[] }>();
  for (const r of rows) {
    const entry = map.get(r.interviewId) ?? { names: [], values: [], userIds: [] };
    entry.names.push(r.userName ?? r.researcherName ?? "Someone");
    map.set(r.interviewId, entry);
  }
  return new Map([...map].map(([k, v]) => [k, v.names]));
}

/** Every interview of an application, for staff, with interviewers and attached scorecards. */
export function listInterviewsForStaff(db: DB, applicationId: number) {
  const rows = db
    .select()
    .from(interviews)
    .where(eq(interviews.applicationId, applicationId))
    .orderBy(asc(interviews.startsAt))
    .all();
  const ids = rows.map((r) => r.id);
  const names = interviewersOf(db, ids);
  const picks = ids.length
    ? db
        .select({
          interviewId: interviewInterviewers.interviewId,
          userId: interviewInterviewers.userId,
          researcherId: interviewInterviewers.researcherId,
        })
        .from(interviewInterviewers)
        .where(inArray(interviewInterviewers.interviewId, ids))
        .all()
    : [];
  const attached = ids.length
    ? db
        .select({ interviewId: scorecards.interviewId, reviewer: users.name })
        .from(scorecards)
        .innerJoin(users, eq(users.id, scorecards.reviewerUserId))
        .where(and(isNotNull(scorecards.interviewId), inArray(scorecards.interviewId, ids)))
        .all()
    : [];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    timeZone: r.timeZone,
    placeKind: r.placeKind,
    place: r.place,
    note: r.noteForCandidate,
    status: r.status,
    sequence: r.sequence,
    interviewers: names.get(r.id) ?? [],
    interviewerValues: picks
      .filter((p) => p.interviewId === r.id)
      .map((p) => (p.userId ? `u:${p.userId}` : `r:${p.researcherId}`)),
    interviewerUserIds: picks
      .filter((p) => p.interviewId === r.id && p.userId)
      .map((p) => p.userId!),
    scorecardsFrom: attached.filter((a) => a.interviewId === r.id).map((a) => a.reviewer),
  }));
}

/** The candidate's interviews on one of their own applications (none for anyone else's). */
export function listInterviewsForCandidate(db: DB, candidateId: number, applicationId: number) {
  const rows = db
    .select({
      id: interviews.id,
      kind: interviews.kind,
      startsAt: interviews.startsAt,
      endsAt: interviews.endsAt,
      timeZone: interviews.timeZone,
      placeKind: interviews.placeKind,
      place: interviews.place,
      note: interviews.noteForCandidate,
      status: interviews.status,
    })
    .from(interviews)
    .innerJoin(applications, eq(applications.id, interviews.applicationId))
    .where(and(eq(applications.id, applicationId), eq(applications.candidateId, candidateId)))
    .orderBy(asc(interviews.startsAt))
    .all();
  const names = interviewersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, interviewers: names.get(r.id) ?? [] }));
}

/** The .ics of one of the candidate's own interviews, or null (also for anyone else's). */
export function getInvitationForCandidate(
  db: DB,
  input: { candidateId: number; applicationId: number; interviewId: number; origin: string },
) {
  const row = db
    .select()
    .from(interviews)
    .innerJoin(applications, eq(applications.id, interviews.applicationId))
    .where(candidateInterview(input))
    .get();
  if (!row) return null;
  const app = loadApplication(db, input.applicationId)!;
  return {
    ics: invitationFor(row.interviews, app, input.origin, row.interviews.updatedAt),
    kind: row.interviews.kind,
  };
}

/** The scheduled interviews `userId` sits on that have not ended yet, soonest first. */
export function upcomingInterviewsFor(db: DB, userId: number, now = Date.now(), limit = 10) {
  return db
    .select({
      id: interviews.id,
      applicationId: interviews.applicationId,
      kind: interviews.kind,
      startsAt: interviews.startsAt,
      endsAt: interviews.endsAt,
      timeZone: interviews.timeZone,
      place: interviews.place,
      candidateName: users.name,
      openingTitle: openings.title,
    })
    .from(interviewInterviewers)
    .innerJoin(interviews, eq(interviews.id, interviewInterviewers.interviewId))
    .innerJoin(applications, eq(applications.id, interviews.applicationId))
    .innerJoin(users, eq(users.id, applications.candidateId))
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .where(
      and(
        eq(interviewInterviewers.userId, userId),
        eq(interviews.status, "scheduled"),
        gt(interviews.endsAt, now),
        or(eq(applications.status, "active"), eq(applications.status, "hired")),
      ),
    )
    .orderBy(asc(interviews.startsAt))
    .limit(limit)
    .all();
}
