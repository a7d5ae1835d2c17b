/** What the candidate sent, as staff read it on the review page: links, answers, cover letter, résumé. */
import { AuthenticatedOrcid } from "~/components/outside-sign-in";
import type { ReviewData, SectionProps } from "./sections";

/** The candidate's profile links that are plain http(s) URLs. */
export function profileLinks(profile: ReviewData["profile"]) {
  if (!profile) return [];
  return (
    [
      ["Homepage", profile.homepageUrl],
      ["ORCID", profile.orcid ? `https://orcid.org/${profile.orcid}` : null],
      ["Google Scholar", profile.scholarUrl],
      ["GitHub", profile.githubUrl],
      ["LinkedIn", profile.linkedinUrl],
    ] as const
  ).flatMap(([label, href]) => (href && /^https?:\/\//.test(href) ? [{ label, href }] : []));
}

export function Links({ d }: SectionProps) {
  const authenticated = d.authenticatedOrcid;
  return (
    <ul className="plain-list">
      {authenticated ? (
        <li>
          <AuthenticatedOrcid orcid={authenticated} />{" "}
          <span className="muted small">(authenticated through ORCID)</span>
        </li>
      ) : null}
      {profileLinks(d.profile)
        .filter((l) => !(authenticated && l.href === `https://orcid.org/${authenticated}`))
        .map(({ label, href }) => (
          <li key={label}>
            <a href={href} rel="noopener noreferrer nofollow">
              {label}
            </a>
          </li>
        ))}
    </ul>
  );
}

/** Question above answer, full width: long questions no longer squeeze the answers. */
export function Answers({ d }: SectionProps) {
  if (d.answers.length === 0) return <p className="muted">No screening questions were answered.</p>;
  return (
    <dl className="answer-stack">
      {d.answers.map((a) => (
        <div key={a.label}>
          <dt>{a.label}</dt>
          <dd className="pre-wrap">{a.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CoverLetter({ d }: SectionProps) {
  return d.app.coverLetter ? (
    <p className="pre-wrap reading-width">{d.app.coverLetter}</p>
  ) : (
    <p className="muted">No cover letter.</p>
  );
}

export function Resume({ d }: SectionProps) {
  const { app, resume } = d;
  if (!resume) return <p className="muted">No résumé attached.</p>;
  return (
    <>
      <p>
        <a href={`/recruit/applications/${app.id}/resume?download=1`}>
          Download résumé ({resume.originalName})
        </a>
      </p>
      <iframe
        className="resume-frame"
        title={`Résumé of ${app.name}`}
        src={`/recruit/applications/${app.id}/resume`}
      />
    </>
  );
}
