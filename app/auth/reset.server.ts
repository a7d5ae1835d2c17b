/**
 * Password-reset tokens (OWASP ASVS 2.5): 32 random bytes, base32-encoded,
 * mailed to the account's address; only the token's SHA-256 is stored. A
 * token is valid for one hour and can be used once.
 */
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordResetTokens, users } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { hashToken } from "./session.server";

const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** A new reset token: 32 bytes (256 bits) from the CSPRNG, 52 base32 characters. */
export function generateResetToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only well-formed tokens are looked up at all. */
export function isWellFormedResetToken(token: unknown): token is string {
  return typeof token === "string" && /^[a-z2-7]{52}$/.test(token);
}

type Writer = Pick<DB, "insert">;

/** Stores the hash of a new token for `userId` and returns the token (for the email only). */
export function createResetToken(db: Writer, userId: number, now = Date.now()): string {
  const token = generateResetToken();
  db.insert(passwordResetTokens)
    .values({
      id: hashToken(token),
      userId,
      createdAt: now,
      expiresAt: now + RESET_TOKEN_LIFETIME_MS,
    })
    .run();
  return token;
}

/** The user a token belongs to while it is unused and unexpired, else null. */
export function findResetTokenUser(db: DB, token: unknown, now = Date.now()) {
  if (!isWellFormedResetToken(token)) return null;
  return (
    db
      .select({
        tokenId: passwordResetTokens.id,
        id: users.id,
        email: users.email,
        name: users.name,
      })
      .from(passwordResetTokens)
      .innerJoin(users, eq(users.id, passwordResetTokens.userId))
      .where(
        and(
          eq(passwordResetTokens.id, hashToken(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .get() ?? null
  );
}

type Updater = Pick<DB, "update">;

/**
 * Marks a token used; returns false when it was already used (a concurrent
 * request won). Also retires the user's other outstanding tokens.
 */
export function consumeResetToken(
  db: Updater,
  tokenId: string,
  userId: number,
  now: number,
): boolean {
  const result = db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.id, tokenId), isNull(passwordResetTokens.usedAt)))
    .run();
  if (result.changes !== 1) return false;
  revokeResetTokens(db, userId, now);
  return true;
}

/**
 * Retires every outstanding reset link of the account (returns how many): a
 * link mailed before the password changed must not work after it.
 */
export function revokeResetTokens(db: Updater, userId: number, now: number): number {
  return db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)))
    .run().changes;
}
