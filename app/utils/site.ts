/**
 * How the organisation presents itself: its name, colours, logo and profiles
 * elsewhere, from its settings (app/models/settings.server.ts). Pages, page
 * titles, structured data, emails and calendar files read it through
 * getBrand(); nothing names the organisation in code.
 */
export type Brand = {
  name: string;
  /** A shorter form for tight places; the name when none was set. */
  shortName: string;
  /** The main colour (headers, links); dark enough for white text on it. */
  primary: string;
  /** The accent colour (a rule under the header). */
  accent: string;
  /**
   * The logo's content-hashed paths on this site (`src` as uploaded, SVG or
   * PNG; `png` rasterised for emails and feeds; `card` a 1200×630 og:image)
   * and the PNG's size; null when there is none.
   */
  logo: { src: string; png: string; card: string; width: number; height: number } | null;
  /** The organisation's profiles elsewhere (https addresses), for links and `sameAs`. */
  sameAs: string[];
  /**
   * A hash of what the drawn images show (name, colours, logo): part of the
   * addresses of the share cards and the default mark (app/utils/share.ts).
   */
  artwork: string;
};

/** What getBrand() answers before anything provided the settings (a browser before hydration). */
const DEFAULT_BRAND: Brand = {
  name: "Northlight Research",
  shortName: "Northlight",
  primary: "#1d3b6a",
  accent: "#f5c451",
  logo: null,
  sameAs: [],
  artwork: "0",
};

let source: (() => Brand) | null = null;
let current: Brand = DEFAULT_BRAND;

/**
 * On the server: where getBrand() reads the settings from (installed once
 * per process by app/brand.server.ts; every call reads the current
 * settings, so a change reaches the next page in every worker).
 */
export function provideBrand(read: () => Brand) {
  source = read;
}

/** In the browser: the brand the root loader sent (app/root.tsx keeps it current). */
export function setBrand(brand: Brand) {
  current = brand;
}

/** The organisation as it is now: its name, colours, logo and profiles. */
export function getBrand(): Brand {
  return source ? source() : current;
}

/** Builds a page title: "Page · Organisation name". */
export function pageTitle(...parts: Array<string | undefined | null>): string {
  return [...parts.filter(Boolean), getBrand().name].join(" · ");
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
