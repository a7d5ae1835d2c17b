/** Panels of the candidate review page: timeline, notes and scorecards (staff only). */
import { Form } from "@remix-run/react";
import { ErrorList } from "~/components/forms";
import { formatDate, PUBLIC_STATUS_LABELS } from "~/utils/site";
import { TableWrap } from "~/components/table-wrap";

type Errors = Record<string, string[] | null | undefined> | undefined;

const EVENT_LABELS: Record<string, string> = {
  submitted: "Applied",
  moved: "Moved",
  rejected: "Rejected",
  hired: "Hired",
  withdrawn: "Withdrew",
  note: "Note",
  scorecard: "Scorecard",
  opening_closed: "Opening closed",
};

export const RECOMMENDATION_LABELS = {
  strong_no: "Strong no",
  no: "No",
  yes: "Yes",
  strong_yes: "Strong yes",
} as const;

function dateTime(ms: number) {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function Timeline({
  events,
}: {
  events: Array<{
    id: number;
    at: number;
    type: string;
    candidateVisible: boolean;
    publicStatus: string | null;
    publicMessage: string | null;
    internalDetail: string | null;
    actorName: string | null;
  }>;
}) {
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{EVENT_LABELS[e.type] ?? e.type}</strong>
          {e.internalDetail ? `: ${e.internalDetail}` : ""}
          <div className="small muted">
            <time dateTime={new Date(e.at).toISOString()}>{dateTime(e.at)}</time>
            {e.actorName ? ` · by ${e.actorName}` : ""} ·{" "}
            {e.candidateVisible
              ? `candidate sees “${e.publicStatus ? PUBLIC_STATUS_LABELS[e.publicStatus as keyof typeof PUBLIC_STATUS_LABELS] : "update"}”`
              : "internal"}
          </div>
          {e.publicMessage ? (
            <p className="small">Message to candidate: {e.publicMessage}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function Notes({
  notes,
  errors,
}: {
  notes: Array<{ id: number; html: string; author: string | null; createdAt: number }>;
  errors: Errors;
}) {
  return (
    <>
      {notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="plain-list stack">
        {notes.map((n) => (
          <li key={n.id} className="card">
            <div className="prose" dangerouslySetInnerHTML={{ __html: n.html }} />
            <p className="small muted">
              {n.author ?? "Former staff member"} · {dateTime(n.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack">
        <div className="field">
          <label htmlFor="note-body">Add a note (Markdown, staff only)</label>
          <textarea
            id="note-body"
            name="body"
            rows={4}
            maxLength={10000}
            aria-describedby={errors?.body ? "note-body-error" : undefined}
          />
          <ErrorList id="note-body-error" errors={errors?.body} />
        </div>
        <button type="submit" name="intent" value="note" className="button button--small">
          Add note
        </button>
      </Form>
    </>
  );
}

export function Scorecards({
  criteria,
  scorecards,
  mine,
  errors,
}: {
  criteria: string[];
  scorecards: Array<{
    id: number;
    reviewer: string;
    ratings: Record<string, number>;
    recommendation: keyof typeof RECOMMENDATION_LABELS;
    comment: string;
    updatedAt: number;
  }>;
  mine: { ratings: Record<string, number>; recommendation: string; comment: string } | null;
  errors: Errors;
}) {
  return (
    <>
      {scorecards.length === 0 ? <p className="muted">No scorecards yet.</p> : null}
      {scorecards.length ? (
        <TableWrap label="Scorecards by reviewer">
          <table className="data-table">
            <caption className="visually-hidden">Scorecards by reviewer</caption>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                {criteria.map((c) => (
                  <th key={c} scope="col" className="num">
                    {c}
                  </th>
                ))}
                <th scope="col">Recommendation</th>
              </tr>
            </thead>
            <tbody>
              {scorecards.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.reviewer}
                    {s.comment ? <div className="small muted">{s.comment}</div> : null}
                  </th>
                  {criteria.map((c) => (
                    <td key={c} className="num">
                      {s.ratings[c] ?? "–"}
                    </td>
                  ))}
                  <td>{RECOMMENDATION_LABELS[s.recommendation]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <Form method="post" className="stack">
        <h3>{mine ? "Edit your scorecard" : "Your scorecard"}</h3>
        <div className="rating-grid">
          {criteria.map((c, i) => (
            <fieldset
              key={c}
              aria-describedby={errors?.[`ratings[${i}]`] ? `rating-${i}-error` : undefined}
            >
              <legend>{c}</legend>
              {[1, 2, 3, 4].map((r) => (
                <label key={r}>
                  <input
                    type="radio"
                    name={`ratings[${i}]`}
                    value={r}
                    defaultChecked={mine?.ratings[c] === r}
                  />{" "}
                  {r}
                </label>
              ))}
              <ErrorList id={`rating-${i}-error`} errors={errors?.[`ratings[${i}]`]} />
            </fieldset>
          ))}
        </div>
        <div className="field">
          <label htmlFor="recommendation">Recommendation</label>
          <select
            id="recommendation"
            name="recommendation"
            defaultValue={mine?.recommendation ?? ""}
            aria-describedby={errors?.recommendation ? "recommendation-error" : undefined}
          >
            <option value="">Choose</option>
            {Object.entries(RECOMMENDATION_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          <ErrorList id="recommendation-error" errors={errors?.recommendation} />
        </div>
        <div className="field">
          <label htmlFor="sc-comment">Comment (optional)</label>
          <textarea
            id="sc-comment"
            name="comment"
            rows={2}
            maxLength={2000}
            defaultValue={mine?.comment ?? ""}
          />
        </div>
        <button type="submit" name="intent" value="scorecard" className="button button--small">
          {mine ? "Update scorecard" : "Submit scorecard"}
        </button>
      </Form>
    </>
  );
}

export { formatDate };
