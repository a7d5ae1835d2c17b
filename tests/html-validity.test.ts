/**
 * Every kind of page is valid HTML as the W3C Nu HTML checker (vnu-jar, run
 * with Java; `npm test` installs Debian's default-jre-headless when Java is
 * missing: tests/ensure-java.mjs) reads it: the public pages on demo data, a
 * candidate's application and a recruiter's review page, served by the whole
 * app. One checker run for all pages (the JVM start is most of its cost).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../db/seed";
import { SESSION_COOKIE } from "~/auth/session.server";
import { createApp } from "~/express-app.server";
import { getDb } from "~/utils/db.server";
import { createOpening, createSessionFor, stagesOf } from "./builders";
import { applyTo, candidateUser, signedIn } from "./fixtures";
import { INSTALL_COMMAND, javaPath } from "./java.mjs";
import { listen, type Listening } from "./listen";
import { testServerBuild } from "./server-build";

const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

type VnuMessage = {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
};

let server: Listening;
let pages: Array<{ path: string; cookie?: string }>;

// Seeding and importing every public page take a while on a busy machine: a minute.
beforeAll(async () => {
  const db = getDb();
  await seed(db, {
    researchers: 12,
    openings: 4,
    applications: 0,
    quiet: true,
    uploadsDir: path.join(process.env.UPLOADS_DIR!, "seed"),
  });
  const first = (table: string) =>
    db.get<{ slug: string }>(sql.raw(`SELECT slug FROM ${table} ORDER BY id LIMIT 1`))!.slug;
  const labId = db.get<{ id: number }>(sql`SELECT id FROM labs LIMIT 1`)!.id;
  const opening = createOpening(db, { labId, title: "Research engineer, validity" });
  const candidate = await candidateUser(db, "Vera Valid", "Checks markup");
  const application = applyTo(db, {
    openingId: opening.id,
    candidateId: candidate.id,
    stageId: stagesOf(db, opening.id)[0].id,
  });
  const staff = await signedIn(db, "recruiter");
  const openSlug = first("openings WHERE status = 'open'");
  pages = [
    { path: "/" },
    { path: "/people" },
    { path: `/people/${first("researchers")}` },
    { path: "/labs" },
    { path: `/labs/${first("labs")}` },
    { path: "/areas" },
    { path: `/areas/${first("research_areas")}` },
    { path: "/careers" },
    { path: `/careers/${openSlug}` },
    { path: `/careers/${openSlug}/apply` },
    { path: "/programs" },
    { path: `/programs/${first("programs")}` },
    { path: "/events" },
    { path: `/events/${first("events")}` },
    { path: "/publications" },
    { path: "/tools" },
    { path: `/tools/${first("tools")}` },
    { path: "/about" },
    { path: "/privacy" },
    { path: "/login" },
    { path: "/signup" },
    { path: "/no-such-page" },
    {
      path: `/applications/${application.id}`,
      cookie: `${SESSION_COOKIE}=${createSessionFor(db, candidate.id)}`,
    },
    { path: `/recruit/applications/${application.id}`, cookie: `${SESSION_COOKIE}=${staff.token}` },
  ];
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  server = await listen(
    createApp({ build: await testServerBuild(assets, { allPublicPages: true }), log: false }),
  );
}, 60_000);
afterAll(() => server.close());

/** Runs the checker once over every file; its JSON report lists each file's messages. */
function vnu(java: string, files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(
      java,
      ["-Xss4m", "-jar", VNU_JAR, "--format", "json", "--stdout", "--exit-zero-always", ...files],
      { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout) => {
        if (error) return reject(error);
        resolve((JSON.parse(stdout) as { messages: VnuMessage[] }).messages);
      },
    );
  });
}

describe("the Nu HTML checker", () => {
  test("finds no error on any kind of page", { timeout: 180_000 }, async () => {
    const java = javaPath();
    expect(java, `The Nu HTML checker needs Java: ${INSTALL_COMMAND}`).toBeDefined();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-vnu-"));
    const files = new Map<string, string>();
    for (const [i, page] of pages.entries()) {
      const res = await fetch(server.base + page.path, {
        headers: page.cookie ? { Cookie: page.cookie } : {},
      });
      expect(res.status, page.path).toBe(page.path === "/no-such-page" ? 404 : 200);
      expect(res.headers.get("content-type"), page.path).toMatch(/^text\/html/);
      const file = path.join(dir, `page-${i}.html`);
      fs.writeFileSync(file, await res.text());
      files.set(`file:${file}`, page.path);
    }
    // A control page with a known error: the checker did read the files it was given.
    const control = path.join(dir, "control.html");
    fs.writeFileSync(
      control,
      `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p id="a"></p><p id="a"></p></body></html>`,
    );
    const messages = await vnu(java!, [...files.keys(), control]);
    expect(messages.filter((m) => m.url === `file:${control}` && m.type === "error")).toEqual([
      expect.objectContaining({ message: "Duplicate ID “a”." }),
    ]);
    const errors = messages
      .filter((m) => m.type !== "info" && m.url !== `file:${control}`)
      .map((m) => `${files.get(m.url ?? "") ?? m.url}:${m.lastLine}: ${m.message} — ${m.extract}`);
    expect(errors).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
