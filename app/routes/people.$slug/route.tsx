import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OpenRoleList } from "~/components/open-role-list";
import { Avatar, PersonGrid } from "~/components/person-card";
import { listOpenRoles } from "~/models/directory-openings.server";
import { getResearcherProfile, groupByYear, listColleagues } from "~/models/researcher.server";
import { markdownExcerpt, renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { countryName } from "~/utils/countries";
import { authorLine, venueLine } from "~/utils/publication-entry";
import { getBrand, pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import { JsonLd } from "~/components/json-ld";
import { personJsonLd, profileLinks } from "./structured-data";
import { getDb } from "~/utils/db.server";
import { DirectoryEvents } from "~/components/events/directory-events";
import { listEventsForSpeaker, toEventListEntry } from "~/models/event.server";
import { ProfileOutputs } from "~/components/outputs/tool-list";
import { listToolsForResearcher } from "~/models/tool.server";
import outputStyles from "~/styles/outputs.css";
import { siteOrigin } from "~/utils/origin.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: outputStyles },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  // A malformed slug cannot exist, so it is a 404 before any query runs.
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const person = getResearcherProfile(getDb(), params.slug);
  invariantResponse(person, "Not found", { status: 404 });

  const alumni = person.status === "alumni";
  const url = `${siteOrigin(request)}/people/${person.slug}`;
  const description =
    markdownExcerpt(person.bio, 200) || `${person.name}, ${person.title} at ${getBrand().name}.`;
  const links = profileLinks(person);
  return {
    person: {
      slug: person.slug,
      name: person.name,
      title: person.title,
      alumni,
      hasPhoto: person.hasPhoto,
      lab: {
        slug: person.labSlug,
        name: person.labName,
        city: person.labCity,
        country: person.labCountry,
        countryName: countryName(person.labCountry),
      },
      areas: person.areas,
      bioHtml: renderMarkdown(person.bio),
      links,
    },
    publicationsByYear: groupByYear(
      person.publications.map((p) => ({
        id: p.id,
        title: p.title,
        url: p.url,
        year: p.year,
        authors: authorLine(
          p.authors
            .split(";")
            .map((a) => a.trim())
            .filter(Boolean),
          p.moreAuthors,
        ),
        citation: venueLine(p),
      })),
    ),
    // An alumnus no longer hires; their former team's roles are found from the lab page.
    openRoles: alumni ? [] : listOpenRoles(getDb(), { teamMemberId: person.id, limit: 10 }),
    colleagues: listColleagues(getDb(), person, 6),
    talks: listEventsForSpeaker(getDb(), person.id).map(toEventListEntry),
    tools: listToolsForResearcher(getDb(), person.id),
    seo: {
      url,
      description,
    },
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return [{ title: pageTitle("Researcher not found") }];
  return [
    { title: pageTitle(data.person.name) },
    ...shareMeta(args, {
      title: `${data.person.name} — ${data.person.title}`,
      description: data.seo.description,
      card: "people",
      type: "profile",
      canonical: data.seo.url,
    }),
  ];
};

/** schema.org Person for the page, from the facts its loader sent to show. */
export function profileJsonLd({ person, seo }: SerializeFrom<typeof loader>) {
  return personJsonLd(new URL(seo.url).origin, {
    slug: person.slug,
    name: person.name,
    title: person.title,
    description: seo.description,
    hasPhoto: person.hasPhoto,
    labName: person.lab.name,
    labCity: person.lab.city,
    labCountry: person.lab.country,
    areas: person.areas.map((a) => a.name),
    sameAs: person.links.map((l) => l.href),
    alumni: person.alumni,
  });
}

export default function Profile() {
  const data = useLoaderData<typeof loader>();
  const { person, publicationsByYear, openRoles, colleagues, talks, tools } = data;
  return (
    <div className="container">
      <JsonLd data={profileJsonLd(data)} />
      <header className="profile-header">
        <Avatar slug={person.slug} hasPhoto={person.hasPhoto} large />
        <div>
          <h1>{person.name}</h1>
          <p className="lede">
            {person.title}
            {person.alumni ? (
              <>
                {" "}
                <span className="status-badge status-badge--alumni">Alumni</span>
              </>
            ) : null}
          </p>
          <p className="meta-line">
            {person.alumni ? "Formerly at " : null}
            <Link to={`/labs/${person.lab.slug}`}>{person.lab.name}</Link> · {person.lab.city},{" "}
            {person.lab.countryName}
          </p>
          {person.areas.length > 0 ? (
            <ul className="tags" aria-label="Research areas">
              {person.areas.map((a) => (
                <li key={a.slug}>
                  <Link className="tag" to={`/areas/${a.slug}`}>
                    {a.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </header>

      <div className="two-col">
        <div>
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">About</h2>
            {/* renderMarkdown escapes raw HTML and drops unsafe link protocols. */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: person.bioHtml }} />
          </section>

          <section aria-labelledby="publications-heading">
            <h2 id="publications-heading">Publications</h2>
            {publicationsByYear.length === 0 ? (
              <p className="muted">No publications listed yet.</p>
            ) : (
              publicationsByYear.map((group) => (
                <section key={group.year} aria-labelledby={`year-${group.year}`}>
                  <h3 id={`year-${group.year}`} className="publication-year">
                    {group.year}
                  </h3>
                  <ul className="publication-list">
                    {group.items.map((p) => (
                      <li key={p.id}>
                        <PublicationTitle title={p.title} url={p.url} />
                        {p.authors ? <span>. {p.authors}</span> : null}
                        {p.citation ? <span className="muted">. {p.citation}</span> : null}
                      </li>
                    ))}
                  </ul>
                </section>
              ))
            )}
          </section>
          {talks.length > 0 ? (
            <DirectoryEvents events={talks} heading="Talks and events" empty="" />
          ) : null}
          <ProfileOutputs person={person} tools={tools} />
        </div>

        <aside className="stack" aria-label={`More about ${person.name}`}>
          {person.links.length > 0 ? (
            <section aria-labelledby="links-heading">
              <h2 id="links-heading">Links</h2>
              <ul className="profile-links">
                {person.links.map((l) => (
                  <li key={l.label}>
                    <a href={l.href} rel="noopener noreferrer">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {person.alumni ? null : (
            <section aria-labelledby="roles-heading">
              <h2 id="roles-heading">Open roles on {person.name}&apos;s team</h2>
              <OpenRoleList
                roles={openRoles}
                empty={`${person.name} is not hiring for an open role right now.`}
              />
            </section>
          )}
        </aside>
      </div>

      {colleagues.length > 0 ? (
        <section aria-labelledby="colleagues-heading">
          <div className="section-header">
            <h2 id="colleagues-heading">Colleagues at {person.lab.name}</h2>
            <Link to={`/labs/${person.lab.slug}`}>Everyone at {person.lab.name}</Link>
          </div>
          <PersonGrid people={colleagues} />
        </section>
      ) : null}
    </div>
  );
}

/** Publication links come from data entry: only http(s) URLs become links. */
function PublicationTitle({ title, url }: { title: string; url: string | null }) {
  const safe = url && /^https?:\/\//i.test(url) ? url : null;
  return safe ? (
    <a href={safe} rel="noopener noreferrer">
      {title}
    </a>
  ) : (
    <span>{title}</span>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>We could not find that researcher</h1>
            <p className="lede">
              The profile may have moved, or the address may be mistyped. Try searching the
              directory.
            </p>
            <p>
              <Link to="/people" className="button">
                Search people
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
