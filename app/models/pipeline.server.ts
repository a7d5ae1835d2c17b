/**
 * Staff changes to applications: move, reject, hire (one or many), notes,
 * scorecards and closing an opening. Moving into the opening's hired stage IS
 * hiring, whatever the path: the status becomes hired, one "hired" event is
 * recorded and the hired email goes out; a hire is final (a hired application
 * is never moved or rejected again). Every change
 * - runs in ONE synchronous better-sqlite3 transaction (all or nothing),
 * - checks each application's `version` against the one the page was
 *   rendered with (optimistic concurrency) and bumps it,
 * - writes an application event following the shared conventions
 *   (see db/schema.ts applicationEvents), and
 * - when the candidate-visible status changes, sets publicChangedAt and
 *   queues an email built only from public data (app/emails/pipeline.ts).
 * Callers run `deliverOutbox()` after the transaction commits.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  applicationEvents,
  applications,
  notes,
  openings,
  scorecards,
  stages,
  users,
} from "../../db/schema";
import type { PublicStatus, StageKind } from "~/lib/enums";
import {
  DEFAULT_CLOSING_MESSAGE,
  DEFAULT_HIRED_MESSAGE,
  rejectionMessage,
  pipelineEmail,
  type PipelineEmailEvent,
} from "~/emails/pipeline";
import { hireQuestion } from "~/lib/pipeline-options";
import type { DB, Tx } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";

import {
  RECOMMENDATIONS,
  REJECT_REASONS,
  type Recommendation,
  type RejectReason,
} from "~/lib/pipeline-options";
import { formatStaffDateTime } from "~/utils/time";

export { type Recommendation, type RejectReason };

/** One application the recruiter acted on, with the version their page showed. */
export type ActionItem = { id: number; version: number };

type Conflict = {
  id: number;
  candidateName: string | null;
  problem: "missing" | "foreign" | "stale" | "inactive" | "hired";
  /** What the application looks like now, to show the recruiter what changed. */
  stageName: string | null;
  status: string | null;
  changedAt: number | null;
};

export type PipelineResult =
  { ok: true; count: number } | { ok: false; message: string; conflicts: Conflict[] };

/** Thrown inside a transaction to roll it back and report conflicts. */
class ConflictError extends Error {
  constructor(
    public conflicts: Conflict[],
    public note?: string,
  ) {
    super("conflict");
  }
}

/** Who makes a change, the origin for links in emails, and (for tests) the clock. */
export type Actor = { actorId: number; origin: string; now?: number };

type Loaded = {
  id: number;
  openingId: number;
  version: number;
  status: "active" | "withdrawn" | "rejected" | "hired";
  stageId: number;
  stageName: string;
  stageKind: StageKind;
  stagePublicStatus: PublicStatus;
  updatedAt: number;
  candidateName: string;
  candidateEmail: string;
  openingTitle: string;
};

function loadForUpdate(tx: Tx, ids: number[]): Map<number, Loaded> {
  if (ids.length === 0) return new Map();
  const rows = tx
    .select({
      id: applications.id,
      openingId: applications.openingId,
      version: applications.version,
      status: applications.status,
      stageId: applications.stageId,
      stageName: stages.name,
      stageKind: stages.kind,
      stagePublicStatus: stages.publicStatus,
      updatedAt: applications.updatedAt,
      candidateName: users.name,
      candidateEmail: users.email,
      openingTitle: openings.title,
    })
    .from(applications)
    .innerJoin(stages, eq(stages.id, applications.stageId))
    .innerJoin(users, eq(users.id, applications.candidateId))
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .where(inArray(applications.id, ids))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Checks every item: it exists, belongs to `openingId` (when given), is still
 * active and has the version the recruiter saw. Any problem refuses the batch.
 */
function checkItems(tx: Tx, items: ActionItem[], openingId: number | null, requireActive = true) {
  const loaded = loadForUpdate(
    tx,
    items.map((i) => i.id),
  );
  const conflicts: Conflict[] = [];
  for (const item of items) {
    const row = loaded.get(item.id);
    const base = {
      id: item.id,
      candidateName: row?.candidateName ?? null,
      stageName: row?.stageName ?? null,
      status: row?.status ?? null,
      changedAt: row?.updatedAt ?? null,
    };
    if (!row) conflicts.push({ ...base, problem: "missing" });
    else if (openingId !== null && row.openingId !== openingId)
      conflicts.push({
        ...base,
        candidateName: null,
        stageName: null,
        status: null,
        changedAt: null,
        problem: "foreign",
      });
    else if (row.version !== item.version) conflicts.push({ ...base, problem: "stale" });
    else if (requireActive && row.status === "hired") conflicts.push({ ...base, problem: "hired" });
    else if (requireActive && row.status !== "active")
      conflicts.push({ ...base, problem: "inactive" });
  }
  if (conflicts.length) throw new ConflictError(conflicts);
  return items.map((i) => loaded.get(i.id)!);
}

/** Words for the recruiter explaining why a batch was refused. */
function describeConflicts(conflicts: Conflict[]): string {
  const parts = conflicts.map((c) => {
    const who = c.candidateName ?? `Application ${c.id}`;
    switch (c.problem) {
      case "missing":
        return `${who} no longer exists.`;
      case "foreign":
        return `Application ${c.id} does not belong to this opening.`;
      case "inactive":
        return `${who} is no longer active (now ${c.status}).`;
      case "hired":
        return `${who} is hired, and a hire is final: a hired application stays in ${c.stageName ?? "the hired stage"} and cannot be moved or rejected.`;
      case "stale":
        return `${who} changed since you loaded this page: now in ${c.stageName}, status ${c.status}, changed ${c.changedAt ? formatStaffDateTime(c.changedAt) : "recently"}.`;
    }
  });
  return `Nothing was changed. ${parts.join(" ")} Reload to see the latest and try again.`;
}

function run(db: DB, body: (tx: Tx) => number): PipelineResult {
  try {
    const count = db.transaction((tx) => body(tx), { behavior: "immediate" });
    return { ok: true, count };
  } catch (error) {
    if (error instanceof ConflictError) {
      const message = error.note ?? describeConflicts(error.conflicts);
      return { ok: false, message, conflicts: error.conflicts };
    }
    throw error;
  }
}

function notifyCandidate(
  tx: Tx,
  ctx: Actor,
  row: Loaded,
  event: PipelineEmailEvent,
  publicMessage: string | null,
) {
  queueEmail(
    tx,
    pipelineEmail({
      to: row.candidateEmail,
      candidateName: row.candidateName,
      openingTitle: row.openingTitle,
      event,
      publicMessage,
      link: `${ctx.origin}/applications/${row.id}`,
    }),
  );
}

/** The opening's hired stage (every pipeline has exactly one, its last). */
function hiredStageOf(tx: Tx, openingId: number) {
  const stage = tx
    .select()
    .from(stages)
    .where(and(eq(stages.openingId, openingId), eq(stages.kind, "hired")))
    .get();
  if (!stage)
    throw new ConflictError(
      [],
      "This opening's pipeline has no hired stage; add one in the opening's editor. Nothing was changed.",
    );
  return stage;
}

/**
 * Moves applications (all of one opening) to `toStageId`. Into the hired
 * stage a move is a hire (see hireRow): callers ask the recruiter first.
 */
export function moveApplications(
  db: DB,
  ctx: Actor,
  input: { openingId: number; items: ActionItem[]; toStageId: number },
): PipelineResult {
  const now = ctx.now ?? Date.now();
  return run(db, (tx) => {
    const target = tx
      .select()
      .from(stages)
      .where(and(eq(stages.id, input.toStageId), eq(stages.openingId, input.openingId)))
      .get();
    if (!target)
      throw new ConflictError(
        [],
        "That stage does not belong to this opening. Nothing was changed.",
      );
    const rows = checkItems(tx, input.items, input.openingId);
    if (target.kind === "hired") {
      for (const row of rows) hireRow(tx, { ...ctx, now }, row, target);
      return rows.length;
    }
    let changed = 0;
    for (const row of rows) {
      if (row.stageId === target.id) continue;
      const visible = row.stagePublicStatus !== target.publicStatus;
      tx.update(applications)
        .set({
          stageId: target.id,
          stageEnteredAt: now,
          version: sql`${applications.version} + 1`,
          updatedAt: now,
          ...(visible ? { publicChangedAt: now } : {}),
        })
        .where(eq(applications.id, row.id))
        .run();
      tx.insert(applicationEvents)
        .values({
          applicationId: row.id,
          at: now,
          actorUserId: ctx.actorId,
          type: "moved",
          fromStageId: row.stageId,
          toStageId: target.id,
          candidateVisible: visible,
          publicStatus: visible ? target.publicStatus : null,
          internalDetail: `${row.stageName} → ${target.name}`,
        })
        .run();
      if (visible)
        notifyCandidate(tx, ctx, row, { kind: "moved", status: target.publicStatus }, null);
      changed++;
    }
    return changed;
  });
}

/**
 * Ends one application as rejected: status, a candidate-visible decision
 * event (the public message for the candidate, the reason for staff only) and
 * the candidate's email — the same three steps for a rejection and a closing.
 */
function rejectOne(
  tx: Tx,
  ctx: Actor,
  row: Loaded,
  event: {
    now: number;
    type: "rejected" | "opening_closed";
    publicMessage: string;
    internalDetail: string;
  },
) {
  tx.update(applications)
    .set({
      status: "rejected",
      version: sql`${applications.version} + 1`,
      updatedAt: event.now,
      publicChangedAt: event.now,
    })
    .where(eq(applications.id, row.id))
    .run();
  tx.insert(applicationEvents)
    .values({
      applicationId: row.id,
      at: event.now,
      actorUserId: ctx.actorId,
      type: event.type,
      candidateVisible: true,
      publicStatus: "not_selected",
      publicMessage: event.publicMessage,
      internalDetail: event.internalDetail,
    })
    .run();
  notifyCandidate(tx, ctx, row, { kind: event.type }, event.publicMessage);
}

/** Rejects applications (all of one opening) with an internal reason and an optional message to the candidate. */
export function rejectApplications(
  db: DB,
  ctx: Actor,
  input: { openingId: number; items: ActionItem[]; reason: RejectReason; message?: string | null },
): PipelineResult {
  const now = ctx.now ?? Date.now();
  const publicMessage = rejectionMessage(input.message);
  return run(db, (tx) => {
    const rows = checkItems(tx, input.items, input.openingId);
    for (const row of rows) {
      rejectOne(tx, ctx, row, {
        now,
        type: "rejected",
        publicMessage,
        internalDetail: REJECT_REASONS[input.reason],
      });
    }
    return rows.length;
  });
}

/** Hires one application: it moves to the opening's hired stage (see hireRow). */
export function hireApplication(
  db: DB,
  ctx: Actor,
  input: { openingId: number; item: ActionItem },
): PipelineResult {
  return run(db, (tx) => hireInTransaction(tx, ctx, input));
}

/**
 * The steps of a hire inside the caller's transaction (an accepted offer hires
 * the same way). Throws, rolling the caller back, when the item is stale,
 * foreign or no longer active.
 */
export function hireInTransaction(
  tx: Tx,
  ctx: Actor,
  input: { openingId: number; item: ActionItem },
): number {
  const [row] = checkItems(tx, [input.item], input.openingId);
  hireRow(tx, { ...ctx, now: ctx.now ?? Date.now() }, row, hiredStageOf(tx, input.openingId));
  return 1;
}

/**
 * One hire, already checked (active, current version): status hired, in the
 * hired stage, ONE candidate-visible "hired" event and the hired email.
 */
function hireRow(
  tx: Tx,
  ctx: Actor & { now: number },
  row: Loaded,
  hired: { id: number; name: string },
) {
  const { now } = ctx;
  const moves = hired.id !== row.stageId;
  tx.update(applications)
    .set({
      status: "hired",
      stageId: hired.id,
      ...(moves ? { stageEnteredAt: now } : {}),
      version: sql`${applications.version} + 1`,
      updatedAt: now,
      publicChangedAt: now,
    })
    .where(eq(applications.id, row.id))
    .run();
  tx.insert(applicationEvents)
    .values({
      applicationId: row.id,
      at: now,
      actorUserId: ctx.actorId,
      type: "hired",
      fromStageId: row.stageId,
      toStageId: hired.id,
      candidateVisible: true,
      publicStatus: "hired",
      publicMessage: DEFAULT_HIRED_MESSAGE,
      internalDetail: moves ? `${row.stageName} → ${hired.name} (hired)` : "Hired",
    })
    .run();
  notifyCandidate(tx, ctx, row, { kind: "hired" }, DEFAULT_HIRED_MESSAGE);
}

/** Adds an internal note (never shown to the candidate). */
export function addNote(db: DB, ctx: Actor, input: { applicationId: number; body: string }) {
  const now = ctx.now ?? Date.now();
  db.transaction((tx) => {
    tx.insert(notes)
      .values({
        applicationId: input.applicationId,
        authorUserId: ctx.actorId,
        body: input.body,
        createdAt: now,
      })
      .run();
    tx.insert(applicationEvents)
      .values({
        applicationId: input.applicationId,
        at: now,
        actorUserId: ctx.actorId,
        type: "note",
        candidateVisible: false,
        internalDetail: "Added a note",
      })
      .run();
    // Not a version bump: the version guards stage and status changes, and a
    // colleague's note must not make a board move look stale.
    tx.update(applications)
      .set({ updatedAt: now })
      .where(eq(applications.id, input.applicationId))
      .run();
  });
}

/** Creates or replaces the acting reviewer's scorecard (one per reviewer per application). */
export function saveScorecard(
  db: DB,
  ctx: Actor,
  input: {
    applicationId: number;
    ratings: Record<string, number>;
    recommendation: Recommendation;
    comment: string;
  },
) {
  const now = ctx.now ?? Date.now();
  db.transaction((tx) => {
    const existing = tx
      .select({ id: scorecards.id })
      .from(scorecards)
      .where(
        and(
          eq(scorecards.applicationId, input.applicationId),
          eq(scorecards.reviewerUserId, ctx.actorId),
        ),
      )
      .get();
    if (existing) {
      tx.update(scorecards)
        .set({
          ratings: input.ratings,
          recommendation: input.recommendation,
          comment: input.comment,
          updatedAt: now,
        })
        .where(eq(scorecards.id, existing.id))
        .run();
    } else {
      tx.insert(scorecards)
        .values({ ...input, reviewerUserId: ctx.actorId, createdAt: now, updatedAt: now })
        .run();
    }
    tx.insert(applicationEvents)
      .values({
        applicationId: input.applicationId,
        at: now,
        actorUserId: ctx.actorId,
        type: "scorecard",
        candidateVisible: false,
        internalDetail: `${existing ? "Updated" : "Submitted"} a scorecard: ${RECOMMENDATIONS[input.recommendation]}`,
      })
      .run();
    // Not a version bump: the version guards stage and status changes, and a
    // colleague's note must not make a board move look stale.
    tx.update(applications)
      .set({ updatedAt: now })
      .where(eq(applications.id, input.applicationId))
      .run();
  });
}

/**
 * Closes an opening. With `notify`, every active applicant is told with a
 * respectful closing message: an `opening_closed` event (visible), status
 * rejected with the internal reason "opening closed", and an email.
 * Returns how many applicants were notified.
 */
export function closeOpening(
  db: DB,
  ctx: Actor,
  input: { openingId: number; notify: boolean; message?: string | null },
): number {
  const now = ctx.now ?? Date.now();
  const publicMessage = input.message?.trim() || DEFAULT_CLOSING_MESSAGE;
  return db.transaction(
    (tx) => {
      tx.update(openings)
        .set({ status: "closed", closedAt: now, updatedAt: now })
        .where(eq(openings.id, input.openingId))
        .run();
      if (!input.notify) return 0;
      const active = tx
        .select({ id: applications.id })
        .from(applications)
        .where(and(eq(applications.openingId, input.openingId), eq(applications.status, "active")))
        .orderBy(asc(applications.id))
        .all();
      const rows = loadForUpdate(
        tx,
        active.map((a) => a.id),
      );
      for (const row of rows.values()) {
        rejectOne(tx, ctx, row, {
          now,
          type: "opening_closed",
          publicMessage,
          internalDetail: "Rejected: opening closed",
        });
      }
      return rows.size;
    },
    { behavior: "immediate" },
  );
}

// ───────────── counts shared by the board and the recruiter home ─────────────

/** How many applications an opening has, per stage (those shown on the board) and per status. */
export type PipelineCounts = {
  /** Cards on the board per stage id: active and hired applications (hired ones sit in their stage). */
  perStage: Record<number, number>;
  /** Every application of the opening per status (active, hired, rejected, withdrawn). */
  perStatus: Record<string, number>;
};

/**
 * The one place the board's column counts and the home page's per-opening
 * counts come from, so the two cannot disagree: ONE GROUP BY over the
 * covering index applications_opening_stage_idx (opening, stage, status), so
 * a stage with thousands of applications costs an index scan, not a table scan.
 */
export function countPipelines(db: DB, openingIds: number[]): Map<number, PipelineCounts> {
  const result = new Map<number, PipelineCounts>(
    openingIds.map((id) => [id, { perStage: {}, perStatus: {} }]),
  );
  if (openingIds.length === 0) return result;
  const rows = db
    .select({
      openingId: applications.openingId,
      stageId: applications.stageId,
      status: applications.status,
      n: sql<number>`count(*)`,
    })
    .from(applications)
    .where(inArray(applications.openingId, openingIds))
    .groupBy(applications.openingId, applications.stageId, applications.status)
    .all();
  for (const row of rows) {
    const counts = result.get(row.openingId)!;
    counts.perStatus[row.status] = (counts.perStatus[row.status] ?? 0) + row.n;
    if (row.status === "active" || row.status === "hired")
      counts.perStage[row.stageId] = (counts.perStage[row.stageId] ?? 0) + row.n;
  }
  return result;
}

/** Parses "id:version" values posted by board checkboxes and card forms; null on junk. */
export function parseItems(values: unknown[]): ActionItem[] | null {
  const items: ActionItem[] = [];
  for (const v of values) {
    const m = typeof v === "string" ? /^(\d{1,12}):(\d{1,9})$/.exec(v) : null;
    if (!m) return null;
    items.push({ id: Number(m[1]), version: Number(m[2]) });
  }
  const unique = new Set(items.map((i) => i.id));
  return unique.size === items.length ? items : null;
}

// ───────────── the board's and review page's actions ─────────────

/** One pipeline action, as the board's and review page's forms describe it (already validated). */
export type PipelineIntent =
  | { intent: "move"; item: string; stageId: number; confirm?: "yes" }
  | { intent: "bulk_move"; items: string[]; stageId: number; confirm?: "yes" }
  | { intent: "reject"; item: string; reason: RejectReason; message?: string }
  | { intent: "bulk_reject"; items: string[]; reason: RejectReason; message?: string }
  | { intent: "hire"; item: string; confirm?: "yes" };

/**
 * A hire waiting for the recruiter's yes: the question (hireQuestion) and
 * what to post again, with `confirm=yes`, to go ahead.
 */
export type HireConfirmation = {
  intent: "move" | "bulk_move" | "hire";
  items: string[];
  stageId: number;
  names: string[];
  openingTitle: string;
  stageName: string;
  title: string;
  body: string;
};

/**
 * What a pipeline action came to: `done` (call deliverOutbox() afterwards),
 * `invalid` (the items named one application twice or were junk) or
 * `refused` (a stale or foreign batch; nothing changed) or `confirm` (a move
 * into the hired stage, or a hire, without `confirm: "yes"`: nothing changed,
 * nobody emailed — the recruiter is asked first). Routes choose the HTTP status.
 */
export type PipelineOutcome =
  | { kind: "done"; message: string }
  | { kind: "confirm"; message: string; confirm: HireConfirmation }
  | { kind: "invalid"; message: string }
  | { kind: "refused"; message: string };

/**
 * The first step of a hire: checks the applications could be hired now (the
 * same checks as the hire itself, nothing written) and asks the question the
 * recruiter answers before anything is emailed.
 */
function confirmHire(
  db: DB,
  openingId: number,
  items: ActionItem[],
  posted: { intent: HireConfirmation["intent"]; items: string[] },
): PipelineOutcome {
  try {
    return db.transaction((tx) => {
      const rows = checkItems(tx, items, openingId);
      const hired = hiredStageOf(tx, openingId);
      const names = rows.map((r) => r.candidateName);
      const question = hireQuestion({
        names,
        openingTitle: rows[0].openingTitle,
        stageName: hired.name,
      });
      return {
        kind: "confirm" as const,
        message: question.title,
        confirm: {
          ...posted,
          stageId: hired.id,
          names,
          openingTitle: rows[0].openingTitle,
          stageName: hired.name,
          ...question,
        },
      };
    });
  } catch (error) {
    if (error instanceof ConflictError)
      return { kind: "refused", message: error.note ?? describeConflicts(error.conflicts) };
    throw error;
  }
}

/** Whether `stageId` is the hired stage of `openingId`. */
function isHiredStage(db: DB, openingId: number, stageId: number): boolean {
  const stage = db
    .select({ kind: stages.kind })
    .from(stages)
    .where(and(eq(stages.id, stageId), eq(stages.openingId, openingId)))
    .get();
  return stage?.kind === "hired";
}

/** Runs one validated pipeline action on an opening's applications. */
export function handlePipelineIntent(
  db: DB,
  actor: Actor,
  openingId: number,
  v: PipelineIntent,
): PipelineOutcome {
  const raw = v.intent === "bulk_move" || v.intent === "bulk_reject" ? v.items : [v.item];
  const items = parseItems(raw);
  if (!items) return { kind: "invalid", message: "Each candidate can be selected once." };
  const candidates = (n: number) => (n === 1 ? "1 candidate" : `${n} candidates`);
  let result: PipelineResult;
  let done: (n: number) => string;
  switch (v.intent) {
    case "move":
    case "bulk_move": {
      const hiring = isHiredStage(db, openingId, v.stageId);
      if (hiring && v.confirm !== "yes")
        return confirmHire(db, openingId, items, { intent: v.intent, items: raw });
      result = moveApplications(db, actor, { openingId, items, toStageId: v.stageId });
      done = hiring
        ? (n) => `Hired ${candidates(n)}; ${n === 1 ? "they have" : "each has"} been told.`
        : (n) => `Moved ${candidates(n)}.`;
      break;
    }
    case "reject":
    case "bulk_reject": {
      result = rejectApplications(db, actor, {
        openingId,
        items,
        reason: v.reason,
        message: v.message,
      });
      done = (n) => `Rejected ${candidates(n)}; they have been told.`;
      break;
    }
    case "hire": {
      if (v.confirm !== "yes")
        return confirmHire(db, openingId, items, { intent: "hire", items: raw });
      result = hireApplication(db, actor, { openingId, item: items[0] });
      done = () => "Hired 1 candidate; they have been told.";
      break;
    }
  }
  if (!result.ok) return { kind: "refused", message: result.message };
  return { kind: "done", message: done(result.count) };
}
