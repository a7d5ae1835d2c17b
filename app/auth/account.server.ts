/**
 * What a signed-in person can do to their own account (/account): rename,
 * change password, see and end sessions, export their data, delete the
 * account. Callers have already checked who is asking (requireUser).
 */
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import type { DB, Tx } from "~/utils/db.server";
import { deleteStoredFile } from "~/utils/uploads.server";
import { audit } from "./audit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { attemptKeys } from "./device.server";
import { revokeResetTokens } from "./reset.server";
import { invalidateUserSessions, sessionDeadline } from "./session.server";
import { recordFailure, throttleWait } from "./throttle.server";
import { exportOffersOf } from "~/models/offer-lists.server";
import { letterFilesOf, offerFilesOf } from "~/models/retention.server";

type Meta = { ip: string; now?: number };

/** The account's live sessions (neither past their absolute end nor idle too long), most recently active first. */
export function listSessions(db: DB, userId: number, now = Date.now()) {
  return db
    .select({
      id: s.sessions.id,
      createdAt: s.sessions.createdAt,
      lastActiveAt: s.sessions.lastActiveAt,
      expiresAt: s.sessions.expiresAt,
      userAgent: s.sessions.userAgent,
    })
    .from(s.sessions)
    .where(eq(s.sessions.userId, userId))
    .orderBy(desc(s.sessions.lastActiveAt))
    .all()
    .filter((row) => sessionDeadline(row) > now);
}

export function changeName(db: DB, userId: number, name: string, { ip, now = Date.now() }: Meta) {
  db.transaction((tx) => {
    tx.update(s.users).set({ name, updatedAt: now }).where(eq(s.users.id, userId)).run();
    audit(tx, { action: "account.name_changed", actorUserId: userId, ip, at: now });
  });
}

export type PasswordCheck =
  { kind: "ok" } | { kind: "wrong" } | { kind: "throttled"; waitMs: number };

/**
 * Checks the account's current password before a sensitive change. Wrong
 * guesses count towards the same throttle as sign-in (this device's, or the
 * account's for a device that never signed in), so a borrowed session cannot
 * be used to guess the password. Wrong guesses are audited.
 */
export async function checkCurrentPassword(
  db: DB,
  user: { id: number; email: string },
  password: string,
  { request, ip, now = Date.now() }: Meta & { request: Request },
): Promise<PasswordCheck> {
  const { keys } = attemptKeys(db, request, { email: user.email, ip, now });
  const wait = throttleWait(db, keys, now);
  if (wait > 0) return { kind: "throttled", waitMs: wait };
  const row = db
    .select({ hash: s.users.passwordHash })
    .from(s.users)
    .where(eq(s.users.id, user.id))
    .get();
  if (row && (await verifyPassword(row.hash, password))) return { kind: "ok" };
  const waitMs = recordFailure(db, keys, now);
  audit(db, { action: "auth.password_check_failed", actorUserId: user.id, ip, at: now });
  return waitMs > 0 ? { kind: "throttled", waitMs } : { kind: "wrong" };
}

/**
 * Sets a new password, ends every other session of the account (the current
 * one stays) and retires the reset links mailed before the change.
 */
export async function changePassword(
  db: DB,
  userId: number,
  currentSessionId: string,
  newPassword: string,
  { ip, now = Date.now() }: Meta,
) {
  const passwordHash = await hashPassword(newPassword);
  db.transaction((tx) => {
    tx.update(s.users).set({ passwordHash, updatedAt: now }).where(eq(s.users.id, userId)).run();
    const ended = invalidateUserSessions(tx, userId, currentSessionId);
    const resetLinksRevoked = revokeResetTokens(tx, userId, now);
    audit(tx, {
      action: "auth.password_changed",
      actorUserId: userId,
      ip,
      at: now,
      detail: { sessionsEnded: ended, resetLinksRevoked },
    });
  });
}

/** "Sign out everywhere else": ends every session of the account but the current one. */
export function revokeOtherSessions(
  db: DB,
  userId: number,
  currentSessionId: string,
  { ip, now = Date.now() }: Meta,
) {
  return db.transaction((tx) => {
    const ended = invalidateUserSessions(tx, userId, currentSessionId);
    audit(tx, {
      action: "auth.sessions_revoked",
      actorUserId: userId,
      ip,
      at: now,
      detail: { sessionsEnded: ended },
    });
    return ended;
  });
}

export type DeleteResult = { kind: "ok" } | { kind: "last_admin" };

/**
 * What still holds a deleted person's email once their rows are gone (the
 * foreign keys cascade over everything else): the messages sent to them, the
 * throttle counters keyed by their address, and the personal part of audit
 * rows (addresses and emails beside rows about them; the chained rows keep
 * their id). Returns how many of each were removed, for the audit row.
 */
function forgetEmail(tx: Tx, userId: number, email: string) {
  const address = email.toLowerCase();
  const likeEscaped = address.replace(/[!%_]/g, (c) => `!${c}`);
  const messagesDeleted = tx
    .delete(s.outbox)
    .where(sql`lower(${s.outbox.to}) = ${address}`)
    .run().changes;
  const countersDeleted = tx
    .delete(s.throttles)
    .where(
      or(
        eq(s.throttles.key, `account:${address}`),
        eq(s.throttles.key, `account:2fa:${userId}`),
        sql`${s.throttles.key} LIKE ${`msg:%:${likeEscaped}`} ESCAPE '!'`,
      ),
    )
    .run().changes;
  const auditContextDeleted = tx
    .delete(s.auditContext)
    .where(
      or(
        eq(s.auditContext.email, address),
        sql`${s.auditContext.auditId} IN (SELECT id FROM audit_log WHERE actor_user_id = ${userId} OR subject_user_id = ${userId})`,
      ),
    )
    .run().changes;
  return { messagesDeleted, countersDeleted, auditContextDeleted };
}

/**
 * Deletes the account; its sessions, profile, applications and their events
 * go with it (foreign keys cascade). The last admin cannot leave the system without one.
 */
export function deleteAccount(
  db: DB,
  userId: number,
  { ip, now = Date.now() }: Meta,
): DeleteResult {
  const result = db.transaction(
    (tx) => {
      const user = tx
        .select({ role: s.users.role, email: s.users.email })
        .from(s.users)
        .where(eq(s.users.id, userId))
        .get();
      if (!user) return { kind: "ok", storageNames: [] as string[] } as const;
      if (user.role === "admin") {
        const admins = tx
          .select({ id: s.users.id })
          .from(s.users)
          .where(eq(s.users.role, "admin"))
          .limit(2)
          .all();
        if (admins.length < 2) return { kind: "last_admin" } as const;
      }
      // Their resumes go too: rows now, bytes once the transaction has committed. (Photos an
      // admin uploaded belong to the directory, not to the admin, and stay.)
      const owned = tx
        .delete(s.files)
        .where(and(eq(s.files.ownerUserId, userId), eq(s.files.kind, "resume")))
        .returning({ storageName: s.files.storageName })
        .all();
      // So do the reference letters and offer PDFs of their applications: those file rows
      // have no owner, and the cascade from the user removes only what points at them.
      const applicationIds = tx
        .select({ id: s.applications.id })
        .from(s.applications)
        .where(eq(s.applications.candidateId, userId))
        .all()
        .map((a) => a.id);
      const applicationFiles = [
        ...letterFilesOf(tx, applicationIds),
        ...offerFilesOf(tx, applicationIds),
      ];
      tx.delete(s.users).where(eq(s.users.id, userId)).run();
      if (applicationFiles.length > 0) {
        tx.delete(s.files)
          .where(
            inArray(
              s.files.id,
              applicationFiles.map((f) => f.id),
            ),
          )
          .run();
        owned.push(...applicationFiles);
      }
      const traces = forgetEmail(tx, userId, user.email);
      // The user row is gone, so record the id (not the email) of who left.
      audit(tx, {
        action: "account.deleted",
        ip,
        at: now,
        detail: { userId, role: user.role, filesDeleted: owned.length, ...traces },
      });
      return { kind: "ok", storageNames: owned.map((f) => f.storageName) } as const;
    },
    { behavior: "immediate" },
  );
  if (result.kind === "ok") {
    for (const name of result.storageNames) {
      try {
        deleteStoredFile(name);
      } catch (error) {
        // The account is gone either way; a stray file is logged, not shown to the person.
        console.warn(
          `[account] could not delete an uploaded file: ${error instanceof Error ? error.message : error}`,
        );
      }
    }
  }
  return { kind: result.kind };
}

/**
 * Everything Atrium holds about the person, as they may see it: the account,
 * the candidate profile, their files' descriptions, and their applications with
 * answers and the events shown on their own timeline. Staff-only data (notes,
 * scorecards, internal event detail, stage names) is left out.
 */
export function exportAccount(db: DB, userId: number) {
  const account = db
    .select({
      id: s.users.id,
      email: s.users.email,
      name: s.users.name,
      role: s.users.role,
      createdAt: s.users.createdAt,
      updatedAt: s.users.updatedAt,
    })
    .from(s.users)
    .where(eq(s.users.id, userId))
    .get();
  const profile =
    db.select().from(s.candidateProfiles).where(eq(s.candidateProfiles.userId, userId)).get() ??
    null;
  const files = db
    .select({
      id: s.files.id,
      kind: s.files.kind,
      originalName: s.files.originalName,
      contentType: s.files.contentType,
      size: s.files.size,
      createdAt: s.files.createdAt,
    })
    .from(s.files)
    .where(eq(s.files.ownerUserId, userId))
    .all();
  const apps = db
    .select({
      id: s.applications.id,
      opening: s.openings.title,
      openingSlug: s.openings.slug,
      publicStatus: s.stages.publicStatus,
      status: s.applications.status,
      coverLetter: s.applications.coverLetter,
      resumeFileId: s.applications.resumeFileId,
      consentAt: s.applications.consentAt,
      createdAt: s.applications.createdAt,
      updatedAt: s.applications.publicChangedAt,
    })
    .from(s.applications)
    .innerJoin(s.openings, eq(s.openings.id, s.applications.openingId))
    .innerJoin(s.stages, eq(s.stages.id, s.applications.stageId))
    .where(eq(s.applications.candidateId, userId))
    .orderBy(asc(s.applications.createdAt))
    .all();
  const appIds = apps.map((a) => a.id);
  const answers = appIds.length
    ? db
        .select({
          applicationId: s.applicationAnswers.applicationId,
          question: s.screeningQuestions.label,
          answer: s.applicationAnswers.value,
        })
        .from(s.applicationAnswers)
        .innerJoin(
          s.screeningQuestions,
          eq(s.screeningQuestions.id, s.applicationAnswers.questionId),
        )
        .where(inArray(s.applicationAnswers.applicationId, appIds))
        .orderBy(asc(s.screeningQuestions.position))
        .all()
    : [];
  const events = appIds.length
    ? db
        .select({
          applicationId: s.applicationEvents.applicationId,
          at: s.applicationEvents.at,
          type: s.applicationEvents.type,
          publicStatus: s.applicationEvents.publicStatus,
          message: s.applicationEvents.publicMessage,
        })
        .from(s.applicationEvents)
        .where(
          and(
            inArray(s.applicationEvents.applicationId, appIds),
            eq(s.applicationEvents.candidateVisible, true),
          ),
        )
        .orderBy(asc(s.applicationEvents.at))
        .all()
    : [];
  const sessions = listSessions(db, userId, Date.now()).map(
    ({ createdAt, lastActiveAt, userAgent }) => ({ createdAt, lastActiveAt, userAgent }),
  );
  const offers = exportOffersOf(db, userId);
  // The candidate's own publication list. Reference letters are never part of
  // an export: they are the referees' words about the candidate.
  const publications = db
    .select({
      title: s.candidatePublications.title,
      authors: s.candidatePublications.authors,
      authorList: s.candidatePublications.authorList,
      moreAuthors: s.candidatePublications.moreAuthors,
      entryType: s.candidatePublications.entryType,
      citationKey: s.candidatePublications.citationKey,
      venue: s.candidatePublications.venue,
      year: s.candidatePublications.year,
      month: s.candidatePublications.month,
      pages: s.candidatePublications.pages,
      doi: s.candidatePublications.doi,
      url: s.candidatePublications.url,
      eprint: s.candidatePublications.eprint,
      eprintType: s.candidatePublications.eprintType,
      extra: s.candidatePublications.extra,
      createdAt: s.candidatePublications.createdAt,
    })
    .from(s.candidatePublications)
    .where(eq(s.candidatePublications.userId, userId))
    .orderBy(asc(s.candidatePublications.id))
    .all();
  // The outside identities linked to the account (ORCID iD, single sign-on subject).
  const linkedIdentities = db
    .select({
      provider: s.externalIdentities.provider,
      issuer: s.externalIdentities.issuer,
      subject: s.externalIdentities.subject,
      linkedAt: s.externalIdentities.createdAt,
      lastUsedAt: s.externalIdentities.lastUsedAt,
    })
    .from(s.externalIdentities)
    .where(eq(s.externalIdentities.userId, userId))
    .all();
  return {
    exportedAt: new Date().toISOString(),
    account,
    linkedIdentities,
    candidateProfile: profile,
    publications,
    files,
    sessions,
    applications: apps.map((app) => ({
      ...app,
      answers: answers
        .filter((a) => a.applicationId === app.id)
        .map(({ question, answer }) => ({ question, answer })),
      timeline: events
        .filter((e) => e.applicationId === app.id)
        .map(({ applicationId: _, ...e }) => e),
      offers: offers
        .filter((o) => o.applicationId === app.id)
        .map(({ applicationId: _, ...o }) => o),
    })),
  };
}
