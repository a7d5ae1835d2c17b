/**
 * The candidate's interviews and offers on their application page. Times show
 * in the candidate's own time zone: the browser's when JavaScript runs, the
 * zone they pick (a GET form, so it works without JavaScript), or the
 * interview's own zone. Forms post to /applications/:id/hiring.
 */
import { Form, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { INTERVIEW_KIND_LABELS, OFFER_STATUS_LABELS } from "~/lib/hiring-options";
import { formatDate, formatTimeRange, isTimeZone, localTimeZone, utcDayStart } from "~/utils/time";
import { HIRING_NOTICES } from "./notices";
import { OfferAnswerForms } from "./offer-answer";

/** Offer states in the candidate's words (drafts and approvals never reach them). */
const CANDIDATE_OFFER_LABELS: Record<keyof typeof OFFER_STATUS_LABELS, string> = {
  ...OFFER_STATUS_LABELS,
  sent: "Waiting for your answer",
};

type Interview = {
  id: number;
  kind: keyof typeof INTERVIEW_KIND_LABELS;
  startsAt: number;
  endsAt: number;
  timeZone: string;
  placeKind: "room" | "video";
  place: string;
  note: string;
  status: "scheduled" | "cancelled";
  interviewers: string[];
};

type Offer = {
  id: number;
  title: string;
  startDate: string;
  payKind: "salary" | "stipend";
  pay: string;
  durationMonths: number | null;
  letterHtml: string;
  status: keyof typeof OFFER_STATUS_LABELS;
  expiresAt: number;
  declineReason: string | null;
  pdf: { name: string; size: number } | null;
};

/** The zone to show times in: ?tz=, else the browser's (after hydration), else null. */
function useViewerZone(): { zone: string | null; chosen: boolean } {
  const [params] = useSearchParams();
  const asked = params.get("tz") ?? "";
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  useEffect(() => {
    setBrowserZone(localTimeZone());
  }, []);
  if (isTimeZone(asked)) return { zone: asked, chosen: true };
  return { zone: browserZone, chosen: false };
}

export function CandidateHiringPanel({
  applicationId,
  interviews,
  offers,
  now,
}: {
  applicationId: number;
  interviews: Interview[];
  offers: Offer[];
  now: number;
}) {
  const { zone } = useViewerZone();
  const [params] = useSearchParams();
  const notice = HIRING_NOTICES[params.get("hiring") ?? ""];
  if (interviews.length === 0 && offers.length === 0) return null;
  return (
    <>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {offers.map((o) => (
        <section
          key={o.id}
          aria-labelledby={`offer-${o.id}-h`}
          className="card offer-card hiring-panel"
        >
          <h2 id={`offer-${o.id}-h`}>Your offer: {o.title}</h2>
          <p>
            <span className="tag">{CANDIDATE_OFFER_LABELS[o.status]}</span>
          </p>
          <dl className="definition-list">
            <dt>Starts</dt>
            <dd>{formatDate(utcDayStart(o.startDate))}</dd>
            <dt>{o.payKind === "salary" ? "Salary" : "Stipend"}</dt>
            <dd>{o.pay}</dd>
            <dt>Duration</dt>
            <dd>{o.durationMonths ? `${o.durationMonths} months` : "Open-ended"}</dd>
            <dt>Answer by</dt>
            <dd>{formatDate(o.expiresAt)} (end of the day, UTC)</dd>
          </dl>
          <div className="prose offer-letter" dangerouslySetInnerHTML={{ __html: o.letterHtml }} />
          {o.pdf ? (
            <p className="offer-pdf">
              <a href={`/applications/${applicationId}/offers/${o.id}/pdf`} download>
                Download the offer as a PDF{" "}
                <span className="muted">
                  ({o.pdf.name}, {Math.ceil(o.pdf.size / 1024)} KB)
                </span>
              </a>
            </p>
          ) : null}
          {o.status === "sent" && o.expiresAt > now ? (
            <OfferAnswerForms applicationId={applicationId} offerId={o.id} />
          ) : o.status === "sent" ? (
            <p className="notice" role="status">
              This offer expired on {formatDate(o.expiresAt)}, so it can no longer be answered.
              Please contact the hiring team if you would still like to discuss it.
            </p>
          ) : null}
        </section>
      ))}
      {interviews.length ? (
        <section aria-labelledby="interviews-heading" className="card hiring-panel">
          <h2 id="interviews-heading">Your interviews</h2>
          <Form method="get" className="tz-form">
            <label htmlFor="tz">Show times in time zone</label>
            <input
              id="tz"
              name="tz"
              type="text"
              defaultValue={zone ?? ""}
              placeholder="Europe/Zurich"
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className="button button--secondary">
              Show
            </button>
          </Form>
          <ul className="plain-list stack">
            {interviews.map((i) => (
              <li key={i.id} className={`hiring-item hiring-item--${i.status}`}>
                <h3>
                  {INTERVIEW_KIND_LABELS[i.kind]}
                  {i.status === "cancelled" ? <span className="tag">Cancelled</span> : null}
                </h3>
                <p>
                  <strong>{formatTimeRange(i.startsAt, i.endsAt, zone ?? i.timeZone)}</strong>
                  {zone && zone !== i.timeZone ? (
                    <span className="small muted">
                      {" "}
                      · scheduled as {formatTimeRange(i.startsAt, i.endsAt, i.timeZone)}
                    </span>
                  ) : null}
                </p>
                <p>
                  Where: {i.placeKind === "video" ? <a href={i.place}>{i.place}</a> : i.place}
                  {i.interviewers.length ? ` · with ${i.interviewers.join(", ")}` : ""}
                </p>
                {i.note ? <p className="prose-text">{i.note}</p> : null}
                {i.status === "scheduled" ? (
                  <>
                    <p>
                      <a
                        href={`/applications/${applicationId}/interviews/${i.id}.ics`}
                        download
                        className="button button--secondary"
                      >
                        Add to calendar
                      </a>
                    </p>
                    <details>
                      <summary>Propose other times</summary>
                      <Form
                        method="post"
                        action={`/applications/${applicationId}/hiring`}
                        className="stack"
                      >
                        <input type="hidden" name="interviewId" value={i.id} />
                        <div className="field">
                          <label htmlFor={`times-${i.id}`}>Times that would suit you</label>
                          <textarea
                            id={`times-${i.id}`}
                            name="times"
                            rows={3}
                            required
                            maxLength={1000}
                          />
                        </div>
                        <div>
                          <button type="submit" name="intent" value="propose" className="button">
                            Send to the hiring team
                          </button>
                        </div>
                      </Form>
                    </details>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
