/**
 * Sign-in throttling (OWASP ASVS 2.2.1). Failed sign-ins are counted per
 * account (the normalised email, whether or not it exists) and per client IP
 * in `login_throttles`, so counters survive restarts and are shared by every
 * process on the database. Past a threshold each further failure blocks the
 * key for a growing time: 1 minute, then doubling, capped at 15 minutes.
 * A blocked attempt is answered with 429 before the password is checked, and
 * does not extend the block; a real owner can sign in once it has passed.
 * A successful sign-in clears the account's counter. Counters of keys that
 * have been quiet for a day start again from zero.
 */
import { eq, inArray } from "drizzle-orm";
import { loginThrottles } from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";

const MINUTE = 60_000;
export const ACCOUNT_THRESHOLD = 5;
export const IP_THRESHOLD = 20;
export const FIRST_BLOCK_MS = MINUTE;
export const MAX_BLOCK_MS = 15 * MINUTE;
/** A key with no failure for this long starts counting from zero again. */
export const FORGET_AFTER_MS = 24 * 60 * MINUTE;

/**
 * How long a key is blocked after its `failures`-th consecutive failure, given
 * the key's threshold: nothing below it, then 1, 2, 4, 8, 15, 15… minutes.
 */
export function blockDuration(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  const doublings = Math.min(failures - threshold, 10);
  return Math.min(FIRST_BLOCK_MS * 2 ** doublings, MAX_BLOCK_MS);
}

export type ThrottleKeys = { account: string; ip: string };

function keysOf({ account, ip }: ThrottleKeys) {
  return [
    { key: `account:${account}`, threshold: ACCOUNT_THRESHOLD },
    { key: `ip:${ip}`, threshold: IP_THRESHOLD },
  ];
}

/** Milliseconds until the attempt may be made (0 when it is not blocked). */
export function throttleWait(keys: ThrottleKeys, now = Date.now(), db: DB = getDb()): number {
  const rows = db
    .select({ blockedUntil: loginThrottles.blockedUntil })
    .from(loginThrottles)
    .where(
      inArray(
        loginThrottles.key,
        keysOf(keys).map((k) => k.key),
      ),
    )
    .all();
  return Math.max(0, ...rows.map((r) => r.blockedUntil - now));
}

/** Counts a failed sign-in for both keys; returns the wait that now applies (0 if none). */
export function recordLoginFailure(keys: ThrottleKeys, now = Date.now(), db: DB = getDb()): number {
  // An immediate transaction takes the write lock before reading, so two
  // processes cannot both read the same count and lose a failure.
  return db.transaction(
    (tx) => {
      let wait = 0;
      for (const { key, threshold } of keysOf(keys)) {
        const row = tx.select().from(loginThrottles).where(eq(loginThrottles.key, key)).get();
        const stale = !row || now - row.lastFailureAt > FORGET_AFTER_MS;
        const failures = stale ? 1 : row.failures + 1;
        const block = blockDuration(failures, threshold);
        const blockedUntil = block > 0 ? now + block : 0;
        tx.insert(loginThrottles)
          .values({ key, failures, lastFailureAt: now, blockedUntil })
          .onConflictDoUpdate({
            target: loginThrottles.key,
            set: { failures, lastFailureAt: now, blockedUntil },
          })
          .run();
        wait = Math.max(wait, block);
      }
      return wait;
    },
    { behavior: "immediate" },
  );
}

/** After a successful sign-in: the account starts afresh (the IP's counter stays). */
export function clearAccountThrottle(account: string, db: DB = getDb()) {
  db.delete(loginThrottles)
    .where(eq(loginThrottles.key, `account:${account}`))
    .run();
}

/** "3 minutes" / "45 seconds", for messages. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
