import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../../tests/requests";
import { createArea, createLab, createOpening, createResearcher } from "../../../tests/builders";
import { getDb } from "~/utils/db.server";
import { jsonForScript } from "~/utils/json-ld";
import { loader, profileJsonLd } from "./route";

function load(slug: string) {
  return loader({
    request: getRequest(`/people/${slug}`),
    params: { slug },
    context: {},
  });
}
async function statusOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  return 200;
}

beforeAll(() => {
  const db = getDb();
  const area = createArea(db, { name: "Trustworthy Systems", slug: "trustworthy-systems" });
  const lab = createLab(db, { name: "Cairo Lab", slug: "cairo", city: "Cairo", country: "EG" });
  const other = createLab(db, { name: "Oslo Lab", slug: "oslo" });
  const lead = createResearcher(db, {
    name: "Nour </script><script>alert(1)</script> Haddad",
    slug: "nour-haddad",
    labId: lab.id,
    areaIds: [area.id],
    title: "Senior Researcher",
    bio: "Works on **verified** systems.\n\n<script>alert('bio')</script> [click](javascript:alert(1))",
    homepageUrl: "https://nour.example.org/",
    orcid: "0000-0002-1825-0097",
    githubUrl: "javascript:alert(1)",
  });
  createResearcher(db, { name: "Colleague One", slug: "colleague-one", labId: lab.id });
  createResearcher(db, {
    name: "Former Colleague",
    slug: "former-colleague",
    labId: lab.id,
    status: "alumni",
  });
  createResearcher(db, { name: "Elsewhere Person", slug: "elsewhere-person", labId: other.id });
  const now = Date.now();
  createOpening(db, {
    title: "Verified Systems Postdoc",
    slug: "verified-postdoc",
    kind: "postdoc",
    labId: lab.id,
    teamIds: [lead.id],
  });
  createOpening(db, {
    title: "Draft Role",
    slug: "draft-role",
    labId: lab.id,
    teamIds: [lead.id],
    status: "draft",
  });
  createOpening(db, {
    title: "Closed Role",
    slug: "closed-role",
    labId: lab.id,
    teamIds: [lead.id],
    status: "closed",
  });
  createOpening(db, {
    title: "Expired Role",
    slug: "expired-role",
    labId: lab.id,
    teamIds: [lead.id],
    closesAt: now - 1000,
  });
  createOpening(db, { title: "Not My Team", slug: "not-my-team", labId: lab.id });
});

describe("/people/:slug loader", () => {
  test("shows the person with lab, areas, links, open roles on their team and colleagues", () => {
    const data = load("nour-haddad");
    expect(data.person).toMatchObject({
      title: "Senior Researcher",
      alumni: false,
      lab: { slug: "cairo", name: "Cairo Lab", city: "Cairo", country: "EG" },
      areas: [{ slug: "trustworthy-systems", name: "Trustworthy Systems" }],
    });
    expect(data.openRoles.map((r) => r.slug)).toEqual(["verified-postdoc"]);
    expect(data.colleagues.map((c) => c.slug)).toEqual(["colleague-one"]);
    // A javascript: URL in the data never becomes a link.
    expect(data.person.links).toEqual([
      { label: "Homepage", href: "https://nour.example.org/" },
      { label: "ORCID", href: "https://orcid.org/0000-0002-1825-0097" },
    ]);
  });

  test("the bio is rendered as Markdown without raw HTML or javascript: links", () => {
    const { bioHtml } = load("nour-haddad").person;
    expect(bioHtml).toContain("<strong>verified</strong>");
    expect(bioHtml).not.toContain("<script>");
    expect(bioHtml).toContain("&lt;script&gt;");
    expect(bioHtml).not.toMatch(/href="javascript:/i);
  });

  test("Person JSON-LD is valid JSON that cannot close its script element", () => {
    const data = load("nour-haddad");
    const json = jsonForScript(profileJsonLd(data));
    expect(json).not.toContain("<");
    const ld = JSON.parse(json);
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Person",
      name: "Nour </script><script>alert(1)</script> Haddad",
      jobTitle: "Senior Researcher",
      url: "http://localhost/people/nour-haddad",
      knowsAbout: ["Trustworthy Systems"],
      sameAs: ["https://nour.example.org/", "https://orcid.org/0000-0002-1825-0097"],
    });
    expect(data.seo.description).toContain("verified systems");
  });

  test("alumni profiles still load, marked as alumni", () => {
    const data = load("former-colleague");
    expect(data.person.alumni).toBe(true);
    expect(JSON.parse(jsonForScript(profileJsonLd(data))).alumniOf).toBeDefined();
  });

  test("an unknown slug is a 404", async () => {
    expect(await statusOf(() => load("no-such-person"))).toBe(404);
  });

  test.each(["Nour-Haddad", "nour_haddad", "..%2Fetc", "a".repeat(200), "-x-", ""])(
    "a malformed slug (%j) is a 404",
    async (slug) => {
      expect(await statusOf(() => load(slug))).toBe(404);
    },
  );
});
