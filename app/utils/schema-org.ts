/**
 * schema.org structured data for the pages of events, programs and tools,
 * built by pure functions from the facts each page's loader already sends to
 * show (the page renders the result with <JsonLd>), so the loader data never
 * carries the same facts twice. Search engines read these blocks.
 */
import type { ToolKind } from "../../db/schema";
import { isSpdxId, spdxUrl } from "./outputs";
import { getBrand } from "./site";
import { isoDate } from "~/utils/time";

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
) {
  const url = `${origin}/events/${e.slug}`;
  const physical = e.lab
    ? {
        "@type": "Place",
        name: e.lab.name,
        address: {
          "@type": "PostalAddress",
          addressLocality: e.lab.city,
          addressCountry: e.lab.country,
        },
      }
    : e.venueName
      ? {
          "@type": "Place",
          name: e.venueName,
          address: e.venueAddress ?? e.venueName,
        }
      : null;
  const virtual = e.onlineUrl ? { "@type": "VirtualLocation", url: e.onlineUrl } : null;
  const location = physical && virtual ? [physical, virtual] : (physical ?? virtual);
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: e.title,
    url,
    startDate: e.startDate,
    endDate: e.endDate,
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: physical
      ? virtual
        ? "https://schema.org/MixedEventAttendanceMode"
        : "https://schema.org/OfflineEventAttendanceMode"
      : "https://schema.org/OnlineEventAttendanceMode",
    location,
    description: e.description || undefined,
    organizer: { "@type": "Organization", name: getBrand().name, url: origin },
    performer: e.speakers.length
      ? e.speakers.map((s) => ({
          "@type": "Person",
          name: s.name,
          ...(s.profileSlug ? { url: `${origin}/people/${s.profileSlug}` } : {}),
          ...(s.affiliation
            ? { affiliation: { "@type": "Organization", name: s.affiliation } }
            : {}),
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
    duration: string;
    stipend: string;
    window: { opensAt: number; closesAt: number; startsAt: number };
  },
) {
  return {
    "@context": "https://schema.org",
    "@type": "EducationalOccupationalProgram",
    name: p.name,
    description: p.summary,
    url: `${origin}/programs/${p.slug}`,
    provider: { "@type": "Organization", name: getBrand().name, url: origin },
    applicationStartDate: isoDate(p.window.opensAt),
    applicationDeadline: isoDate(p.window.closesAt - 1),
    startDate: isoDate(p.window.startsAt),
    financialAidEligible: p.stipend,
  };
}

/** schema.org for a tool page: Dataset for datasets, SoftwareSourceCode for everything else. */
export function toolJsonLd(t: {
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
}) {
  const license = isSpdxId(t.license) ? spdxUrl(t.license) : t.license;
  const people = t.maintainers.map((m) => ({ "@type": "Person", name: m.name, url: m.url }));
  const citation = t.citations.map((c) => ({
    "@type": "ScholarlyArticle",
    name: c.title,
    ...(c.url ? { url: c.url } : {}),
  }));
  const common = {
    "@context": "https://schema.org",
    name: t.name,
    description: t.summary,
    url: t.url,
    license,
    keywords: t.areas.length ? t.areas : undefined,
    dateModified: t.dateModified,
    publisher: { "@type": "Organization", name: getBrand().name },
    citation: citation.length ? citation : undefined,
  };
  if (t.kind === "dataset") {
    return {
      ...common,
      "@type": "Dataset",
      creator: people.length ? people : { "@type": "Organization", name: getBrand().name },
      ...(t.repositoryUrl
        ? { distribution: { "@type": "DataDownload", contentUrl: t.repositoryUrl } }
        : {}),
      ...(t.documentationUrl ? { sameAs: t.documentationUrl } : {}),
    };
  }
  return {
    ...common,
    "@type": "SoftwareSourceCode",
    ...(t.repositoryUrl ? { codeRepository: t.repositoryUrl } : {}),
    ...(t.documentationUrl
      ? { softwareHelp: { "@type": "CreativeWork", url: t.documentationUrl } }
      : {}),
    maintainer: people.length ? people : undefined,
    author: people.length ? people : { "@type": "Organization", name: getBrand().name },
  };
}
