/**
 * Every public page, uncached, at several data sizes side by side: which
 * pages cost more as the directory grows? (A page whose cost grows with the
 * data stands out.)
 *
 *   npx tsx --import ./bench/css-stub.mjs bench/pages.ts [--scales 1x,100x] [--requests 15]
 *     [--port 3960]
 *
 * For each scale it serves the production build alone on the bench file
 * (bench/.data/atrium-<scale>.db; run `npm run bench -- --scales <scale>
 * --phases sql` first to create it) with the page cache off (PAGE_CACHE_MB=0,
 * every request renders) and one process, finds one URL per kind of public
 * page from the site's own links (a profile, a lab, an area, an opening, an
 * event, a tool, a program), and requests each URL one at a time: three
 * warm-up requests, then `--requests` measured ones. It prints the median
 * latency per URL and scale, the page size, and the ratio of the last scale
 * to the first. Every response must be a 200, or the run fails.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { assertAllOk, ms, stats, stop, table } from "./lib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The pages without a record behind them, then one of each kind found by its links. */
const FIXED = ["/", "/people", "/labs", "/areas", "/careers", "/events", "/tools", "/programs"];
const FOUND: Array<[string, RegExp]> = [
  ["/people", /href="(\/people\/[^"?#/]+)"/],
  ["/labs", /href="(\/labs\/[^"?#/]+)"/],
  ["/areas", /href="(\/areas\/[^"?#/]+)"/],
  ["/careers", /href="(\/careers\/[^"?#/]+)"/],
  ["/events", /href="(\/events\/[^"?#/.]+)"/],
  ["/tools", /href="(\/tools\/[^"?#/]+)"/],
  ["/programs", /href="(\/programs\/[^"?#/]+)"/],
];
const TAIL = [
  "/events.ics",
  "/publications",
  "/publications?type=article",
  "/publications.bib",
  "/sitemap.xml",
  "/robots.txt",
  "/privacy",
];

/** URLs are compared across scales by their kind, since slugs differ between files. */
function kindOf(url: string): string {
  const [pathname, query] = url.split("?");
  const [, first, second] = pathname.split("/");
  const kind = second ? `/${first}/…` : pathname;
  if (!query) return kind;
  return `${kind}?${[...new URLSearchParams(query)].map(([k, v]) => (k === "type" ? `${k}=${v}` : `${k}=…`)).join("&")}`;
}

async function measureScale(scale: string, requests: number, port: number) {
  const db = path.join(ROOT, "bench", ".data", `atrium-${scale}.db`);
  if (!fs.existsSync(db))
    throw new Error(`${db} is missing: run npm run bench -- --scales ${scale} --phases sql`);
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db,
      UPLOADS_DIR: path.join(ROOT, "bench", ".data", `uploads-${scale}`),
      ATRIUM_DEMO: "0",
      NODE_ENV: "production",
      PORT: String(port),
      WEB_CONCURRENCY: "1",
      PAGE_CACHE_MB: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error("Atrium exited before answering /healthz");
      try {
        if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("Atrium did not answer /healthz within 60 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    const urls = [...FIXED];
    for (const [list, link] of FOUND) {
      const html = await (await fetch(base + list)).text();
      const found = link.exec(html)?.[1];
      if (found) urls.push(found);
    }
    urls.push(...TAIL);
    // The publications of one lab and of one author (a profile's tools link there).
    const lab = urls.find((u) => u.startsWith("/labs/"));
    const person = urls.find((u) => u.startsWith("/people/"));
    if (lab) urls.push(`/publications?lab=${lab.slice("/labs/".length)}`);
    if (person) urls.push(`/publications?author=${person.slice("/people/".length)}`);
    // A large site's sitemap is an index: time its first part of people too.
    const index = await (await fetch(`${base}/sitemap.xml`)).text();
    const part = /<loc>[^<]*(\/sitemap\.xml\?part=people-1)<\/loc>/.exec(index)?.[1];
    if (part) urls.push(part);

    const results = new Map<string, { url: string; median: number; kb: number }>();
    const failures: string[] = [];
    for (const url of urls) {
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 3 + requests; i++) {
        const started = performance.now();
        const res = await fetch(base + url, { headers: { "accept-encoding": "br, gzip" } });
        const body = await res.arrayBuffer();
        if (i >= 3) samples.push(performance.now() - started);
        bytes = body.byteLength;
        if (res.status !== 200) failures.push(`${url}: ${res.status}`);
      }
      results.set(kindOf(url), { url, median: stats(samples).median, kb: bytes / 1024 });
    }
    assertAllOk(`[${scale}] pages`, [...new Set(failures)]);
    return results;
  } finally {
    await stop(child);
  }
}

const { values } = parseArgs({
  options: {
    scales: { type: "string", default: "1x,100x" },
    requests: { type: "string", default: "15" },
    port: { type: "string", default: "3960" },
  },
});
const scales = values.scales!.split(",");
if (!fs.existsSync(path.join(ROOT, "build", "index.js")))
  throw new Error("build/index.js is missing: run npm run build first");

const byScale: Array<Awaited<ReturnType<typeof measureScale>>> = [];
for (const scale of scales)
  byScale.push(await measureScale(scale, Number(values.requests), Number(values.port)));

const kinds = [...new Set(byScale.flatMap((r) => [...r.keys()]))];
console.log(
  `\nEvery public page, uncached (PAGE_CACHE_MB=0), one process, one request at a time; median ms of ${values.requests} (compressed KB)\n`,
);
console.log(
  table(
    ["page", ...scales, `${scales.at(-1)} / ${scales[0]}`],
    kinds.map((kind) => {
      const cells = byScale.map((r) => {
        const m = r.get(kind);
        return m ? `${ms(m.median)} (${m.kb.toFixed(0)} KB)` : "-";
      });
      const first = byScale[0].get(kind)?.median;
      const last = byScale.at(-1)!.get(kind)?.median;
      return [kind, ...cells, first && last ? `${(last / first).toFixed(1)}×` : "-"];
    }),
  ),
);
