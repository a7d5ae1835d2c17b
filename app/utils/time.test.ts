import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatNumber,
  formatPay,
  formatStaffDate,
  formatStaffDateTime,
  formatStaffTimeRange,
  formatTimeRange,
  isoDate,
  isoInZone,
  isRepeatedWallTime,
  isTimeZone,
  timeZoneNames,
  utcDayEnd,
  utcDayStart,
  utcOffsetLabel,
  utcToWallTime,
  wallTimeProblem,
  wallTimeToUtc,
} from "./time";

const utc = (iso: string) => Date.parse(iso);
const instant = (local: string, zone: string) => {
  const r = wallTimeToUtc(local, zone);
  return r.ok ? new Date(r.ms).toISOString() : r.reason;
};

describe("time zones", () => {
  it("knows IANA names, links included, and refuses anything else", () => {
    for (const zone of [
      "UTC",
      "Europe/Zurich",
      "America/Montreal",
      "America/Argentina/Buenos_Aires",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
      "Etc/GMT+5",
    ])
      expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of [
      "",
      "Mars/Olympus",
      "europe/zurich",
      "Europe/Zurich ",
      "+01:00",
      "CET; DROP TABLE",
      "../etc/passwd",
      `Europe/${"A".repeat(70)}`,
    ])
      expect(isTimeZone(zone), zone).toBe(false);
  });

  it("offers UTC first, then the runtime's zones, keeping a stored name the runtime lists differently", () => {
    const names = timeZoneNames();
    expect(names[0]).toBe("UTC");
    expect(names.filter((z) => z === "UTC")).toHaveLength(1);
    expect(names).toContain("Europe/Zurich");
    expect(timeZoneNames("America/Montreal")).toContain("America/Montreal");
    expect(timeZoneNames("Mars/Olympus")).not.toContain("Mars/Olympus");
  });

  it("names a zone's offset at a given moment, half and three-quarter hours included", () => {
    expect(utcOffsetLabel("Europe/Zurich", utc("2027-01-15T12:00:00Z"))).toBe("UTC+01:00");
    expect(utcOffsetLabel("Europe/Zurich", utc("2027-07-15T12:00:00Z"))).toBe("UTC+02:00");
    expect(utcOffsetLabel("America/St_Johns", utc("2027-01-15T12:00:00Z"))).toBe("UTC-03:30");
    expect(utcOffsetLabel("Asia/Kathmandu", utc("2027-01-15T12:00:00Z"))).toBe("UTC+05:45");
    expect(utcOffsetLabel("Europe/London", utc("2027-01-15T12:00:00Z"))).toBe("UTC");
    expect(utcOffsetLabel("Mars/Olympus")).toBe("UTC");
  });
});

describe("wall clock to UTC: one rule for the hours daylight-saving time skips and repeats", () => {
  it("reads an ordinary time in its zone, half-hour zones included", () => {
    expect(instant("2027-03-10T14:00", "Europe/Zurich")).toBe("2027-03-10T13:00:00.000Z");
    expect(instant("2027-07-01T09:30", "America/Montreal")).toBe("2027-07-01T13:30:00.000Z");
    expect(instant("2027-01-01T10:00", "Asia/Kolkata")).toBe("2027-01-01T04:30:00.000Z");
    expect(instant("2027-06-10T16:00", "Asia/Tokyo")).toBe("2027-06-10T07:00:00.000Z");
    expect(instant("2027-06-10T16:00:30", "UTC")).toBe("2027-06-10T16:00:30.000Z");
  });

  it("refuses a time the clocks skip (Zurich, Montreal, and Lord Howe's half hour)", () => {
    expect(instant("2027-03-28T02:00", "Europe/Zurich")).toBe("skipped");
    expect(instant("2027-03-28T02:59", "Europe/Zurich")).toBe("skipped");
    expect(instant("2027-03-28T03:00", "Europe/Zurich")).toBe("2027-03-28T01:00:00.000Z");
    expect(instant("2027-03-28T01:59", "Europe/Zurich")).toBe("2027-03-28T00:59:00.000Z");
    expect(instant("2027-03-14T02:30", "America/Montreal")).toBe("skipped");
    expect(instant("2027-03-14T03:00", "America/Montreal")).toBe("2027-03-14T07:00:00.000Z");
    // Lord Howe Island moves its clocks by 30 minutes, from 02:00 to 02:30.
    expect(instant("2027-10-03T02:15", "Australia/Lord_Howe")).toBe("skipped");
    expect(instant("2027-10-03T02:30", "Australia/Lord_Howe")).toBe("2027-10-02T15:30:00.000Z");
    expect(wallTimeProblem("skipped", "Europe/Zurich")).toMatch(/does not exist in Europe\/Zurich/);
  });

  it("reads a time the clocks show twice as the first time it is shown", () => {
    // Zurich goes back from 03:00 CEST to 02:00 CET: 02:30 happens at 00:30 and 01:30 UTC.
    expect(instant("2027-10-31T02:30", "Europe/Zurich")).toBe("2027-10-31T00:30:00.000Z");
    // Montreal goes back from 02:00 EDT to 01:00 EST: 01:30 is 05:30 UTC first.
    expect(instant("2027-11-07T01:30", "America/Montreal")).toBe("2027-11-07T05:30:00.000Z");
    // Lord Howe goes back from 02:00 (+11) to 01:30 (+10:30): 01:45 is 14:45 UTC first.
    expect(instant("2027-04-04T01:45", "Australia/Lord_Howe")).toBe("2027-04-03T14:45:00.000Z");
    // Just outside the repeated hour there is one reading.
    expect(instant("2027-10-31T03:00", "Europe/Zurich")).toBe("2027-10-31T02:00:00.000Z");
    expect(instant("2027-10-31T01:59", "Europe/Zurich")).toBe("2027-10-30T23:59:00.000Z");
  });

  it("tells which instants fall in a repeated hour", () => {
    expect(isRepeatedWallTime(utc("2027-10-31T00:30:00Z"), "Europe/Zurich")).toBe(true);
    expect(isRepeatedWallTime(utc("2027-10-31T01:30:00Z"), "Europe/Zurich")).toBe(true);
    expect(isRepeatedWallTime(utc("2027-10-31T02:00:00Z"), "Europe/Zurich")).toBe(false);
    expect(isRepeatedWallTime(utc("2027-03-28T01:00:00Z"), "Europe/Zurich")).toBe(false);
    expect(isRepeatedWallTime(utc("2027-04-03T15:10:00Z"), "Australia/Lord_Howe")).toBe(true);
    expect(isRepeatedWallTime(utc("2027-06-10T07:00:00Z"), "Asia/Tokyo")).toBe(false);
  });

  it("refuses malformed or impossible dates and unknown zones", () => {
    for (const local of [
      "2027-02-30T10:00",
      "2027-13-01T10:00",
      "2027-03-10T24:00",
      "2027-03-10 14:00",
      "tomorrow",
    ])
      expect(instant(local, "Europe/Zurich"), local).toBe("invalid");
    expect(instant("2027-03-10T14:00", "Mars/Olympus")).toBe("invalid");
    expect(wallTimeProblem("invalid", "UTC")).toMatch(/real date and time/);
  });

  it("round-trips every instant to the wall clock a form shows, around each change and through the year", () => {
    const changes: Record<string, string[]> = {
      "Europe/Zurich": ["2027-03-28T01:00:00Z", "2027-10-31T01:00:00Z"],
      "America/Montreal": ["2027-03-14T07:00:00Z", "2027-11-07T06:00:00Z"],
      "Australia/Lord_Howe": ["2027-04-03T15:00:00Z", "2027-10-02T15:30:00Z"],
      "Asia/Kolkata": [],
    };
    for (const [zone, at] of Object.entries(changes)) {
      const instants = [
        ...at.flatMap((c) => Array.from({ length: 48 }, (_, i) => utc(c) + (i - 24) * 15 * 60_000)),
        ...Array.from(
          { length: 60 },
          (_, i) => utc("2027-01-01T00:00:00Z") + i * 6 * 86_400_000 + i * 60_000,
        ),
      ];
      for (const ms of instants) {
        const wall = utcToWallTime(ms, zone);
        const back = wallTimeToUtc(wall, zone);
        expect(back.ok, `${zone} ${wall}`).toBe(true);
        // An instant in the repeated hour's second pass reads back as its first.
        if (back.ok && !(isRepeatedWallTime(ms, zone) && back.ms < ms)) expect(back.ms).toBe(ms);
      }
    }
  });

  it("calendar days: the first and last millisecond, and no day that does not exist", () => {
    expect(utcDayStart("2027-01-15")).toBe(utc("2027-01-15T00:00:00Z"));
    expect(utcDayEnd("2027-01-15")).toBe(utc("2027-01-15T23:59:59.999Z"));
    expect(utcDayEnd("2028-02-29")).toBe(utc("2028-02-29T23:59:59.999Z"));
    for (const bad of ["2027-02-29", "2027-02-30", "2027-1-5", "2027-01-15T00:00", ""]) {
      expect(utcDayStart(bad), bad).toBeNull();
      expect(utcDayEnd(bad), bad).toBeNull();
    }
    expect(isoDate(utc("2027-01-15T23:30:00Z"))).toBe("2027-01-15");
    expect(isoDate(utc("2027-01-15T23:30:00Z"), "Asia/Tokyo")).toBe("2027-01-16");
    expect(isoInZone(utc("2027-03-10T13:00:00Z"), "Europe/Zurich")).toBe(
      "2027-03-10T14:00:00+01:00",
    );
    expect(isoInZone(utc("2027-06-10T07:00:00Z"), "Asia/Kolkata")).toBe(
      "2027-06-10T12:30:00+05:30",
    );
  });
});

describe("the formats people read", () => {
  const start = utc("2026-12-21T13:00:00Z");

  it("visitors: the date spelled out, ranges with the weekday and the zone", () => {
    expect(formatDate(start)).toBe("21 December 2026");
    expect(formatDate(utc("2026-12-21T23:30:00Z"), "Asia/Tokyo")).toBe("22 December 2026");
    expect(formatDate(null)).toBe("");
    expect(formatTimeRange(start, start + 90 * 60_000, "Europe/Zurich")).toBe(
      "Monday 21 December 2026, 14:00–15:30 (Europe/Zurich)",
    );
    expect(formatTimeRange(start, start + 12 * 3_600_000, "UTC")).toBe(
      "Monday 21 December 2026, 13:00 – Tuesday 22 December 2026, 01:00 (UTC)",
    );
  });

  it("staff: the short date, and date-times that say their zone", () => {
    expect(formatStaffDate(start)).toBe("21 Dec 2026");
    expect(formatStaffDate(undefined)).toBe("");
    expect(formatStaffDateTime(utc("2026-12-07T19:25:41Z"))).toBe("7 Dec 2026, 19:25 (UTC)");
    expect(formatStaffDateTime(utc("2026-12-07T19:25:00Z"), "Asia/Kolkata")).toBe(
      "8 Dec 2026, 00:55 (Asia/Kolkata)",
    );
    expect(formatStaffTimeRange(start, start + 3_600_000, "America/Montreal")).toBe(
      "21 Dec 2026, 08:00–09:00 (America/Montreal)",
    );
  });

  it("a range across a daylight-saving change shows both wall clocks as they read", () => {
    // 01:00 to 04:00 in Zurich on the night the clocks go forward is two hours long.
    const from = utc("2027-03-28T00:00:00Z");
    expect(formatStaffTimeRange(from, from + 2 * 3_600_000, "Europe/Zurich")).toBe(
      "28 Mar 2027, 01:00–04:00 (Europe/Zurich)",
    );
  });

  it("numbers and pay group digits with commas, whatever the locale", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1000)).toBe("1,000");
    expect(formatNumber(1234567.6)).toBe("1,234,568");
    expect(formatNumber(-86000)).toBe("-86,000");
    expect(formatPay("CHF", "year", 86000)).toBe("CHF 86,000 a year");
    expect(formatPay("EUR", "month", 3000, 3500)).toBe("EUR 3,000–3,500 a month");
    expect(formatPay("USD", "hour", 45, 45)).toBe("USD 45 an hour");
  });
});
