import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClosingDate } from "~/components/opening-card";
import { getPublicOpening, isAcceptingApplications } from "~/models/opening.server";
import { getDb } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { useNonce } from "~/utils/nonce";
import { OPENING_KIND_LABELS, ORG_NAME, pageTitle, REMOTE_POLICY_LABELS } from "~/utils/site";
import { isSlug } from "~/utils/slug";
import careersStyles from "~/styles/careers.css";
import { buildJobPosting, serializeJsonLd } from "./job-posting";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: careersStyles }];

/**
 * Public job page. Only openings with status 'open' exist for the public:
 * drafts, closed roles, unknown and malformed slugs all answer 404.
 */
export function loader({ params, request }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const opening = getPublicOpening(getDb(), params.slug);
  invariantResponse(opening, "Not found", { status: 404 });

  const origin = new URL(request.url).origin;
  const descriptionHtml = renderMarkdown(opening.description);
  const qualificationsHtml = renderMarkdown(opening.qualifications);
  const accepting = isAcceptingApplications(opening);
  // Structured data describes a role one can apply to; an expired posting carries none.
  const jsonLd = accepting
    ? serializeJsonLd(
        buildJobPosting(
          {
            ...opening,
            descriptionHtml: `${descriptionHtml}<h2>Qualifications</h2>${qualificationsHtml}`,
          },
          origin,
        ),
      )
    : null;
  return {
    opening: {
      slug: opening.slug,
      title: opening.title,
      kind: opening.kind,
      location: opening.location,
      remotePolicy: opening.remotePolicy,
      summary: opening.summary,
      closesAt: opening.closesAt,
      lab: opening.lab,
      areas: opening.areas,
      team: opening.team,
    },
    descriptionHtml,
    qualificationsHtml,
    accepting,
    jsonLd,
    url: `${origin}/careers/${opening.slug}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: pageTitle("Role not found") }];
  const { opening, url } = data;
  const description = opening.summary || `${OPENING_KIND_LABELS[opening.kind]} at ${ORG_NAME}.`;
  return [
    { title: pageTitle(opening.title, "Careers") },
    { name: "description", content: description },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: ORG_NAME },
    { property: "og:title", content: opening.title },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    { name: "twitter:card", content: "summary" },
    { tagName: "link", rel: "canonical", href: url },
  ];
};

export default function JobPage() {
  const { opening, descriptionHtml, qualificationsHtml, accepting, jsonLd } =
    useLoaderData<typeof loader>();
  const nonce = useNonce();
  return (
    <article className="container job-page">
      {jsonLd ? (
        <script
          type="application/ld+json"
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: jsonLd }}
        />
      ) : null}
      <p className="small">
        <Link to="/careers">← All open roles</Link>
      </p>
      <header className="page-header">
        <p className="meta-line">
          <span className="tag tag--accent">{OPENING_KIND_LABELS[opening.kind]}</span>
        </p>
        <h1>{opening.title}</h1>
        {opening.summary ? <p className="lede">{opening.summary}</p> : null}
      </header>

      <div className="two-col">
        <div>
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">About the role</h2>
            {/* Rendered from Markdown on the server without raw HTML (markdown.server.ts). */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
          </section>
          <section aria-labelledby="qualifications-heading">
            <h2 id="qualifications-heading">Qualifications</h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: qualificationsHtml }} />
          </section>
        </div>

        <aside className="stack" aria-label="Role details">
          <div className="card">
            <dl className="definition-list">
              <dt>Lab</dt>
              <dd>
                <Link to={`/labs/${opening.lab.slug}`}>{opening.lab.name}</Link>
              </dd>
              <dt>Location</dt>
              <dd>{opening.location}</dd>
              <dt>Working</dt>
              <dd>{REMOTE_POLICY_LABELS[opening.remotePolicy]}</dd>
              {opening.areas.length > 0 ? (
                <>
                  <dt>Areas</dt>
                  <dd>
                    <ul className="tags job-page__areas">
                      {opening.areas.map((area) => (
                        <li key={area.slug}>
                          <Link className="tag" to={`/areas/${area.slug}`}>
                            {area.name}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              <dt>Closing date</dt>
              <dd>
                <ClosingDate closesAt={opening.closesAt} />
              </dd>
            </dl>
            <div className="job-page__cta">
              {accepting ? (
                <Link className="button" to={`/careers/${opening.slug}/apply`}>
                  Apply for this role
                </Link>
              ) : (
                <p className="notice notice--warning">Applications for this role have closed.</p>
              )}
            </div>
          </div>

          {opening.team.length > 0 ? (
            <section className="card" aria-labelledby="team-heading">
              <h2 id="team-heading">Hiring team</h2>
              <ul className="plain-list">
                {opening.team.map((person) => (
                  <li key={person.slug}>
                    <Link to={`/people/${person.slug}`}>{person.name}</Link>
                    <br />
                    <span className="muted small">{person.title}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>This role is not open</h1>
            <p className="lede">
              We could not find an open role at this address. It may have been filled or closed.
            </p>
            <p>
              <Link to="/careers" className="button">
                See open roles
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
