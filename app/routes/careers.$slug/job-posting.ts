/**
 * schema.org JobPosting structured data for a job page, built as a plain
 * object by a pure function (easy to test) from the facts the page shows,
 * and rendered with <JsonLd> (components/json-ld).
 */
import type { JobPosting, MonetaryAmount, QuantitativeValue, WithContext } from "schema-dts";
import type { EmploymentType, OpeningKind, PayPeriod, RemotePolicy } from "~/lib/enums";
import { countryName, isCountryCode } from "~/utils/countries";
import { absoluteUrl, organization, postalAddress } from "~/utils/schema-org";
import { getBrand } from "~/utils/site";
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
  lab: { name: string; city: string; country: string; address: string | null };
};

/**
 * The opening's pay as a schema.org MonetaryAmount (baseSalary), or null when
 * the opening states none: a single value or a min–max range, per unit.
 */
function baseSalary(
  o: Pick<JobPostingInput, "payMin" | "payMax" | "payCurrency" | "payPeriod">,
): MonetaryAmount | null {
  if (!o.payCurrency || !o.payPeriod || (o.payMin == null && o.payMax == null)) return null;
  const unitText = { year: "YEAR", month: "MONTH", hour: "HOUR" }[o.payPeriod];
  const value: QuantitativeValue =
    o.payMin != null && o.payMax != null && o.payMin !== o.payMax
      ? { "@type": "QuantitativeValue", minValue: o.payMin, maxValue: o.payMax, unitText }
      : { "@type": "QuantitativeValue", value: (o.payMin ?? o.payMax)!, unitText };
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

/**
 * The JobPosting object for `opening`, with absolute URLs under `origin`.
 * Every term the opening states is here: pay as baseSalary, the closing date
 * as validThrough. An opening that states no pay or no closing date ("open
 * until filled") has none, as its page shows none.
 */
export function buildJobPosting(opening: JobPostingInput, origin: string): WithContext<JobPosting> {
  const remote = opening.remotePolicy === "remote";
  const country = opening.lab.country;
  return {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: opening.title,
    description: opening.descriptionHtml,
    url: absoluteUrl(origin, `/careers/${opening.slug}`),
    identifier: { "@type": "PropertyValue", name: getBrand().name, value: opening.slug },
    datePosted: isoDate(opening.publishedAt ?? opening.createdAt),
    validThrough: opening.closesAt != null ? new Date(opening.closesAt).toISOString() : undefined,
    employmentType: opening.employmentType
      ? opening.employmentType.toUpperCase()
      : EMPLOYMENT_TYPE[opening.kind],
    baseSalary: baseSalary(opening) ?? undefined,
    hiringOrganization: organization(origin),
    // Applications are made on this site, on the opening's own apply page.
    directApply: true,
    jobLocation: {
      "@type": "Place",
      name: opening.lab.name,
      address: postalAddress({
        street: opening.lab.address,
        city: opening.lab.city,
        country,
      }),
    },
    // A remote role says where applicants may live: the lab's country.
    jobLocationType: remote ? "TELECOMMUTE" : undefined,
    applicantLocationRequirements:
      remote && isCountryCode(country)
        ? { "@type": "Country", name: countryName(country), identifier: country }
        : undefined,
  };
}
