/**
 * Fixed-window request limits (sign-ups and password-reset requests per IP),
 * counted in the `rate_limits` table so they hold across restarts and processes.
 */
import { eq } from "drizzle-orm";
import { rateLimits } from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";

export type RateLimit = { name: string; limit: number; windowMs: number };

const HOUR = 60 * 60 * 1000;
/** Account creations per IP address. */
export const SIGNUP_LIMIT: RateLimit = { name: "signup", limit: 20, windowMs: HOUR };
/** Password-reset requests per IP address. */
export const RESET_REQUEST_LIMIT: RateLimit = { name: "reset", limit: 10, windowMs: HOUR };
/** Reset emails per account, so nobody can flood someone's inbox. */
export const RESET_EMAIL_LIMIT: RateLimit = { name: "reset-email", limit: 3, windowMs: HOUR };

/**
 * Counts one hit on `name:subject`. Returns 0 when it is allowed, otherwise
 * the milliseconds until the window ends (the hit is then not counted).
 */
export function consumeRateLimit(
  { name, limit, windowMs }: RateLimit,
  subject: string,
  now = Date.now(),
  db: DB = getDb(),
): number {
  const key = `${name}:${subject}`;
  return db.transaction(
    (tx) => {
      const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
      if (!row || now - row.windowStart >= windowMs) {
        tx.insert(rateLimits)
          .values({ key, windowStart: now, count: 1 })
          .onConflictDoUpdate({ target: rateLimits.key, set: { windowStart: now, count: 1 } })
          .run();
        return 0;
      }
      if (row.count >= limit) return row.windowStart + windowMs - now;
      tx.update(rateLimits)
        .set({ count: row.count + 1 })
        .where(eq(rateLimits.key, key))
        .run();
      return 0;
    },
    { behavior: "immediate" },
  );
}

/** The `Retry-After` header (whole seconds, at least 1) for a wait in milliseconds. */
export function retryAfter(ms: number): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil(ms / 1000))) };
}
