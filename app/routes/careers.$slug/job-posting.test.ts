import { describe, expect, test } from "vitest";
import { buildJobPosting, type JobPostingInput } from "./job-posting";

const base: JobPostingInput = {
  slug: "quantum-postdoc",
  title: "Postdoc in quantum sensing",
  kind: "postdoc",
  remotePolicy: "hybrid",
  descriptionHtml: "<p>Build sensors.</p>",
  publishedAt: Date.UTC(2026, 0, 5, 12),
  createdAt: Date.UTC(2026, 0, 1),
  closesAt: Date.UTC(2027, 0, 12, 23, 59),
  employmentType: null,
  payMin: null,
  payMax: null,
  payCurrency: null,
  payPeriod: null,
  lab: { name: "Zurich Lab", city: "Zurich", country: "CH", address: null },
};

/** The posting as crawlers read it: JSON, where a property without a value is left out. */
const json = (posting: object) => JSON.parse(JSON.stringify(posting)) as Record<string, unknown>;

describe("buildJobPosting", () => {
  test("carries the opening's own employment type and its pay as a MonetaryAmount", () => {
    const posting = buildJobPosting(
      {
        ...base,
        employmentType: "temporary",
        payMin: 82_000,
        payMax: 90_000,
        payCurrency: "CHF",
        payPeriod: "year",
      },
      "https://jobs.example",
    );
    expect(posting).toMatchObject({
      datePosted: "2026-01-05",
      validThrough: "2027-01-12T23:59:00.000Z",
      employmentType: "TEMPORARY",
      directApply: true,
      baseSalary: {
        "@type": "MonetaryAmount",
        currency: "CHF",
        value: {
          "@type": "QuantitativeValue",
          minValue: 82_000,
          maxValue: 90_000,
          unitText: "YEAR",
        },
      },
    });
    const stipend = buildJobPosting(
      { ...base, payMin: 3_000, payMax: 3_000, payCurrency: "EUR", payPeriod: "month" },
      "https://jobs.example",
    );
    expect(stipend.baseSalary).toEqual({
      "@type": "MonetaryAmount",
      currency: "EUR",
      value: { "@type": "QuantitativeValue", value: 3_000, unitText: "MONTH" },
    });
    // No pay stated: no baseSalary at all (an empty one would be an error for Google).
    expect(json(buildJobPosting(base, "https://jobs.example"))).not.toHaveProperty("baseSalary");
  });

  test("describes the role as a schema.org JobPosting", () => {
    const posting = buildJobPosting(base, "https://jobs.example");
    expect(posting).toMatchObject({
      "@context": "https://schema.org",
      "@type": "JobPosting",
      title: "Postdoc in quantum sensing",
      description: "<p>Build sensors.</p>",
      url: "https://jobs.example/careers/quantum-postdoc",
      identifier: {
        "@type": "PropertyValue",
        name: "Northlight Research",
        value: "quantum-postdoc",
      },
      datePosted: "2026-01-05",
      validThrough: "2027-01-12T23:59:00.000Z",
      employmentType: ["FULL_TIME", "TEMPORARY"],
      hiringOrganization: {
        "@type": "Organization",
        name: "Northlight Research",
        url: "https://jobs.example/",
        // Until the organisation uploads a logo, its default mark (a content-hashed PNG).
        logo: expect.stringMatching(/^https:\/\/jobs\.example\/brand\/mark-[0-9a-f]{16}\.png$/),
      },
      jobLocation: {
        "@type": "Place",
        name: "Zurich Lab",
        address: {
          "@type": "PostalAddress",
          addressLocality: "Zurich",
          addressCountry: "CH",
        },
      },
    });
    expect(json(posting)).not.toHaveProperty("jobLocationType");
  });

  test("maps each kind to an employment type", () => {
    const type = (kind: JobPostingInput["kind"]) =>
      buildJobPosting({ ...base, kind }, "https://x").employmentType;
    expect(type("intern")).toBe("INTERN");
    expect(type("researcher")).toBe("FULL_TIME");
    expect(type("engineer")).toBe("FULL_TIME");
    expect(type("fellowship")).toEqual(["FULL_TIME", "TEMPORARY"]);
  });

  test("remote roles are TELECOMMUTE with an applicant location; no closing date means no validThrough", () => {
    const posting = buildJobPosting(
      { ...base, remotePolicy: "remote", closesAt: null, publishedAt: null },
      "https://x",
    );
    expect(posting).toMatchObject({
      jobLocationType: "TELECOMMUTE",
      applicantLocationRequirements: { "@type": "Country", name: "Switzerland", identifier: "CH" },
      datePosted: "2026-01-01",
    });
    expect(json(posting)).not.toHaveProperty("validThrough");
  });
});
