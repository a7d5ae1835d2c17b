/**
 * Staff: an application's referees and their letters, and the candidate's
 * publications — panels of the review page (app/routes/recruit.applications.$id/sections.tsx
 * gives each its section and heading).
 */
import { formatStaffDate } from "~/utils/time";

export type StaffLetters = {
  required: number;
  referees: Array<{
    id: number;
    name: string;
    email: string;
    relationship: string;
    status: "requested" | "received" | "replaced";
    requestedAt: number;
    lastReminderAt: number | null;
    receivedAt: number | null;
    fileName: string | null;
    fileSize: number | null;
  }>;
};

export function ReviewLetters({
  applicationId,
  letters,
}: {
  applicationId: number;
  letters: StaffLetters;
}) {
  const received = letters.referees.filter((r) => r.status === "received").length;
  return (
    <>
      <p>
        <span className="letters-badge">
          {received} / {letters.required} received
        </span>
      </p>
      {letters.referees.length === 0 ? (
        <p className="muted">The candidate has not named any referees yet.</p>
      ) : (
        <ul className="referee-list">
          {letters.referees.map((r) => (
            <li key={r.id}>
              <div className="referee-head">
                <strong>{r.name}</strong>
                <span className={`letter-status letter-status--${r.status}`}>{r.status}</span>
              </div>
              <p className="small muted">
                {r.relationship} · <a href={`mailto:${r.email}`}>{r.email}</a> · requested{" "}
                {formatStaffDate(r.requestedAt)}
                {r.lastReminderAt ? ` · reminded ${formatStaffDate(r.lastReminderAt)}` : ""}
              </p>
              {r.status === "received" && r.fileName ? (
                <p>
                  <a href={`/recruit/applications/${applicationId}/letters/${r.id}`} download>
                    Download the letter from {r.name} (PDF, {Math.ceil((r.fileSize ?? 0) / 1024)}{" "}
                    KB)
                  </a>{" "}
                  <span className="small muted">received {formatStaffDate(r.receivedAt)}</span>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Staff: the candidate's own publication list on the review page. */
export function ReviewPublications({
  publications,
}: {
  publications: Array<{
    id: number;
    title: string;
    authors: string;
    venue: string;
    year: number | null;
    doi: string | null;
  }>;
}) {
  return (
    <ol className="publication-list">
      {publications.map((p) => (
        <li key={p.id}>
          <strong>{p.title}</strong>
          <span className="small muted">
            {" "}
            — {[p.authors, p.venue, p.year ?? "no year"].filter(Boolean).join(" · ")}
            {p.doi ? (
              <>
                {" · "}
                <a href={`https://doi.org/${p.doi}`} rel="noopener noreferrer nofollow">
                  doi:{p.doi}
                </a>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
