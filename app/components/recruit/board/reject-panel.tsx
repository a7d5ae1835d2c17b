/**
 * "Reject…" from a card's menu opens this panel (`?reject=<id>`, so it works
 * without JavaScript): the internal reason, an optional message to the
 * candidate, and the button. Cancel just leaves the panel.
 */
import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { ReasonOption } from "~/components/recruit/pipeline-forms";
import { itemOf } from "~/lib/board";

export function RejectPanel({
  target,
  reasons,
}: {
  target: { id: number; version: number; name: string };
  reasons: ReasonOption[];
}) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("reject");
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [target.id]);
  return (
    <section ref={ref} tabIndex={-1} className="board-panel" aria-labelledby="reject-title">
      <h2 id="reject-title">Reject {target.name}</h2>
      <Form method="post" className="board-panel__form">
        <input type="hidden" name="item" value={itemOf(target)} />
        <div>
          <label htmlFor="reject-reason">Reason (internal)</label>
          <select id="reject-reason" name="reason" required defaultValue="">
            <option value="" disabled>
              Choose a reason
            </option>
            {reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="reject-message">Message to the candidate (optional)</label>
          <textarea id="reject-message" name="message" rows={3} maxLength={2000} />
        </div>
        <p className="button-row">
          <button type="submit" name="intent" value="reject" className="button button--danger">
            Reject {target.name}
          </button>
          <Link to={`${location.pathname}?${params}`} className="button button--ghost">
            Cancel
          </Link>
        </p>
      </Form>
    </section>
  );
}
