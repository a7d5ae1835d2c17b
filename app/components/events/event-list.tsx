import { Link } from "@remix-run/react";
import type { EventKind } from "~/lib/enums";

export type EventListEntry = {
  slug: string;
  title: string;
  kind: EventKind;
  kindLabel: string;
  /** "10 Dec 2026" in the event's zone. */
  day: string;
  /** ISO start with the zone's offset. */
  iso: string;
  place?: string;
  online?: boolean;
  speakers?: string;
};

/**
 * A list of events linking to their pages: date, kind, title, speakers and
 * place. Shows `empty` when there are none, so a section never vanishes.
 */
export function EventList({ events, empty }: { events: EventListEntry[]; empty: string }) {
  if (events.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="plain-list event-list">
      {events.map((e) => (
        <li key={e.slug} className="card event-card">
          <time className="event-card__date" dateTime={e.iso}>
            {e.day}
          </time>
          <div>
            <h3>
              <Link to={`/events/${e.slug}`}>{e.title}</Link>
            </h3>
            <p className="meta-line">
              <span className="tag tag--accent">{e.kindLabel}</span>
              {e.speakers ? <> {e.speakers}</> : null}
              {e.place ? (
                <>
                  {" "}
                  · {e.place}
                  {e.online && e.place !== "Online" ? " and online" : ""}
                </>
              ) : null}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
