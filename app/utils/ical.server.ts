/**
 * iCalendar (RFC 5545) files, written with ical-generator: the interview
 * invitations and the pieces every calendar Atrium serves shares.
 *
 * A time in an event's own zone is written `DTSTART;TZID=<zone>:<wall clock>`
 * from a Luxon DateTime (ical-generator's documented way for zone-aware
 * dates), and the file then carries a VTIMEZONE for that TZID (§3.2.19), from
 * timezones-ical-library: calendars that would otherwise read the wall clock
 * as UTC, or guess the zone, read the offsets from the file. DTSTAMP is UTC
 * (§3.8.7.2), and the text ends with CRLF like every other line (§3.1).
 */
import ical, {
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
  type ICalCalendarData,
} from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block, tzlib_get_timezones } from "timezones-ical-library";
import { isRepeatedWallTime, isTimeZone } from "~/utils/time";
import { getBrand } from "~/utils/site";

let known: Set<string> | null = null;
const blocks = new Map<string, string | null>();

/**
 * The VTIMEZONE block for `zone`, with the TZID the file uses, or null for a
 * zone the library cannot describe. The library files links under their
 * target (America/Montreal under America/Toronto, Asia/Calcutta under
 * Asia/Kolkata): the block is looked up by the name, else by the runtime's
 * canonical name, and then carries the name the events use.
 */
export function vtimezone(zone: string): string | null {
  if (!isTimeZone(zone)) return null;
  if (!blocks.has(zone)) blocks.set(zone, describe(zone));
  return blocks.get(zone)!;
}

function describe(zone: string): string | null {
  known ??= new Set(tzlib_get_timezones() as string[]);
  const canonical = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  // Asked only for names it lists: for others the library logs to the console.
  const name = [zone, canonical].find((z) => known!.has(z));
  const found = name ? tzlib_get_ical_block(name) : null;
  const block = Array.isArray(found) ? found[0] : null;
  return block
    ? block
        .replace(/^TZID:.*$/m, `TZID:${zone}`)
        .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`)
    : null;
}

/**
 * A calendar that adds a VTIMEZONE for each zone its events use. It has no
 * calendar-wide zone of its own, so ical-generator writes DTSTAMP in UTC and
 * no TIMEZONE-ID (which is not an RFC 5545 property).
 */
export function newCalendar(data: Omit<ICalCalendarData, "timezone">): ICalCalendar {
  return ical({ ...data, timezone: { name: null, generator: vtimezone } });
}

/**
 * An event's start and end for `createEvent`, on the wall clock of `zone`
 * with its TZID. They are written in UTC instead when the zone is UTC, when
 * no VTIMEZONE exists for it, or when either wall-clock time is shown twice
 * that night: a TZID time in the repeated hour cannot say which of the two it
 * means, and calendars disagree on the answer.
 */
export function eventTimes(start: number, end: number, zone: string) {
  const local =
    zone !== "UTC" &&
    vtimezone(zone) !== null &&
    !isRepeatedWallTime(start, zone) &&
    !isRepeatedWallTime(end, zone);
  const at = (ms: number) => DateTime.fromMillis(ms, { zone: local ? zone : "utc" });
  return { start: at(start), end: at(end), timezone: local ? zone : null };
}

/** The file's text: ical-generator's, plus the CRLF that ends the last line. */
export function icsText(cal: ICalCalendar): string {
  return `${cal.toString()}\r\n`;
}

/**
 * The media type of a calendar file: `text/calendar; charset=utf-8`, with
 * `method=` naming the file's METHOD when it has one (RFC 5545 §8.1), as
 * calendar clients expect of an invitation or a cancellation.
 */
export function calendarContentType(ics: string): string {
  const method = /^METHOD:([A-Z-]+)\r?$/m.exec(ics);
  return `text/calendar; charset=utf-8${method ? `; method=${method[1]}` : ""}`;
}

export type Invitation = {
  method: "REQUEST" | "CANCEL";
  /** Stable across every update of the same event. */
  uid: string;
  /** Goes up with each update; calendars keep the highest. */
  sequence: number;
  start: number;
  end: number;
  timeZone: string;
  summary: string;
  description: string;
  location: string;
  url?: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** The DTSTAMP (defaults to now). */
  stamp?: number;
};

/** The .ics text of one invitation (METHOD:REQUEST to invite or update, CANCEL to call off). */
export function buildInvitation(inv: Invitation): string {
  const cal = newCalendar({
    prodId: { company: getBrand().name, product: "Interviews", language: "EN" },
    method: inv.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: inv.uid,
    sequence: inv.sequence,
    stamp: DateTime.fromMillis(inv.stamp ?? Date.now(), { zone: "utc" }),
    ...eventTimes(inv.start, inv.end, inv.timeZone),
    summary: inv.summary,
    description: inv.description,
    location: inv.location,
    url: inv.url ?? null,
    status: inv.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: inv.organizer,
    attendees: [{ name: inv.attendee.name, email: inv.attendee.email, rsvp: true }],
  });
  return icsText(cal);
}
