/**
 * Staff offboarding: an admin deactivates the account of someone who left.
 * In one transaction every session, pending two-factor sign-in, unused reset
 * and enrolment link of theirs ends, and the account is marked deactivated, so
 * no sign-in path (password, enrolment link, reset) opens it again and a
 * session started any other way is not honoured (session.server.ts). The
 * account itself stays: its audit trail, its notes, scorecards and the offers
 * it approved keep their author. Reactivating lets the person sign in again
 * (staff then enrol two-factor through a new link if theirs was removed).
 * Callers have checked requireRole(request, "admin").
 */
import { and, count, eq, gt, isNull } from "drizzle-orm";
import { passwordResetTokens, sessions, staffEnrolments, users } from "../../db/schema";
import type { Role } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { activeAdmins } from "./admin.server";
import { audit } from "./audit.server";
import { hasTwoFactor } from "./mfa.server";
import { signOutEverywhere } from "./staff-sessions.server";

export type AdminUserView = {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
  deactivatedAt: number | null;
  sessions: number;
  twoFactor: boolean;
};

/** One account as the admin's user page shows it, or null. */
export function getUserForAdmin(db: DB, userId: number, now = Date.now()): AdminUserView | null {
  const user = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
    })
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
  return { ...user, sessions: live, twoFactor: hasTwoFactor(db, userId) };
}

export type DeactivationResult =
  | { kind: "ok"; sessionsEnded: number }
  | { kind: "not_found" }
  | { kind: "self" }
  | { kind: "not_staff" }
  | { kind: "already" }
  | { kind: "last_admin" };

/** Deactivates a staff account (see above). Candidates delete their own accounts instead. */
export function deactivateUser(
  db: DB,
  actorUserId: number,
  targetUserId: number,
  { ip, now = Date.now() }: { ip: string | null; now?: number },
): DeactivationResult {
  return db.transaction(
    (tx) => {
      const target = tx
        .select({ role: users.role, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.id, targetUserId))
        .get();
      if (!target) return { kind: "not_found" } as const;
      if (targetUserId === actorUserId) return { kind: "self" } as const;
      if (target.role === "candidate") return { kind: "not_staff" } as const;
      if (target.deactivatedAt !== null) return { kind: "already" } as const;
      if (target.role === "admin" && activeAdmins(tx) <= 1) return { kind: "last_admin" } as const;
      tx.update(users)
        .set({ deactivatedAt: now, updatedAt: now })
        .where(eq(users.id, targetUserId))
        .run();
      const sessionsEnded = signOutEverywhere(tx, targetUserId);
      tx.delete(passwordResetTokens)
        .where(
          and(eq(passwordResetTokens.userId, targetUserId), isNull(passwordResetTokens.usedAt)),
        )
        .run();
      tx.delete(staffEnrolments)
        .where(and(eq(staffEnrolments.userId, targetUserId), isNull(staffEnrolments.usedAt)))
        .run();
      audit(tx, {
        action: "admin.user_deactivated",
        actorUserId,
        subjectUserId: targetUserId,
        ip,
        at: now,
        detail: { sessionsEnded },
      });
      return { kind: "ok", sessionsEnded } as const;
    },
    { behavior: "immediate" },
  );
}

export type ReactivationResult = { kind: "ok" } | { kind: "not_found" } | { kind: "already" };

/** Lets a deactivated account sign in again; audited. */
export function reactivateUser(
  db: DB,
  actorUserId: number,
  targetUserId: number,
  { ip, now = Date.now() }: { ip: string | null; now?: number },
): ReactivationResult {
  return db.transaction(
    (tx) => {
      const target = tx
        .select({ deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.id, targetUserId))
        .get();
      if (!target) return { kind: "not_found" } as const;
      if (target.deactivatedAt === null) return { kind: "already" } as const;
      tx.update(users)
        .set({ deactivatedAt: null, updatedAt: now })
        .where(eq(users.id, targetUserId))
        .run();
      audit(tx, {
        action: "admin.user_reactivated",
        actorUserId,
        subjectUserId: targetUserId,
        ip,
        at: now,
      });
      return { kind: "ok" } as const;
    },
    { behavior: "immediate" },
  );
}
