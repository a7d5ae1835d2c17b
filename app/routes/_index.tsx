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
import { getSettings } from "~/models/settings.server";
import { getBrand, pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
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

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: pageTitle() },
  ...shareMeta(args, {
    title: getBrand().name,
    description: args.data?.hero.intro || args.data?.hero.heading || getBrand().name,
    card: "home",
    canonical: "/",
  }),
];

/** The hero's secondary links; the one the call to action already goes to is left out. */
const HERO_LINKS = [
  ["/careers", "Careers in research"],
  ["/labs", "Labs and locations"],
  ["/people", "Meet the people"],
] as const;

/** Six fills the featured grid's rows at one, two and three columns. */
const FEATURED_COUNT = 6;

export function loader({ request }: LoaderFunctionArgs) {
  const settings = getSettings(getDb());
  return {
    origin: siteOrigin(request),
    hero: {
      // An organisation that has not written a heading yet is introduced by its name.
      heading: settings.homeHeading || settings.name,
      intro: settings.homeIntro,
      cta:
        settings.homeCtaLabel && settings.homeCtaUrl
          ? { label: settings.homeCtaLabel, url: settings.homeCtaUrl }
          : null,
    },
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
  const { origin, hero, areas, featured, openRoles, upcomingEvents, featuredTools } =
    useLoaderData<typeof loader>();
  const links = HERO_LINKS.filter(([to]) => to !== hero.cta?.url).slice(0, hero.cta ? 2 : 3);
  return (
    <div className="container">
      <JsonLd data={organizationJsonLd(origin, { description: hero.intro })} />
      <section className="hero" aria-labelledby="home-heading">
        <h1 id="home-heading">{hero.heading}</h1>
        {hero.intro.split(/\n{2,}/).map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <p className="button-row hero__actions">
          {hero.cta ? (
            /^https?:/.test(hero.cta.url) ? (
              <a href={hero.cta.url} className="button">
                {hero.cta.label}
              </a>
            ) : (
              <Link to={hero.cta.url} className="button">
                {hero.cta.label}
              </Link>
            )
          ) : null}
          {links.map(([to, label], i) => (
            <Link
              key={to}
              to={to}
              className={!hero.cta && i === 0 ? "button" : "button button--ghost"}
            >
              {label}
            </Link>
          ))}
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
