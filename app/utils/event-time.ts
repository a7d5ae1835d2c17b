/**
 * Dates and times of events. An event is stored as UTC milliseconds plus the
 * IANA time zone it happens in; pages show it in that zone (server-rendered,
 * the same on every machine) and, after hydration, in the visitor's own zone.
 * Luxon does the zone arithmetic (daylight-saving gaps included).
 */
import { DateTime, IANAZone } from "luxon";

/** True for a time zone name the runtime knows ("Europe/Zurich", "UTC"). */
export function isTimeZone(value: string): boolean {
  return IANAZone.isValidZone(value);
}

/** Every IANA zone the runtime knows, for the admin form's select. */
export function timeZoneNames(): string[] {
  const list =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return list.includes("UTC") ? list : ["UTC", ...list];
}

/**
 * "2026-03-29T02:30" read as a wall-clock time in `zone` → UTC milliseconds,
 * or null when it is not a date-time. A time skipped by a daylight-saving
 * change moves forward, as clocks do.
 */
export function wallTimeToUtc(local: string, zone: string): number | null {
  const dt = DateTime.fromISO(local, { zone });
  return dt.isValid ? dt.toMillis() : null;
}

/** UTC milliseconds → "YYYY-MM-DDTHH:mm" on the wall clock of `zone` (a datetime-local value). */
export function utcToWallTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** "Thursday 10 December 2026, 15:00–16:30 CET" (or both dates when it spans days). */
export function formatEventRange(startMs: number, endMs: number, zone: string): string {
  const start = DateTime.fromMillis(startMs, { zone }).setLocale("en-GB");
  const end = DateTime.fromMillis(endMs, { zone }).setLocale("en-GB");
  const day = "cccc d LLLL yyyy";
  if (start.hasSame(end, "day")) {
    return `${start.toFormat(day)}, ${start.toFormat("HH:mm")}–${end.toFormat("HH:mm")} ${end.toFormat("ZZZZ")}`;
  }
  return `${start.toFormat(day)}, ${start.toFormat("HH:mm")} – ${end.toFormat(day)}, ${end.toFormat("HH:mm")} ${end.toFormat("ZZZZ")}`;
}

/** "10 Dec 2026" in the event's zone, for compact lists. */
export function formatEventDay(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale("en-GB").toFormat("d LLL yyyy");
}

/** ISO 8601 with the event zone's offset, for <time datetime> and JSON-LD. */
export function isoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? "";
}

/** The same range in the zone the browser runs in (called only after hydration). */
export function formatInVisitorZone(
  startMs: number,
  endMs: number,
): { text: string; zone: string } {
  const zone = DateTime.local().zoneName ?? "UTC";
  return { text: formatEventRange(startMs, endMs, zone), zone };
}
