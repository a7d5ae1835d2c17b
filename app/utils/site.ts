/** The demo organisation's name, used in titles, emails and structured data. */
export const ORG_NAME = "Northlight Research";

/** How the organisation presents itself in what it sends: its name, logo and brand colours. */
export type Brand = {
  name: string;
  /**
   * The organisation's logo, a square PNG: a path on this site (structured
   * data makes it absolute). Until an organisation sets its own, the default
   * mark (app/routes/brand.logo[.]png.ts).
   */
  logo: string;
  /** The main colour (headers, links); dark enough for white text on it. */
  primary: string;
  /** The accent colour (a rule under the header). */
  accent: string;
};

/**
 * The organisation's name, logo and colours, for emails, structured data and
 * the images of shared links. Read them through here, not from ORG_NAME: they
 * are meant to become settings an admin changes.
 */
export function getBrand(): Brand {
  return { name: ORG_NAME, logo: "/brand/logo.png", primary: "#1d3b6a", accent: "#f5c451" };
}

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
