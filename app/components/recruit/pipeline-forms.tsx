/**
 * The per-application action forms (move, reject, mark hired) used on the
 * board and on the review page. Plain forms: they work without JavaScript.
 * Each carries "id:version" so a stale page is refused, never overwriting.
 */
import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { REJECT_REASON_KEYS } from "~/lib/pipeline-options";
import { optionalTextField } from "~/utils/form-fields";

const Item = z
  .string({ message: "Unknown application" })
  .regex(/^\d{1,12}:\d{1,9}$/, "Unknown application");
const Items = z
  .array(Item, { message: "Select at least one candidate" })
  .min(1, "Select at least one candidate")
  .max(500);
const StageId = z.number({ message: "Choose a stage" }).int().positive();
const Reason = z.enum(REJECT_REASON_KEYS, { message: "Choose a reason" });
const Message = optionalTextField({ max: 2000, multiline: true });

/**
 * The move / reject / hire forms of the board and the review page (one
 * schema, an `intent` per action). Items are "applicationId:version".
 */
export const PipelineIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), item: Item, stageId: StageId }),
  z.object({ intent: z.literal("reject"), item: Item, reason: Reason, message: Message }),
  // Without confirm=yes a hire only asks for confirmation: nothing changes, nobody is emailed.
  z.object({ intent: z.literal("hire"), item: Item, confirm: z.literal("yes").optional() }),
  z.object({ intent: z.literal("bulk_move"), items: Items, stageId: StageId }),
  z.object({ intent: z.literal("bulk_reject"), items: Items, reason: Reason, message: Message }),
]);
export const PIPELINE_INTENTS: readonly string[] = [
  "move",
  "reject",
  "hire",
  "bulk_move",
  "bulk_reject",
];

export type StageOption = { id: number; name: string };
export type ReasonOption = { value: string; label: string };

type Target = { id: number; version: number; name: string; stageId: number };

/**
 * Where a quick "Move" sends a card: the NEXT stage (the one after the card's
 * own), or the one before it from the last stage — never back to the start.
 */
export function defaultMoveTarget(stages: StageOption[], stageId: number): StageOption | undefined {
  const index = stages.findIndex((s) => s.id === stageId);
  if (index === -1) return stages[0];
  return stages[index + 1] ?? stages[index - 1];
}

export function MoveForm({
  app,
  stages,
  compact = false,
}: {
  app: Target;
  stages: StageOption[];
  compact?: boolean;
}) {
  const selectId = `move-${app.id}`;
  const others = stages.filter((s) => s.id !== app.stageId);
  if (others.length === 0) return null;
  const target = defaultMoveTarget(stages, app.stageId);
  return (
    <Form method="post" className={compact ? "recruit-inline-form" : "recruit-action-form"}>
      <input type="hidden" name="item" value={`${app.id}:${app.version}`} />
      <label htmlFor={selectId} className={compact ? "small" : undefined}>
        Move to stage<span className="visually-hidden"> for {app.name}</span>
      </label>
      <select id={selectId} name="stageId" defaultValue={target?.id}>
        {others.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="move" className="button button--small">
        Move<span className="visually-hidden"> {app.name}</span>
      </button>
    </Form>
  );
}

export function RejectForm({ app, reasons }: { app: Target; reasons: ReasonOption[] }) {
  return (
    <details className="recruit-reject">
      <summary>
        Reject…<span className="visually-hidden"> {app.name}</span>
      </summary>
      <Form method="post" className="recruit-action-form">
        <input type="hidden" name="item" value={`${app.id}:${app.version}`} />
        <label htmlFor={`reason-${app.id}`}>Reason (internal)</label>
        <select id={`reason-${app.id}`} name="reason" required defaultValue="">
          <option value="" disabled>
            Choose a reason
          </option>
          {reasons.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <label htmlFor={`message-${app.id}`}>Message to the candidate (optional)</label>
        <textarea id={`message-${app.id}`} name="message" rows={3} maxLength={2000} />
        <button
          type="submit"
          name="intent"
          value="reject"
          className="button button--small button--danger"
        >
          Reject<span className="visually-hidden"> {app.name}</span>
        </button>
      </Form>
    </details>
  );
}

/**
 * The first step of "Mark hired": it posts `intent=hire` WITHOUT `confirm`,
 * which the action answers with a confirmation (`HireConfirmation`) — one
 * click never hires or emails anyone.
 */
export function HireForm({ app }: { app: Target }) {
  return (
    <Form method="post" className="recruit-inline-form">
      <input type="hidden" name="item" value={`${app.id}:${app.version}`} />
      <button
        type="submit"
        name="intent"
        value="hire"
        className="button button--small button--ghost"
      >
        Mark hired…<span className="visually-hidden"> {app.name}</span>
      </button>
    </Form>
  );
}

export type HireConfirm = { item: string; candidateName: string; stageName: string };

/**
 * The second step of "Mark hired": what will happen, a button that posts the
 * hire with `confirm=yes`, and a way back that changes nothing. Works without
 * JavaScript; with it, focus moves here so keyboard users land on the question.
 */
export function HireConfirmation({ confirm, message }: { confirm: HireConfirm; message: string }) {
  const location = useLocation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [confirm.item]);
  return (
    <section ref={ref} tabIndex={-1} className="hire-confirm" aria-labelledby="hire-confirm-title">
      <h2 id="hire-confirm-title">Confirm hire</h2>
      <p>{message}</p>
      <p className="muted small">Now in {confirm.stageName}.</p>
      <Form method="post" className="button-row">
        <input type="hidden" name="item" value={confirm.item} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" name="intent" value="hire" className="button">
          Yes, mark {confirm.candidateName} hired
        </button>
        <Link to={`${location.pathname}${location.search}`} className="button button--ghost">
          Cancel
        </Link>
      </Form>
    </section>
  );
}

/**
 * The result of a pipeline action: an error banner (role=alert), a done
 * notice, or — for a hire posted without confirmation — the confirmation step.
 */
export function ActionMessage({
  data,
}: {
  data: { ok: boolean; message: string; confirmHire?: HireConfirm } | undefined;
}) {
  if (!data?.message) return null;
  if (data.confirmHire)
    return <HireConfirmation confirm={data.confirmHire} message={data.message} />;
  return (
    <p className={data.ok ? "notice" : "form-error"} role={data.ok ? "status" : "alert"}>
      {data.message}
    </p>
  );
}
