/**
 * schema.org JobPosting structured data for a job page, built as a plain
 * object by a pure function (easy to test) from the facts the page shows,
 * and rendered with <JsonLd> (components/json-ld).
 */
import type { EmploymentType, OpeningKind, PayPeriod, RemotePolicy } from "../../../db/schema";
import { countryName } from "~/utils/countries";
import { ORG_NAME } from "~/utils/site";
import { isoDate } from "~/utils/time";

export type JobPostingInput = {
  slug: string;
  title: string;
  kind: OpeningKind;
  remotePolicy: RemotePolicy;
  /** HTML (already rendered safely from Markdown); search engines accept HTML here. */
  descriptionHtml: string;
  publishedAt: number | null;
  createdAt: number;
  closesAt: number | null;
  employmentType: EmploymentType | null;
  payMin: number | null;
  payMax: number | null;
  payCurrency: string | null;
  payPeriod: PayPeriod | null;
  lab: { city: string; country: string };
};

/**
 * The opening's pay as a schema.org MonetaryAmount (baseSalary), or null when
 * the opening states none: a single value or a min–max range, per unit.
 */
export function baseSalary(
  o: Pick<JobPostingInput, "payMin" | "payMax" | "payCurrency" | "payPeriod">,
) {
  if (!o.payCurrency || !o.payPeriod || (o.payMin == null && o.payMax == null)) return null;
  const unitText = { year: "YEAR", month: "MONTH", hour: "HOUR" }[o.payPeriod];
  const value =
    o.payMin != null && o.payMax != null && o.payMin !== o.payMax
      ? { "@type": "QuantitativeValue", minValue: o.payMin, maxValue: o.payMax, unitText }
      : { "@type": "QuantitativeValue", value: o.payMin ?? o.payMax, unitText };
  return { "@type": "MonetaryAmount", currency: o.payCurrency, value };
}

/**
 * Interns are interns; postdocs and fellowships are full-time but fixed-term;
 * researchers and engineers are full-time (permanent) roles.
 */
const EMPLOYMENT_TYPE: Record<OpeningKind, string | string[]> = {
  intern: "INTERN",
  postdoc: ["FULL_TIME", "TEMPORARY"],
  fellowship: ["FULL_TIME", "TEMPORARY"],
  researcher: "FULL_TIME",
  engineer: "FULL_TIME",
};

/** The JobPosting object for `opening`, with absolute URLs under `origin`. */
export function buildJobPosting(opening: JobPostingInput, origin: string) {
  const address = {
    "@type": "PostalAddress",
    addressLocality: opening.lab.city,
    addressCountry: opening.lab.country,
  };
  const remote = opening.remotePolicy === "remote";
  const salary = baseSalary(opening);
  return {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: opening.title,
    description: opening.descriptionHtml,
    url: `${origin}/careers/${opening.slug}`,
    identifier: { "@type": "PropertyValue", name: ORG_NAME, value: opening.slug },
    datePosted: isoDate(opening.publishedAt ?? opening.createdAt),
    ...(opening.closesAt != null ? { validThrough: new Date(opening.closesAt).toISOString() } : {}),
    employmentType: opening.employmentType
      ? opening.employmentType.toUpperCase()
      : EMPLOYMENT_TYPE[opening.kind],
    ...(salary ? { baseSalary: salary } : {}),
    hiringOrganization: { "@type": "Organization", name: ORG_NAME, sameAs: origin },
    // Applications are made on this site, on the opening's own apply page.
    directApply: true,
    jobLocation: { "@type": "Place", address },
    // A remote role says where applicants may live: the lab's country.
    ...(remote
      ? {
          jobLocationType: "TELECOMMUTE",
          applicantLocationRequirements: {
            "@type": "Country",
            name: countryName(opening.lab.country),
          },
        }
      : {}),
  };
}
