import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { JsonLd } from "~/components/json-ld";
import { ClosingDate } from "~/components/opening-card";
import { getPublicOpening, isAcceptingApplications } from "~/models/opening.server";
import { getDb } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { getBrand, OPENING_KIND_LABELS, pageTitle, REMOTE_POLICY_LABELS } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { formatDate, isoDate } from "~/utils/time";
import { getUser } from "~/auth/auth.server";
import { getLatestApplication } from "~/models/application.server";
import { isSlug } from "~/utils/slug";
import careersStyles from "~/styles/careers.css";
import { buildJobPosting } from "./job-posting";
import {
  EMPLOYMENT_TYPE_LABELS,
  formatDuration,
  openingPay,
  payLabel,
  withoutAboutHeading,
} from "~/utils/opening-terms";
import { siteOrigin } from "~/utils/origin.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: careersStyles }];

/**
 * Public job page. Only openings with status 'open' exist for the public:
 * drafts, closed roles, unknown and malformed slugs all answer 404.
 */
export function loader({ params, request }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const opening = getPublicOpening(getDb(), params.slug);
  invariantResponse(opening, "Not found", { status: 404 });

  const origin = siteOrigin(request);
  const descriptionHtml = renderMarkdown(withoutAboutHeading(opening.description));
  const qualificationsHtml = renderMarkdown(opening.qualifications);
  const accepting = isAcceptingApplications(opening);
  // A signed-in candidate who applied sees that instead of the Apply button.
  const user = getUser(request);
  const applied =
    user?.role === "candidate" ? getLatestApplication(getDb(), opening.id, user.id) : null;
  return {
    applied: applied ? { id: applied.id, createdAt: applied.createdAt } : null,
    terms: {
      posted: opening.publishedAt ?? opening.createdAt,
      employment: opening.employmentType ? EMPLOYMENT_TYPE_LABELS[opening.employmentType] : null,
      duration: formatDuration(opening.durationMonths),
      pay: openingPay(opening),
      payLabel: payLabel(opening.kind),
    },
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
      // For the JobPosting structured data (jobPostingJsonLd), not shown as such.
      publishedAt: opening.publishedAt,
      createdAt: opening.createdAt,
      employmentType: opening.employmentType,
      payMin: opening.payMin,
      payMax: opening.payMax,
      payCurrency: opening.payCurrency,
      payPeriod: opening.payPeriod,
    },
    descriptionHtml,
    qualificationsHtml,
    accepting,
    url: `${origin}/careers/${opening.slug}`,
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return [{ title: pageTitle("Role not found") }];
  const { opening, url } = data;
  return [
    { title: pageTitle(opening.title, "Careers") },
    ...shareMeta(args, {
      title: opening.title,
      description: opening.summary || `${OPENING_KIND_LABELS[opening.kind]} at ${getBrand().name}.`,
      card: "careers",
      canonical: url,
    }),
  ];
};

/** Apply, or — for a candidate who has — when they applied and a link to it. */
function ApplyAction({ slug, applied, accepting, sticky = false }: ApplyActionProps) {
  if (applied) {
    return (
      <p className={sticky ? "applied-note applied-note--sticky" : "applied-note"}>
        You applied on{" "}
        <time dateTime={isoDate(applied.createdAt)}>{formatDate(applied.createdAt)}</time> —{" "}
        <Link to={`/applications/${applied.id}`}>view your application</Link>
      </p>
    );
  }
  if (!accepting)
    return sticky ? null : (
      <p className="notice notice--warning">Applications for this role have closed.</p>
    );
  return (
    <Link
      className={sticky ? "button apply-sticky__button" : "button"}
      to={`/careers/${slug}/apply`}
    >
      Apply for this role
    </Link>
  );
}
type ApplyActionProps = {
  slug: string;
  applied: { id: number; createdAt: number } | null;
  accepting: boolean;
  sticky?: boolean;
};

/** schema.org JobPosting for the page, from the facts its loader sent to show. */
export function jobPostingJsonLd(data: SerializeFrom<typeof loader>) {
  const { opening, descriptionHtml, qualificationsHtml, url } = data;
  return buildJobPosting(
    {
      ...opening,
      descriptionHtml: `${descriptionHtml}<h2>Qualifications</h2>${qualificationsHtml}`,
    },
    new URL(url).origin,
  );
}

export default function JobPage() {
  const data = useLoaderData<typeof loader>();
  const { opening, descriptionHtml, qualificationsHtml, accepting, applied, terms } = data;
  return (
    <article className="container job-page">
      {/* Structured data describes a role one can apply to; an expired posting carries none. */}
      {accepting ? <JsonLd data={jobPostingJsonLd(data)} /> : null}
      <p className="small">
        <Link to="/careers">← All open roles</Link>
      </p>
      <header className="page-header">
        <p className="meta-line">
          <span className="tag tag--accent">{OPENING_KIND_LABELS[opening.kind]}</span>
        </p>
        <h1>{opening.title}</h1>
        {opening.summary ? <p className="lede">{opening.summary}</p> : null}
        <p className="job-page__facts">
          {[opening.lab.name, opening.location, terms.employment, terms.pay]
            .filter(Boolean)
            .join(" · ")}
        </p>
        <div className="job-page__top-cta">
          <ApplyAction slug={opening.slug} applied={applied} accepting={accepting} />
        </div>
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
              <dt>Posted</dt>
              <dd>
                <time dateTime={isoDate(terms.posted)}>{formatDate(terms.posted)}</time>
              </dd>
              {terms.employment ? (
                <>
                  <dt>Employment</dt>
                  <dd>
                    {terms.employment}
                    {terms.duration ? `, ${terms.duration}` : null}
                  </dd>
                </>
              ) : null}
              {terms.pay ? (
                <>
                  <dt>{terms.payLabel}</dt>
                  <dd>{terms.pay}</dd>
                </>
              ) : null}
              <dt>Apply by</dt>
              <dd>
                <ClosingDate closesAt={opening.closesAt} />
              </dd>
            </dl>
            <div className="job-page__cta">
              <ApplyAction slug={opening.slug} applied={applied} accepting={accepting} />
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
      {/* On small screens the Apply button stays in reach at the bottom of the viewport. */}
      {accepting || applied ? (
        <div className="apply-sticky">
          <ApplyAction slug={opening.slug} applied={applied} accepting={accepting} sticky />
        </div>
      ) : null}
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
