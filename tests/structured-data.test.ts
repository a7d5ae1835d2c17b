/**
 * schema.org structured data as crawlers get it: every public page that
 * describes one thing carries exactly one JSON-LD block, and the page's
 * hydration data does not carry the same facts a second time (issue 11:
 * loader payloads no bigger than the page needs). Served by the whole app
 * (middleware, Remix, React), on demo data.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../db/seed";
import { createApp } from "~/express-app.server";
import { getDb } from "~/utils/db.server";
import { listen, type Listening } from "./listen";
import { testServerBuild } from "./server-build";

const NOW = Date.now();
let server: Listening;
let base: string;

beforeAll(async () => {
  const db = getDb();
  await seed(db, {
    researchers: 30,
    openings: 8,
    applications: 4,
    quiet: true,
    uploadsDir: path.join(process.env.UPLOADS_DIR!, "seed"),
  });
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  server = await listen(createApp({ build: await testServerBuild(assets), log: false }));
  base = server.base;
});
afterAll(() => server.close());

const first = (query: ReturnType<typeof sql>) => getDb().get<{ slug: string }>(query)!.slug;

async function page(pathname: string) {
  const res = await fetch(base + pathname);
  expect(res.status, pathname).toBe(200);
  const html = await res.text();
  const blocks = [
    ...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g),
  ].map((m) => m[1]);
  return { html, blocks };
}

describe("JSON-LD on public pages", () => {
  const pages: Array<[string, () => string, string]> = [
    [
      "a profile",
      () => `/people/${first(sql`SELECT slug FROM researchers WHERE status = 'current' LIMIT 1`)}`,
      "Person",
    ],
    [
      "an open role",
      () =>
        `/careers/${first(sql`SELECT slug FROM openings WHERE status = 'open' AND (closes_at IS NULL OR closes_at > ${NOW}) LIMIT 1`)}`,
      "JobPosting",
    ],
    ["an event", () => `/events/${first(sql`SELECT slug FROM events LIMIT 1`)}`, "Event"],
    [
      "a program",
      () => `/programs/${first(sql`SELECT slug FROM programs LIMIT 1`)}`,
      "EducationalOccupationalProgram",
    ],
    [
      "a tool",
      () => `/tools/${first(sql`SELECT slug FROM tools LIMIT 1`)}`,
      "Dataset|SoftwareSourceCode",
    ],
    ["the publications list", () => "/publications", "ScholarlyArticle"],
  ];

  test.each(pages)("%s has one block, and its facts are not sent again", async (_, url, type) => {
    const { html, blocks } = await page(url());
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]);
    const first = Array.isArray(data) ? data[0] : data;
    expect(first["@context"]).toBe("https://schema.org");
    expect(first["@type"]).toMatch(new RegExp(`^(${type})$`));
    // Every schema.org reference in the document is inside the block: the
    // loader data that hydrates the page does not repeat it.
    const everywhere = html.split("schema.org").length - 1;
    const inBlock = blocks[0].split("schema.org").length - 1;
    expect(inBlock).toBeGreaterThan(0);
    expect(everywhere).toBe(inBlock);
  });

  test("a role past its closing date stays visible but carries no JobPosting", async () => {
    const db = getDb();
    const slug = first(sql`SELECT slug FROM openings WHERE status = 'open' LIMIT 1`);
    db.run(sql`UPDATE openings SET closes_at = ${NOW - 60_000} WHERE slug = ${slug}`);
    const { html, blocks } = await page(`/careers/${slug}`);
    expect(blocks).toHaveLength(0);
    expect(html).not.toContain("JobPosting");
  });
});
