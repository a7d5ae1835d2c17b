/**
 * How events leave the site as iCalendar files (one event's "Add to calendar",
 * the /events.ics feed), written with ical-generator. Times carry the event's own zone (TZID), which
 * needs a zone-aware date (luxon) — a plain Date would be written in the
 * server's zone.
 */
import ical, { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";
import { markdownExcerpt } from "~/utils/markdown.server";
import { ORG_NAME } from "~/utils/site";

type CalendarEvent = {
  slug: string;
  title: string;
  startsAt: number;
  endsAt: number;
  timeZone: string;
  abstract: string;
  location: string;
  updatedAt: number;
};

/** An iCalendar (RFC 5545) document with one VEVENT per event, in each event's own zone. */
export function eventsCalendar(
  origin: string,
  list: CalendarEvent[],
  opts: { name: string; feed?: boolean },
): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: ORG_NAME, product: "Atrium events", language: "EN" },
    method: opts.feed ? undefined : ICalCalendarMethod.PUBLISH,
    url: opts.feed ? `${origin}/events.ics` : undefined,
    ttl: opts.feed ? 3600 : undefined,
  });
  for (const e of list) {
    cal.createEvent({
      id: `event-${e.slug}@${new URL(origin).hostname}`,
      start: DateTime.fromMillis(e.startsAt, { zone: e.timeZone }),
      end: DateTime.fromMillis(e.endsAt, { zone: e.timeZone }),
      timezone: e.timeZone,
      stamp: DateTime.fromMillis(e.updatedAt, { zone: "utc" }),
      summary: e.title,
      description: markdownExcerpt(e.abstract, 1000),
      location: e.location,
      url: `${origin}/events/${e.slug}`,
    });
  }
  return cal.toString();
}
