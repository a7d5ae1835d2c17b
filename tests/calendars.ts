/**
 * Reads an iCalendar file the way calendar programs do: with two independent
 * parsers, ical.js (Thunderbird's; it takes each TZID's offsets from the
 * file's VTIMEZONE) and node-ical (which maps the zone onto the runtime's own
 * zone data). Both must find the same events at the same UTC instants, and
 * the text must keep the RFC 5545 rules they forgive: CRLF after every line
 * (the last included), folded lines of at most 75 octets, a VTIMEZONE for
 * every TZID, DTSTAMP in UTC, no non-standard TIMEZONE-ID.
 */
import ICAL from "ical.js";
import nodeIcal from "node-ical";
import { expect } from "vitest";

export type CalendarEntry = {
  uid: string;
  /** UTC ISO 8601 ("2027-03-10T13:00:00.000Z"). */
  start: string;
  end: string;
  /** The TZID DTSTART is written in, or null for a UTC time. */
  tzid: string | null;
  status: string | null;
};

export function readCalendar(text: string): { method: string | null; events: CalendarEntry[] } {
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.split("\r\n")) {
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  }
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
  expect(lines.some((l) => /^TIMEZONE-ID[;:]/.test(l))).toBe(false);
  for (const stamp of lines.filter((l) => /^DTSTAMP[;:]/.test(l))) {
    expect(stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  }
  const used = new Set(
    lines.flatMap((l) => /^[A-Z-]+;(?:[^:]*;)?TZID=([^;:]+)/.exec(l)?.[1] ?? []),
  );
  const defined = lines.filter((l) => l.startsWith("TZID:")).map((l) => l.slice(5));
  expect(new Set(defined)).toEqual(used);
  expect(defined.length).toBe(used.size);

  const calendar = new ICAL.Component(ICAL.parse(text));
  const fromIcalJs = calendar.getAllSubcomponents("vevent").map((v) => {
    const event = new ICAL.Event(v);
    const start = v.getFirstProperty("dtstart");
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: (start?.getParameter("tzid") as string | undefined) ?? null,
      status: (v.getFirstPropertyValue("status") as string | null) ?? null,
    };
  });
  const parsed = nodeIcal.sync.parseICS(text);
  const fromNodeIcal = Object.values(parsed)
    .filter((c) => c?.type === "VEVENT")
    .map((c) => {
      const v = c as nodeIcal.VEvent;
      return { uid: v.uid, start: v.start.toISOString(), end: v.end!.toISOString() };
    });
  const byUid = <T extends { uid: string }>(list: T[]) =>
    [...list].sort((a, b) => a.uid.localeCompare(b.uid));
  expect(
    byUid(fromIcalJs).map(({ uid, start, end }) => ({ uid, start, end })),
    "ical.js and node-ical read the same instants",
  ).toEqual(byUid(fromNodeIcal));
  return {
    method: (calendar.getFirstPropertyValue("method") as string | null) ?? null,
    events: byUid(fromIcalJs),
  };
}
