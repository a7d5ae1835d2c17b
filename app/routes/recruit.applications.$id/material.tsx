/** What the candidate sent, as staff read it on the review page: links, answers, cover letter, résumé. */
import type { SerializeFrom } from "@remix-run/node";
import { Fragment } from "react";
import type { loader } from "./route";

type Review = SerializeFrom<typeof loader>;

export function ApplicationMaterial({
  app,
  profile,
  answers,
  resume,
}: Pick<Review, "app" | "profile" | "answers" | "resume">) {
  const links = profile
    ? (
        [
          ["Homepage", profile.homepageUrl],
          ["ORCID", profile.orcid ? `https://orcid.org/${profile.orcid}` : null],
          ["Google Scholar", profile.scholarUrl],
          ["GitHub", profile.githubUrl],
          ["LinkedIn", profile.linkedinUrl],
        ] as const
      ).filter(([, href]) => href && /^https?:\/\//.test(href))
    : [];
  return (
    <>
      {links.length ? (
        <section aria-labelledby="links-h">
          <h2 id="links-h">Links</h2>
          <ul className="plain-list">
            {links.map(([label, href]) => (
              <li key={label}>
                <a href={href!} rel="noopener noreferrer nofollow">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="answers-h">
        <h2 id="answers-h">Screening answers</h2>
        {answers.length === 0 ? (
          <p className="muted">No screening questions were answered.</p>
        ) : null}
        <dl className="definition-list">
          {answers.map((a) => (
            <Fragment key={a.label}>
              <dt>{a.label}</dt>
              <dd className="pre-wrap">{a.value}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <section aria-labelledby="cover-h">
        <h2 id="cover-h">Cover letter</h2>
        <p className="pre-wrap">{app.coverLetter || "No cover letter."}</p>
      </section>
      <section aria-labelledby="resume-h">
        <h2 id="resume-h">Resume</h2>
        {resume ? (
          <>
            <p>
              <a href={`/recruit/applications/${app.id}/resume?download=1`}>
                Download resume ({resume.originalName})
              </a>
            </p>
            <iframe
              className="resume-frame"
              title={`Resume of ${app.name}`}
              src={`/recruit/applications/${app.id}/resume`}
            />
          </>
        ) : (
          <p className="muted">No resume attached.</p>
        )}
      </section>
    </>
  );
}
