/**
 * The one home of dates, times, time zones and the few formats the product
 * shows (pay included), on Luxon. Server and browser code both import it, so
 * it touches nothing of the server.
 *
 * Instants are UTC milliseconds everywhere; a zone is an IANA name
 * ("Europe/Zurich"). Formats are written with explicit Luxon tokens in the
 * "en-US" locale, for which Luxon uses its own English month and weekday
 * names and plain digits instead of the runtime's ICU data: the server and
 * every browser then render the same text, so hydration never mismatches.
 *
 * Styles (one each):
 * - visitors (public pages, candidates, emails): "21 December 2026";
 *   "Monday 21 December 2026, 14:00–15:30 (Europe/Zurich)"
 * - staff (recruit and admin pages): "21 Dec 2026"; "21 Dec 2026, 14:00 (UTC)"
 * - pay: "CHF 82,000–90,000 a year" (commas every three digits)
 */
import { DateTime, IANAZone } from "luxon";

const LOCALE = "en-US";
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- zones

/**
 * True for an IANA time-zone name the runtime knows ("Europe/Zurich",
 * "America/Montreal", "UTC"), spelled as the zone database spells it: each
 * part starts with a capital or a digit, so "europe/zurich" (which the
 * runtime would accept) is not stored in a second spelling.
 */
export function isTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  const known =
    value.length <= 64 &&
    /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/.test(value) &&
    IANAZone.isValidZone(value);
  // Asking the runtime builds a formatter each time; the real names are few, so they are kept.
  if (known) knownZones.add(value);
  return known;
}

const knownZones = new Set<string>();

/**
 * The zone names forms offer: "UTC" first, then the runtime's list, plus
 * `keep` (a stored zone the runtime lists under another name, such as
 * "America/Montreal", so editing a record does not lose it).
 */
export function timeZoneNames(keep?: string): string[] {
  const names = Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC");
  if (keep && keep !== "UTC" && isTimeZone(keep) && !names.includes(keep)) {
    names.push(keep);
    names.sort();
  }
  return ["UTC", ...names];
}

/**
 * The zone this code runs in: the visitor's own in the browser (call it only
 * after hydration, so the server's HTML never depends on it), or null when the
 * runtime names none.
 */
export function localTimeZone(): string | null {
  const zone = DateTime.local().zoneName;
  return zone && isTimeZone(zone) ? zone : null;
}

/** "UTC+01:00", "UTC-03:30" or "UTC+05:45": the offset of `zone` at instant `at`; "UTC" at offset zero. */
export function utcOffsetLabel(zone: string, at = Date.now()): string {
  const minutes = isTimeZone(zone) ? IANAZone.create(zone).offset(at) : 0;
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  const two = (n: number) => String(n).padStart(2, "0");
  return `UTC${minutes < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

// ---------------------------------------------------------------- conversions

/**
 * Every instant whose wall clock in `zone` reads `wall` (that wall-clock time
 * written as if it were UTC milliseconds), earliest first: none in a gap
 * where the clocks jump forward, two in the hour they are set back. The
 * offsets a day either side are the only candidates, as no zone changes its
 * clocks twice within two days.
 */
function instantsAt(wall: number, zone: IANAZone): number[] {
  const before = zone.offset(wall - DAY_MS);
  const after = zone.offset(wall + DAY_MS);
  if (before === after) return [wall - before * 60_000];
  return [before, after]
    .map((offset) => wall - offset * 60_000)
    .filter((t) => zone.offset(t) * 60_000 === wall - t)
    .sort((x, y) => x - y);
}

type WallTime = { ok: true; ms: number } | { ok: false; reason: "invalid" | "skipped" };

/**
 * "2027-03-10T14:00" read on the wall clock of `zone` → UTC milliseconds.
 *
 * The one rule for daylight-saving changes, used by every form:
 * - a time the clocks skip (02:30 on the night they jump from 02:00 to 03:00)
 *   does not exist there and is refused (`reason: "skipped"`), so nothing is
 *   stored at a time nobody typed;
 * - a time the clocks show twice (02:30 on the night they go back from 03:00
 *   to 02:00) means the first time it is shown, as RFC 5545 reads it.
 *
 * `reason: "invalid"` is a malformed or impossible date ("2027-02-30T10:00")
 * or an unknown zone.
 */
export function wallTimeToUtc(local: string, zone: string): WallTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m || !isTimeZone(zone)) return { ok: false, reason: "invalid" };
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const wall = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: "utc" });
  // Luxon would roll 24:00 over into the next day; a form means a time that day.
  if (!wall.isValid || wall.hour !== hour) return { ok: false, reason: "invalid" };
  const [first] = instantsAt(wall.toMillis(), IANAZone.create(zone));
  return first === undefined ? { ok: false, reason: "skipped" } : { ok: true, ms: first };
}

/** The form message for a wall-clock time `wallTimeToUtc` refused. */
export function wallTimeProblem(reason: "invalid" | "skipped", zone: string): string {
  return reason === "skipped"
    ? `That time does not exist in ${zone}: the clocks skip it when daylight-saving time starts. Choose a time outside the skipped hour.`
    : "Enter a real date and time, like 2027-03-10 14:00.";
}

/**
 * True when the wall-clock time of instant `ms` in `zone` is shown twice that
 * night (the hour the clocks go back), so the local time alone cannot say
 * which of the two is meant.
 */
export function isRepeatedWallTime(ms: number, zone: string): boolean {
  const tz = IANAZone.create(zone);
  // Only where the clocks go back (a smaller offset after than before) is any hour shown twice.
  if (!tz.isValid || tz.offset(ms - DAY_MS) <= tz.offset(ms + DAY_MS)) return false;
  return instantsAt(ms + tz.offset(ms) * 60_000, tz).length > 1;
}

/** UTC milliseconds → "2027-03-10T14:00" on the wall clock of `zone` (a datetime-local value). */
export function utcToWallTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** ISO 8601 with the zone's offset ("2027-03-10T14:00:00+01:00"), for <time datetime> and JSON-LD. */
export function isoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? "";
}

/** "2027-03-10": the calendar day of instant `ms` in `zone` (UTC unless given), for machines and date inputs. */
export function isoDate(ms: number, zone = "UTC"): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd");
}

function utcDay(iso: string): DateTime | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const day = DateTime.fromISO(iso, { zone: "utc" });
  return day.isValid ? day : null;
}

/** The first millisecond (UTC) of calendar day "2027-01-15", or null when there is no such day ("2027-02-30"). */
export function utcDayStart(iso: string): number | null {
  return utcDay(iso)?.toMillis() ?? null;
}

/** The last millisecond (UTC) of calendar day "2027-01-15" ("apply by", "answer by"), or null when there is no such day. */
export function utcDayEnd(iso: string): number | null {
  return utcDay(iso)?.endOf("day").toMillis() ?? null;
}

// ---------------------------------------------------------------- formats

const inZone = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone, locale: LOCALE });

/** Visitors' date: "21 December 2026" (the calendar day in `zone`, UTC unless given); "" for no date. */
export function formatDate(ms: number | null | undefined, zone = "UTC"): string {
  return ms == null ? "" : inZone(ms, zone).toFormat("d LLLL yyyy");
}

/**
 * Visitors' date and time, as a range: "Monday 21 December 2026, 14:00–15:30
 * (Europe/Zurich)", or both days when it spans midnight
 * ("Monday 21 December 2026, 22:00 – Tuesday 22 December 2026, 01:00 (UTC)").
 */
export function formatTimeRange(start: number, end: number, zone: string): string {
  return range(start, end, zone, "cccc d LLLL yyyy");
}

/** Staff date: "21 Dec 2026" (the calendar day in `zone`, UTC unless given); "" for no date. */
export function formatStaffDate(ms: number | null | undefined, zone = "UTC"): string {
  return ms == null ? "" : inZone(ms, zone).toFormat("d LLL yyyy");
}

/** Staff date and time: "21 Dec 2026, 14:00 (UTC)" (in `zone`, UTC unless given); "" for no time. */
export function formatStaffDateTime(ms: number | null | undefined, zone = "UTC"): string {
  return ms == null ? "" : `${inZone(ms, zone).toFormat("d LLL yyyy, HH:mm")} (${zone})`;
}

/** Staff date and time, as a range: "21 Dec 2026, 14:00–15:30 (Europe/Zurich)". */
export function formatStaffTimeRange(start: number, end: number, zone: string): string {
  return range(start, end, zone, "d LLL yyyy");
}

function range(start: number, end: number, zone: string, day: string): string {
  const a = inZone(start, zone);
  const b = inZone(end, zone);
  const head = a.toFormat(`${day}, HH:mm`);
  return a.hasSame(b, "day")
    ? `${head}–${b.toFormat("HH:mm")} (${zone})`
    : `${head} – ${b.toFormat(`${day}, HH:mm`)} (${zone})`;
}

/** "82,000": a whole number with commas every three digits, whatever the runtime's locale data. */
export function formatNumber(n: number): string {
  const digits = String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 && Math.round(n) !== 0 ? `-${digits}` : digits;
}

const PER: Record<"year" | "month" | "hour", string> = {
  year: "a year",
  month: "a month",
  hour: "an hour",
};

/** Pay, for openings and offers alike: "CHF 82,000–90,000 a year", "EUR 3,000 a month". */
export function formatPay(
  currency: string,
  period: "year" | "month" | "hour",
  min: number,
  max: number = min,
): string {
  const amount = min === max ? formatNumber(min) : `${formatNumber(min)}–${formatNumber(max)}`;
  return `${currency} ${amount} ${PER[period]}`;
}
