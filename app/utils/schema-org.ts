/**
 * schema.org structured data for the public pages, built by pure functions
 * from the facts each page's loader already sends to show (the page renders
 * the result with <JsonLd>), so the loader data never carries the same facts
 * twice. Search engines read these blocks.
 *
 * Every builder is typed with schema-dts, so a property that schema.org does
 * not define on the type fails the typecheck. Properties that a page may not
 * have are written as `name: value ?? undefined` (JSON leaves them out), never
 * spread in: TypeScript checks the names of an object literal's own
 * properties, not those of a spread.
 */
import type {
  Dataset,
  EducationalOccupationalProgram,
  Event,
  Organization,
  Person,
  Place,
  PostalAddress,
  ResearchOrganization,
  SoftwareSourceCode,
  WithContext,
} from "schema-dts";
import type { ToolKind } from "~/lib/enums";
import { isCountryCode } from "./countries";
import { isSpdxId, spdxUrl } from "./outputs";
import { cardImage, logoImage, type ShareCard } from "./share";
import { getBrand } from "./site";
import { isoDate } from "~/utils/time";

/** A path on this site ("/people/ada") as an absolute URL under `origin`. */
export function absoluteUrl(origin: string, path: string): string {
  return new URL(path, `${origin}/`).href;
}

/**
 * The organisation, as every block names it: its name, home page and logo.
 * Read from getBrand(), the one place the organisation's settings come from.
 */
export function organization(origin: string): Organization {
  const brand = getBrand();
  return {
    "@type": "Organization",
    name: brand.name,
    url: `${origin}/`,
    logo: absoluteUrl(origin, logoImage(brand).path),
    sameAs: brand.sameAs.length ? brand.sameAs : undefined,
  };
}

/**
 * A postal address of a lab or venue. The country is an ISO 3166-1 alpha-2
 * code, as schema.org asks; a country stored before codes that the migration
 * could not read is left out rather than sent as free text.
 */
export function postalAddress(a: {
  street?: string | null;
  city: string;
  country: string;
}): PostalAddress {
  return {
    "@type": "PostalAddress",
    streetAddress: a.street || undefined,
    addressLocality: a.city,
    addressCountry: isCountryCode(a.country) ? a.country : undefined,
  };
}

/**
 * The share card of a kind of page (1200×630, in the organisation's name,
 * colours and logo, or its default mark): the image of things that have
 * none of their own, such as events.
 */
function cardImageUrl(origin: string, kind: ShareCard): string {
  return absoluteUrl(origin, cardImage(kind).path);
}

/** schema.org ResearchOrganization for the whole organisation, on the home page. */
export function organizationJsonLd(
  origin: string,
  o: { description: string },
): WithContext<ResearchOrganization> {
  const brand = getBrand();
  return {
    "@context": "https://schema.org",
    "@type": "ResearchOrganization",
    name: brand.name,
    url: `${origin}/`,
    logo: absoluteUrl(origin, logoImage(brand).path),
    sameAs: brand.sameAs.length ? brand.sameAs : undefined,
    description: o.description,
  };
}

/** schema.org ResearchOrganization for one lab (/labs/:slug), part of the organisation. */
export function labJsonLd(
  origin: string,
  lab: {
    slug: string;
    name: string;
    city: string;
    country: string;
    street: string | null;
    description: string;
  },
): WithContext<ResearchOrganization> {
  return {
    "@context": "https://schema.org",
    "@type": "ResearchOrganization",
    name: lab.name,
    url: absoluteUrl(origin, `/labs/${lab.slug}`),
    description: lab.description || undefined,
    address: postalAddress({ street: lab.street, city: lab.city, country: lab.country }),
    parentOrganization: organization(origin),
  };
}

/** schema.org Event for /events/:slug. Dates are ISO 8601 in the event's own zone. */
export function eventJsonLd(
  origin: string,
  e: {
    slug: string;
    title: string;
    startDate: string;
    endDate: string;
    description: string;
    lab: { name: string; city: string; country: string } | null;
    venueName: string | null;
    venueAddress: string | null;
    onlineUrl: string | null;
    speakers: Array<{ name: string; profileSlug: string | null; affiliation: string | null }>;
    areas: Array<{ name: string }>;
  },
): WithContext<Event> {
  const url = absoluteUrl(origin, `/events/${e.slug}`);
  const physical: Place | null = e.lab
    ? {
        "@type": "Place",
        name: e.lab.name,
        address: postalAddress({ city: e.lab.city, country: e.lab.country }),
      }
    : e.venueName
      ? { "@type": "Place", name: e.venueName, address: e.venueAddress ?? e.venueName }
      : null;
  const virtual = e.onlineUrl ? { "@type": "VirtualLocation" as const, url: e.onlineUrl } : null;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: e.title,
    url,
    image: cardImageUrl(origin, "events"),
    startDate: e.startDate,
    endDate: e.endDate,
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: physical
      ? virtual
        ? "https://schema.org/MixedEventAttendanceMode"
        : "https://schema.org/OfflineEventAttendanceMode"
      : "https://schema.org/OnlineEventAttendanceMode",
    location: physical && virtual ? [physical, virtual] : (physical ?? virtual ?? undefined),
    description: e.description || undefined,
    organizer: organization(origin),
    performer: e.speakers.length
      ? e.speakers.map((s): Person => ({
          "@type": "Person",
          name: s.name,
          url: s.profileSlug ? absoluteUrl(origin, `/people/${s.profileSlug}`) : undefined,
          affiliation: s.affiliation ? { "@type": "Organization", name: s.affiliation } : undefined,
        }))
      : undefined,
    about: e.areas.length ? e.areas.map((a) => a.name) : undefined,
  };
}

/** schema.org EducationalOccupationalProgram for /programs/:slug. */
export function programJsonLd(
  origin: string,
  p: {
    slug: string;
    name: string;
    summary: string;
    window: { opensAt: number; closesAt: number; startsAt: number };
  },
): WithContext<EducationalOccupationalProgram> {
  return {
    "@context": "https://schema.org",
    "@type": "EducationalOccupationalProgram",
    name: p.name,
    description: p.summary,
    url: absoluteUrl(origin, `/programs/${p.slug}`),
    provider: organization(origin),
    applicationStartDate: isoDate(p.window.opensAt),
    applicationDeadline: isoDate(p.window.closesAt - 1),
    startDate: isoDate(p.window.startsAt),
  };
}

/**
 * schema.org for a tool page: Dataset for datasets, SoftwareSourceCode for
 * everything else. Its documentation is a TechArticle about it (subjectOf):
 * neither type has a property of its own for documentation.
 */
export function toolJsonLd(
  origin: string,
  t: {
    name: string;
    kind: ToolKind;
    summary: string;
    url: string;
    repositoryUrl: string | null;
    documentationUrl: string | null;
    license: string;
    areas: string[];
    maintainers: Array<{ name: string; url: string }>;
    citations: Array<{ title: string; url: string | null }>;
    dateModified: string;
  },
): WithContext<Dataset> | WithContext<SoftwareSourceCode> {
  const people = t.maintainers.map((m): Person => ({
    "@type": "Person",
    name: m.name,
    url: m.url,
  }));
  const citation = t.citations.map((c) => ({
    "@type": "ScholarlyArticle" as const,
    name: c.title,
    url: c.url ?? undefined,
  }));
  // Checked against SoftwareSourceCode's properties, which Dataset has too (both are CreativeWorks).
  const common = {
    name: t.name,
    description: t.summary,
    url: t.url,
    license: isSpdxId(t.license) ? spdxUrl(t.license) : t.license,
    keywords: t.areas.length ? t.areas : undefined,
    dateModified: t.dateModified,
    publisher: organization(origin),
    citation: citation.length ? citation : undefined,
    subjectOf: t.documentationUrl
      ? {
          "@type": "TechArticle" as const,
          name: `${t.name} documentation`,
          url: t.documentationUrl,
        }
      : undefined,
  } satisfies Omit<Extract<SoftwareSourceCode, { "@type": "SoftwareSourceCode" }>, "@type">;
  if (t.kind === "dataset") {
    return {
      "@context": "https://schema.org",
      ...common,
      "@type": "Dataset",
      creator: people.length ? people : organization(origin),
      distribution: t.repositoryUrl
        ? { "@type": "DataDownload", contentUrl: t.repositoryUrl }
        : undefined,
    };
  }
  return {
    "@context": "https://schema.org",
    ...common,
    "@type": "SoftwareSourceCode",
    codeRepository: t.repositoryUrl ?? undefined,
    maintainer: people.length ? people : undefined,
    author: people.length ? people : organization(origin),
  };
}

/** Only http(s) URLs are ever rendered as links or sent to crawlers. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
