/**
 * How events leave the site as iCalendar files (one event's "Add to calendar",
 * the /events.ics feed). Times carry the event's own zone (TZID, with its
 * VTIMEZONE), written by the shared calendar helpers in ical.server.ts.
 */
import { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";
import { eventTimes, icsText, newCalendar } from "~/utils/ical.server";
import { markdownExcerpt } from "~/utils/markdown.server";
import { getBrand } from "~/utils/site";

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

/**
 * An iCalendar (RFC 5545) document with one VEVENT per event, in each event's
 * own zone. One event ("Add to calendar") is published with METHOD:PUBLISH;
 * the subscribed feed has no METHOD, as a calendar to follow rather than a
 * message to act on.
 */
export function eventsCalendar(
  origin: string,
  list: CalendarEvent[],
  opts: { name: string; feed?: boolean },
): string {
  const cal = newCalendar({
    name: opts.name,
    prodId: { company: getBrand().name, product: "Events", language: "EN" },
    method: opts.feed ? undefined : ICalCalendarMethod.PUBLISH,
    url: opts.feed ? `${origin}/events.ics` : undefined,
    ttl: opts.feed ? 3600 : undefined,
  });
  for (const e of list) {
    cal.createEvent({
      id: `event-${e.slug}@${new URL(origin).hostname}`,
      ...eventTimes(e.startsAt, e.endsAt, e.timeZone),
      stamp: DateTime.fromMillis(e.updatedAt, { zone: "utc" }),
      summary: e.title,
      description: markdownExcerpt(e.abstract, 1000),
      location: e.location,
      url: `${origin}/events/${e.slug}`,
    });
  }
  return icsText(cal);
}
