/**
 * What a shared link to a public page shows (Open Graph and Twitter cards),
 * and the images other programs get for the organisation: its logo and one
 * 1200×630 card per kind of page. Browser-safe: every route's `meta` calls
 * shareMeta(), on the server and after client navigations alike.
 *
 * The images are drawn on the server (app/utils/share-card.server.ts) from
 * the brand, at content-hashed addresses (`Brand.artwork` is the hash of
 * what they show), so each is cached for a year and a change of name,
 * colours or logo gives new addresses.
 */
import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { getBrand, type Brand } from "./site";

/** Open Graph's recommended card size: 1.91:1, large enough for every network's large card. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** The default logo: square, comfortably above the 112 px search engines ask for. */
export const MARK_SIZE = 512;

/** One card per kind of public page: the heading it shows under the organisation's name. */
export const SHARE_CARDS = {
  home: "Research that asks what technology is for",
  people: "Meet the people",
  labs: "Labs and locations",
  areas: "Research areas",
  careers: "Careers in research",
  programs: "Programs for students and researchers",
  events: "Talks, seminars and workshops",
  publications: "Publications",
  tools: "Tools, datasets and models",
  about: "About us",
  privacy: "Privacy",
  account: "Your account",
} as const;
export type ShareCard = keyof typeof SHARE_CARDS;

export function isShareCard(value: string): value is ShareCard {
  return Object.hasOwn(SHARE_CARDS, value);
}

/** Bump when the drawing of the cards or the mark changes: old addresses then stop being current. */
export const SHARE_ART_VERSION = "1";

export type ShareImage = { path: string; width: number; height: number; alt: string };

/** The address of a kind of page's card: `/brand/og-<kind>-<artwork>.png`. */
export function cardImage(kind: ShareCard, brand: Brand = getBrand()): ShareImage {
  return {
    path: `/brand/og-${kind}-${brand.artwork}.png`,
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    alt: `${brand.name}: ${SHARE_CARDS[kind]}`,
  };
}

/**
 * The organisation's logo as a raster image: the uploaded one's PNG, or the
 * default mark (the favicon's star, in the brand's colours) when none was
 * uploaded, so every Organization in structured data has a logo.
 */
export function logoImage(brand: Brand = getBrand()): ShareImage {
  if (brand.logo)
    return {
      path: brand.logo.png,
      width: brand.logo.width,
      height: brand.logo.height,
      alt: brand.name,
    };
  return {
    path: `/brand/mark-${brand.artwork}.png`,
    width: MARK_SIZE,
    height: MARK_SIZE,
    alt: brand.name,
  };
}

export type SharedPage = {
  /** The page's own title, without the organisation's name (which og:site_name carries). */
  title: string;
  description: string;
  /** Which card to show. */
  card: ShareCard;
  /** "profile" for a person, "article" for one dated piece; "website" otherwise. */
  type?: "website" | "profile" | "article";
  /**
   * The page's canonical address (a path), when it has one: then also the
   * canonical link. Lists leave it out: their og:url is the path visited,
   * without the query.
   */
  canonical?: string;
};

/** The site's origin as the root loader found it (siteOrigin). */
function originOf(matches: MetaArgs["matches"]): string {
  const root = matches.find((m) => m.id === "root")?.data as { origin?: string } | undefined;
  return root?.origin ?? "";
}

/**
 * The description, Open Graph and Twitter card tags of a public page, with
 * absolute addresses under the site's origin. Every public route's `meta`
 * spreads this after its title.
 */
export function shareMeta(
  { matches, location }: Pick<MetaArgs, "matches" | "location">,
  page: SharedPage,
): MetaDescriptor[] {
  const brand = getBrand();
  const origin = originOf(matches);
  const absolute = (path: string) => new URL(path, `${origin}/`).href;
  const image = cardImage(page.card, brand);
  const url = absolute(page.canonical ?? location.pathname);
  return [
    { name: "description", content: page.description },
    { property: "og:site_name", content: brand.name },
    { property: "og:type", content: page.type ?? "website" },
    { property: "og:title", content: page.title },
    { property: "og:description", content: page.description },
    { property: "og:url", content: url },
    { property: "og:image", content: absolute(image.path) },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:width", content: String(image.width) },
    { property: "og:image:height", content: String(image.height) },
    { property: "og:image:alt", content: image.alt },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: page.title },
    { name: "twitter:description", content: page.description },
    { name: "twitter:image", content: absolute(image.path) },
    { name: "twitter:image:alt", content: image.alt },
    ...(page.canonical ? [{ tagName: "link", rel: "canonical", href: url }] : []),
  ];
}
