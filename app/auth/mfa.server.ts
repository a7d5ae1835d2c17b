/**
 * Two-factor authentication (OWASP ASVS 6.3.3): TOTP (RFC 6238, SHA-1,
 * 30-second steps, 6 digits, as every authenticator app expects) with ten
 * single-use recovery codes.
 *
 * - A code is accepted for the current step and one step either side (clock
 *   drift), and never twice: the last accepted step is stored, and a code for
 *   that step or an earlier one is refused (RFC 6238 §5.2).
 * - Recovery codes are 10 base32 characters (50 bits) from the CSPRNG; only
 *   their SHA-256 is stored (they are random, so a slow hash adds nothing).
 * - Failed codes count towards the sign-in throttle under `2fa:<userId>`.
 * - A sign-in that passed the password but still owes a code is a
 *   `two_factor_challenges` row behind a short cookie; the full session is
 *   created only once the code is right, and it records `twoFactorAt`.
 * - Staff (recruiters, admins) need an enrolled authenticator and a session
 *   that proved it: `twoFactorGate` says which. The seeded demo staff
 *   accounts are exempt only while ATRIUM_DEMO=1.
 *
 * Functions here take the database first and answer typed outcomes; cookies
 * and redirects are in mfa-gate.server.ts. Secrets and codes are never logged
 * or written to the audit log.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import {
  decodeBase32IgnorePadding,
  encodeBase32LowerCaseNoPadding,
  encodeBase32UpperCaseNoPadding,
  encodeHexLowerCase,
} from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { and, count, eq, gt, isNull, lt, ne, or } from "drizzle-orm";
import {
  recoveryCodes,
  sessions,
  totpCredentials,
  twoFactorChallenges,
  users,
} from "../../db/schema";
import type { Role } from "~/lib/enums";
import type { DB, Writer } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getBrand } from "~/utils/site";
import { openColumn, sealColumn, TOTP_SECRET } from "~/utils/sealed-columns.server";
import { audit } from "./audit.server";
import { createSession, hashToken, type Session } from "./session.server";
import { clearFailures, recordFailure, throttleWait, untrustedKeys } from "./throttle.server";

const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const RECOVERY_CODE_COUNT = 10;
/** How long a sign-in may wait for its code after the password was accepted. */
export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;

/** The seeded demo staff accounts (db/seed.ts), exempt from the staff rule in demo mode only. */
const DEMO_STAFF_EMAILS: ReadonlySet<string> = new Set([
  "recruiter@atrium.test",
  "admin@atrium.test",
]);

type Meta = { ip: string | null; now?: number };

/** The time step a moment falls in. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for `step` (tests and the enrolment check use it; apps compute the same). */
export function totpCodeAt(secret: string, step: number): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), TOTP_DIGITS);
}

/**
 * The step (current ±1) whose code `code` is, if it is later than
 * `afterStep`; null otherwise. Every candidate is compared in constant time.
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now: number,
  afterStep: number | null = null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const given = new TextEncoder().encode(code);
  const current = totpStep(now);
  let matched: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    const expected = new TextEncoder().encode(totpCodeAt(secret, step));
    if (constantTimeEqual(expected, given) && (afterStep === null || step > afterStep)) {
      matched = step;
    }
  }
  return matched;
}

/** A new TOTP secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function generateTotpSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}

/** The otpauth:// URI an authenticator app scans. */
export function totpKeyUri(email: string, secret: string): string {
  return createTOTPKeyURI(
    // The name the person's authenticator app lists the key under: the
    // organisation's, as they know it.
    getBrand().name,
    email,
    decodeBase32IgnorePadding(secret),
    TOTP_PERIOD_SECONDS,
    TOTP_DIGITS,
  );
}

/** The secret grouped by four for typing it in by hand. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function hashCode(code: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(code)));
}

/** Recovery codes as people type them: lower case, without spaces or dashes. */
function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

function generateRecoveryCode(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  const code = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: number | null;
  recoveryCodesLeft: number;
};

/** Whether `userId` has two-factor authentication on, and how many recovery codes are unused. */
export function getTwoFactorStatus(db: DB, userId: number): TwoFactorStatus {
  const row = db
    .select({ enabledAt: totpCredentials.enabledAt })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId))
    .get();
  const left =
    db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      .get()?.n ?? 0;
  const enabledAt = row?.enabledAt ?? null;
  return { enabled: enabledAt !== null, enabledAt, recoveryCodesLeft: left };
}

/** True when `userId` signs in with a second factor. */
export function hasTwoFactor(db: Pick<DB, "select">, userId: number): boolean {
  const row = db
    .select({ enabledAt: totpCredentials.enabledAt })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId))
    .get();
  return row?.enabledAt != null;
}

/**
 * The secret being enrolled for `userId`: the pending one if enrolment has
 * started (so a reload shows the same QR code), else a new one. Null when
 * two-factor authentication is already on.
 */
export function getOrStartEnrolment(db: DB, userId: number): string | null {
  const row = db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get();
  if (row?.enabledAt != null) return null;
  if (row) return openTotpSecret(userId, row.secret);
  const secret = generateTotpSecret();
  db.insert(totpCredentials)
    .values({ userId, secret: sealTotpSecret(userId, secret) })
    .onConflictDoNothing()
    .run();
  // A concurrent request may have inserted first: read back whichever won.
  const stored = db
    .select({ secret: totpCredentials.secret })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId))
    .get()?.secret;
  return stored ? openTotpSecret(userId, stored) : secret;
}

/** A TOTP secret as stored: sealed under the deployment's key, bound to its user. */
export function sealTotpSecret(userId: number, secret: string): string {
  return sealColumn(TOTP_SECRET, userId, secret);
}

/** The TOTP secret of a stored credential row. */
function openTotpSecret(userId: number, stored: string): string {
  return openColumn(TOTP_SECRET, userId, stored);
}

/** Replaces `userId`'s recovery codes with ten new ones and returns them (shown once). */
export function replaceRecoveryCodes(tx: Writer, userId: number, now: number): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  tx.insert(recoveryCodes)
    .values(
      codes.map((c) => ({ userId, codeHash: hashCode(normaliseRecoveryCode(c)), createdAt: now })),
    )
    .run();
  return codes;
}

export type EnrolResult =
  | { kind: "ok"; recoveryCodes: string[]; sessionsEnded: number }
  | { kind: "invalid" }
  | { kind: "already_enabled" }
  | { kind: "staff" };

/**
 * Finishes enrolment with a code from the app (the caller has checked the
 * password): turns two-factor authentication on, marks the current session
 * as verified, ends every other session and pending sign-in of the account
 * (ASVS 7.4.3: whoever else was signed in did not prove the new factor), and
 * returns the recovery codes to show once. Staff enrol only through an
 * enrolment link (app/auth/enrolment.server.ts): for them, "staff".
 */
export function confirmEnrolment(
  db: DB,
  input: { userId: number; sessionId: string; code: string },
  { ip, now = Date.now() }: Meta,
): EnrolResult {
  return db.transaction(
    (tx) => {
      const row = tx
        .select()
        .from(totpCredentials)
        .where(eq(totpCredentials.userId, input.userId))
        .get();
      if (row?.enabledAt != null) return { kind: "already_enabled" } as const;
      const role = tx
        .select({ role: users.role })
        .from(users)
        .where(eq(users.id, input.userId))
        .get()?.role;
      if (role && isStaffRole(role)) return { kind: "staff" } as const;
      const step = row
        ? matchTotpStep(openTotpSecret(input.userId, row.secret), input.code, now)
        : null;
      if (!row || step === null) {
        audit(tx, {
          action: "mfa.failed",
          actorUserId: input.userId,
          ip,
          at: now,
          detail: { at: "enrol" },
        });
        return { kind: "invalid" } as const;
      }
      tx.update(totpCredentials)
        .set({ enabledAt: now, lastUsedStep: step })
        .where(eq(totpCredentials.userId, input.userId))
        .run();
      const codes = replaceRecoveryCodes(tx, input.userId, now);
      tx.update(sessions).set({ twoFactorAt: now }).where(eq(sessions.id, input.sessionId)).run();
      const sessionsEnded = endOtherSessions(tx, input.userId, input.sessionId);
      audit(tx, {
        action: "mfa.enrolled",
        actorUserId: input.userId,
        ip,
        at: now,
        detail: { sessionsEnded },
      });
      return { kind: "ok", recoveryCodes: codes, sessionsEnded } as const;
    },
    { behavior: "immediate" },
  );
}

type CodeCheck = { kind: "totp" | "recovery" } | { kind: "invalid" };

/** Checks an authentication code or a recovery code and uses it up (inside the caller's transaction). */
function consumeCode(tx: Writer, userId: number, code: string, now: number): CodeCheck {
  const row = tx.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get();
  if (row?.enabledAt == null) return { kind: "invalid" };
  const trimmed = code.trim().replace(/\s/g, "");
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchTotpStep(openTotpSecret(userId, row.secret), trimmed, now, row.lastUsedStep);
    if (step === null) return { kind: "invalid" };
    tx.update(totpCredentials)
      .set({ lastUsedStep: step })
      .where(eq(totpCredentials.userId, userId))
      .run();
    return { kind: "totp" };
  }
  const normalised = normaliseRecoveryCode(trimmed);
  if (!/^[a-z2-7]{10}$/.test(normalised)) return { kind: "invalid" };
  const used = tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashCode(normalised)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id })
    .get();
  return used ? { kind: "recovery" } : { kind: "invalid" };
}

export type VerifyResult =
  { kind: "totp" | "recovery" } | { kind: "invalid" } | { kind: "throttled"; waitMs: number };

function throttleKeys(userId: number, ip: string | null) {
  return untrustedKeys({ account: `2fa:${userId}`, ip: ip ?? "unknown" });
}

/**
 * Checks a code for `userId` under the sign-in throttle, writes the audit
 * row (refused, or recovery code used) and, when `then` is given, runs it in
 * the same transaction once the code is accepted.
 */
function verifySecondFactor(
  db: DB,
  input: { userId: number; code: string; purpose: string },
  { ip, now = Date.now() }: Meta,
  then?: (tx: Writer) => void,
): VerifyResult {
  const keys = throttleKeys(input.userId, ip);
  const wait = throttleWait(db, keys, now);
  if (wait > 0) {
    audit(db, {
      action: "mfa.failed",
      actorUserId: input.userId,
      ip,
      at: now,
      detail: { at: input.purpose, throttled: true },
    });
    return { kind: "throttled", waitMs: wait };
  }
  const result = db.transaction(
    (tx) => {
      const check = consumeCode(tx, input.userId, input.code, now);
      if (check.kind === "invalid") return check;
      if (check.kind === "recovery") {
        const left =
          tx
            .select({ n: count() })
            .from(recoveryCodes)
            .where(and(eq(recoveryCodes.userId, input.userId), isNull(recoveryCodes.usedAt)))
            .get()?.n ?? 0;
        audit(tx, {
          action: "mfa.recovery_used",
          actorUserId: input.userId,
          ip,
          at: now,
          detail: { at: input.purpose, left },
        });
      }
      then?.(tx);
      return check;
    },
    { behavior: "immediate" },
  );
  if (result.kind === "invalid") {
    const waitMs = recordFailure(db, keys, now);
    audit(db, {
      action: "mfa.failed",
      actorUserId: input.userId,
      ip,
      at: now,
      detail: { at: input.purpose },
    });
    return waitMs > 0 ? { kind: "throttled", waitMs } : result;
  }
  clearFailures(
    db,
    keys.filter((k) => !k.key.startsWith("ip:")),
  );
  return result;
}

/** Starts the second step of a sign-in: returns the token for the short challenge cookie. */
export function createChallenge(db: DB, userId: number, now = Date.now()): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  // Old, expired challenges are swept as new ones are made.
  db.delete(twoFactorChallenges)
    .where(or(lt(twoFactorChallenges.expiresAt, now), eq(twoFactorChallenges.userId, userId)))
    .run();
  db.insert(twoFactorChallenges)
    .values({
      id: hashToken(token),
      userId,
      createdAt: now,
      expiresAt: now + CHALLENGE_LIFETIME_MS,
    })
    .run();
  return token;
}

/** The user a live challenge token stands for, or null. */
export function getChallengeUserId(db: DB, token: string, now = Date.now()): number | null {
  const row = db
    .select({ userId: twoFactorChallenges.userId, expiresAt: twoFactorChallenges.expiresAt })
    .from(twoFactorChallenges)
    .where(eq(twoFactorChallenges.id, hashToken(token)))
    .get();
  return row && row.expiresAt > now ? row.userId : null;
}

export type CompleteResult =
  | { kind: "ok"; token: string; session: Session; userId: number }
  | { kind: "expired" }
  | Exclude<VerifyResult, { kind: "totp" | "recovery" }>;

/**
 * The second step of a sign-in: with the right code, the challenge is used
 * up and the full session is created (verified); otherwise nothing changes.
 */
export function completeSignIn(
  db: DB,
  input: { challengeToken: string; code: string },
  { ip, userAgent, now = Date.now() }: Meta & { userAgent: string | null },
): CompleteResult {
  const userId = getChallengeUserId(db, input.challengeToken, now);
  if (userId === null) return { kind: "expired" };
  let created: { token: string; session: Session } | undefined;
  const result = verifySecondFactor(
    db,
    { userId, code: input.code, purpose: "sign-in" },
    { ip, now },
    (tx) => {
      tx.delete(twoFactorChallenges)
        .where(eq(twoFactorChallenges.id, hashToken(input.challengeToken)))
        .run();
      created = createSession(tx as DB, userId, { userAgent, ip }, now);
      tx.update(sessions)
        .set({ twoFactorAt: now })
        .where(eq(sessions.id, created.session.id))
        .run();
      audit(tx, { action: "mfa.verified", actorUserId: userId, ip, at: now });
      audit(tx, {
        action: "auth.sign_in",
        actorUserId: userId,
        ip,
        at: now,
        detail: { mfa: true },
      });
    },
  );
  if (result.kind === "invalid" || result.kind === "throttled") return result;
  if (!created) throw new Error("Session was not created after a valid code");
  return { kind: "ok", userId, ...created };
}

/** Step-up for a session signed in with the password only: the right code marks it verified. */
export function verifySession(
  db: DB,
  input: { userId: number; sessionId: string; code: string },
  { ip, now = Date.now() }: Meta,
): VerifyResult {
  return verifySecondFactor(
    db,
    { userId: input.userId, code: input.code, purpose: "step-up" },
    { ip, now },
    (tx) => {
      tx.update(sessions).set({ twoFactorAt: now }).where(eq(sessions.id, input.sessionId)).run();
      audit(tx, { action: "mfa.verified", actorUserId: input.userId, ip, at: now });
    },
  );
}

/** New recovery codes (after a valid authentication code); the old ones stop working. */
export function regenerateRecoveryCodes(
  db: DB,
  input: { userId: number; code: string },
  { ip, now = Date.now() }: Meta,
): { kind: "ok"; recoveryCodes: string[] } | Exclude<VerifyResult, { kind: "totp" | "recovery" }> {
  let codes: string[] = [];
  const result = verifySecondFactor(
    db,
    { userId: input.userId, code: input.code, purpose: "regenerate" },
    { ip, now },
    (tx) => {
      codes = replaceRecoveryCodes(tx, input.userId, now);
      audit(tx, { action: "mfa.recovery_regenerated", actorUserId: input.userId, ip, at: now });
    },
  );
  if (result.kind === "invalid" || result.kind === "throttled") return result;
  return { kind: "ok", recoveryCodes: codes };
}

/**
 * Every session and pending two-factor sign-in of `userId` but `keepSessionId`
 * ends (after a change of authentication factor). Returns how many sessions.
 */
function endOtherSessions(tx: Writer, userId: number, keepSessionId: string): number {
  tx.delete(twoFactorChallenges).where(eq(twoFactorChallenges.userId, userId)).run();
  return tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run().changes;
}

/**
 * Turns two-factor authentication off (the caller has checked the password):
 * the secret and recovery codes are deleted, no session counts as verified
 * and every other session ends. Staff keep it on (a new device comes with a
 * new enrolment link): for them, "staff".
 */
export function disableTwoFactor(
  db: DB,
  input: { userId: number; sessionId: string; code: string },
  { ip, now = Date.now() }: Meta,
): VerifyResult | { kind: "staff" } {
  const role = db
    .select({ role: users.role })
    .from(users)
    .where(eq(users.id, input.userId))
    .get()?.role;
  if (role && isStaffRole(role)) return { kind: "staff" };
  return verifySecondFactor(
    db,
    { userId: input.userId, code: input.code, purpose: "disable" },
    { ip, now },
    (tx) => {
      tx.delete(totpCredentials).where(eq(totpCredentials.userId, input.userId)).run();
      tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, input.userId)).run();
      tx.update(sessions).set({ twoFactorAt: null }).where(eq(sessions.userId, input.userId)).run();
      const sessionsEnded = endOtherSessions(tx, input.userId, input.sessionId);
      audit(tx, {
        action: "mfa.disabled",
        actorUserId: input.userId,
        ip,
        at: now,
        detail: { sessionsEnded },
      });
    },
  );
}

/** Staff roles must use two-factor authentication. */
export function isStaffRole(role: Role): boolean {
  return role === "recruiter" || role === "admin";
}

/** The seeded demo staff accounts are exempt while the app runs in demo mode (ATRIUM_DEMO=1). */
function isDemoExempt(email: string, demo = getEnv().ATRIUM_DEMO === "1"): boolean {
  return demo && DEMO_STAFF_EMAILS.has(email);
}

export type GateResult = "ok" | "enrol" | "verify";

/**
 * What a staff user still owes before a staff page: nothing, enrolment, or
 * a code for this session.
 */
export function twoFactorGate(
  db: DB,
  user: { id: number; email: string; role: Role },
  sessionId: string,
): GateResult {
  if (!isStaffRole(user.role) || isDemoExempt(user.email)) return "ok";
  const row = db
    .select({ twoFactorAt: sessions.twoFactorAt, enabledAt: totpCredentials.enabledAt })
    .from(sessions)
    .leftJoin(totpCredentials, eq(totpCredentials.userId, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .get();
  if (row?.enabledAt == null) return "enrol";
  return row.twoFactorAt == null ? "verify" : "ok";
}

/** Whether the session behind `sessionId` proved the second factor. */
export function isSessionVerified(db: DB, sessionId: string): boolean {
  const row = db
    .select({ twoFactorAt: sessions.twoFactorAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId))
    .get();
  return row?.twoFactorAt != null;
}

/** An admin ends every session (and pending sign-in) of another user (ASVS 7.4.5); audited. */
export function endUserSessions(
  db: DB,
  input: { actorUserId: number; targetUserId: number },
  { ip, now = Date.now() }: Meta,
): { kind: "ok"; ended: number } | { kind: "not_found" } {
  return db.transaction(
    (tx) => {
      const target = tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.id, input.targetUserId))
        .get();
      if (!target) return { kind: "not_found" } as const;
      const ended = tx
        .delete(sessions)
        .where(eq(sessions.userId, input.targetUserId))
        .returning({ id: sessions.id })
        .all().length;
      tx.delete(twoFactorChallenges)
        .where(eq(twoFactorChallenges.userId, input.targetUserId))
        .run();
      audit(tx, {
        action: "admin.sessions_ended",
        actorUserId: input.actorUserId,
        subjectUserId: input.targetUserId,
        ip,
        at: now,
        detail: { sessions: ended },
      });
      return { kind: "ok", ended } as const;
    },
    { behavior: "immediate" },
  );
}

/** Who `userId` is and how many live sessions they have, for the admin page that ends them. */
export function getSessionsSummary(db: DB, userId: number, now = Date.now()) {
  const user = db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return null;
  const live =
    db
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
      .get()?.n ?? 0;
  return { user, sessions: live, twoFactor: hasTwoFactor(db, userId) };
}
