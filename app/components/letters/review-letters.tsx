/** Staff: an application's referees and their letters on the review page (download links). */
import { formatDate } from "~/utils/site";

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
  if (letters.required === 0 && letters.referees.length === 0) return null;
  const received = letters.referees.filter((r) => r.status === "received").length;
  return (
    <section aria-labelledby="letters-h">
      <h2 id="letters-h">
        Reference letters{" "}
        <span className="letters-badge">
          {received} / {letters.required}
        </span>
      </h2>
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
                {formatDate(r.requestedAt)}
                {r.lastReminderAt ? ` · reminded ${formatDate(r.lastReminderAt)}` : ""}
              </p>
              {r.status === "received" && r.fileName ? (
                <p>
                  <a href={`/recruit/applications/${applicationId}/letters/${r.id}`} download>
                    Download the letter from {r.name} (PDF, {Math.ceil((r.fileSize ?? 0) / 1024)}{" "}
                    KB)
                  </a>{" "}
                  <span className="small muted">received {formatDate(r.receivedAt)}</span>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
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
  if (publications.length === 0) return null;
  return (
    <section aria-labelledby="pubs-h">
      <h2 id="pubs-h">Publications ({publications.length})</h2>
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
    </section>
  );
}
