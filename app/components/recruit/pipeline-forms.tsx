/**
 * The per-application action forms (move, reject, hire) used on the board and
 * on the review page. Plain forms: they work without JavaScript. Each carries
 * "id:version" so a stale page is refused, never overwriting. A move into the
 * hired stage and "Hire…" are hires: with JavaScript they ask in the hire
 * dialog first (useAskToHire); without it the server answers with the
 * confirmation page.
 */
import { Form, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { z } from "zod";
import { REJECT_REASON_KEYS } from "~/lib/pipeline-options";
import { optionalTextField } from "~/utils/form-fields";
import { useAskToHire } from "./hire-dialog";

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
// Without confirm=yes a hire (or a move into the hired stage) only asks: nothing changes, nobody is emailed.
const Confirm = z.literal("yes").optional();

/**
 * The move / reject / hire forms of the board and the review page (one
 * schema, an `intent` per action). Items are "applicationId:version".
 */
export const PipelineIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), item: Item, stageId: StageId, confirm: Confirm }),
  z.object({ intent: z.literal("reject"), item: Item, reason: Reason, message: Message }),
  z.object({ intent: z.literal("hire"), item: Item, confirm: Confirm }),
  z.object({ intent: z.literal("bulk_move"), items: Items, stageId: StageId, confirm: Confirm }),
  z.object({ intent: z.literal("bulk_reject"), items: Items, reason: Reason, message: Message }),
]);
export const PIPELINE_INTENTS: readonly string[] = [
  "move",
  "reject",
  "hire",
  "bulk_move",
  "bulk_reject",
];

/** A stage to move to; `hired` marks the hired stage (a move there is a hire). */
export type StageOption = { id: number; name: string; hired?: boolean };
export type ReasonOption = { value: string; label: string };

type Target = { id: number; version: number; name: string; stageId: number };

/**
 * Where a quick "Move" sends a card: the NEXT stage (the one after the card's
 * own) unless that is the hired stage (hiring has its own button), or the one
 * before it — never back to the start.
 */
function defaultMoveTarget(stages: StageOption[], stageId: number): StageOption | undefined {
  const index = stages.findIndex((s) => s.id === stageId);
  if (index === -1) return stages[0];
  const next = stages[index + 1];
  return next && !next.hired ? next : stages[index - 1];
}

/**
 * With JavaScript, a submit that would hire is held back and asked about in
 * the hire dialog; yes posts the same fields with confirm=yes.
 */
function useHireGuard() {
  const ask = useAskToHire();
  const submit = useSubmit();
  return (event: FormEvent<HTMLFormElement>, names: string[], intent: string) => {
    if (!ask) return;
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    fields.set("intent", intent);
    fields.set("confirm", "yes");
    ask({ names, onConfirm: () => submit(fields, { method: "post" }) });
  };
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
  const guard = useHireGuard();
  const selectId = `move-${app.id}`;
  const others = stages.filter((s) => s.id !== app.stageId);
  if (others.length === 0) return null;
  const target = defaultMoveTarget(stages, app.stageId);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const chosen = Number(new FormData(event.currentTarget).get("stageId"));
    if (stages.find((s) => s.id === chosen)?.hired) guard(event, [app.name], "move");
  };
  return (
    <Form
      method="post"
      className={compact ? "recruit-inline-form" : "recruit-action-form"}
      onSubmit={onSubmit}
    >
      <input type="hidden" name="item" value={`${app.id}:${app.version}`} />
      <label htmlFor={selectId} className={compact ? "small" : undefined}>
        Move to stage<span className="visually-hidden"> for {app.name}</span>
      </label>
      <select id={selectId} name="stageId" defaultValue={target?.id}>
        {others.map((s) => (
          <option key={s.id} value={s.id}>
            {s.hired ? `${s.name} (hires)` : s.name}
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
 * "Hire…": asks in the hire dialog with JavaScript; without it, it posts
 * `intent=hire` WITHOUT `confirm`, which the action answers with the
 * confirmation page — one click never hires or emails anyone.
 */
export function HireForm({ app }: { app: Target }) {
  const guard = useHireGuard();
  return (
    <Form
      method="post"
      className="recruit-inline-form"
      onSubmit={(event) => guard(event, [app.name], "hire")}
    >
      <input type="hidden" name="item" value={`${app.id}:${app.version}`} />
      <button
        type="submit"
        name="intent"
        value="hire"
        className="button button--small button--ghost"
      >
        Hire…<span className="visually-hidden"> {app.name}</span>
      </button>
    </Form>
  );
}

/**
 * The result of a pipeline action: an error banner (role=alert) or a done
 * notice. (A hire still waiting for its yes is the route's confirmation page.)
 */
export function ActionMessage({
  data,
}: {
  data: { ok: boolean; message: string; confirmHire?: unknown } | undefined;
}) {
  if (!data?.message || data.confirmHire) return null;
  return (
    <p className={data.ok ? "notice" : "form-error"} role={data.ok ? "status" : "alert"}>
      {data.message}
    </p>
  );
}
