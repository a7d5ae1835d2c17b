import { Link } from "@remix-run/react";
import { EventList, type EventListEntry } from "./event-list";

/**
 * The events section of an area or lab page (upcoming ones) and a profile's
 * talks. The data comes from the page's loader (`listUpcomingEvents` /
 * `listEventsForSpeaker` mapped with `toEventListEntry`).
 */
export function DirectoryEvents({
  events,
  heading,
  moreHref,
  empty,
}: {
  events: EventListEntry[];
  heading: string;
  moreHref?: string;
  empty: string;
}) {
  return (
    <section aria-labelledby="directory-events-heading">
      <div className="section-header">
        <h2 id="directory-events-heading">{heading}</h2>
        {moreHref ? <Link to={moreHref}>All events</Link> : null}
      </div>
      <EventList events={events} empty={empty} />
    </section>
  );
}
