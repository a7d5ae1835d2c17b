/**
 * The security headers are on every response, not only on pages — health
 * check, robots, sitemap, CSV and JSON exports, file downloads, static
 * assets, the CSRF 403, the host-check 400 and 404s — each once. Token pages
 * send no Referer, and only the résumé our review page frames may be framed.
 * Drives the real server (app/express-app.server.ts) over loopback on a port
 * of its own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "~/express-app.server";
import { getDb } from "~/utils/db.server";
import { applyTo, attachResume, candidateUser, openingWithStages, staffUser } from "../fixtures";
import { createSessionFor, verifiedSessionFor } from "../builders";
import { SESSION_COOKIE } from "~/auth/session.server";
import { passwordResetEmail } from "~/emails/account";
import { queueEmail } from "~/emails/mailer.server";
import { EMAIL_PREVIEW_CSP, LOGO_SVG_CSP } from "~/utils/security-headers.server";
import { listen, type Listening } from "../listen";
import { testServerBuild } from "../server-build";

let server: Listening;
let base: string;
let staffToken: string;
let candidateToken: string;
let applicationId: number;
let adminToken: string;
let emailId: number;

beforeAll(async () => {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  fs.writeFileSync(path.join(assets, "app-TEST.js"), "console.log(1)");
  server = await listen(createApp({ build: await testServerBuild(assets), log: false }));
  base = server.base;

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
  adminToken = verifiedSessionFor(db, (await staffUser(db, "admin")).id);
  emailId = queueEmail(
    db,
    passwordResetEmail({
      user: { name: "Rosa Reset", email: "rosa@example.test" },
      resetUrl: "http://localhost/reset-password?token=SECRET",
    }),
  );
});

afterAll(async () => {
  await server.close();
});

const cookie = (token: string) => ({ Cookie: `${SESSION_COOKIE}=${token}` });

const cases: Array<{
  name: string;
  status: number;
  type: RegExp;
  request: () => Promise<Response>;
  /** Exceptions to the defaults, decided by the URL. */
  referrer?: string;
  framing?: "self";
  csp?: string;
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
  {
    name: "host-check refusal",
    status: 400,
    type: /text\/plain/,
    request: () =>
      fetch(`${base}/people.data`, { method: "OPTIONS", headers: { Origin: "not an origin" } }),
  },
  { name: "home page", status: 200, type: /text\/html/, request: () => fetch(`${base}/`) },
  {
    name: "password reset page (token in the URL)",
    status: 200,
    type: /text\/html/,
    request: () => fetch(`${base}/reset-password?token=${"a".repeat(32)}`),
    referrer: "no-referrer",
  },
  {
    name: "referee upload page (token in the URL)",
    status: 404,
    type: /text\/html/,
    request: () => fetch(`${base}/referee?token=${"b".repeat(32)}`),
    referrer: "no-referrer",
  },
  {
    name: "résumé shown in the review page's frame",
    status: 200,
    type: /application\/pdf/,
    request: () =>
      fetch(`${base}/recruit/applications/${applicationId}/resume`, {
        headers: cookie(staffToken),
      }),
    framing: "self",
  },
  {
    name: "an email's HTML part in the outbox page's frame",
    status: 200,
    type: /text\/html/,
    request: () => fetch(`${base}/admin/outbox/${emailId}/html`, { headers: cookie(adminToken) }),
    referrer: "no-referrer",
    framing: "self",
    csp: EMAIL_PREVIEW_CSP,
  },
  {
    name: "an email template's HTML preview in the editor's frame",
    status: 200,
    type: /text\/html/,
    request: () =>
      fetch(`${base}/admin/email-templates/account.welcome/html`, { headers: cookie(adminToken) }),
    referrer: "no-referrer",
    framing: "self",
    csp: EMAIL_PREVIEW_CSP,
  },
  {
    // Not the current logo, so a 404; the policy depends on the address alone.
    name: "an uploaded SVG logo's address",
    status: 404,
    type: /./,
    request: () => fetch(`${base}/brand/logo-0123456789abcdef.svg`),
    csp: LOGO_SVG_CSP,
  },
];

describe("security headers on every response", () => {
  it.each(cases)("$name", async ({ status, type, request, referrer, framing, csp: policy }) => {
    const res = await request();
    await res.arrayBuffer();
    expect(res.status).toBe(status);
    expect(res.headers.get("Content-Type") ?? "").toMatch(type);
    expect(res.headers.get("Strict-Transport-Security")).toMatch(/^max-age=\d{8}/);
    // One value each, not duplicated by a route that also sets it.
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe(framing ? "SAMEORIGIN" : "DENY");
    expect(res.headers.get("Referrer-Policy")).toBe(referrer ?? "strict-origin-when-cross-origin");
    expect(res.headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(res.headers.get("Permissions-Policy")).toMatch(/camera=\(\)/);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain(framing ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
    expect(csp).not.toContain(",");
    if (policy) expect(csp).toBe(policy);
  });

  it("keeps the page's own nonce policy on HTML", async () => {
    const res = await fetch(`${base}/`);
    await res.text();
    expect(res.headers.get("Content-Security-Policy")).toMatch(/script-src 'self' 'nonce-/);
  });
});
