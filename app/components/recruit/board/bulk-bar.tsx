/**
 * Actions on the selected cards (their checkboxes belong to this form through
 * `form="bulk-form"`). board.css shows it, stuck to the bottom of the window,
 * only while a card is selected (`:has(:checked)`, no JavaScript needed); with
 * JavaScript it also says how many are selected.
 */
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
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

export function BulkBar({ stages, reasons }: { stages: StageOption[]; reasons: ReasonOption[] }) {
  const selected = useSelectedCount();
  return (
    <Form
      method="post"
      id="bulk-form"
      className="bulk-bar"
      aria-label="Bulk actions for selected candidates"
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
              {s.name}
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
