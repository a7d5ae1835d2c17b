/**
 * The letters themselves: what a referee's link shows, the letter it
 * uploads, and staff reading the letters of an application. Naming,
 * reminding and replacing referees are in reference.server.ts, which also
 * says what each side may see.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { applications, files, openings, referees, referenceLetters, users } from "../../db/schema";
import { isWellFormedResetToken } from "~/auth/reset.server";
import { hashToken } from "~/auth/session.server";
import { letterReceivedEmail } from "~/emails/references";
import type { DB } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import type { StoredUpload } from "~/utils/uploads.server";
import { refereeColumns, refereeEvent } from "./reference.server";

/**
 * What a referee's link shows: the candidate's name and the role's title,
 * nothing else. Null for a malformed, unknown, used, revoked or expired
 * token, or when the application is no longer active.
 */
export function findRefereeLink(db: DB, token: unknown, now = Date.now()) {
  if (!isWellFormedResetToken(token)) return null;
  const row = db
    .select({
      refereeId: referees.id,
      refereeName: referees.name,
      candidateName: users.name,
      openingTitle: openings.title,
    })
    .from(referees)
    .innerJoin(applications, eq(applications.id, referees.applicationId))
    .innerJoin(users, eq(users.id, applications.candidateId))
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .where(
      and(
        eq(referees.tokenHash, hashToken(token)),
        eq(referees.status, "requested"),
        gt(referees.tokenExpiresAt, now),
        eq(applications.status, "active"),
      ),
    )
    .get();
  return row ?? null;
}

/**
 * Stores a referee's letter (already checked and written by the uploads
 * module) and uses up the link: the file row, the letter, the referee's
 * status, a staff event and the candidate's "letter received" email in one
 * transaction. False when the link is no longer valid (used meanwhile,
 * expired): nothing was written, and the caller deletes the stored file.
 */
export function receiveLetter(
  db: DB,
  input: { token: string; upload: StoredUpload; origin: string; now?: number },
): boolean {
  const now = input.now ?? Date.now();
  return db.transaction((tx) => {
    const used = tx
      .update(referees)
      .set({ status: "received", receivedAt: now, tokenHash: null, tokenExpiresAt: null })
      .where(
        and(
          eq(referees.tokenHash, hashToken(input.token)),
          eq(referees.status, "requested"),
          gt(referees.tokenExpiresAt, now),
          sql`${referees.applicationId} IN (SELECT id FROM applications WHERE status = 'active')`,
        ),
      )
      .returning({ id: referees.id, applicationId: referees.applicationId, name: referees.name })
      .get();
    if (!used) return false;
    const file = tx
      .insert(files)
      .values({
        // No owner: the letter is not the candidate's data and never in their export.
        ownerUserId: null,
        kind: "letter",
        storageName: input.upload.storageName,
        originalName: input.upload.originalName,
        contentType: input.upload.contentType,
        size: input.upload.size,
        sha256: input.upload.sha256,
        createdAt: now,
      })
      .returning({ id: files.id })
      .get();
    tx.insert(referenceLetters)
      .values({
        refereeId: used.id,
        applicationId: used.applicationId,
        fileId: file.id,
        createdAt: now,
      })
      .run();
    refereeEvent(
      tx,
      { applicationId: used.applicationId, at: now, actorUserId: null, type: "letter_received" },
      `Reference letter received from ${used.name}`,
    );
    const candidate = tx
      .select({ name: users.name, email: users.email, openingTitle: openings.title })
      .from(applications)
      .innerJoin(users, eq(users.id, applications.candidateId))
      .innerJoin(openings, eq(openings.id, applications.openingId))
      .where(eq(applications.id, used.applicationId))
      .get()!;
    queueEmail(
      tx,
      letterReceivedEmail({
        candidate,
        refereeName: used.name,
        openingTitle: candidate.openingTitle,
        applicationUrl: `${input.origin}/applications/${used.applicationId}`,
      }),
    );
    return true;
  });
}

/** Staff: every referee of an application (replaced ones too) with their letter, if any. */
export function listLettersForStaff(db: DB, applicationId: number) {
  const required =
    db
      .select({ n: openings.lettersRequired })
      .from(applications)
      .innerJoin(openings, eq(openings.id, applications.openingId))
      .where(eq(applications.id, applicationId))
      .get()?.n ?? 0;
  const rows = db
    .select({
      ...refereeColumns,
      fileName: files.originalName,
      fileSize: files.size,
    })
    .from(referees)
    .leftJoin(referenceLetters, eq(referenceLetters.refereeId, referees.id))
    .leftJoin(files, eq(files.id, referenceLetters.fileId))
    .where(eq(referees.applicationId, applicationId))
    .orderBy(asc(referees.id))
    .all();
  return { required, referees: rows };
}

/** Staff: the stored letter of one referee of an application, or null. */
export function getLetterFileForStaff(db: DB, applicationId: number, refereeId: number) {
  return (
    db
      .select({ storageName: files.storageName, originalName: files.originalName })
      .from(referenceLetters)
      .innerJoin(files, eq(files.id, referenceLetters.fileId))
      .where(
        and(
          eq(referenceLetters.applicationId, applicationId),
          eq(referenceLetters.refereeId, refereeId),
        ),
      )
      .get() ?? null
  );
}

/**
 * Letters received / required per application, for the board's cards
 * (applications of openings that require none are left out).
 */
export function letterCounts(
  db: DB,
  applicationIds: number[],
): Record<number, { received: number; required: number }> {
  if (applicationIds.length === 0) return {};
  const rows = db
    .select({
      id: applications.id,
      required: openings.lettersRequired,
      received: sql<number>`(SELECT count(*) FROM ${referenceLetters} WHERE ${referenceLetters.applicationId} = ${applications.id})`,
    })
    .from(applications)
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .where(and(inArray(applications.id, applicationIds), gt(openings.lettersRequired, 0)))
    .all();
  return Object.fromEntries(
    rows.map((r) => [r.id, { received: r.received, required: r.required }]),
  );
}

/** Requests to referee links per IP address (each page view and upload counts). */
export const REFEREE_LINK_LIMIT = { name: "referee-link", limit: 30, windowMs: 60 * 60 * 1000 };
