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
