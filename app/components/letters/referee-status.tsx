/**
 * The candidate's letters on their application page: how many the role
 * needs, each referee's status (requested / received — never the letter) and
 * a link to name, remind or replace referees.
 */
import { Link } from "@remix-run/react";
import { formatDate } from "~/utils/time";

export type CandidateLetters = {
  required: number;
  received: number;
  active: boolean;
  canAdd: boolean;
  referees: Array<{
    id: number;
    name: string;
    relationship: string;
    status: "requested" | "received";
    requestedAt: number;
    receivedAt: number | null;
  }>;
} | null;

export const LETTER_STATUS_LABELS = { requested: "Requested", received: "Received" } as const;

export function RefereeStatus({
  applicationId,
  letters,
}: {
  applicationId: number;
  letters: CandidateLetters;
}) {
  if (!letters || letters.required === 0) return null;
  return (
    <section aria-labelledby="letters-heading" className="card">
      <h2 id="letters-heading">Reference letters</h2>
      <p>
        This role asks for {letters.required} reference letter{letters.required === 1 ? "" : "s"}.{" "}
        {letters.received} of {letters.required} received.
      </p>
      {letters.referees.length ? (
        <ul className="referee-list">
          {letters.referees.map((r) => (
            <li key={r.id}>
              <div className="referee-head">
                <strong>{r.name}</strong>
                <span className={`letter-status letter-status--${r.status}`}>
                  {LETTER_STATUS_LABELS[r.status]}
                </span>
              </div>
              <p className="small muted">
                {r.relationship} ·{" "}
                {r.status === "received"
                  ? `received ${formatDate(r.receivedAt)}`
                  : `requested ${formatDate(r.requestedAt)}`}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">You have not named any referees yet.</p>
      )}
      {letters.active ? (
        <p>
          <Link to={`/applications/${applicationId}/referees`} className="button button--small">
            {letters.canAdd ? "Name referees" : "Remind or replace referees"}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
