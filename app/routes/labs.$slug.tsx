import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { JsonLd } from "~/components/json-ld";
import { siteOrigin } from "~/utils/origin.server";
import { labJsonLd } from "~/utils/schema-org";
import { OpenRoleList } from "~/components/open-role-list";
import { Pagination } from "~/components/pagination";
import { PersonGrid } from "~/components/person-card";
import { listOpenRoles } from "~/models/directory-openings.server";
import { getLabBySlug } from "~/models/lab.server";
import { listResearchers } from "~/models/researcher.server";
import { DirectoryEvents } from "~/components/events/directory-events";
import { listUpcomingEvents, toEventListEntry } from "~/models/event.server";
import { LabLocator } from "~/components/outputs/world-map";
import { ToolList } from "~/components/outputs/tool-list";
import { listToolsForLab } from "~/models/tool.server";
import { directionsUrl } from "~/utils/outputs";
import { utcOffsetLabel } from "~/utils/time";
import { LAND_IMAGE_URL, MAP_HEIGHT, MAP_WIDTH, project } from "~/utils/world-map.server";
import outputStyles from "~/styles/outputs.css";
import { markdownExcerpt, renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse, plural } from "~/utils/misc";
import { countryName } from "~/utils/countries";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import { getDb } from "~/utils/db.server";

const PER_PAGE = 24;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: outputStyles },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const lab = getLabBySlug(getDb(), params.slug);
  invariantResponse(lab, "Not found", { status: 404 });
  // `page` is clamped: junk becomes 1, past the end becomes the last page.
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  return {
    origin: siteOrigin(request),
    lab: {
      slug: lab.slug,
      name: lab.name,
      city: lab.city,
      country: lab.country,
      countryName: countryName(lab.country),
    },
    summary: markdownExcerpt(lab.description, 160),
    descriptionHtml: renderMarkdown(lab.description),
    people: listResearchers(getDb(), { labId: lab.id, page, perPage: PER_PAGE }),
    openRoles: listOpenRoles(getDb(), { labId: lab.id, limit: 10 }),
    events: listUpcomingEvents(getDb(), { now: Date.now(), labId: lab.id }).map(toEventListEntry),
    tools: listToolsForLab(getDb(), lab.id),
    place: {
      address: lab.address,
      timeZone: lab.timeZone,
      utcOffset: utcOffsetLabel(lab.timeZone),
      directions:
        lab.latitude !== null && lab.longitude !== null
          ? directionsUrl(lab.latitude, lab.longitude)
          : null,
      locator:
        lab.latitude !== null && lab.longitude !== null
          ? {
              landImage: LAND_IMAGE_URL,
              mapWidth: MAP_WIDTH,
              mapHeight: MAP_HEIGHT,
              ...project(lab.longitude, lab.latitude),
            }
          : null,
    },
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return [{ title: pageTitle("Lab not found") }];
  return [
    { title: pageTitle(data.lab.name, "Labs") },
    ...shareMeta(args, {
      title: data.lab.name,
      description:
        data.summary || `${data.lab.name}, our lab in ${data.lab.city}, ${data.lab.countryName}.`,
      card: "labs",
      canonical: `/labs/${data.lab.slug}`,
    }),
  ];
};

/** schema.org ResearchOrganization for the lab, from the facts its loader sent to show. */
export function labPageJsonLd({ origin, lab, summary, place }: SerializeFrom<typeof loader>) {
  return labJsonLd(origin, { ...lab, street: place.address, description: summary });
}

export default function LabPage() {
  const data = useLoaderData<typeof loader>();
  const { lab, descriptionHtml, people, openRoles, events, tools, place } = data;
  return (
    <div className="container">
      <JsonLd data={labPageJsonLd(data)} />
      <header className="page-header">
        <p className="meta-line">
          <Link to="/labs">Labs and locations</Link>
        </p>
        <h1>{lab.name}</h1>
        <p className="lede">
          {lab.city}, {lab.countryName}
        </p>
      </header>
      <div className="two-col">
        <div>
          <h2 className="visually-hidden">What {lab.name} works on</h2>
          {/* renderMarkdown escapes raw HTML and drops unsafe link protocols. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
        </div>
        <section aria-labelledby="visit-heading" className="lab-place">
          {place.locator ? <LabLocator {...place.locator} /> : null}
          <h2 id="visit-heading">Visit</h2>
          <address className="lab-place__address">
            {place.address ? (
              <>
                {place.address}
                <br />
              </>
            ) : null}
            {lab.city}, {lab.countryName}
          </address>
          <p className="muted small">
            Time zone: {place.timeZone} ({place.utcOffset})
          </p>
          {place.directions ? (
            <p>
              <a href={place.directions} rel="noopener noreferrer">
                Directions on OpenStreetMap<span className="visually-hidden"> to {lab.name}</span>
              </a>
            </p>
          ) : null}
        </section>
      </div>
      <div className="two-col">
        {/* Upcoming events at this lab: the events component goes here. */}
        <section aria-labelledby="tools-heading">
          <h2 id="tools-heading">Tools, datasets and models from {lab.name}</h2>
          {tools.length > 0 ? (
            <ToolList tools={tools} />
          ) : (
            <p className="muted">Nothing from this lab is listed yet.</p>
          )}
        </section>
        <section aria-labelledby="roles-heading">
          <h2 id="roles-heading">Open roles at {lab.name}</h2>
          <OpenRoleList roles={openRoles} empty="No open roles at this lab right now." />
          <p>
            <Link to={`/careers?lab=${lab.slug}`}>All open roles at {lab.name}</Link>
          </p>
        </section>
      </div>
      <DirectoryEvents
        events={events}
        heading={`Upcoming events at ${lab.name}`}
        moreHref={`/events?lab=${lab.slug}`}
        empty="No upcoming events at this lab."
      />
      <section aria-labelledby="people-heading">
        <div className="section-header">
          <h2 id="people-heading">People at {lab.name}</h2>
          <p className="muted">{plural(people.total, "researcher")}</p>
        </div>
        {people.people.length > 0 ? (
          <>
            <PersonGrid people={people.people} />
            <Pagination
              page={people.page}
              pageCount={people.pageCount}
              label={`Pages of people at ${lab.name}`}
            />
          </>
        ) : (
          <p className="muted">Nobody is listed at this lab yet.</p>
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
            <h1>We could not find that lab</h1>
            <p className="lede">It may have moved or been renamed. Here are all of our labs.</p>
            <p>
              <Link to="/labs" className="button">
                See labs and locations
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
