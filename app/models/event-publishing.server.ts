/**
 * How events and programs leave the site: schema.org JSON-LD for their pages
 * and iCalendar files (one event's "Add to calendar", the /events.ics feed),
 * written with ical-generator. Times carry the event's own zone (TZID), which
 * needs a zone-aware date (luxon) — a plain Date would be written in the
 * server's zone.
 */
import ical, { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";
import type { EventDetail } from "./event.server";
import { markdownExcerpt } from "~/utils/markdown.server";
import { isoInZone } from "~/utils/event-time";
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

/** schema.org Event for /events/:slug. */
export function eventJsonLd(origin: string, e: EventDetail) {
  const url = `${origin}/events/${e.slug}`;
  const physical = e.lab
    ? {
        "@type": "Place",
        name: e.lab.name,
        address: {
          "@type": "PostalAddress",
          addressLocality: e.lab.city,
          addressCountry: e.lab.country,
        },
      }
    : e.venueName
      ? {
          "@type": "Place",
          name: e.venueName,
          address: e.venueAddress ?? e.venueName,
        }
      : null;
  const virtual = e.onlineUrl ? { "@type": "VirtualLocation", url: e.onlineUrl } : null;
  const location = physical && virtual ? [physical, virtual] : (physical ?? virtual);
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: e.title,
    url,
    startDate: isoInZone(e.startsAt, e.timeZone),
    endDate: isoInZone(e.endsAt, e.timeZone),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: physical
      ? virtual
        ? "https://schema.org/MixedEventAttendanceMode"
        : "https://schema.org/OfflineEventAttendanceMode"
      : "https://schema.org/OnlineEventAttendanceMode",
    location,
    description: markdownExcerpt(e.abstract, 300) || undefined,
    organizer: { "@type": "Organization", name: ORG_NAME, url: origin },
    performer: e.speakers.length
      ? e.speakers.map((s) => ({
          "@type": "Person",
          name: s.name,
          ...(s.profileSlug ? { url: `${origin}/people/${s.profileSlug}` } : {}),
          ...(s.affiliation
            ? { affiliation: { "@type": "Organization", name: s.affiliation } }
            : {}),
        }))
      : undefined,
    about: e.areas.length ? e.areas.map((a) => a.name) : undefined,
  };
}

/** schema.org EducationalOccupationalProgram for /programs/:slug. */
export function programJsonLd(
  origin: string,
  p: {
    slug: string;
    name: string;
    summary: string;
    duration: string;
    stipend: string;
    window: { opensAt: number; closesAt: number; startsAt: number };
  },
) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    "@context": "https://schema.org",
    "@type": "EducationalOccupationalProgram",
    name: p.name,
    description: p.summary,
    url: `${origin}/programs/${p.slug}`,
    provider: { "@type": "Organization", name: ORG_NAME, url: origin },
    applicationStartDate: day(p.window.opensAt),
    applicationDeadline: day(p.window.closesAt - 1),
    startDate: day(p.window.startsAt),
    financialAidEligible: p.stipend,
  };
}
