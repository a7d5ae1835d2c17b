/**
 * The password-reset workflow: requesting a link, and setting a new password
 * with it. Tokens themselves: app/auth/reset.server.ts.
 */
import { and, eq, isNull } from "drizzle-orm";
import { users } from "../../db/schema";
import { passwordResetEmail } from "~/emails/account";
import type { DB } from "~/utils/db.server";
import { deliverOutbox, queueEmail } from "~/emails/mailer.server";
import { audit } from "./audit.server";
import { hashPassword } from "./password.server";
import { consumeResetToken, createResetToken, findResetTokenUser } from "./reset.server";
import { invalidateUserSessions } from "./session.server";
import { RESET_EMAIL_LIMIT, takeMessageAllowance } from "./message-limits.server";

/**
 * Mails a reset link when `email` belongs to an account (at most a few per
 * hour per account). The caller answers the same whether or not it does, so
 * the form cannot be used to find out who has an account.
 */
export function requestPasswordReset(
  db: DB,
  email: string,
  { origin, ip, now = Date.now() }: { origin: string; ip: string; now?: number },
): void {
  const user = db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deactivatedAt)))
    .get();
  // A deactivated account gets no link either, and the answer is the same.
  if (!user) return;
  db.transaction(
    (tx) => {
      // Past the account's limit nothing is sent, and the requester is not told (see above).
      if (!takeMessageAllowance(tx, [{ limit: RESET_EMAIL_LIMIT, subject: email }], now).ok) return;
      const token = createResetToken(tx, user.id, now);
      const link = `${origin}/reset-password?${new URLSearchParams({ token })}`;
      queueEmail(tx, passwordResetEmail({ user: { name: user.name, email }, resetUrl: link }));
      audit(tx, { action: "auth.reset_requested", subjectUserId: user.id, ip, at: now });
    },
    { behavior: "immediate" },
  );
  // Not awaited: an SMTP round trip would make "account exists" answer more
  // slowly than "no such account". deliverOutbox() never throws.
  void deliverOutbox(db);
}

export type ResetResult = { kind: "ok"; userId: number } | { kind: "invalid_token" };

/**
 * Sets a new password with a reset token (the caller has checked the policy).
 * The token is marked used, and every session of the account is ended.
 */
export async function completePasswordReset(
  db: DB,
  token: string,
  newPassword: string,
  { ip, now = Date.now() }: { ip: string; now?: number },
): Promise<ResetResult> {
  const found = findResetTokenUser(db, token, now);
  if (!found) return { kind: "invalid_token" };
  const passwordHash = await hashPassword(newPassword);
  return db.transaction((tx) => {
    if (!consumeResetToken(tx, found.tokenId, found.id, now))
      return { kind: "invalid_token" } as const;
    tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, found.id)).run();
    // Whoever knew the old password is signed out everywhere.
    const ended = invalidateUserSessions(tx, found.id, undefined);
    audit(tx, {
      action: "auth.reset_completed",
      actorUserId: found.id,
      ip,
      at: now,
      detail: { sessionsEnded: ended },
    });
    return { kind: "ok", userId: found.id } as const;
  });
}
