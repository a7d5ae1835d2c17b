/** The demo organisation's name, used in titles, emails and structured data. */
export const ORG_NAME = "Northlight Research";

/** Builds a page title: "Page · Northlight Research". */
export function pageTitle(...parts: Array<string | undefined | null>): string {
  return [...parts.filter(Boolean), ORG_NAME].join(" · ");
}

export const OPENING_KIND_LABELS = {
  researcher: "Research scientist",
  postdoc: "Postdoctoral researcher",
  intern: "Research intern",
  fellowship: "Fellowship",
  engineer: "Research engineer",
} as const;

export const REMOTE_POLICY_LABELS = {
  onsite: "On site",
  hybrid: "Hybrid",
  remote: "Remote",
} as const;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Formats a millisecond timestamp as "1 December 2026" (UTC). Written out by
 * hand rather than with Intl: the server's and the browser's ICU data differ
 * (one browser rendered "1 / December / 2026" after client navigation), and
 * the text must be the same wherever it is rendered.
 */
export function formatDate(ms: number | null | undefined): string {
  if (ms == null) return "";
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** ISO date (YYYY-MM-DD) for <time dateTime> and structured data. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
