import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../tests/requests";
import { createArea, createLab, createOpening, createResearcher } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { loader } from "~/routes/sitemap[.]xml/route";

const DAY = 86_400_000;
async function fetchSitemap(origin = "https://atrium.example") {
  const response = loader({
    request: getRequest(`${origin}/sitemap.xml`),
    params: {},
    context: {},
  });
  return { response, body: await response.text() };
}
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);

beforeAll(() => {
  const db = getDb();
  const lab = createLab(db, { slug: "delta-lab" });
  const area = createArea(db, { slug: "robotics" });
  createResearcher(db, { labId: lab.id, slug: "ada-current" });
  createResearcher(db, { labId: lab.id, slug: "bob-alumnus", status: "alumni" });
  createOpening(db, {
    labId: lab.id,
    slug: "open-role",
    areaIds: [area.id],
    updatedAt: Date.UTC(2026, 2, 3),
  });
  createOpening(db, { labId: lab.id, slug: "draft-role", status: "draft" });
  createOpening(db, { labId: lab.id, slug: "closed-role", status: "closed" });
  createOpening(db, { labId: lab.id, slug: "expired-role", closesAt: Date.now() - DAY });
});

describe("/sitemap.xml", () => {
  test("answers XML listing every public page with absolute URLs", async () => {
    const { response, body } = await fetchSitemap();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/xml/);
    const urls = locs(body);
    for (const path of ["/", "/people", "/areas", "/labs", "/careers"]) {
      expect(urls).toContain(`https://atrium.example${path}`);
    }
    expect(urls).toContain("https://atrium.example/people/ada-current");
    expect(urls).toContain("https://atrium.example/areas/robotics");
    expect(urls).toContain("https://atrium.example/labs/delta-lab");
    expect(urls).toContain("https://atrium.example/careers/open-role");
    expect(body).toContain(
      "<loc>https://atrium.example/careers/open-role</loc><lastmod>2026-03-03</lastmod>",
    );
  });

  test("leaves out drafts, closed and expired roles and alumni", async () => {
    const urls = locs((await fetchSitemap()).body);
    for (const slug of ["draft-role", "closed-role", "expired-role"]) {
      expect(urls).not.toContain(`https://atrium.example/careers/${slug}`);
    }
    expect(urls).not.toContain("https://atrium.example/people/bob-alumnus");
  });

  test("is well-formed: declaration, one urlset, balanced url elements, escaped text", async () => {
    const { body } = await fetchSitemap("http://localhost:3000");
    expect(
      body.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ),
    ).toBe(true);
    expect(body.trimEnd().endsWith("</urlset>")).toBe(true);
    const opened = body.match(/<url>/g)?.length ?? 0;
    expect(opened).toBeGreaterThan(8);
    expect(body.match(/<\/url>/g)?.length).toBe(opened);
    expect(body.match(/<loc>/g)?.length).toBe(opened);
    // Every ampersand is an entity, and no tag other than the sitemap's own appears.
    expect(body).not.toMatch(/&(?!(amp|lt|gt|apos|quot);)/);
    const tags = new Set([...body.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(["lastmod", "loc", "url", "urlset"]);
    for (const loc of locs(body)) expect(loc.startsWith("http://localhost:3000/")).toBe(true);
  });
});
