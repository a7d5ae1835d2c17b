import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../../tests/requests";
import { createArea, createLab, createOpening, createResearcher } from "../../../tests/builders";
import { getDb } from "~/utils/db.server";
import { jsonForScript } from "~/utils/json-ld";
import { jobPostingJsonLd, loader } from "./route";

const DAY = 86_400_000;
function load(slug: string) {
  return loader({
    request: getRequest(`/careers/${slug}`),
    params: { slug },
    context: {},
  });
}
function statusOf(slug: string): number {
  try {
    load(slug);
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

beforeAll(() => {
  const db = getDb();
  const lab = createLab(db, {
    name: "Fjord Lab",
    slug: "fjord-lab",
    city: "Oslo",
    country: "NO",
  });
  const area = createArea(db, { name: "Ocean science", slug: "ocean-science" });
  const lead = createResearcher(db, {
    labId: lab.id,
    name: "Ingrid Lead",
    slug: "ingrid-lead",
    title: "Principal scientist",
  });
  const alumna = createResearcher(db, {
    labId: lab.id,
    name: "Old Timer",
    slug: "old-timer",
    status: "alumni",
  });
  createOpening(db, {
    labId: lab.id,
    slug: "ocean-postdoc",
    title: "Ocean postdoc </script><script>alert(1)</script>",
    kind: "postdoc",
    remotePolicy: "remote",
    description:
      "## The work\n\nModel the sea. <img src=x onerror=alert(1)> [bad](javascript:alert(1))",
    qualifications: "- A PhD",
    areaIds: [area.id],
    teamIds: [lead.id, alumna.id],
    closesAt: Date.UTC(2099, 0, 12),
    publishedAt: Date.UTC(2026, 10, 2),
    employmentType: "temporary",
    durationMonths: 24,
    payMin: 88_000,
    payMax: 96_000,
    payCurrency: "NOK",
    payPeriod: "year",
  });
  createOpening(db, { labId: lab.id, slug: "ocean-draft", status: "draft" });
  createOpening(db, { labId: lab.id, slug: "ocean-closed", status: "closed" });
  createOpening(db, { labId: lab.id, slug: "ocean-expired", closesAt: Date.now() - DAY });
});

describe("/careers/:slug loader", () => {
  test("shows an open role with its lab, areas, current hiring team and safe Markdown", () => {
    const data = load("ocean-postdoc");
    expect(data.opening.lab).toMatchObject({ slug: "fjord-lab", name: "Fjord Lab" });
    expect(data.opening.areas).toEqual([{ slug: "ocean-science", name: "Ocean science" }]);
    expect(data.opening.team).toEqual([
      { slug: "ingrid-lead", name: "Ingrid Lead", title: "Principal scientist" },
    ]);
    expect(data.accepting).toBe(true);
    expect(data.descriptionHtml).toContain("<h2>The work</h2>");
    expect(data.descriptionHtml).not.toContain("<img");
    expect(data.descriptionHtml).not.toMatch(/href="javascript:/i);
    expect(data.qualificationsHtml).toContain("<li>A PhD</li>");
  });

  test("carries JobPosting JSON-LD that parses and cannot break out of its script element", () => {
    const jsonLd = jsonForScript(jobPostingJsonLd(load("ocean-postdoc")));
    expect(jsonLd).not.toContain("</script>");
    const posting = JSON.parse(jsonLd);
    expect(posting["@type"]).toBe("JobPosting");
    expect(posting.title).toBe("Ocean postdoc </script><script>alert(1)</script>");
    expect(posting.url).toBe("http://localhost/careers/ocean-postdoc");
    expect(posting.validThrough).toBe("2099-01-12T00:00:00.000Z");
    expect(posting.jobLocationType).toBe("TELECOMMUTE");
    expect(posting.jobLocation.address).toMatchObject({
      addressLocality: "Oslo",
      addressCountry: "NO",
    });
  });

  test("a role past its closing date stays visible but takes no applications and has no JSON-LD", () => {
    const data = load("ocean-expired");
    expect(data.accepting).toBe(false);
    expect(JSON.stringify(data)).not.toContain("JobPosting");
  });

  test("drafts, closed roles, unknown and malformed slugs answer 404", () => {
    expect(statusOf("ocean-draft")).toBe(404);
    expect(statusOf("ocean-closed")).toBe(404);
    expect(statusOf("no-such-role")).toBe(404);
    expect(statusOf("Ocean-Postdoc")).toBe(404);
    expect(statusOf("../etc/passwd")).toBe(404);
    expect(statusOf("x".repeat(500))).toBe(404);
  });
});

describe("what candidates ask first", () => {
  test("posted date, employment, duration, pay and deadline on the page and in JobPosting", () => {
    const data = load("ocean-postdoc");
    expect(data.terms).toEqual({
      posted: Date.UTC(2026, 10, 2),
      employment: "Fixed-term",
      duration: "2 years",
      pay: "NOK 88,000–96,000 a year",
      payLabel: "Salary",
    });
    const posting = jobPostingJsonLd(data);
    expect(posting).toMatchObject({
      datePosted: "2026-11-02",
      validThrough: new Date(Date.UTC(2099, 0, 12)).toISOString(),
      employmentType: "TEMPORARY",
      baseSalary: {
        "@type": "MonetaryAmount",
        currency: "NOK",
        value: {
          "@type": "QuantitativeValue",
          minValue: 88_000,
          maxValue: 96_000,
          unitText: "YEAR",
        },
      },
    });
    // Google's required properties are all there.
    for (const key of ["title", "description", "datePosted", "hiringOrganization", "jobLocation"])
      expect(posting).toHaveProperty(key);
  });

  test("a description that starts with its own 'About the role' heading shows it once", () => {
    const db = getDb();
    const lab = createLab(db);
    createOpening(db, {
      labId: lab.id,
      slug: "about-twice",
      description: "## About the role\n\nYou will map the sea floor.",
    });
    const data = load("about-twice");
    expect(data.descriptionHtml).not.toContain("About the role");
    expect(data.descriptionHtml).toContain("map the sea floor");
  });
});
