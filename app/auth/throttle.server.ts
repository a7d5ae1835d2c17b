/**
 * Every throttle, over the one `throttles` table (so counters survive restarts
 * and are shared by every process on the database):
 *
 * - Sign-in failure counters (OWASP ASVS 2.2.1): a failed sign-in counts
 *   against each of its keys; past a key's threshold each further failure
 *   blocks the key for a growing time (1 minute, then doubling, capped at 15).
 *   A blocked attempt is answered with 429 before the password is checked and
 *   does not extend the block. Keys quiet for a day start again from zero.
 *   Which keys an attempt uses (account and IP for strangers, the device
 *   cookie for a device that has signed in before) is app/auth/device.server.ts.
 * - Fixed-window request limits (sign-ups per IP): `limit` hits per window,
 *   then wait for the next one. Limits on the messages a person can cause
 *   (reset links, reference requests) are app/auth/message-limits.server.ts.
 */
import { eq, inArray } from "drizzle-orm";
import { throttles } from "../../db/schema";
import type { DB } from "~/utils/db.server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const ACCOUNT_THRESHOLD = 5;
export const IP_THRESHOLD = 20;
const DEVICE_THRESHOLD = 5;
const FIRST_BLOCK_MS = MINUTE;
const MAX_BLOCK_MS = 15 * MINUTE;
/** A key with no failure for this long starts counting from zero again. */
export const FORGET_AFTER_MS = 24 * HOUR;

/**
 * How long a key is blocked after its `failures`-th consecutive failure, given
 * the key's threshold: nothing below it, then 1, 2, 4, 8, 15, 15… minutes.
 */
export function blockDuration(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  const doublings = Math.min(failures - threshold, 10);
  return Math.min(FIRST_BLOCK_MS * 2 ** doublings, MAX_BLOCK_MS);
}

/** A failure counter: its key in the table and the failures allowed before it blocks. */
export type FailureKey = { key: string; threshold: number };

/** The keys of an attempt from a stranger's (untrusted) device: the account and the IP. */
export function untrustedKeys({ account, ip }: { account: string; ip: string }): FailureKey[] {
  return [
    { key: `account:${account}`, threshold: ACCOUNT_THRESHOLD },
    { key: `ip:${ip}`, threshold: IP_THRESHOLD },
  ];
}

/** The key of an attempt from a device that has signed in to the account before. */
export function deviceKeys(nonce: string): FailureKey[] {
  return [{ key: `device:${nonce}`, threshold: DEVICE_THRESHOLD }];
}

/** Milliseconds until an attempt with these keys may be made (0 when none is blocked). */
export function throttleWait(db: DB, keys: FailureKey[], now = Date.now()): number {
  if (keys.length === 0) return 0;
  const rows = db
    .select({ blockedUntil: throttles.blockedUntil })
    .from(throttles)
    .where(
      inArray(
        throttles.key,
        keys.map((k) => k.key),
      ),
    )
    .all();
  return Math.max(0, ...rows.map((r) => r.blockedUntil - now));
}

/** Counts a failure against every key; returns the wait that now applies (0 if none). */
export function recordFailure(db: DB, keys: FailureKey[], now = Date.now()): number {
  // An immediate transaction takes the write lock before reading, so two
  // processes cannot both read the same count and lose a failure.
  return db.transaction(
    (tx) => {
      let wait = 0;
      for (const { key, threshold } of keys) {
        const row = tx.select().from(throttles).where(eq(throttles.key, key)).get();
        const stale = !row || now - row.lastAt > FORGET_AFTER_MS;
        const count = stale ? 1 : row.count + 1;
        const block = blockDuration(count, threshold);
        const blockedUntil = block > 0 ? now + block : 0;
        const windowStart = stale ? now : row.windowStart;
        tx.insert(throttles)
          .values({ key, count, windowStart, lastAt: now, blockedUntil })
          .onConflictDoUpdate({
            target: throttles.key,
            set: { count, windowStart, lastAt: now, blockedUntil },
          })
          .run();
        wait = Math.max(wait, block);
      }
      return wait;
    },
    { behavior: "immediate" },
  );
}

/** After a successful sign-in: these keys start afresh. */
export function clearFailures(db: DB, keys: FailureKey[]) {
  if (keys.length === 0) return;
  db.delete(throttles)
    .where(
      inArray(
        throttles.key,
        keys.map((k) => k.key),
      ),
    )
    .run();
}

export type RateLimit = { name: string; limit: number; windowMs: number };

/** Requests to links whose token is the credential (enrolment links) per IP address. */
export const TOKEN_LINK_LIMIT: RateLimit = { name: "token-link", limit: 30, windowMs: HOUR };
/** Sign-ins started at an outside provider (single sign-on, ORCID) per IP address. */
export const OUTSIDE_SIGN_IN_LIMIT: RateLimit = {
  name: "outside-sign-in",
  limit: 60,
  windowMs: HOUR,
};
/** Account creations per IP address. */
export const SIGNUP_LIMIT: RateLimit = { name: "signup", limit: 20, windowMs: HOUR };

/**
 * Counts one hit on `name:subject`. Returns 0 when it is allowed, otherwise
 * the milliseconds until the window ends (the hit is then not counted).
 */
export function consumeRateLimit(
  db: DB,
  { name, limit, windowMs }: RateLimit,
  subject: string,
  now = Date.now(),
): number {
  const key = `${name}:${subject}`;
  return db.transaction(
    (tx) => {
      const row = tx.select().from(throttles).where(eq(throttles.key, key)).get();
      if (!row || now - row.windowStart >= windowMs) {
        const fresh = { count: 1, windowStart: now, lastAt: now, blockedUntil: 0 };
        tx.insert(throttles)
          .values({ key, ...fresh })
          .onConflictDoUpdate({ target: throttles.key, set: fresh })
          .run();
        return 0;
      }
      if (row.count >= limit) return row.windowStart + windowMs - now;
      tx.update(throttles)
        .set({ count: row.count + 1, lastAt: now })
        .where(eq(throttles.key, key))
        .run();
      return 0;
    },
    { behavior: "immediate" },
  );
}

/** "3 minutes" / "45 seconds", for messages. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The `Retry-After` header (whole seconds, at least 1) for a wait in milliseconds. */
export function retryAfter(ms: number): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil(ms / 1000))) };
}
