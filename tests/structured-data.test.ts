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
import { expansionProblems, jsonLdNodes, schemaDtsErrors } from "./json-ld";
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
    ["the home page", () => "/", "ResearchOrganization"],
    ["a lab", () => `/labs/${first(sql`SELECT slug FROM labs LIMIT 1`)}`, "ResearchOrganization"],
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

  // The mistake the tool pages made: softwareHelp belongs to SoftwareApplication.
  const wrong = {
    "@context": "https://schema.org",
    "@type": "SoftwareSourceCode",
    name: "Lanternfish",
    softwareHelp: { "@type": "CreativeWork", url: "https://docs.example" },
    codeRepositry: "https://git.example/lanternfish",
  };

  test("every block is schema.org: schema-dts types compile it, and it expands to schema.org terms", async () => {
    // One page of each type, and each variant a type has (a dataset and a
    // piece of software; an alumnus and a current researcher; an event at a
    // lab, at another venue and online).
    const variants = [
      ...pages.map(([label, url]) => [label, url()]),
      ["a dataset", `/tools/${first(sql`SELECT slug FROM tools WHERE kind = 'dataset' LIMIT 1`)}`],
      ["software", `/tools/${first(sql`SELECT slug FROM tools WHERE kind <> 'dataset' LIMIT 1`)}`],
      [
        "an alumnus",
        `/people/${first(sql`SELECT slug FROM researchers WHERE status = 'alumni' LIMIT 1`)}`,
      ],
      [
        "an event at a lab",
        `/events/${first(sql`SELECT slug FROM events WHERE lab_id IS NOT NULL LIMIT 1`)}`,
      ],
      [
        "an event elsewhere",
        `/events/${first(sql`SELECT slug FROM events WHERE lab_id IS NULL LIMIT 1`)}`,
      ],
      [
        "an event online",
        `/events/${first(sql`SELECT slug FROM events WHERE online_url IS NOT NULL LIMIT 1`)}`,
      ],
    ];
    const nodes: Array<{ label: string; node: Record<string, unknown> }> = [];
    for (const [label, url] of variants) {
      const { blocks } = await page(url);
      expect(blocks, label).toHaveLength(1);
      const block = JSON.parse(blocks[0]) as unknown;
      expect(await expansionProblems(block), `${label} (${url})`).toEqual([]);
      for (const node of jsonLdNodes([block])) nodes.push({ label: `${label} (${url})`, node });
    }
    // One compilation for all (loading schema-dts is most of its cost), with
    // a wrong block that must fail beside them.
    expect(schemaDtsErrors([...nodes, { label: "wrong", node: wrong }])).toEqual([
      expect.stringMatching(/^wrong: .*softwareHelp.* does not exist in type/),
    ]);
  });

  test("expansion finds a property the schema.org context does not define", async () => {
    // The context defines softwareHelp (for SoftwareApplication), not the misspelling.
    expect(await expansionProblems(wrong)).toEqual([
      expect.stringMatching(/^codeRepositry: not a schema\.org property/),
    ]);
  });

  test("a JobPosting states every term its opening has, and leaves out only what the opening does not state", async () => {
    const db = getDb();
    // One open role that states no pay and no closing date ("open until filled").
    const bare = first(
      sql`SELECT slug FROM openings WHERE status = 'open' AND (closes_at IS NULL OR closes_at > ${NOW}) ORDER BY id DESC LIMIT 1`,
    );
    db.run(
      sql`UPDATE openings SET pay_min = NULL, pay_max = NULL, pay_currency = NULL, pay_period = NULL, closes_at = NULL WHERE slug = ${bare}`,
    );
    const rows = db.all<{
      slug: string;
      payMin: number | null;
      payMax: number | null;
      payCurrency: string | null;
      payPeriod: string | null;
      closesAt: number | null;
    }>(sql`SELECT slug, pay_min AS payMin, pay_max AS payMax, pay_currency AS payCurrency,
        pay_period AS payPeriod, closes_at AS closesAt
      FROM openings WHERE status = 'open' AND (closes_at IS NULL OR closes_at > ${NOW})`);
    const seen = { pay: 0, noPay: 0, closes: 0, open: 0 };
    for (const o of rows) {
      const { html, blocks } = await page(`/careers/${o.slug}`);
      const posting = JSON.parse(blocks[0]) as Record<string, unknown>;
      const statesPay = o.payCurrency !== null && o.payPeriod !== null && o.payMin !== null;
      expect(posting.baseSalary !== undefined, `${o.slug} baseSalary`).toBe(statesPay);
      expect(posting.validThrough, o.slug).toBe(
        o.closesAt === null ? undefined : new Date(o.closesAt).toISOString(),
      );
      // The page shows the same: the pay it states, or none; a date to apply by, or "Open until filled".
      expect(html.includes("Open until filled"), o.slug).toBe(o.closesAt === null);
      seen[statesPay ? "pay" : "noPay"]++;
      seen[o.closesAt === null ? "open" : "closes"]++;
    }
    expect(
      Object.values(seen).every((n) => n > 0),
      JSON.stringify(seen),
    ).toBe(true);
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
