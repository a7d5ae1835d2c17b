/**
 * Staff (recruiters, admins) need an enrolled authenticator and a session
 * that proved it: `twoFactorGate` says which they still owe. The seeded demo
 * staff accounts are exempt only while ATRIUM_DEMO=1. Also the admin's view
 * and ending of another user's sessions. Cookies and redirects are in
 * mfa-gate.server.ts.
 */
import { and, count, eq, gt } from "drizzle-orm";
import { sessions, totpCredentials, twoFactorChallenges, users } from "../../db/schema";
import type { Role } from "~/lib/enums";
import type { DB, Writer } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { audit } from "./audit.server";
import { hasTwoFactor, isStaffRole } from "./mfa.server";

type Meta = { ip: string | null; now?: number };

/** The seeded demo staff accounts (db/seed.ts), exempt from the staff rule in demo mode only. */
const DEMO_STAFF_EMAILS: ReadonlySet<string> = new Set([
  "recruiter@atrium.test",
  "admin@atrium.test",
]);

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
  // A session that proved a second factor passes, whoever checked it: Atrium's
  // authenticator, or the organisation's identity provider (app/auth/sso.server.ts).
  if (row?.twoFactorAt != null) return "ok";
  if (row?.enabledAt == null) return "enrol";
  return "verify";
}

/**
 * Records that a session proved a second factor somewhere else: the
 * organisation's identity provider said the person used more than one.
 */
export function markSessionVerified(tx: Writer, sessionId: string, now: number) {
  tx.update(sessions).set({ twoFactorAt: now }).where(eq(sessions.id, sessionId)).run();
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

/**
 * Ends every session and pending two-factor sign-in of `userId`, inside the
 * caller's transaction; returns how many sessions ended. Shared by an admin's
 * "end all sessions" and by offboarding.
 */
export function signOutEverywhere(tx: Writer, userId: number): number {
  const ended = tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
  tx.delete(twoFactorChallenges).where(eq(twoFactorChallenges.userId, userId)).run();
  return ended;
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
      const ended = signOutEverywhere(tx, input.targetUserId);
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
