/**
 * Issue 14, item 10: the security headers are on every response, not only
 * on pages — health check, robots, sitemap, CSV and JSON exports, file
 * downloads, static assets, the CSRF 403 and 404s. Drives the real Express
 * app (app/express-app.server.ts) over loopback on a port of its own.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "~/express-app.server";
import { getDb } from "~/utils/db.server";
import { applyTo, attachResume, candidateUser, openingWithStages, staffUser } from "../fixtures";
import { createSessionFor, verifiedSessionFor } from "../builders";
import { SESSION_COOKIE } from "~/auth/session.server";
import { testServerBuild } from "../server-build";

// Port 0: the system picks a free one, so parallel runs never collide.
const PORT = 0;
let server: Server;
let base: string;
let staffToken: string;
let candidateToken: string;
let applicationId: number;

beforeAll(async () => {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  fs.writeFileSync(path.join(assets, "app-TEST.js"), "console.log(1)");
  const app = createApp({ build: await testServerBuild(assets), log: false });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(PORT, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const db = getDb();
  const staff = await staffUser(db);
  const candidate = await candidateUser(db);
  staffToken = verifiedSessionFor(db, staff.id);
  candidateToken = createSessionFor(db, candidate.id);
  const { opening, stages } = openingWithStages(db);
  const app1 = applyTo(db, {
    openingId: opening.id,
    candidateId: candidate.id,
    stageId: stages[0].id,
  });
  attachResume(db, app1, "%PDF-1.4 hi", `${"b".repeat(32)}.pdf`);
  applicationId = app1.id;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const cookie = (token: string) => ({ Cookie: `${SESSION_COOKIE}=${token}` });

const cases: Array<{
  name: string;
  status: number;
  type: RegExp;
  request: () => Promise<Response>;
}> = [
  {
    name: "health check",
    status: 200,
    type: /text\/plain/,
    request: () => fetch(`${base}/healthz`),
  },
  {
    name: "robots.txt",
    status: 200,
    type: /text\/plain/,
    request: () => fetch(`${base}/robots.txt`),
  },
  { name: "sitemap.xml", status: 200, type: /xml/, request: () => fetch(`${base}/sitemap.xml`) },
  {
    name: "CSV export",
    status: 200,
    type: /text\/csv/,
    request: () => fetch(`${base}/recruit/reports.csv`, { headers: cookie(staffToken) }),
  },
  {
    name: "JSON export",
    status: 200,
    type: /application\/json/,
    request: () =>
      fetch(`${base}/account/export`, {
        method: "POST",
        headers: { ...cookie(candidateToken), Origin: base },
      }),
  },
  {
    name: "file download",
    status: 200,
    type: /application\/pdf/,
    request: () =>
      fetch(`${base}/applications/${applicationId}/resume`, { headers: cookie(candidateToken) }),
  },
  {
    name: "fingerprinted asset",
    status: 200,
    type: /javascript/,
    request: () => fetch(`${base}/build/app-TEST.js`),
  },
  { name: "public file", status: 200, type: /image/, request: () => fetch(`${base}/favicon.svg`) },
  {
    name: "CSRF refusal",
    status: 403,
    type: /text\/plain/,
    request: () =>
      fetch(`${base}/account/export`, {
        method: "POST",
        headers: { Origin: "https://evil.example" },
      }),
  },
  {
    name: "404 page",
    status: 404,
    type: /text\/html/,
    request: () => fetch(`${base}/no/such/page`),
  },
  {
    name: "404 data request",
    status: 404,
    type: /./,
    request: () => fetch(`${base}/no/such/page.data`),
  },
  { name: "home page", status: 200, type: /text\/html/, request: () => fetch(`${base}/`) },
];

describe("security headers on every response", () => {
  it.each(cases)("$name", async ({ status, type, request }) => {
    const res = await request();
    await res.arrayBuffer();
    expect(res.status).toBe(status);
    expect(res.headers.get("Content-Type") ?? "").toMatch(type);
    expect(res.headers.get("Strict-Transport-Security")).toMatch(/^max-age=\d{8}/);
    // One value each, not duplicated by a route that also sets it.
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain(",");
  });

  it("keeps the page's own nonce policy on HTML", async () => {
    const res = await fetch(`${base}/`);
    await res.text();
    expect(res.headers.get("Content-Security-Policy")).toMatch(/script-src 'self' 'nonce-/);
  });
});
