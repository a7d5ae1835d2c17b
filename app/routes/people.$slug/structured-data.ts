import type { Person, WithContext } from "schema-dts";
import { absoluteUrl, organization, postalAddress, safeHttpUrl } from "~/utils/schema-org";

/** An ORCID iD ("0000-0002-1825-0097") or its URL → the canonical https://orcid.org/… URL. */
function orcidUrl(value: string | null | undefined): string | null {
  const id = value?.trim().match(/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i)?.[1];
  return id ? `https://orcid.org/${id.toUpperCase()}` : null;
}

export type ProfileLink = { label: string; href: string };

/** The external links of a profile, in a fixed order, dropping any that are not http(s). */
export function profileLinks(person: {
  homepageUrl: string | null;
  orcid: string | null;
  scholarUrl: string | null;
  githubUrl: string | null;
}): ProfileLink[] {
  const links: Array<[string, string | null]> = [
    ["Homepage", safeHttpUrl(person.homepageUrl)],
    ["ORCID", orcidUrl(person.orcid)],
    ["Google Scholar", safeHttpUrl(person.scholarUrl)],
    ["GitHub", safeHttpUrl(person.githubUrl)],
  ];
  return links
    .filter((l): l is [string, string] => l[1] !== null)
    .map(([label, href]) => ({ label, href }));
}

/** schema.org Person for a profile page. */
export function personJsonLd(
  origin: string,
  input: {
    slug: string;
    name: string;
    title: string;
    description: string;
    hasPhoto: boolean;
    labName: string;
    labCity: string;
    labCountry: string;
    areas: string[];
    sameAs: string[];
    alumni: boolean;
  },
): WithContext<Person> {
  const org = organization(origin);
  return {
    "@context": "https://schema.org",
    "@type": "Person",
    name: input.name,
    jobTitle: input.title,
    url: absoluteUrl(origin, `/people/${input.slug}`),
    image: input.hasPhoto ? absoluteUrl(origin, `/people/${input.slug}/photo`) : undefined,
    description: input.description || undefined,
    worksFor: input.alumni ? undefined : org,
    alumniOf: input.alumni ? org : undefined,
    workLocation: input.alumni
      ? undefined
      : {
          "@type": "Place",
          name: input.labName,
          address: postalAddress({ city: input.labCity, country: input.labCountry }),
        },
    knowsAbout: input.areas.length ? input.areas : undefined,
    sameAs: input.sameAs.length ? input.sameAs : undefined,
  };
}
