/**
 * The board's and review page's actions: one validated form intent (move,
 * reject, hire, one or many) turned into a pipeline change, with the hire
 * question asked first. Routes choose the HTTP status from the outcome.
 */
import { and, eq } from "drizzle-orm";
import { stages } from "../../db/schema";
import { hireQuestion, type RejectReason } from "~/lib/pipeline-options";
import {
  checkHire,
  hireApplication,
  moveApplications,
  rejectApplications,
  type ActionItem,
  type Actor,
  type PipelineResult,
} from "~/models/pipeline.server";
import type { DB } from "~/utils/db.server";

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
  const hire = checkHire(db, openingId, items);
  if (!hire.ok) return { kind: "refused", message: hire.message };
  const question = hireQuestion({
    names: hire.names,
    openingTitle: hire.openingTitle,
    stageName: hire.stage.name,
  });
  return {
    kind: "confirm",
    message: question.title,
    confirm: {
      ...posted,
      stageId: hire.stage.id,
      names: hire.names,
      openingTitle: hire.openingTitle,
      stageName: hire.stage.name,
      ...question,
    },
  };
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
