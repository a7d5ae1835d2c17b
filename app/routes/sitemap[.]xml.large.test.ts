/**
 * A sitemap too large for one file: /sitemap.xml becomes an index of parts,
 * served from the site's root (a sitemap may only list URLs under its own
 * folder), none longer than the limit, which together list every public page
 * exactly once.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../tests/requests";
import { createLab, createOpening, createResearcher } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { SITEMAP_FILE_URLS } from "~/routes/sitemap[.]xml/sitemap.server";
import { loader } from "~/routes/sitemap[.]xml/route";

const ORIGIN = "https://atrium.example";
const PEOPLE = SITEMAP_FILE_URLS + 50;
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);

async function sitemapIndex() {
  const response = loader({
    request: getRequest(`${ORIGIN}/sitemap.xml`),
    params: {},
    context: {},
  });
  return { response, body: await response.text() };
}

async function sitemapFile(url: string) {
  try {
    const response = loader({ request: getRequest(url), params: {}, context: {} });
    return { status: response.status, body: await response.text() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: "" };
    throw thrown;
  }
}

beforeAll(() => {
  const db = getDb();
  const lab = createLab(db, { slug: "big-lab" });
  // Thousands of people in one statement (the builders insert one at a time).
  db.$client
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO researchers (slug, name, sort_name, title, bio, lab_id, status)
       SELECT 'person-' || i, 'Person ' || i, 'person ' || printf('%06d', i), 'Scientist', '', ?, 'current' FROM n`,
    )
    .run(PEOPLE, lab.id);
  createResearcher(db, { labId: lab.id, slug: "gone-alumna", status: "alumni" });
  createOpening(db, { labId: lab.id, slug: "listed-role" });
  createOpening(db, { labId: lab.id, slug: "draft-role", status: "draft" });
});

describe("a sitemap larger than one file", () => {
  test("/sitemap.xml is an index of the files, with absolute URLs", async () => {
    const { response, body } = await sitemapIndex();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/xml/);
    expect(body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(body).not.toContain("<urlset");
    expect(locs(body)).toEqual([
      `${ORIGIN}/sitemap.xml?part=pages`,
      `${ORIGIN}/sitemap.xml?part=people-1`,
      `${ORIGIN}/sitemap.xml?part=people-2`,
      `${ORIGIN}/sitemap.xml?part=careers-1`,
    ]);
    // Each part sits at the root, so it may list any page of the site.
    for (const loc of locs(body)) expect(new URL(loc).pathname).toBe("/sitemap.xml");
  });

  test("its files list every public page once, each within the limit", async () => {
    const all: string[] = [];
    for (const file of locs((await sitemapIndex()).body)) {
      const { status, body } = await sitemapFile(file);
      expect(status).toBe(200);
      expect(body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      const urls = locs(body);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(SITEMAP_FILE_URLS);
      all.push(...urls);
    }
    expect(new Set(all).size).toBe(all.length);
    const people = all.filter((u) => u.startsWith(`${ORIGIN}/people/`));
    expect(people).toHaveLength(PEOPLE);
    expect(people).toContain(`${ORIGIN}/people/person-1`);
    expect(people).toContain(`${ORIGIN}/people/person-${PEOPLE}`);
    expect(all).not.toContain(`${ORIGIN}/people/gone-alumna`);
    expect(all).toContain(`${ORIGIN}/careers/listed-role`);
    expect(all).not.toContain(`${ORIGIN}/careers/draft-role`);
    for (const path of ["/", "/people", "/careers", "/labs/big-lab"])
      expect(all).toContain(`${ORIGIN}${path}`);
  });

  test("a file past the end or with an unknown name is a 404", async () => {
    for (const part of ["people-3", "people-0", "secrets", "", "pages.xml"])
      expect((await sitemapFile(`${ORIGIN}/sitemap.xml?part=${part}`)).status).toBe(404);
  });
});
