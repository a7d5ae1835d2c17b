/**
 * The one iCalendar invitation builder (ical-generator), shared by every
 * feature that invites someone to an event.
 *
 * ical-generator writes `DTSTART;TZID=<zone>:<local time>` only when it is
 * given a zone-aware date object (Luxon, moment-timezone, Temporal…); a plain
 * Date would be written in UTC under the zone's name. Rather than add a date
 * library, `zoned()` hands it the small Luxon-shaped object it asks for, built
 * on the platform's Intl time-zone data.
 */
import { IANAZone } from "luxon";
import ical, {
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalLuxonDateTimeStub,
} from "ical-generator";

type Parts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of instant `ms` in `zone`. */
function wallClock(ms: number, zone: string): Parts {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  const get = (type: string) => Number(f.formatToParts(ms).find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** A Luxon-shaped date in `zone` (what ical-generator needs to write a TZID time). */
function zoned(ms: number, zone: string): ICalLuxonDateTimeStub {
  const two = (n: number) => String(n).padStart(2, "0");
  return {
    isValid: true,
    zone: { type: "iana" },
    setZone: (z?: string) => zoned(ms, z ?? zone),
    toJSDate: () => new Date(ms),
    toJSON: () => new Date(ms).toISOString(),
    toFormat(fmt: string) {
      const p = wallClock(ms, zone);
      if (fmt === "yyyyLLdd") return `${p.year}${two(p.month)}${two(p.day)}`;
      if (fmt === "HHmmss") return `${two(p.hour)}${two(p.minute)}${two(p.second)}`;
      throw new Error(`Unsupported date format ${fmt}`);
    },
  };
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

const WEEK_MS = 7 * 86_400_000;

/** "+0100" / "-0430" for an offset in minutes. */
function icsOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** "20270328T020000": the wall-clock time of instant `ms` at a fixed offset. */
function icsLocal(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().replace(/[-:]/g, "").slice(0, 15);
}

/** VTIMEZONE blocks by "zone year": zone rules do not change while the process runs. */
const vtimezones = new Map<string, string>();

/**
 * A VTIMEZONE block for `zone` covering the year of instant `around`, built from the runtime's zone data with Luxon: one
 * STANDARD/DAYLIGHT observance per offset change found, or a single STANDARD
 * one for a zone without changes then. Calendars that do not know the TZID
 * (or know an older rule) read the offsets from here.
 */
export function vtimezone(zone: string, around: number): string {
  const year = new Date(around).getUTCFullYear();
  const key = `${zone} ${year}`;
  const cached = vtimezones.get(key);
  if (cached) return cached;
  const tz = IANAZone.create(zone);
  const offsetAt = (ms: number) => tz.offset(ms);
  const nameAt = (ms: number) =>
    tz.offsetName(ms, { format: "short", locale: "en-GB" }) ?? icsOffset(offsetAt(ms));
  const observance = (kind: string, start: string, from: number, to: number, name: string) =>
    [
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${icsOffset(from)}`,
      `TZOFFSETTO:${icsOffset(to)}`,
      `TZNAME:${name}`,
      `END:${kind}`,
    ].join("\r\n");
  const yearStart = Date.UTC(year, 0, 1);
  const initial = offsetAt(yearStart);
  const observances: string[] = [];
  let firstChange: number | null = null;
  let before = initial;
  // Offsets change at most once a week (in practice twice a year): step by a
  // week, then narrow a change down to the minute.
  for (let week = yearStart; week < Date.UTC(year + 1, 0, 1); week += WEEK_MS) {
    const after = offsetAt(week + WEEK_MS);
    if (after === before) continue;
    let lo = week;
    let hi = week + WEEK_MS;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    firstChange ??= after;
    // The larger of the two offsets is the daylight-saving one.
    const kind = after > before ? "DAYLIGHT" : "STANDARD";
    observances.push(observance(kind, icsLocal(hi, before), before, after, nameAt(hi)));
    before = after;
  }
  if (firstChange === null) {
    observances.push(observance("STANDARD", "19700101T000000", initial, initial, nameAt(around)));
  } else {
    // What holds from 1 January until the year's first change (daylight time
    // in the southern hemisphere), so every moment of the year is covered.
    const kind = firstChange < initial ? "DAYLIGHT" : "STANDARD";
    observances.unshift(
      observance(kind, `${year}0101T000000`, initial, initial, nameAt(yearStart)),
    );
  }
  const block = ["BEGIN:VTIMEZONE", `TZID:${zone}`, ...observances, "END:VTIMEZONE"].join("\r\n");
  vtimezones.set(key, block);
  return block;
}

/** The .ics text of one invitation (METHOD:REQUEST to invite or update, CANCEL to call off). */
export function buildInvitation(inv: Invitation): string {
  const cal = ical({
    prodId: { company: "Atrium", product: "Interviews", language: "EN" },
    method: inv.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: inv.timeZone, generator: (zone) => vtimezone(zone, inv.start) },
  });
  cal.createEvent({
    id: inv.uid,
    sequence: inv.sequence,
    stamp: new Date(inv.stamp ?? Date.now()),
    start: zoned(inv.start, inv.timeZone),
    end: zoned(inv.end, inv.timeZone),
    timezone: inv.timeZone,
    summary: inv.summary,
    description: inv.description,
    location: inv.location,
    url: inv.url ?? null,
    status: inv.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: inv.organizer,
    attendees: [{ name: inv.attendee.name, email: inv.attendee.email, rsvp: true }],
  });
  return cal.toString();
}
