/**
 * Staff enrol their authenticator only through a link an admin issued (or
 * `npm run create-admin` printed): one use, three days, only its SHA-256
 * stored. Never at first sign-in: whoever has a staff password alone could
 * otherwise bind their own authenticator to the account.
 *
 * The link's page shows a fresh TOTP secret (sealed on the link's row until
 * confirmed) and asks for the account's password — or, for an account made
 * by create-admin that has none yet, a new one — and a code from the app.
 * Finishing it, in one transaction: the password (when new), the enabled
 * authenticator, ten recovery codes, the link used up, every other link and
 * every session of the account ended, and a new verified session.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import {
  passwordResetTokens,
  sessions,
  staffEnrolments,
  totpCredentials,
  twoFactorChallenges,
  users,
} from "../../db/schema";
import type { DB, Writer } from "~/utils/db.server";
import { ENROLMENT_SECRET, openColumn, sealColumn } from "~/utils/sealed-columns.server";
import { audit } from "./audit.server";
import {
  generateTotpSecret,
  isStaffRole,
  matchTotpStep,
  replaceRecoveryCodes,
  sealTotpSecret,
} from "./mfa.server";
import { NO_PASSWORD } from "./password.server";
import { generateResetToken, isWellFormedResetToken } from "./reset.server";
import { createSession, hashToken, type Session } from "./session.server";
import { clearFailures, recordFailure, throttleWait, untrustedKeys } from "./throttle.server";

/** How long an enrolment link works. */
export const ENROLMENT_LINK_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

/** The path of an enrolment link (the origin is the caller's). */
export function enrolmentPath(token: string): string {
  return `/enrol?${new URLSearchParams({ token })}`;
}

export type IssueResult =
  | { kind: "ok"; token: string; expiresAt: number }
  | { kind: "not_found" }
  | { kind: "not_staff" }
  | { kind: "deactivated" };

/**
 * A new enrolment link for a recruiter or admin; any earlier unused link of
 * theirs stops working. `actorUserId` is the admin (null: the command line).
 * Audited without the token.
 */
export function issueEnrolmentLink(
  db: DB,
  input: { userId: number; actorUserId: number | null },
  { ip = null, now = Date.now() }: { ip?: string | null; now?: number } = {},
): IssueResult {
  return db.transaction((tx) => writeEnrolmentLink(tx, input, { ip, now }), {
    behavior: "immediate",
  });
}

/** issueEnrolmentLink inside a transaction the caller holds (first-run setup makes the admin and the link at once). */
export function writeEnrolmentLink(
  tx: Writer,
  input: { userId: number; actorUserId: number | null },
  { ip, now }: { ip: string | null; now: number },
): IssueResult {
  const user = tx
    .select({ role: users.role, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  if (!user) return { kind: "not_found" };
  if (!isStaffRole(user.role)) return { kind: "not_staff" };
  if (user.deactivatedAt !== null) return { kind: "deactivated" };
  tx.delete(staffEnrolments)
    .where(and(eq(staffEnrolments.userId, input.userId), isNull(staffEnrolments.usedAt)))
    .run();
  const token = generateResetToken();
  const expiresAt = now + ENROLMENT_LINK_LIFETIME_MS;
  tx.insert(staffEnrolments)
    .values({
      id: hashToken(token),
      userId: input.userId,
      createdByUserId: input.actorUserId,
      createdAt: now,
      expiresAt,
    })
    .run();
  audit(tx, {
    action: "mfa.enrolment_link_issued",
    actorUserId: input.actorUserId,
    subjectUserId: input.userId,
    ip,
    at: now,
    detail: { expiresAt },
  });
  return { kind: "ok", token, expiresAt };
}

type EnrolmentLink = {
  id: string;
  userId: number;
  email: string;
  name: string;
  /** False for an account made by create-admin: the page asks for a new password. */
  hasPassword: boolean;
};

/** The live link behind `token` (unused, unexpired, of a staff account), or null. */
export function findEnrolmentLink(db: Writer, token: unknown, now = Date.now()) {
  if (!isWellFormedResetToken(token)) return null;
  const row = db
    .select({
      id: staffEnrolments.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
    })
    .from(staffEnrolments)
    .innerJoin(users, eq(users.id, staffEnrolments.userId))
    .where(
      and(
        eq(staffEnrolments.id, hashToken(token)),
        isNull(staffEnrolments.usedAt),
        isNull(users.deactivatedAt),
        gt(staffEnrolments.expiresAt, now),
      ),
    )
    .get();
  if (!row || !isStaffRole(row.role)) return null;
  const { role: _role, passwordHash, ...link } = row;
  return { ...link, hasPassword: passwordHash !== NO_PASSWORD } satisfies EnrolmentLink;
}

/** The secret the link's page shows: made and sealed on the link's row the first time. */
export function enrolmentSecret(db: DB, linkId: string): string {
  const stored = db
    .select({ secret: staffEnrolments.pendingSecret })
    .from(staffEnrolments)
    .where(eq(staffEnrolments.id, linkId))
    .get()?.secret;
  if (stored) return openColumn(ENROLMENT_SECRET, linkId, stored);
  const secret = generateTotpSecret();
  // Only the first request's secret is kept, whichever wins a race.
  db.update(staffEnrolments)
    .set({ pendingSecret: sealColumn(ENROLMENT_SECRET, linkId, secret) })
    .where(and(eq(staffEnrolments.id, linkId), isNull(staffEnrolments.pendingSecret)))
    .run();
  return enrolmentSecret(db, linkId);
}

/** Wrong codes on a link count like wrong codes at sign-in (the account's and the IP's counters). */
function codeKeys(userId: number, ip: string) {
  return untrustedKeys({ account: `2fa:${userId}`, ip });
}

export type CompleteEnrolment =
  | {
      kind: "ok";
      token: string;
      session: Session;
      userId: number;
      recoveryCodes: string[];
    }
  | { kind: "invalid_link" }
  | { kind: "invalid_code" }
  | { kind: "throttled"; waitMs: number };

/**
 * Finishes an enrolment (the caller has checked the password, and hashed a
 * new one when the account had none): see the module comment.
 */
export function completeEnrolment(
  db: DB,
  input: { token: string; code: string; newPasswordHash: string | null },
  { ip, userAgent, now = Date.now() }: { ip: string; userAgent: string | null; now?: number },
): CompleteEnrolment {
  const link = findEnrolmentLink(db, input.token, now);
  if (!link) return { kind: "invalid_link" };
  const keys = codeKeys(link.userId, ip);
  const wait = throttleWait(db, keys, now);
  if (wait > 0) return { kind: "throttled", waitMs: wait };
  const secret = enrolmentSecret(db, link.id);
  const step = matchTotpStep(secret, input.code.replace(/\s/g, ""), now);
  if (step === null) {
    const waitMs = recordFailure(db, keys, now);
    audit(db, {
      action: "mfa.failed",
      actorUserId: link.userId,
      ip,
      at: now,
      detail: { at: "enrolment link" },
    });
    return waitMs > 0 ? { kind: "throttled", waitMs } : { kind: "invalid_code" };
  }
  const result = db.transaction(
    (tx): CompleteEnrolment => {
      // Used up inside this transaction: a second submission of the same link finds nothing.
      const used = tx
        .update(staffEnrolments)
        .set({ usedAt: now, pendingSecret: null })
        .where(and(eq(staffEnrolments.id, link.id), isNull(staffEnrolments.usedAt)))
        .run().changes;
      if (used !== 1) return { kind: "invalid_link" };
      tx.delete(staffEnrolments)
        .where(and(eq(staffEnrolments.userId, link.userId), isNull(staffEnrolments.usedAt)))
        .run();
      if (input.newPasswordHash) {
        tx.update(users)
          .set({ passwordHash: input.newPasswordHash, updatedAt: now })
          .where(eq(users.id, link.userId))
          .run();
        tx.update(passwordResetTokens)
          .set({ usedAt: now })
          .where(
            and(eq(passwordResetTokens.userId, link.userId), isNull(passwordResetTokens.usedAt)),
          )
          .run();
      }
      const sealed = sealTotpSecret(link.userId, secret);
      tx.insert(totpCredentials)
        .values({ userId: link.userId, secret: sealed, enabledAt: now, lastUsedStep: step })
        .onConflictDoUpdate({
          target: totpCredentials.userId,
          set: { secret: sealed, enabledAt: now, lastUsedStep: step },
        })
        .run();
      const recoveryCodes = replaceRecoveryCodes(tx, link.userId, now);
      // Whoever was signed in to this account before the authenticator was bound is signed out.
      const ended = tx.delete(sessions).where(eq(sessions.userId, link.userId)).run().changes;
      tx.delete(twoFactorChallenges).where(eq(twoFactorChallenges.userId, link.userId)).run();
      const { token, session } = createSession(tx, link.userId, { userAgent, ip }, now);
      tx.update(sessions).set({ twoFactorAt: now }).where(eq(sessions.id, session.id)).run();
      audit(tx, {
        action: "mfa.enrolled",
        actorUserId: link.userId,
        ip,
        at: now,
        detail: {
          via: "enrolment link",
          sessionsEnded: ended,
          passwordSet: !!input.newPasswordHash,
        },
      });
      audit(tx, {
        action: "auth.sign_in",
        actorUserId: link.userId,
        ip,
        at: now,
        detail: { via: "enrolment link", mfa: true },
      });
      return { kind: "ok", token, session, userId: link.userId, recoveryCodes };
    },
    { behavior: "immediate" },
  );
  if (result.kind === "ok")
    clearFailures(
      db,
      keys.filter((k) => !k.key.startsWith("ip:")),
    );
  return result;
}
