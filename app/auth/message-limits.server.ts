/**
 * Limits on the messages a person can make Atrium send (reference requests,
 * reminders, password-reset links; staff messages and job alerts use the same
 * kind of limit): each message counts against the person who caused it and
 * against the address it goes to, so neither one account nor many accounts
 * can flood an inbox. Counts are fixed windows in the `throttles` table
 * (keys `msg:<limit>:<subject>`), shared by every process.
 *
 * `takeMessageAllowance` runs inside the transaction that queues the message:
 * a message refused for any other reason is never counted, and a counted one
 * is always queued. That transaction should be `immediate`, so two processes
 * cannot both read the same count.
 */
import { eq, inArray } from "drizzle-orm";
import { throttles } from "../../db/schema";
import type { Writer } from "~/utils/db.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export type MessageLimit = {
  /** The key prefix in `throttles`. */
  name: string;
  limit: number;
  windowMs: number;
  /** Who or what is counted: the person who caused the message, or the address it goes to. */
  per: "person" | "address";
  /** The verb phrase of the refusal: "You can {does} {limit} times a day". */
  does: string;
};

/** A candidate names new referees (each gets a request), also from the apply form. */
export const REFEREE_NAME_LIMIT: MessageLimit = {
  name: "referee-name",
  limit: 10,
  windowMs: DAY,
  per: "person",
  does: "ask referees for a letter",
};
/** A candidate replaces a referee who has not answered. */
export const REFEREE_REPLACE_LIMIT: MessageLimit = {
  name: "referee-replace",
  limit: 5,
  windowMs: DAY,
  per: "person",
  does: "replace a referee",
};
/** A candidate reminds referees (each referee also at most once a week). */
export const REFEREE_REMIND_LIMIT: MessageLimit = {
  name: "referee-remind",
  limit: 10,
  windowMs: DAY,
  per: "person",
  does: "send reminders to referees",
};
/** Reference requests and reminders one address receives, from every candidate together. */
export const REFEREE_ADDRESS_LIMIT: MessageLimit = {
  name: "referee-to",
  limit: 5,
  windowMs: DAY,
  per: "address",
  does: "send reference requests to one address",
};
/** Password-reset requests from one network (IP address). */
export const RESET_REQUEST_LIMIT: MessageLimit = {
  name: "reset",
  limit: 10,
  windowMs: HOUR,
  per: "person",
  does: "ask for a password-reset link from one network",
};
/**
 * Reset emails one account receives. Refused silently (the form answers the
 * same whether or not an address has an account, so it cannot say "this
 * address has had enough").
 */
export const RESET_EMAIL_LIMIT: MessageLimit = {
  name: "reset-email",
  limit: 3,
  windowMs: HOUR,
  per: "address",
  does: "send password-reset links to one account",
};

/** One count to take: a limit and whom it counts (a user id, an address, an IP). */
export type MessageHit = { limit: MessageLimit; subject: string };

export type Allowance =
  { ok: true } | { ok: false; limit: MessageLimit; subject: string; waitMs: number };

function keyOf({ limit, subject }: MessageHit): string {
  return `msg:${limit.name}:${subject.toLowerCase()}`;
}

/**
 * Counts one message against every hit, or none of them: when any hit's
 * window is full the answer says which and for how long, and nothing is
 * counted. A message to several addresses passes one hit per address.
 */
export function takeMessageAllowance(tx: Writer, hits: MessageHit[], now = Date.now()): Allowance {
  if (hits.length === 0) return { ok: true };
  const keys = hits.map(keyOf);
  const rows = new Map(
    tx
      .select()
      .from(throttles)
      .where(inArray(throttles.key, [...new Set(keys)]))
      .all()
      .map((r) => [r.key, r]),
  );
  // Several hits on one key (two referees at one address) count together.
  const wanted = new Map<string, number>();
  for (const key of keys) wanted.set(key, (wanted.get(key) ?? 0) + 1);
  for (const [i, hit] of hits.entries()) {
    const row = rows.get(keys[i]);
    const live = row && now - row.windowStart < hit.limit.windowMs;
    const used = live ? row.count : 0;
    if (used + wanted.get(keys[i])! > hit.limit.limit) {
      const waitMs = live ? row.windowStart + hit.limit.windowMs - now : hit.limit.windowMs;
      return { ok: false, limit: hit.limit, subject: hit.subject, waitMs };
    }
  }
  for (const [key, n] of wanted) {
    const hit = hits[keys.indexOf(key)];
    const row = rows.get(key);
    if (row && now - row.windowStart < hit.limit.windowMs) {
      tx.update(throttles)
        .set({ count: row.count + n, lastAt: now })
        .where(eq(throttles.key, key))
        .run();
    } else {
      const fresh = { count: n, windowStart: now, lastAt: now, blockedUntil: 0 };
      tx.insert(throttles)
        .values({ key, ...fresh })
        .onConflictDoUpdate({ target: throttles.key, set: fresh })
        .run();
    }
  }
  return { ok: true };
}

/** "a day", "an hour", "a week" or "every 3 hours", for refusals. */
function perWindow(ms: number): string {
  if (ms === DAY) return "a day";
  if (ms === HOUR) return "an hour";
  if (ms === 7 * DAY) return "a week";
  if (ms % DAY === 0) return `every ${ms / DAY} days`;
  return `every ${Math.round(ms / HOUR)} hours`;
}

/** "in 7 hours", "in 12 minutes", "in 30 seconds" (rounded up). */
export function describeRetry(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return `in ${Math.max(1, Math.ceil(ms / 1000))} seconds`;
  if (minutes < 90) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(ms / HOUR);
  return hours >= 20 ? "tomorrow" : `in ${hours} hours`;
}

/**
 * The refusal, with the count: "You can replace a referee 5 times a day; try
 * again in 7 hours." For an address limit the address is named, since the
 * person typed it: "We send at most 5 reference requests a day to
 * ada@example.org; try again tomorrow."
 */
export function describeRefusal(refusal: Extract<Allowance, { ok: false }>): string {
  const { limit, subject, waitMs } = refusal;
  const when = describeRetry(waitMs);
  if (limit.per === "address") {
    return `We can ${limit.does} ${limit.limit} times ${perWindow(limit.windowMs)}, and ${subject} has reached that; try again ${when}.`;
  }
  return `You can ${limit.does} ${limit.limit} times ${perWindow(limit.windowMs)}; try again ${when}.`;
}
