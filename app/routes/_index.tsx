import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { JsonLd } from "~/components/json-ld";
import { siteOrigin } from "~/utils/origin.server";
import { organizationJsonLd } from "~/utils/schema-org";
import { OpenRoleList } from "~/components/open-role-list";
import { PersonGrid } from "~/components/person-card";
import { listAreasWithCounts } from "~/models/area.server";
import { listOpenRoles } from "~/models/directory-openings.server";
import { listFeaturedResearchers } from "~/models/researcher.server";
import { listUpcomingEvents, toEventListEntry } from "~/models/event.server";
import { EventList } from "~/components/events/event-list";
import { ORG_NAME, pageTitle } from "~/utils/site";
import directoryStyles from "~/styles/directory.css";
import eventStyles from "~/styles/events.css";
import { getDb } from "~/utils/db.server";
import { FeaturedTools } from "~/components/outputs/tool-list";
import { listFeaturedTools } from "~/models/tool.server";
import outputStyles from "~/styles/outputs.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: eventStyles },
  { rel: "stylesheet", href: outputStyles },
];

/** How the organisation describes itself to search engines and in shared links. */
const DESCRIPTION = `${ORG_NAME} studies computing, science and society in labs around the world. Meet our researchers, explore our research areas and find open roles.`;

export const meta: MetaFunction = () => [
  { title: pageTitle() },
  { name: "description", content: DESCRIPTION },
];

/** Six fills the featured grid's rows at one, two and three columns. */
const FEATURED_COUNT = 6;

export function loader({ request }: LoaderFunctionArgs) {
  return {
    origin: siteOrigin(request),
    areas: listAreasWithCounts(getDb()),
    featured: listFeaturedResearchers(getDb(), FEATURED_COUNT),
    openRoles: listOpenRoles(getDb(), { limit: 5 }),
    upcomingEvents: listUpcomingEvents(getDb(), { now: Date.now(), limit: 4 }).map(
      toEventListEntry,
    ),
    featuredTools: listFeaturedTools(getDb(), 3),
  };
}

export default function Home() {
  const { origin, areas, featured, openRoles, upcomingEvents, featuredTools } =
    useLoaderData<typeof loader>();
  return (
    <div className="container">
      <JsonLd data={organizationJsonLd(origin, { description: DESCRIPTION })} />
      <section className="hero" aria-labelledby="home-heading">
        <h1 id="home-heading">Research that asks what technology is for</h1>
        <p>
          At {ORG_NAME}, scientists and engineers work on the foundations of computing and on the
          questions it raises — from trustworthy systems and better tools for science to health,
          creativity and a more resilient planet.
        </p>
        <p className="button-row hero__actions">
          <Link to="/people" className="button">
            Meet the people
          </Link>
          <Link to="/careers" className="button button--ghost">
            Careers in research
          </Link>
          <Link to="/labs" className="button button--ghost">
            Labs and locations
          </Link>
        </p>
      </section>

      <section aria-labelledby="areas-heading">
        <div className="section-header">
          <h2 id="areas-heading">What we work on</h2>
          <Link to="/areas">All research areas</Link>
        </div>
        <ul className="area-list">
          {areas.map((a) => (
            <li key={a.slug} className="card">
              <h3>
                <Link to={`/areas/${a.slug}`}>{a.name}</Link>
              </h3>
              <p>{a.summary}</p>
            </li>
          ))}
        </ul>
      </section>

      {featured.length > 0 ? (
        <section aria-labelledby="featured-heading">
          <div className="section-header">
            <h2 id="featured-heading">Featured researchers</h2>
            <Link to="/people">Everyone in the directory</Link>
          </div>
          <PersonGrid people={featured} featured />
        </section>
      ) : null}

      <section aria-labelledby="events-heading">
        <div className="section-header">
          <h2 id="events-heading">Upcoming events</h2>
          <Link to="/events">All events and talks</Link>
        </div>
        <EventList
          events={upcomingEvents}
          empty="No events are scheduled right now. Recordings of past talks are on the events page."
        />
      </section>

      <FeaturedTools tools={featuredTools} />

      <section aria-labelledby="roles-heading">
        <div className="section-header">
          <h2 id="roles-heading">Newest open roles</h2>
          <Link to="/careers">All open roles</Link>
        </div>
        <OpenRoleList
          roles={openRoles}
          empty="We have no open roles right now. Please check back soon."
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
