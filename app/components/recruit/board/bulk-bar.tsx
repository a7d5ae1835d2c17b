/**
 * Actions on the selected cards (their checkboxes belong to this form through
 * `form="bulk-form"`). board.css shows it, stuck to the bottom of the window,
 * only while a card is selected (`:has(:checked)`, no JavaScript needed); with
 * JavaScript it also says how many are selected.
 */
import { Form, useSubmit } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useAskToHire } from "~/components/recruit/hire-dialog";
import type { ReasonOption } from "~/components/recruit/pipeline-forms";
import { plural } from "~/utils/misc";
import type { StageOption } from "~/lib/board";

function useSelectedCount() {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const recount = () =>
      setCount(document.querySelectorAll('input[name="items"][form="bulk-form"]:checked').length);
    recount();
    document.addEventListener("change", recount);
    return () => document.removeEventListener("change", recount);
  }, []);
  return count;
}

/**
 * "Move selected" into the hired stage hires every selected candidate: with
 * JavaScript the hire dialog names them all first (the server's confirmation
 * page does without it).
 */
function useBulkHireGuard(stages: StageOption[]) {
  const ask = useAskToHire();
  const submit = useSubmit();
  return (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const fields = new FormData(event.currentTarget);
    const hiring = stages.find((s) => s.id === Number(fields.get("stageId")))?.hired;
    if (!ask || !hiring || submitter?.getAttribute("value") !== "bulk_move") return;
    event.preventDefault();
    const names = Array.from(
      document.querySelectorAll<HTMLInputElement>('input[name="items"][form="bulk-form"]:checked'),
    ).map((box) => box.dataset.name ?? box.value);
    fields.set("intent", "bulk_move");
    fields.set("confirm", "yes");
    ask({ names, onConfirm: () => submit(fields, { method: "post" }) });
  };
}

export function BulkBar({ stages, reasons }: { stages: StageOption[]; reasons: ReasonOption[] }) {
  const selected = useSelectedCount();
  const onSubmit = useBulkHireGuard(stages);
  return (
    <Form
      method="post"
      id="bulk-form"
      className="bulk-bar"
      aria-label="Bulk actions for selected candidates"
      onSubmit={onSubmit}
    >
      <p className="bulk-bar__count" aria-live="polite">
        {selected === null ? "Selected candidates" : `${plural(selected, "candidate")} selected`}
      </p>
      <fieldset>
        <legend className="visually-hidden">Move selected</legend>
        <label htmlFor="bulk-stage">Move selected to</label>
        <select id="bulk-stage" name="stageId">
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.hired ? `${s.name} (hires)` : s.name}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="bulk_move" className="button button--small">
          Move selected
        </button>
      </fieldset>
      <fieldset>
        <legend className="visually-hidden">Reject selected</legend>
        <label htmlFor="bulk-reason">Rejection reason</label>
        <select id="bulk-reason" name="reason" defaultValue="">
          <option value="">Choose a reason</option>
          {reasons.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <label htmlFor="bulk-message">Message to candidates (optional)</label>
        <input id="bulk-message" name="message" maxLength={2000} />
        <button
          type="submit"
          name="intent"
          value="bulk_reject"
          className="button button--small button--danger"
        >
          Reject selected
        </button>
      </fieldset>
    </Form>
  );
}
