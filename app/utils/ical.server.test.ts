import { describe, expect, it } from "vitest";
import { readCalendar } from "../../tests/calendars";
import { buildInvitation, calendarContentType, vtimezone } from "./ical.server";

const invite = (
  timeZone: string,
  start: number,
  minutes = 60,
  method: "REQUEST" | "CANCEL" = "REQUEST",
) =>
  buildInvitation({
    method,
    uid: `interview-${timeZone}-${start}@atrium`,
    sequence: 0,
    start,
    end: start + minutes * 60_000,
    timeZone,
    summary: "Interview",
    description: "Bring slides.",
    location: "Room 4.12",
    organizer: { name: "Atrium", email: "jobs@atrium.test" },
    attendee: { name: "Cara", email: "cara@atrium.test" },
    stamp: Date.UTC(2027, 0, 5, 9, 30),
  });

const unfolded = (text: string) => text.replace(/\r\n[ \t]/g, "").split("\r\n");

describe("invitations", () => {
  it("carry the zone's VTIMEZONE, the local times with TZID, a UTC DTSTAMP, and end with CRLF", () => {
    const start = Date.UTC(2027, 2, 10, 13);
    const text = invite("Europe/Zurich", start);
    const lines = unfolded(text);
    expect(lines).toContain("DTSTART;TZID=Europe/Zurich:20270310T140000");
    expect(lines).toContain("DTEND;TZID=Europe/Zurich:20270310T150000");
    expect(lines).toContain("DTSTAMP:20270105T093000Z");
    expect(lines).toContain("METHOD:REQUEST");
    expect(lines.filter((l) => l.startsWith("TZID:"))).toEqual(["TZID:Europe/Zurich"]);
    const { method, events } = readCalendar(text);
    expect(method).toBe("REQUEST");
    expect(events).toMatchObject([
      { start: "2027-03-10T13:00:00.000Z", end: "2027-03-10T14:00:00.000Z", tzid: "Europe/Zurich" },
    ]);
  });

  it("a cancellation is METHOD:CANCEL, STATUS:CANCELLED, and its media type says so", () => {
    const text = invite("Asia/Tokyo", Date.UTC(2027, 5, 10, 7), 60, "CANCEL");
    expect(readCalendar(text)).toMatchObject({
      method: "CANCEL",
      events: [{ start: "2027-06-10T07:00:00.000Z", status: "CANCELLED", tzid: "Asia/Tokyo" }],
    });
    expect(calendarContentType(text)).toBe("text/calendar; charset=utf-8; method=CANCEL");
  });

  it("both parsers agree across a change of the clocks, in zones with half hours and links", () => {
    const cases: Array<[string, string, string]> = [
      // Zurich, 01:00 to 04:00 local on the night the clocks go forward: two hours.
      ["Europe/Zurich", "2027-03-28T00:00:00Z", "2027-03-28T02:00:00Z"],
      // Montreal (a link to Toronto in the zone database), across its autumn change.
      ["America/Montreal", "2027-11-06T22:00:00Z", "2027-11-07T09:00:00Z"],
      // Lord Howe Island moves its clocks by half an hour.
      ["Australia/Lord_Howe", "2027-10-02T14:00:00Z", "2027-10-02T17:00:00Z"],
      ["Asia/Kolkata", "2027-01-15T04:30:00Z", "2027-01-15T05:15:00Z"],
      ["Asia/Calcutta", "2027-01-15T04:30:00Z", "2027-01-15T05:15:00Z"],
    ];
    for (const [zone, from, to] of cases) {
      const start = Date.parse(from);
      const text = invite(zone, start, (Date.parse(to) - start) / 60_000);
      expect(readCalendar(text).events, zone).toMatchObject([
        { start: from.replace("Z", ".000Z"), end: to.replace("Z", ".000Z"), tzid: zone },
      ]);
    }
  });

  it("a time in the hour the clocks repeat is written in UTC, which no calendar can misread", () => {
    // 02:30 in Zurich happens twice on 31 October 2027; this is the second time (CET).
    const text = invite("Europe/Zurich", Date.UTC(2027, 9, 31, 1, 30));
    expect(unfolded(text)).toContain("DTSTART:20271031T013000Z");
    expect(unfolded(text).some((l) => l.startsWith("BEGIN:VTIMEZONE"))).toBe(false);
    expect(readCalendar(text).events).toMatchObject([
      { start: "2027-10-31T01:30:00.000Z", tzid: null },
    ]);
  });

  it("an interview in UTC needs no VTIMEZONE", () => {
    const text = invite("UTC", Date.UTC(2027, 5, 1, 12));
    expect(unfolded(text)).toContain("DTSTART:20270601T120000Z");
    expect(readCalendar(text).events).toMatchObject([
      { start: "2027-06-01T12:00:00.000Z", tzid: null },
    ]);
  });
});

describe("VTIMEZONE blocks", () => {
  it("are what keeps the two parsers agreeing: without one, the file is refused", () => {
    const text = invite("Asia/Tokyo", Date.UTC(2027, 5, 10, 7));
    const bare = text.replace(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r\n/, "");
    expect(bare).toContain("DTSTART;TZID=Asia/Tokyo:20270610T160000");
    expect(() => readCalendar(bare)).toThrow();
  });

  it("carry the name the events use, also for links the library files under another name", () => {
    expect(vtimezone("America/Montreal")).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:America\/Montreal\r\n/);
    expect(vtimezone("Asia/Calcutta")).toMatch(/\r\nTZID:Asia\/Calcutta\r\n/);
    expect(vtimezone("Europe/Zurich")).toMatch(/BEGIN:DAYLIGHT[\s\S]*TZOFFSETTO:\+0200/);
    expect(vtimezone("Australia/Lord_Howe")).toMatch(/TZOFFSETTO:\+1030/);
    expect(vtimezone("Mars/Olympus")).toBeNull();
  });
});

describe("media types", () => {
  it("name the file's METHOD, and none when it has none", () => {
    expect(calendarContentType("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\n")).toBe(
      "text/calendar; charset=utf-8; method=PUBLISH",
    );
    expect(calendarContentType("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n")).toBe(
      "text/calendar; charset=utf-8",
    );
  });
});
