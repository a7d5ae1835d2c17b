/**
 * The per-application action forms (move, reject, mark hired) used on the
 * board and on the review page. Plain forms: they work without JavaScript.
 * Each carries "id:version" so a stale page is refused, never overwriting.
 */
import { Form } from "@remix-run/react";
import { z } from "zod";
import { REJECT_REASON_KEYS } from "~/models/pipeline-options";
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
  z.object({ intent: z.literal("hire"), item: Item }),
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
  return (
    <Form method="post" className={compact ? "recruit-inline-form" : "recruit-action-form"}>
      <input type="hidden" name="item" value={`${app.id}:${app.version}`} />
      <label htmlFor={selectId} className={compact ? "small" : undefined}>
        Move to stage<span className="visually-hidden"> for {app.name}</span>
      </label>
      <select id={selectId} name="stageId" defaultValue={others[0]?.id}>
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
        Mark hired<span className="visually-hidden"> {app.name}</span>
      </button>
    </Form>
  );
}

/** The result of a pipeline action: an error banner (role=alert) or a confirmation. */
export function ActionMessage({ data }: { data: { ok: boolean; message: string } | undefined }) {
  if (!data?.message) return null;
  return (
    <p className={data.ok ? "notice" : "form-error"} role={data.ok ? "status" : "alert"}>
      {data.message}
    </p>
  );
}
