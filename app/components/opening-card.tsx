import { Link } from "@remix-run/react";
import type { OpeningKind, RemotePolicy } from "~/lib/enums";
import { OPENING_KIND_LABELS, REMOTE_POLICY_LABELS } from "~/utils/site";
import { formatDate, isoDate } from "~/utils/time";

/** What a card needs; searchOpenings() in app/models/opening.server.ts returns this shape. */
export type OpeningCardData = {
  slug: string;
  title: string;
  kind: OpeningKind;
  location: string;
  remotePolicy: RemotePolicy;
  summary: string;
  closesAt: number | null;
  lab: { slug: string; name: string };
  areas: Array<{ slug: string; name: string }>;
};

/** "Apply by 12 January 2027" or "Open until filled". */
export function ClosingDate({ closesAt }: { closesAt: number | null }) {
  if (closesAt == null) return <>Open until filled</>;
  return (
    <>
      Apply by <time dateTime={isoDate(closesAt)}>{formatDate(closesAt)}</time>
    </>
  );
}

/**
 * One opening in a list. The title is an h3 (lists sit under an h2) and the
 * only link to the job page, so screen-reader users hear each role once.
 */
export function OpeningCard({ opening }: { opening: OpeningCardData }) {
  return (
    <article className="card opening-card">
      <h3>
        <Link to={`/careers/${opening.slug}`}>{opening.title}</Link>
      </h3>
      <p className="meta-line">
        <span className="tag tag--accent">{OPENING_KIND_LABELS[opening.kind]}</span>{" "}
        {opening.lab.name} · {opening.location} · {REMOTE_POLICY_LABELS[opening.remotePolicy]}
      </p>
      {opening.areas.length > 0 ? (
        <ul className="tags" aria-label="Research areas">
          {opening.areas.map((area) => (
            <li key={area.slug} className="tag">
              {area.name}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="meta-line">
        <ClosingDate closesAt={opening.closesAt} />
      </p>
      {opening.summary ? <p className="opening-card__summary">{opening.summary}</p> : null}
    </article>
  );
}
