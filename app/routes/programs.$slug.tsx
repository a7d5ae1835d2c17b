/**
 * /programs/:slug — one program: who it is for, duration, stipend, the yearly
 * timeline (a closed window says when the next one opens), eligibility, FAQ,
 * its open roles and past participants, with EducationalOccupationalProgram JSON-LD.
 */
import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgramTimeline, WindowStatus } from "~/components/events/program-parts";
import { OpenRoleList } from "~/components/open-role-list";
import { JsonLd } from "~/components/json-ld";
import { programJsonLd } from "~/utils/schema-org";
import {
  PROGRAM_KIND_LABELS,
  getProgramBySlug,
  listProgramAlumni,
  listProgramOpenRoles,
  parseFaq,
} from "~/models/program.server";
import { programWindow } from "~/utils/program-window";
import { getDb } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import eventStyles from "~/styles/events.css";
import { siteOrigin } from "~/utils/origin.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: eventStyles },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const db = getDb();
  const p = getProgramBySlug(db, params.slug);
  invariantResponse(p, "Not found", { status: 404 });
  const now = Date.now();
  const window = programWindow(p, now);
  return {
    program: {
      slug: p.slug,
      name: p.name,
      kindLabel: PROGRAM_KIND_LABELS[p.kind],
      summary: p.summary,
      duration: p.duration,
      stipend: p.stipend,
      audienceHtml: renderMarkdown(p.audience),
      eligibilityHtml: renderMarkdown(p.eligibility),
      descriptionHtml: renderMarkdown(p.description),
      faq: parseFaq(p.faq).map((f) => ({ q: f.q, aHtml: renderMarkdown(f.a) })),
    },
    window,
    openRoles: listProgramOpenRoles(db, p.id, now),
    alumni: listProgramAlumni(db, p.id),
    origin: siteOrigin(request),
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return [{ title: pageTitle("Program not found") }];
  return [
    { title: pageTitle(data.program.name, "Programs") },
    ...shareMeta(args, {
      title: data.program.name,
      description: data.program.summary,
      card: "programs",
      canonical: `/programs/${data.program.slug}`,
    }),
  ];
};

/** schema.org EducationalOccupationalProgram for the page, from the facts its loader sent to show. */
export function programPageJsonLd({ program, window, origin }: SerializeFrom<typeof loader>) {
  return programJsonLd(origin, { ...program, window });
}

export default function ProgramPage() {
  const data = useLoaderData<typeof loader>();
  const { program, window, openRoles, alumni } = data;
  return (
    <div className="container">
      <JsonLd data={programPageJsonLd(data)} />
      <header className="page-header">
        <p className="meta-line">
          <Link to="/programs">Academic programs</Link> ·{" "}
          <span className="tag tag--accent">{program.kindLabel}</span>
        </p>
        <h1>{program.name}</h1>
        <p className="lede">{program.summary}</p>
        <WindowStatus window={window} />
      </header>
      <div className="two-col">
        <div>
          {/* renderMarkdown escapes raw HTML and drops unsafe link protocols. */}
          <section aria-labelledby="who-heading">
            <h2 id="who-heading">Who it is for</h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: program.audienceHtml }} />
          </section>
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">About the program</h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: program.descriptionHtml }} />
          </section>
          <section aria-labelledby="eligibility-heading">
            <h2 id="eligibility-heading">Eligibility</h2>
            <div className="prose" dangerouslySetInnerHTML={{ __html: program.eligibilityHtml }} />
          </section>
          {program.faq.length > 0 ? (
            <section aria-labelledby="faq-heading" className="faq">
              <h2 id="faq-heading">Questions and answers</h2>
              {program.faq.map((f) => (
                <details key={f.q}>
                  <summary>{f.q}</summary>
                  <div className="prose" dangerouslySetInnerHTML={{ __html: f.aHtml }} />
                </details>
              ))}
            </section>
          ) : null}
        </div>
        <aside className="stack" aria-label="Key facts">
          <section aria-labelledby="facts-heading">
            <h2 id="facts-heading">Key facts</h2>
            <dl className="event-facts">
              <div>
                <dt>Duration</dt>
                <dd>{program.duration}</dd>
              </div>
              <div>
                <dt>Stipend and support</dt>
                <dd>{program.stipend}</dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{window.open ? "This year's timeline" : "Next timeline"}</h2>
            <ProgramTimeline window={window} />
          </section>
          <section aria-labelledby="roles-heading">
            <h2 id="roles-heading">Open roles</h2>
            <OpenRoleList roles={openRoles} empty="No roles are open in this program right now." />
          </section>
        </aside>
      </div>
      <section aria-labelledby="alumni-heading">
        <h2 id="alumni-heading">Past participants</h2>
        {alumni.length === 0 ? (
          <p className="muted">No past participants are listed yet.</p>
        ) : (
          <ul className="plain-list alumni-list">
            {alumni.map((a) => (
              <li key={a.slug}>
                <Link to={`/people/${a.slug}`}>{a.name}</Link>{" "}
                <span className="muted">
                  · {a.title} · {a.year} cohort
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>We could not find that program</h1>
            <p>
              <Link to="/programs" className="button">
                See all programs
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
