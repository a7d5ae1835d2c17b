/**
 * What a social network or chat app reads when a public page is shared:
 * every kind of public page, served by the whole app on demo data, read with
 * an independent HTML parser (parse5), carries Open Graph and Twitter card
 * tags with absolute addresses under the site's origin, and its image
 * answers as a PNG of the size the tags state. Every Organization in the
 * structured data has a logo and every Event an image, with or without an
 * uploaded logo.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../db/seed";
import { saveSettings, storeLogo } from "~/models/settings.server";
import { createApp } from "~/express-app.server";
import { getDb } from "~/utils/db.server";
import { processLogo } from "~/utils/uploads/logo.server";
import { staffUser } from "./fixtures";
import { listen, type Listening } from "./listen";
import { testServerBuild } from "./server-build";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

let server: Listening;
let base: string;

// Seeding and importing every public page take a while on a busy machine: a minute.
beforeAll(async () => {
  await seed(getDb(), {
    researchers: 12,
    openings: 4,
    applications: 0,
    quiet: true,
    uploadsDir: path.join(process.env.UPLOADS_DIR!, "seed"),
  });
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  server = await listen(
    createApp({ build: await testServerBuild(assets, { allPublicPages: true }), log: false }),
  );
  base = server.base;
}, 60_000);
afterAll(() => server.close());

const first = (table: string) =>
  getDb().get<{ slug: string }>(sql.raw(`SELECT slug FROM ${table} ORDER BY id LIMIT 1`))!.slug;

/** Every element of the document, depth first. */
function* elements(node: Node): Generator<Element> {
  if ("tagName" in node) yield node;
  if ("childNodes" in node) for (const child of node.childNodes) yield* elements(child);
  if ("content" in node && node.content) yield* elements(node.content);
}
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/** The page's meta tags by property or name (each must appear once), and its canonical link. */
async function shareTags(pathname: string) {
  const res = await fetch(base + pathname);
  expect(res.status, pathname).toBe(200);
  const document = parse(await res.text());
  const tags = new Map<string, string>();
  let canonical: string | undefined;
  for (const el of elements(document)) {
    if (el.tagName === "link" && attr(el, "rel") === "canonical") canonical = attr(el, "href");
    if (el.tagName !== "meta") continue;
    const key = attr(el, "property") ?? attr(el, "name");
    if (!key || !/^(og|twitter):|^description$/.test(key)) continue;
    expect(tags.has(key), `${pathname}: ${key} twice`).toBe(false);
    tags.set(key, attr(el, "content") ?? "");
  }
  return { tags, canonical };
}

/** Width and height from a PNG's IHDR chunk, read from the bytes themselves. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function fetchPng(url: string) {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get("content-type"), url).toBe("image/png");
  expect(res.headers.get("cache-control"), url).toContain("immutable");
  return Buffer.from(await res.arrayBuffer());
}

const PAGES: Array<[string, () => string, string]> = [
  ["home", () => "/", "website"],
  ["people", () => "/people", "website"],
  ["a profile", () => `/people/${first("researchers")}`, "profile"],
  ["labs", () => "/labs", "website"],
  ["a lab", () => `/labs/${first("labs")}`, "website"],
  ["areas", () => "/areas", "website"],
  ["an area", () => `/areas/${first("research_areas")}`, "website"],
  ["careers", () => "/careers", "website"],
  ["an opening", () => `/careers/${first("openings WHERE status = 'open'")}`, "website"],
  [
    "an application form",
    () => `/careers/${first("openings WHERE status = 'open'")}/apply`,
    "website",
  ],
  ["programs", () => "/programs", "website"],
  ["a program", () => `/programs/${first("programs")}`, "website"],
  ["events", () => "/events", "website"],
  ["an event", () => `/events/${first("events")}`, "article"],
  ["publications", () => "/publications", "website"],
  ["tools", () => "/tools", "website"],
  ["a tool", () => `/tools/${first("tools")}`, "website"],
  ["about", () => "/about", "website"],
  ["privacy", () => "/privacy", "website"],
];

describe("share tags on every public page", () => {
  const images = new Map<string, { width: number; height: number }>();

  test.each(PAGES)("%s", async (_, url, type) => {
    const pathname = url();
    const { tags, canonical } = await shareTags(pathname);
    expect(tags.get("og:site_name")).toBe("Northlight Research");
    expect(tags.get("og:type")).toBe(type);
    expect(tags.get("og:title")?.length).toBeGreaterThan(0);
    expect(tags.get("og:description")?.length).toBeGreaterThan(0);
    expect(tags.get("og:description")).toBe(tags.get("description"));
    expect(tags.get("og:url")).toBe(`${base}${pathname}`);
    if (canonical) expect(canonical).toBe(tags.get("og:url"));
    expect(tags.get("twitter:card")).toBe("summary_large_image");
    const image = tags.get("og:image")!;
    expect(image).toMatch(new RegExp(`^${base}/brand/og-[a-z]+-[0-9a-f]{16}\\.png$`));
    expect(tags.get("twitter:image")).toBe(image);
    expect(tags.get("og:image:alt")).toMatch(/^Northlight Research: /);
    const stated = {
      width: Number(tags.get("og:image:width")),
      height: Number(tags.get("og:image:height")),
    };
    expect(stated).toEqual({ width: 1200, height: 630 });
    images.set(image, stated);
  });

  test("every card answers as a PNG of the stated size, and each kind of page has its own", async () => {
    expect(images.size).toBeGreaterThanOrEqual(10);
    for (const [url, stated] of images) expect(pngSize(await fetchPng(url)), url).toEqual(stated);
    // The card draws something: not one flat colour.
    const card = await fetchPng([...images.keys()][0]);
    const stats = await sharp(card).stats();
    expect(stats.channels.some((c) => c.max - c.min > 100)).toBe(true);
  });

  test("an address that is not the current artwork is a 404", async () => {
    for (const name of ["og-careers-0000000000000000.png", "og-nothing-0.png", "mark-00.png"])
      expect((await fetch(`${base}/brand/${name}`)).status, name).toBe(404);
  });
});

/** The JSON-LD nodes of a page with an `@type` of `type`. */
async function jsonLdOf(pathname: string, type: string) {
  const html = await (await fetch(base + pathname)).text();
  const nodes: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o["@type"] === type) nodes.push(o);
      Object.values(o).forEach(walk);
    }
  };
  for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g))
    walk(JSON.parse(m[1]));
  return nodes;
}

describe("images in structured data and after a change of brand", () => {
  test("without an uploaded logo: the default mark and the drawn card", async () => {
    const [org] = await jsonLdOf(
      `/careers/${first("openings WHERE status = 'open'")}`,
      "Organization",
    );
    expect(org.logo).toMatch(new RegExp(`^${base}/brand/mark-[0-9a-f]{16}\\.png$`));
    expect(pngSize(await fetchPng(org.logo as string))).toEqual({ width: 512, height: 512 });
    const [event] = await jsonLdOf(`/events/${first("events")}`, "Event");
    expect(pngSize(await fetchPng(event.image as string))).toEqual({ width: 1200, height: 630 });
  });

  test("a new name, colour or logo gives new addresses; the old ones stop answering", async () => {
    const before = (await shareTags("/careers")).tags.get("og:image")!;
    const actor = { userId: (await staffUser(getDb(), "admin")).id, ip: "127.0.0.1" };
    expect(saveSettings(getDb(), actor, { name: "Southlight Institute" })).toEqual({ ok: true });
    const renamed = (await shareTags("/careers")).tags;
    expect(renamed.get("og:site_name")).toBe("Southlight Institute");
    expect(renamed.get("og:image")).not.toBe(before);
    expect((await fetch(before)).status).toBe(404);

    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect width="300" height="100" fill="#c00"/></svg>`;
    await storeLogo(getDb(), actor, await processLogo(Buffer.from(svg)));
    const withLogo = (await shareTags("/careers")).tags.get("og:image")!;
    expect(withLogo).not.toBe(renamed.get("og:image"));
    const card = await fetchPng(withLogo);
    expect(pngSize(card)).toEqual({ width: 1200, height: 630 });
    // The uploaded logo (pure red) is drawn on the card.
    const { data, info } = await sharp(card).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels)
      if (data[i] > 180 && data[i + 1] < 40 && data[i + 2] < 40) red++;
    expect(red).toBeGreaterThan(1000);
    // The organisation's logo is now the uploaded one, and the default mark is gone.
    const [org] = await jsonLdOf(
      `/careers/${first("openings WHERE status = 'open'")}`,
      "Organization",
    );
    expect(org.logo).toMatch(new RegExp(`^${base}/brand/logo-[0-9a-f]{16}\\.png$`));
  });
});
