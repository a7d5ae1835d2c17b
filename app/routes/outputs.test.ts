/**
 * Research outputs and places on a seeded database: /publications (FTS,
 * filters, paging, BibTeX, ScholarlyArticle JSON-LD), /tools and
 * /tools/:slug (Dataset / SoftwareSourceCode JSON-LD), /labs (the map) and
 * /labs/:slug, the profile's tools, the home page's featured tools and the
 * sitemap.
 */
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { publications, researchers, tools } from "../../db/schema";
import { seed } from "../../db/seed";
import { parseBibtexIndependently } from "../../tests/bibtex-check";
import { createResearcher } from "../../tests/builders";
import { call, getRequest } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import { loader as homeLoader } from "./_index";
import { loader as labLoader } from "./labs.$slug";
import { loader as labsLoader } from "./labs._index";
import { loader as landLoader } from "./world-land[.]svg";
import { loader as profileLoader } from "./people.$slug/route";
import { loader as oneBibLoader } from "./publications.$id.bibtex";
import { jsonForScript } from "~/utils/json-ld";
import { articlesJsonLd, loader as pubsLoader } from "./publications._index/route";
import { loader as bibLoader } from "./publications[.]bib";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml/route";
import { loader as toolLoader, toolPageJsonLd } from "./tools.$slug";
import { loader as toolsLoader } from "./tools._index";

let db: DB;
const NOW = Date.UTC(2026, 2, 2);

type PubsData = Awaited<ReturnType<typeof pubsLoader>>;
const pubs = (search = "") =>
  pubsLoader({ request: getRequest(`/publications${search}`), params: {}, context: {} });
const bib = async (search = "") => {
  const res = bibLoader({
    request: getRequest(`/publications.bib${search}`),
    params: {},
    context: {},
  });
  return { res, text: await res.text() };
};

beforeAll(async () => {
  db = getDb();
  await seed(db, {
    researchers: 40,
    openings: 6,
    applications: 4,
    now: NOW,
    quiet: true,
    uploadsDir: path.join(process.env.UPLOADS_DIR!, "seed"),
  });
});

describe("/publications", () => {
  test("lists every publication newest first, paged 20 at a time, with Atrium authors linked", () => {
    const total = db.get<{ n: number }>(sql`select count(*) n from publications`).n;
    const first = pubs();
    expect(first.total).toBe(total);
    expect(first.items).toHaveLength(20);
    const years = first.items.map((p) => p.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    for (const p of first.items) {
      expect(p.atriumAuthors.length).toBeGreaterThan(0);
      for (const a of p.atriumAuthors) expect(p.authorNames).toContain(a.name);
    }
    const second = pubs("?page=2");
    expect(second.page).toBe(2);
    expect(second.items.map((p) => p.id)).not.toContain(first.items[0].id);
    // Past the end is the last page; junk is page 1.
    expect(pubs("?page=99999").page).toBe(first.pageCount);
    expect(pubs("?page=abc").page).toBe(1);
  });

  test("filters by year, type, area, lab and author, each result matching", () => {
    const all = pubs();
    const year = all.items[0].year;
    const byYear = pubs(`?year=${year}`);
    expect(byYear.total).toBeGreaterThan(0);
    expect(byYear.items.every((p) => p.year === year)).toBe(true);
    expect(byYear.total).toBeLessThan(all.total);

    const byType = pubs("?type=article");
    expect(byType.total).toBeGreaterThan(0);
    expect(byType.items.every((p) => p.typeLabel === "Journal article")).toBe(true);

    const area = all.areas[0];
    const byArea = pubs(`?area=${area.slug}`);
    const inArea = db.get<{ n: number }>(
      sql`select count(*) n from publications p join research_areas a on a.id = p.area_id where a.slug = ${area.slug}`,
    ).n;
    expect(byArea.total).toBe(inArea);

    const lab = all.labs[0];
    const byLab = pubs(`?lab=${lab.slug}`);
    const labSlugs = new Set(
      db
        .all<{ slug: string }>(
          sql`select r.slug from researchers r join labs l on l.id = r.lab_id where l.slug = ${lab.slug}`,
        )
        .map((r) => r.slug),
    );
    expect(byLab.total).toBeGreaterThan(0);
    for (const p of byLab.items)
      expect(
        p.atriumAuthors.some((a) => labSlugs.has(a.slug)),
        p.title,
      ).toBe(true);

    const author = all.items[0].atriumAuthors[0];
    const byAuthor = pubs(`?author=${author.slug}`);
    expect(byAuthor.author).toEqual({ slug: author.slug, name: author.name });
    expect(byAuthor.items.every((p) => p.atriumAuthors.some((a) => a.slug === author.slug))).toBe(
      true,
    );

    // Unknown or junk filters are ignored, not errors.
    expect(pubs("?area=atlantis&lab=NOPE&year=abc&type=poem").total).toBe(all.total);
  });

  test("full-text search finds a word of a title, and also venues and author names", () => {
    const target = db.select().from(publications).orderBy(publications.id).get()!;
    const word = target.title
      .split(/\s+/)
      .find((w) => w.length > 6)!
      .replace(/\W/g, "");
    const found = pubs(`?q=${encodeURIComponent(word)}`);
    expect(found.total).toBeGreaterThan(0);
    const allIds = pubs(`?q=${encodeURIComponent(word)}&page=1`).items.map((p) => p.id);
    const n = found.total;
    // The publication itself is among the results (paging through at most n results).
    const ids = new Set<number>(allIds);
    for (let page = 2; page <= Math.ceil(n / 20); page++)
      pubs(`?q=${encodeURIComponent(word)}&page=${page}`).items.forEach((p) => ids.add(p.id));
    expect(ids.has(target.id)).toBe(true);

    const owner = db
      .select()
      .from(researchers)
      .where(eq(researchers.id, target.researcherId))
      .get()!;
    const surname = owner.name.split(" ").at(-1)!;
    expect(pubs(`?q=${encodeURIComponent(surname)}`).total).toBeGreaterThan(0);
    expect(pubs(`?q=${encodeURIComponent(target.venue)}`).total).toBeGreaterThan(0);
  });

  test("FTS syntax characters are searched as text: no 500, no syntax error", () => {
    const total = pubs().total;
    for (const q of [
      '"',
      '"unclosed',
      "*",
      "foo*",
      "NEAR",
      "NEAR(a b)",
      "-",
      "-privacy",
      ":",
      "title:privacy",
      "AND OR NOT",
      "(",
      ")",
      "^",
      "{a b}",
      "a + b",
      "\\",
      "'; DROP TABLE publications; --",
    ]) {
      const data = pubs(`?q=${encodeURIComponent(q)}`) as PubsData;
      expect(data.total, q).toBeLessThanOrEqual(total);
      expect(data.state.q).toBe(q.trim());
    }
    expect(pubs(`?q=${encodeURIComponent('"')}`).total).toBe(total);
    expect(db.get<{ n: number }>(sql`select count(*) n from publications`).n).toBe(total);
  });

  test("every entry on the page is a ScholarlyArticle in JSON-LD with its required properties", () => {
    const data = pubs();
    const jsonLd = jsonForScript(articlesJsonLd(data.items, data.origin));
    const articles = JSON.parse(jsonLd) as Array<Record<string, unknown>>;
    expect(articles).toHaveLength(data.items.length);
    articles.forEach((a, i) => {
      expect(a["@context"]).toBe("https://schema.org");
      expect(a["@type"]).toBe("ScholarlyArticle");
      expect(a.headline).toBe(data.items[i].title);
      expect(a.datePublished).toBe(String(data.items[i].year));
      const authors = a.author as Array<{ "@type": string; name: string; url?: string }>;
      expect(authors.map((x) => x.name)).toEqual(data.items[i].authorNames);
      const linked = authors.filter((x) => x.url);
      expect(linked.length).toBeGreaterThan(0);
      for (const x of linked) expect(x.url).toMatch(/^http:\/\/localhost\/people\/[a-z0-9-]+$/);
    });
    expect(jsonLd).not.toContain("<");
  });
});

describe("BibTeX", () => {
  test("the current search exports as text/x-bibtex and round-trips through a BibTeX parser", async () => {
    const data = pubs("?type=article");
    const { res, text } = await bib("?type=article");
    expect(res.headers.get("Content-Type")).toBe("text/x-bibtex; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const parsed = parseBibtexIndependently(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(data.total);
    const keys = new Set(parsed.entries.map((e) => e.key));
    expect(keys.size).toBe(parsed.entries.length);
    const first = data.items[0];
    const entry = parsed.entries.find((e) => e.fields.title === first.title)!;
    expect(entry).toBeDefined();
    expect(entry.type).toBe("article");
    expect(entry.fields.journaltitle).toBe(first.venue);
    expect(entry.fields.date).toBe(String(first.year));
    expect(entry.names.author.length).toBe(first.authorNames.length);
    // Every field the writer makes is one an article takes, and none is empty.
    expect(parsed.entries.flatMap((e) => e.unexpected)).toEqual([]);
    expect(text).not.toMatch(/=\s*\{\s*\}/);
  });

  test("every seeded publication, of every type, exports with the fields its type takes", async () => {
    const all = pubs();
    const { text } = await bib();
    const parsed = parseBibtexIndependently(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(Math.min(all.total, 1000));
    expect(new Set(parsed.entries.map((e) => e.key)).size).toBe(parsed.entries.length);
    expect(new Set(parsed.entries.map((e) => e.type)).size).toBeGreaterThan(3);
    expect(parsed.entries.flatMap((e) => e.unexpected)).toEqual([]);
    expect(text).not.toMatch(/=\s*\{\s*\}/);
  });

  test("one entry with TeX specials, accents and quotes survives the round trip", async () => {
    const person = createResearcher(db, { name: "Zoë Ångström", labId: 1 });
    const title = 'Braces {and} $math$ & 50% of "quotes" #1 in Zürich_x ~ ^';
    const pub = db
      .insert(publications)
      .values({
        researcherId: person.id,
        title,
        venue: "Proc. Imaginary Conf.",
        year: 2025,
        type: "inproceedings",
        authors: "Zoë Ångström; Jean-Luc O'Brien",
        doi: "10.5555/2025.42",
      })
      .returning()
      .get();
    const res = await call(oneBibLoader, getRequest(`/publications/${pub.id}/bibtex`), {
      id: String(pub.id),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/x-bibtex; charset=utf-8");
    const parsed = parseBibtexIndependently((res.data as { text: string }).text);
    expect(parsed.errors).toEqual([]);
    const [entry] = parsed.entries;
    expect(entry.type).toBe("inproceedings");
    expect(entry.fields.title).toBe(title);
    expect(entry.fields.booktitle).toBe("Proc. Imaginary Conf.");
    expect(entry.fields.doi).toBe("10.5555/2025.42");
    expect(entry.names.author).toEqual([
      { given: "Zoë", family: "Ångström" },
      { given: "Jean-Luc", family: "O'Brien" },
    ]);
    // The new publication is found by a word of its title.
    expect(pubs("?q=braces").items.map((p) => p.id)).toContain(pub.id);

    for (const id of ["999999", "abc", "0"]) {
      const missing = await call(oneBibLoader, getRequest(`/publications/${id}/bibtex`), {
        id,
      });
      expect(missing.status).toBe(404);
    }
  });
});

describe("/tools", () => {
  test("lists every tool and filters by kind and area", () => {
    const all = toolsLoader({ request: getRequest("/tools"), params: {}, context: {} });
    expect(all.tools.length).toBe(12);
    const datasets = toolsLoader({
      request: getRequest("/tools?kind=dataset"),
      params: {},
      context: {},
    });
    expect(datasets.tools.length).toBeGreaterThan(0);
    expect(datasets.tools.every((t) => t.kind === "dataset")).toBe(true);
    const area = all.tools[0].areas[0];
    const inArea = toolsLoader({
      request: getRequest(`/tools?area=${area.slug}`),
      params: {},
      context: {},
    });
    expect(inArea.tools.every((t) => t.areas.some((a) => a.slug === area.slug))).toBe(true);
    expect(
      toolsLoader({ request: getRequest("/tools?kind=spaceship"), params: {}, context: {} }).tools,
    ).toHaveLength(12);
  });

  test("a dataset page carries Dataset JSON-LD, a library SoftwareSourceCode", () => {
    const dataset = toolLoader({
      request: getRequest("/tools/tidewater-rainfall-set"),
      params: { slug: "tidewater-rainfall-set" },
      context: {},
    });
    const d = JSON.parse(jsonForScript(toolPageJsonLd(dataset)));
    expect(d).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Dataset",
      name: "Tidewater Rainfall Set",
      license: "https://spdx.org/licenses/CC-BY-4.0.html",
    });
    expect(d.description.length).toBeGreaterThan(10);
    expect(d.url).toBe("http://localhost/tools/tidewater-rainfall-set");
    expect(dataset.tool.maintainers.length).toBeGreaterThan(0);

    const library = toolLoader({
      request: getRequest("/tools/lanternfish"),
      params: { slug: "lanternfish" },
      context: {},
    });
    const s = JSON.parse(jsonForScript(toolPageJsonLd(library)));
    expect(s).toMatchObject({
      "@type": "SoftwareSourceCode",
      name: "Lanternfish",
      codeRepository: "https://code.example.org/northlight/lanternfish",
      license: "https://spdx.org/licenses/Apache-2.0.html",
    });
    expect(s.maintainer[0].url).toMatch(/^http:\/\/localhost\/people\//);
    expect(library.publications.length).toBeGreaterThan(0);
    expect(library.tool.descriptionHtml).toContain("<h2>Getting started</h2>");
  });

  test("unknown and malformed tool slugs are 404s", async () => {
    for (const slug of ["no-such-tool", "Not A Slug"]) {
      const res = await call(toolLoader, getRequest(`/tools/${slug}`), { slug });
      expect(res.status).toBe(404);
    }
  });

  test("a maintainer's profile lists their tools; the home page features some", async () => {
    const t = db.select().from(tools).where(eq(tools.slug, "lanternfish")).get()!;
    const maintainer = db.get<{ slug: string }>(
      sql`select r.slug from tool_maintainers tm join researchers r on r.id = tm.researcher_id where tm.tool_id = ${t.id}`,
    );
    const profile = profileLoader({
      request: getRequest(`/people/${maintainer.slug}`),
      params: { slug: maintainer.slug },
      context: {},
    });
    expect(profile.tools.map((x) => x.slug)).toContain("lanternfish");
    const home = homeLoader({ request: getRequest("/"), params: {}, context: {} });
    expect(home.featuredTools.length).toBeGreaterThan(0);
    expect(home.featuredTools.length).toBeLessThanOrEqual(3);
  });
});

describe("/labs", () => {
  test("the land outline is an SVG image the maps draw, cached for a year", async () => {
    const response = landLoader();
    expect(response.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get("Cache-Control")).toContain("max-age=31536000");
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 1000 \d+"/);
    const d = /<path [^>]*d="(M\d+ \d+l[^"]+)"/.exec(svg)?.[1] ?? "";
    // Every continent, in few bytes: many rings, and small enough to load at once.
    expect(d.match(/M/g)?.length).toBeGreaterThan(50);
    expect(svg.length).toBeLessThan(30_000);
    // No line across the map where a coast crosses the 180th meridian (Russia, Fiji):
    // no step within a ring jumps more than half the map's width.
    const steps = d
      .split(/[Mz]/)
      .filter(Boolean)
      .flatMap(
        (ring) =>
          ring
            .split("l")[1]
            ?.trim()
            .split(/\s+/)
            .filter((_, i) => i % 2 === 0) ?? [],
      )
      .map(Number);
    expect(steps.length).toBeGreaterThan(1000);
    expect(Math.max(...steps.map(Math.abs))).toBeLessThan(500);
  });

  test("draws every placed lab as a dot on the server-side map", () => {
    const data = labsLoader();
    expect(data.labs).toHaveLength(8);
    expect(data.map.dots).toHaveLength(8);
    // The land outline is one cached image, not repeated in every page's data.
    expect(data.map.landImage).toMatch(/^\/world-land\.svg/);
    expect(JSON.stringify(data).length).toBeLessThan(5_000);
    const zurich = data.map.dots.find((d) => d.slug === "zurich")!;
    const melbourne = data.map.dots.find((d) => d.slug === "melbourne")!;
    // East is right, south is down.
    expect(melbourne.x).toBeGreaterThan(zurich.x);
    expect(melbourne.y).toBeGreaterThan(zurich.y);
    for (const d of data.map.dots) {
      expect(d.x).toBeGreaterThanOrEqual(0);
      expect(d.x).toBeLessThanOrEqual(data.map.width);
      expect(d.y).toBeGreaterThanOrEqual(0);
      expect(d.y).toBeLessThanOrEqual(data.map.height);
    }
  });

  test("a lab page has its address, time zone, directions, illustration and tools", () => {
    const data = labLoader({
      request: getRequest("/labs/zurich"),
      params: { slug: "zurich" },
      context: {},
    });
    expect(data.place.address).toContain("Zurich");
    expect(data.place.timeZone).toBe("Europe/Zurich");
    expect(data.place.utcOffset).toMatch(/^UTC[+-]0[12]:00$/);
    expect(data.place.directions).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B47\.3769%2C8\.5417/,
    );
    expect(data.place.locator).not.toBeNull();
    const labTools = db.get<{ n: number }>(
      sql`select count(*) n from tools t join labs l on l.id = t.lab_id where l.slug = 'zurich'`,
    ).n;
    expect(data.tools).toHaveLength(labTools);
  });
});

test("the sitemap lists /publications, /tools and every tool page", async () => {
  const res = sitemapLoader({
    request: getRequest("/sitemap.xml"),
    params: {},
    context: {},
  });
  const xml = await res.text();
  expect(xml).toContain("<loc>http://localhost/publications</loc>");
  expect(xml).toContain("<loc>http://localhost/tools</loc>");
  expect(xml).toContain("<loc>http://localhost/tools/lanternfish</loc>");
});
