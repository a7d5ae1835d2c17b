/**
 * The move / reject / hire actions shared by the board and the review page:
 * parse with the forms' schema, run the model, and choose the status — 400
 * for input that cannot be understood, 409 for a batch the model refused
 * (stale or foreign), 200 when done (after the queued emails are sent) or
 * when a hire still needs its confirmation step.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { PipelineIntentSchema } from "~/components/recruit/pipeline-forms";
import { handlePipelineIntent, type HireConfirmation } from "~/models/pipeline-intent.server";
import { type Actor } from "~/models/pipeline.server";
import type { DB } from "~/utils/db.server";
import { deliverOutbox } from "~/emails/mailer.server";

/**
 * `form` is unset: on the review page the note and scorecard replies name their form there.
 * `confirmHire` is set when a move into the hired stage, or "Hire…", was posted
 * without `confirm=yes`: the page asks first (the confirmation page without JavaScript).
 */
export type PipelineActionData = {
  ok: boolean;
  message: string;
  form?: undefined;
  confirmHire?: HireConfirmation;
};

export async function runPipelineAction(
  db: DB,
  actor: Actor,
  openingId: number,
  formData: FormData,
) {
  const submission = parseWithZod(formData, { schema: PipelineIntentSchema });
  if (submission.status !== "success") {
    const errors = Object.values(submission.reply().error ?? {})
      .flat()
      .filter(Boolean);
    const message = errors[0] ?? "That request could not be understood.";
    return data<PipelineActionData>({ ok: false, message }, { status: 400 });
  }
  const outcome = handlePipelineIntent(db, actor, openingId, submission.value);
  switch (outcome.kind) {
    case "invalid":
      return data<PipelineActionData>({ ok: false, message: outcome.message }, { status: 400 });
    case "refused":
      return data<PipelineActionData>({ ok: false, message: outcome.message }, { status: 409 });
    case "confirm":
      return data<PipelineActionData>({
        ok: false,
        message: outcome.message,
        confirmHire: outcome.confirm,
      });
    case "done":
      await deliverOutbox(db);
      return data<PipelineActionData>({ ok: true, message: outcome.message });
  }
}
