/**
 * Staff changes to an application's stage and status: move, reject, hire
 * (one or many) and closing an opening. Notes and scorecards are in
 * pipeline-notes.server.ts, the board's form intents in pipeline-intent.server.ts. Moving into the opening's hired stage IS
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
import { applicationEvents, applications, openings, stages, users } from "../../db/schema";
import type { PublicStatus, StageKind } from "~/lib/enums";
import {
  DEFAULT_CLOSING_MESSAGE,
  DEFAULT_HIRED_MESSAGE,
  rejectionMessage,
  pipelineEmail,
  type PipelineEmailEvent,
} from "~/emails/pipeline";
import type { DB, Tx } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { REJECT_REASONS, type RejectReason } from "~/lib/pipeline-options";
import { formatStaffDateTime } from "~/utils/time";

export { type RejectReason };

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
 * Checks that `items` could be hired into the opening's hired stage now (the
 * hire's own checks, nothing written): the candidates' names, the opening and
 * the stage, or why not.
 */
export function checkHire(
  db: DB,
  openingId: number,
  items: ActionItem[],
):
  | { ok: true; names: string[]; openingTitle: string; stage: { id: number; name: string } }
  | { ok: false; message: string } {
  try {
    return db.transaction((tx) => {
      const rows = checkItems(tx, items, openingId);
      const stage = hiredStageOf(tx, openingId);
      return {
        ok: true as const,
        names: rows.map((r) => r.candidateName),
        openingTitle: rows[0].openingTitle,
        stage: { id: stage.id, name: stage.name },
      };
    });
  } catch (error) {
    if (error instanceof ConflictError)
      return { ok: false, message: error.note ?? describeConflicts(error.conflicts) };
    throw error;
  }
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
