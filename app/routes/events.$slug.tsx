/**
 * /events/:slug — one event: when (in its zone, and the visitor's after
 * hydration), where, who speaks, the abstract, recording and slides once it
 * is over, "Add to calendar" and schema.org Event JSON-LD.
 */
import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventPlace, EventSpeakers } from "~/components/events/event-parts";
import { EventTime } from "~/components/events/event-time";
import { safeHttpUrl } from "~/utils/schema-org";
import { EVENT_KIND_LABELS, getEventBySlug } from "~/models/event.server";
import { JsonLd } from "~/components/json-ld";
import { eventJsonLd } from "~/utils/schema-org";
import { getDb } from "~/utils/db.server";
import { markdownExcerpt, renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import { formatTimeRange, isoInZone } from "~/utils/time";
import directoryStyles from "~/styles/directory.css";
import eventStyles from "~/styles/events.css";
import { siteOrigin } from "~/utils/origin.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: eventStyles },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const event = getEventBySlug(getDb(), params.slug);
  invariantResponse(event, "Not found", { status: 404 });
  const past = event.endsAt <= Date.now();
  return {
    event: {
      slug: event.slug,
      title: event.title,
      kindLabel: EVENT_KIND_LABELS[event.kind],
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      when: formatTimeRange(event.startsAt, event.endsAt, event.timeZone),
      iso: isoInZone(event.startsAt, event.timeZone),
      endIso: isoInZone(event.endsAt, event.timeZone),
      lab: event.lab,
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      onlineUrl: safeHttpUrl(event.onlineUrl),
      areas: event.areas,
      speakers: event.speakers,
      abstractHtml: renderMarkdown(event.abstract),
      recordingUrl: past ? safeHttpUrl(event.recordingUrl) : null,
      slidesUrl: past ? safeHttpUrl(event.slidesUrl) : null,
    },
    past,
    description: markdownExcerpt(event.abstract, 200),
    origin: siteOrigin(request),
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return [{ title: pageTitle("Event not found") }];
  return [
    { title: pageTitle(data.event.title, "Events") },
    ...shareMeta(args, {
      title: data.event.title,
      description: data.description || data.event.when,
      card: "events",
      type: "article",
      canonical: args.location.pathname,
    }),
  ];
};

/** schema.org Event for the page, from the facts its loader sent to show. */
export function eventPageJsonLd({ event, description, origin }: SerializeFrom<typeof loader>) {
  return eventJsonLd(origin, {
    ...event,
    startDate: event.iso,
    endDate: event.endIso,
    description,
  });
}

export default function EventPage() {
  const data = useLoaderData<typeof loader>();
  const { event, past } = data;
  return (
    <div className="container">
      <JsonLd data={eventPageJsonLd(data)} />
      <header className="page-header">
        <p className="meta-line">
          <Link to="/events">Events and talks</Link> ·{" "}
          <span className="tag tag--accent">{event.kindLabel}</span>
          {past ? <span className="tag">Past event</span> : null}
        </p>
        <h1>{event.title}</h1>
        <p className="lede">
          <EventTime
            startsAt={event.startsAt}
            endsAt={event.endsAt}
            timeZone={event.timeZone}
            text={event.when}
            iso={event.iso}
          />
        </p>
        <p className="button-row">
          <a
            href={`/events/${event.slug}/calendar.ics`}
            className="button"
            download={`${event.slug}.ics`}
          >
            Add to calendar
          </a>
          {event.recordingUrl ? (
            <a href={event.recordingUrl} className="button button--ghost" rel="noopener noreferrer">
              Watch the recording
            </a>
          ) : null}
          {event.slidesUrl ? (
            <a href={event.slidesUrl} className="button button--ghost" rel="noopener noreferrer">
              Slides
            </a>
          ) : null}
        </p>
      </header>
      <div className="two-col">
        <section aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          {/* renderMarkdown escapes raw HTML and drops unsafe link protocols. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: event.abstractHtml }} />
        </section>
        <aside className="stack" aria-label="Details">
          <section aria-labelledby="where-heading">
            <h2 id="where-heading">Where</h2>
            <EventPlace event={event} past={past} />
          </section>
          <section aria-labelledby="speakers-heading">
            <h2 id="speakers-heading">{event.speakers.length === 1 ? "Speaker" : "Speakers"}</h2>
            <EventSpeakers speakers={event.speakers} />
          </section>
          {event.areas.length > 0 ? (
            <section aria-labelledby="areas-heading">
              <h2 id="areas-heading">Research areas</h2>
              <ul className="tags">
                {event.areas.map((a) => (
                  <li key={a.slug}>
                    <Link className="tag" to={`/events?area=${a.slug}`}>
                      {a.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>We could not find that event</h1>
            <p className="lede">It may have been renamed or removed.</p>
            <p>
              <Link to="/events" className="button">
                See all events
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
