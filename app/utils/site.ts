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

/** Formats a millisecond timestamp as a readable date (UTC, so server and browser agree). */
export function formatDate(ms: number | null | undefined): string {
  if (ms == null) return "";
  return new Date(ms).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** ISO date (YYYY-MM-DD) for <time dateTime> and structured data. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
