/**
 * Reference letters: an opening can require N letters; the candidate names
 * referees on their application; each referee gets a single-use, expiring
 * link (only its SHA-256 is stored, like password-reset tokens) to upload a
 * PDF letter without an account. The candidate sees each letter's status and
 * may remind (once a week) or replace a referee who has not answered; staff
 * read the letters (the link, the upload and staff reading are in
 * reference-letters.server.ts).
 *
 * What each side may see is decided here: candidate functions return names
 * and statuses only (never a file, a file name or a letter id); the token
 * lookup returns only the candidate's name and the role's title; staff
 * functions return the letter files.
 */
import { and, asc, count, eq, ne } from "drizzle-orm";
import { applicationEvents, applications, openings, referees } from "../../db/schema";
import type { RefereeStatus } from "~/lib/enums";
import {
  REFEREE_ADDRESS_LIMIT,
  REFEREE_NAME_LIMIT,
  REFEREE_REMIND_LIMIT,
  REFEREE_REPLACE_LIMIT,
  takeMessageAllowance,
  type Allowance,
  type MessageLimit,
} from "~/auth/message-limits.server";
import { generateResetToken } from "~/auth/reset.server";
import { hashToken } from "~/auth/session.server";
import { referenceRequestEmail } from "~/emails/references";
import type { DB, Writer } from "~/utils/db.server";
import { hasLink } from "~/utils/form-fields";
import { queueEmail } from "~/emails/mailer.server";

const DAY = 24 * 60 * 60 * 1000;
/** How long a referee's link works. */
export const REFEREE_LINK_LIFETIME_MS = 21 * DAY;
/** The message limits read and write their counts in the transaction that queues the email. */
const IMMEDIATE = { behavior: "immediate" } as const;
/** A candidate may remind each referee once in this long. */
export const REMINDER_INTERVAL_MS = 7 * DAY;

export type RefereeInput = { name: string; email: string; relationship: string };
type Candidate = { id: number; name: string; email: string };

/** The opening's requirement and the application's letters, for one application of the candidate. */
function candidateApplication(db: Writer, candidateId: number, applicationId: number) {
  return (
    db
      .select({
        id: applications.id,
        status: applications.status,
        openingTitle: openings.title,
        lettersRequired: openings.lettersRequired,
      })
      .from(applications)
      .innerJoin(openings, eq(openings.id, applications.openingId))
      .where(and(eq(applications.id, applicationId), eq(applications.candidateId, candidateId)))
      .get() ?? null
  );
}

/** A new link for a referee: the token for the email, its hash and end for the row. */
function newLink(now: number) {
  const token = generateResetToken();
  return { token, tokenHash: hashToken(token), tokenExpiresAt: now + REFEREE_LINK_LIFETIME_MS };
}

function refereeUrl(origin: string, token: string) {
  return `${origin}/referee?${new URLSearchParams({ token })}`;
}

/** Records an internal application event about a referee or a letter. */
export function refereeEvent(
  tx: Writer,
  e: { applicationId: number; at: number; actorUserId: number | null; type: RefereeEventType },
  detail: string,
) {
  tx.insert(applicationEvents)
    .values({ ...e, candidateVisible: false, internalDetail: detail })
    .run();
}
type RefereeEventType =
  "referee_named" | "referee_reminded" | "referee_replaced" | "letter_received";

/** A referee as the candidate's and staff's lists show them (the letter's file aside). */
export const refereeColumns = {
  id: referees.id,
  name: referees.name,
  email: referees.email,
  relationship: referees.relationship,
  status: referees.status,
  requestedAt: referees.requestedAt,
  lastReminderAt: referees.lastReminderAt,
  receivedAt: referees.receivedAt,
};

type RefereeView = {
  id: number;
  name: string;
  email: string;
  relationship: string;
  status: Exclude<RefereeStatus, "replaced">;
  requestedAt: number;
  lastReminderAt: number | null;
  receivedAt: number | null;
  /** When the next reminder may be sent (null: now, or never because the letter arrived). */
  nextReminderAt: number | null;
};

/**
 * What the candidate sees of their letters for one application: the
 * requirement and each current referee's status. Null when the application
 * is not theirs. Never a file, a file name or a letter.
 */
export function getRefereesForCandidate(
  db: DB,
  candidateId: number,
  applicationId: number,
  now = Date.now(),
) {
  const app = candidateApplication(db, candidateId, applicationId);
  if (!app) return null;
  const rows = db
    .select(refereeColumns)
    .from(referees)
    .where(and(eq(referees.applicationId, applicationId), ne(referees.status, "replaced")))
    .orderBy(asc(referees.id))
    .all();
  const list: RefereeView[] = rows.map((r) => ({
    ...r,
    status: r.status === "received" ? "received" : "requested",
    nextReminderAt:
      r.status === "received" || !r.lastReminderAt || r.lastReminderAt + REMINDER_INTERVAL_MS <= now
        ? null
        : r.lastReminderAt + REMINDER_INTERVAL_MS,
  }));
  return {
    required: app.lettersRequired,
    received: list.filter((r) => r.status === "received").length,
    active: app.status === "active",
    canAdd: app.status === "active" && list.length < app.lettersRequired,
    referees: list,
  };
}

export type RefereeOutcome =
  | { kind: "ok"; refereeId: number }
  | { kind: "not_found" }
  | { kind: "inactive" }
  | { kind: "full" }
  | { kind: "duplicate" }
  | { kind: "self" }
  | { kind: "received" }
  | { kind: "too_soon"; nextAt: number }
  | { kind: "limited"; refusal: Extract<Allowance, { ok: false }> };

/**
 * Counts the referee emails about to be queued: `does` per email against the
 * candidate, and one per email against each address. Null when allowed.
 */
function limitReferees(
  tx: Writer,
  candidateId: number,
  does: MessageLimit,
  emails: string[],
  now: number,
): RefereeOutcome | null {
  const allowance = takeMessageAllowance(
    tx,
    [
      ...emails.map(() => ({ limit: does, subject: `user:${candidateId}` })),
      ...emails.map((email) => ({ limit: REFEREE_ADDRESS_LIMIT, subject: email })),
    ],
    now,
  );
  return allowance.ok ? null : { kind: "limited", refusal: allowance };
}

/**
 * A name as it may appear in an email to a referee: what a candidate typed
 * reaches a third party, so a name that carries a link (refused by the forms
 * today, possible in rows stored before) is left out for `fallback`.
 */
function nameForReferee(name: string, fallback: string): string {
  return hasLink(name) ? fallback : name;
}

function checkNewReferee(
  tx: Writer,
  candidate: Candidate,
  applicationId: number,
  referee: RefereeInput,
  ignoreId?: number,
): RefereeOutcome | null {
  if (referee.email === candidate.email.toLowerCase()) return { kind: "self" };
  const same = tx
    .select({ id: referees.id })
    .from(referees)
    .where(
      and(
        eq(referees.applicationId, applicationId),
        eq(referees.email, referee.email),
        ne(referees.status, "replaced"),
        ignoreId ? ne(referees.id, ignoreId) : undefined,
      ),
    )
    .get();
  return same ? { kind: "duplicate" } : null;
}

function insertReferee(
  tx: Writer,
  input: {
    candidate: Candidate;
    applicationId: number;
    openingTitle: string;
    referee: RefereeInput;
    origin: string;
    now: number;
  },
): number {
  const { token, ...link } = newLink(input.now);
  const row = tx
    .insert(referees)
    .values({
      applicationId: input.applicationId,
      ...input.referee,
      ...link,
      requestedAt: input.now,
    })
    .returning({ id: referees.id })
    .get();
  queueEmail(
    tx,
    referenceRequestEmail({
      referee: { ...input.referee, name: nameForReferee(input.referee.name, "there") },
      candidateName: nameForReferee(input.candidate.name, "A candidate"),
      openingTitle: input.openingTitle,
      uploadUrl: refereeUrl(input.origin, token),
      expiresAt: link.tokenExpiresAt,
    }),
  );
  return row.id;
}

type NameRefereesInput = {
  candidate: Candidate;
  applicationId: number;
  referees: RefereeInput[];
  origin: string;
  now?: number;
};

/**
 * The candidate names referees for their active application (up to the
 * number the opening requires): rows, emails with fresh links and events in
 * one transaction. Everything is checked before anything is written.
 */
export function nameReferees(db: DB, input: NameRefereesInput): RefereeOutcome {
  return db.transaction((tx) => writeReferees(tx, input), IMMEDIATE);
}

/**
 * nameReferees inside the caller's transaction (the apply form names
 * referees in the transaction that writes the application). Writes nothing
 * unless the outcome is "ok"; the caller rolls back on any other outcome.
 */
export function writeReferees(tx: Writer, input: NameRefereesInput): RefereeOutcome {
  const now = input.now ?? Date.now();
  const app = candidateApplication(tx, input.candidate.id, input.applicationId);
  if (!app) return { kind: "not_found" };
  if (app.status !== "active") return { kind: "inactive" };
  const current = tx
    .select({ n: count() })
    .from(referees)
    .where(and(eq(referees.applicationId, app.id), ne(referees.status, "replaced")))
    .get()!.n;
  if (current + input.referees.length > app.lettersRequired) return { kind: "full" };
  const emails = new Set(input.referees.map((r) => r.email));
  if (emails.size !== input.referees.length) return { kind: "duplicate" };
  for (const referee of input.referees) {
    const problem = checkNewReferee(tx, input.candidate, app.id, referee);
    if (problem) return problem;
  }
  const limited = limitReferees(tx, input.candidate.id, REFEREE_NAME_LIMIT, [...emails], now);
  if (limited) return limited;
  let refereeId = 0;
  for (const referee of input.referees) {
    refereeId = insertReferee(tx, {
      candidate: input.candidate,
      applicationId: app.id,
      openingTitle: app.openingTitle,
      referee,
      origin: input.origin,
      now,
    });
    refereeEvent(
      tx,
      { applicationId: app.id, at: now, actorUserId: input.candidate.id, type: "referee_named" },
      `Referee named: ${referee.name} (${referee.relationship})`,
    );
  }
  return { kind: "ok", refereeId };
}

/** A referee of the candidate's application who has not sent a letter yet, or an outcome. */
function waitingReferee(tx: Writer, candidateId: number, applicationId: number, refereeId: number) {
  const app = candidateApplication(tx, candidateId, applicationId);
  if (!app) return { kind: "not_found" } as const;
  const referee = tx
    .select()
    .from(referees)
    .where(
      and(
        eq(referees.id, refereeId),
        eq(referees.applicationId, applicationId),
        ne(referees.status, "replaced"),
      ),
    )
    .get();
  if (!referee) return { kind: "not_found" } as const;
  if (app.status !== "active") return { kind: "inactive" } as const;
  if (referee.status === "received") return { kind: "received" } as const;
  return { kind: "waiting", app, referee } as const;
}

/**
 * Sends a referee who has not answered a reminder with a new link (the old
 * one stops working), at most once per REMINDER_INTERVAL_MS per referee.
 */
export function remindReferee(
  db: DB,
  input: {
    candidate: Candidate;
    applicationId: number;
    refereeId: number;
    origin: string;
    now?: number;
  },
): RefereeOutcome {
  const now = input.now ?? Date.now();
  return db.transaction((tx): RefereeOutcome => {
    const found = waitingReferee(tx, input.candidate.id, input.applicationId, input.refereeId);
    if (found.kind !== "waiting") return found;
    const { referee, app } = found;
    if (referee.lastReminderAt && referee.lastReminderAt + REMINDER_INTERVAL_MS > now)
      return { kind: "too_soon", nextAt: referee.lastReminderAt + REMINDER_INTERVAL_MS };
    const limited = limitReferees(
      tx,
      input.candidate.id,
      REFEREE_REMIND_LIMIT,
      [referee.email],
      now,
    );
    if (limited) return limited;
    const { token, ...link } = newLink(now);
    tx.update(referees)
      .set({ ...link, lastReminderAt: now })
      .where(eq(referees.id, referee.id))
      .run();
    queueEmail(
      tx,
      referenceRequestEmail({
        referee: { ...referee, name: nameForReferee(referee.name, "there") },
        candidateName: nameForReferee(input.candidate.name, "A candidate"),
        openingTitle: app.openingTitle,
        uploadUrl: refereeUrl(input.origin, token),
        expiresAt: link.tokenExpiresAt,
        reminder: true,
      }),
    );
    refereeEvent(
      tx,
      { applicationId: app.id, at: now, actorUserId: input.candidate.id, type: "referee_reminded" },
      `Reminder sent to referee ${referee.name}`,
    );
    return { kind: "ok", refereeId: referee.id };
  }, IMMEDIATE);
}

/**
 * Replaces a referee who has not sent a letter: their link stops working, the
 * row is kept (status "replaced") and the new referee gets a request.
 */
export function replaceReferee(
  db: DB,
  input: {
    candidate: Candidate;
    applicationId: number;
    refereeId: number;
    referee: RefereeInput;
    origin: string;
    now?: number;
  },
): RefereeOutcome {
  const now = input.now ?? Date.now();
  return db.transaction((tx): RefereeOutcome => {
    const found = waitingReferee(tx, input.candidate.id, input.applicationId, input.refereeId);
    if (found.kind !== "waiting") return found;
    const { referee: old, app } = found;
    const problem = checkNewReferee(tx, input.candidate, app.id, input.referee, old.id);
    if (problem) return problem;
    const limited = limitReferees(
      tx,
      input.candidate.id,
      REFEREE_REPLACE_LIMIT,
      [input.referee.email],
      now,
    );
    if (limited) return limited;
    tx.update(referees)
      .set({ status: "replaced", replacedAt: now, tokenHash: null, tokenExpiresAt: null })
      .where(eq(referees.id, old.id))
      .run();
    const refereeId = insertReferee(tx, {
      candidate: input.candidate,
      applicationId: app.id,
      openingTitle: app.openingTitle,
      referee: input.referee,
      origin: input.origin,
      now,
    });
    refereeEvent(
      tx,
      { applicationId: app.id, at: now, actorUserId: input.candidate.id, type: "referee_replaced" },
      `Referee ${old.name} replaced by ${input.referee.name} (${input.referee.relationship})`,
    );
    return { kind: "ok", refereeId };
  }, IMMEDIATE);
}
