/**
 * Atrium behind a TLS-terminating proxy, the way fly.toml deploys it: the
 * test starts the production build with fly.toml's [env] (TRUST_PROXY
 * included; paths, port and public origin made local) behind a Node https
 * proxy with a certificate made for the test, which, like Fly's edge,
 * redirects plain http to https (`force_https`), forwards the Host unchanged
 * and adds X-Forwarded-For/-Proto/-Port and Fly-Client-IP. Chromium signs in
 * and applies through the real forms over https; the server must accept
 * them (the browser's Origin is https, the app listens on http) and see the
 * visitor's address the proxy reports.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { and, desc, eq, notInArray } from "drizzle-orm";
import { applications, openings, sessions, users } from "../db/schema";
import { openDatabase } from "../app/utils/db.server";
import { answerQuestions } from "./roles";
import { DEMO, DEMO_PASSWORD, e2eDb, expect, test } from "./fixtures";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const RESUME = path.join(import.meta.dirname, "fixtures", "resume.pdf");
/** The visitor's address as the edge saw it (a documentation range, RFC 5737). */
const VISITOR_IP = "203.0.113.50";

/** The flat `key = value` settings of fly.toml's sections (all this test needs of TOML). */
function readFlyToml() {
  const text = fs.readFileSync(path.join(import.meta.dirname, "..", "fly.toml"), "utf8");
  const sections = new Map<string, Record<string, string>>([["", {}]]);
  let current = "";
  for (const line of text.split("\n")) {
    const header = /^\s*\[+([^\]]+)\]+\s*$/.exec(line);
    if (header) {
      current = header[1].trim();
      sections.set(current, sections.get(current) ?? {});
      continue;
    }
    const setting = /^\s*([A-Za-z_][\w-]*)\s*=\s*(.+?)\s*$/.exec(line);
    if (setting && !line.trim().startsWith("#")) {
      sections.get(current)![setting[1]] = setting[2].replace(/^"(.*)"$/, "$1");
    }
  }
  return sections;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade"]);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let work: string;
let app: ChildProcess | undefined;
let edge: https.Server;
let plain: http.Server;
let origin: string;
let appDb: ReturnType<typeof openDatabase>;

test.beforeAll(async () => {
  const fly = readFlyToml();
  const env = fly.get("env")!;
  const service = fly.get("http_service")!;
  // fly.toml's app listens where Fly's proxy sends requests.
  expect(service.internal_port).toBe(env.PORT);
  expect(service.force_https).toBe("true");

  work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-proxy-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-keyout",
      path.join(work, "key.pem"),
      "-out",
      path.join(work, "cert.pem"),
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );

  // This worker's demo data, copied so the proxied server writes to its own file.
  const database = path.join(work, "atrium.db");
  e2eDb().$client.exec(`VACUUM INTO '${database.replaceAll("'", "''")}'`);
  appDb = openDatabase(database, { migrate: false });
  const appPort = await freePort();

  edge = https.createServer({
    key: fs.readFileSync(path.join(work, "key.pem")),
    cert: fs.readFileSync(path.join(work, "cert.pem")),
  });
  await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve));
  const tlsPort = (edge.address() as AddressInfo).port;
  origin = `https://localhost:${tlsPort}`;
  edge.on("request", (req, res) => {
    const headers: http.OutgoingHttpHeaders = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    Object.assign(headers, {
      "x-forwarded-for": VISITOR_IP,
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      "x-forwarded-ssl": "on",
      "fly-client-ip": VISITOR_IP,
      "fly-forwarded-port": "443",
      via: "2 fly.io",
    });
    const upstream = http.request(
      { host: "127.0.0.1", port: appPort, method: req.method, path: req.url, headers },
      (answer) => {
        const raw: string[] = [];
        for (let i = 0; i < answer.rawHeaders.length; i += 2) {
          if (!HOP_BY_HOP.has(answer.rawHeaders[i].toLowerCase()))
            raw.push(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
        }
        res.writeHead(answer.statusCode!, raw);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  // force_https: plain http is sent to https.
  plain = http.createServer((req, res) => {
    res.writeHead(301, { Location: `${origin}${req.url}` }).end();
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));

  // fly.toml's environment, with what must be local here made local.
  const { UPLOADS_URL: _bucket, ...flyEnv } = env;
  app = spawn(process.execPath, ["build/index.js"], {
    cwd: path.join(import.meta.dirname, ".."),
    env: {
      ...process.env,
      ...flyEnv,
      PORT: String(appPort),
      DATABASE_URL: database,
      UPLOADS_DIR: path.join(work, "uploads"),
      PUBLIC_ORIGIN: origin,
      WEB_CONCURRENCY: "1",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${appPort}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || app.exitCode !== null) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app!.once("exit", r));
    app.kill("SIGTERM");
    await exited;
  }
  edge?.close();
  plain?.close();
  appDb?.$client.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("plain http is sent to https, as force_https does", async () => {
  const port = (plain.address() as AddressInfo).port;
  const res = await fetch(`http://127.0.0.1:${port}/login`, { redirect: "manual" });
  expect(res.status).toBe(301);
  expect(res.headers.get("location")).toBe(`${origin}/login`);
});

test("a candidate signs in and applies through the forms over https", async ({ newContext }) => {
  const context = await newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  const page = await context.newPage();

  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.candidate);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("button", { name: "Sign out" })).toBeVisible();

  // The session records the visitor's address as the proxy reported it.
  const candidate = appDb.select().from(users).where(eq(users.email, DEMO.candidate)).get()!;
  const session = appDb
    .select()
    .from(sessions)
    .where(eq(sessions.userId, candidate.id))
    .orderBy(desc(sessions.createdAt))
    .get()!;
  expect(session.ip).toBe(VISITOR_IP);

  // An open role this candidate has not applied to.
  const applied = appDb
    .select({ id: applications.openingId })
    .from(applications)
    .where(eq(applications.candidateId, candidate.id))
    .all()
    .map((a) => a.id);
  const role = appDb
    .select({ id: openings.id, slug: openings.slug, title: openings.title })
    .from(openings)
    .where(
      and(eq(openings.status, "open"), notInArray(openings.id, applied.length ? applied : [0])),
    )
    .get()!;
  await page.goto(`/careers/${role.slug}/apply`);
  await expect(
    page.getByRole("heading", { level: 1, name: `Apply for ${role.title}` }),
  ).toBeVisible();
  await page.getByLabel(/^Cover letter/).fill("Sent through a TLS proxy.");
  await answerQuestions(page, role.id);
  await page.getByLabel("How did you hear about this role?").selectOption("Somewhere else");
  await page.getByLabel("If somewhere else, where?").fill("A proxy");
  const resume = page.getByLabel("PDF file");
  if (await resume.count()) await resume.setInputFiles(RESUME);
  await page.getByLabel(/I agree that/).check();
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page).toHaveURL(/\/applications\/\d+\?submitted=1$/, { timeout: 15_000 });
  await expect(page.getByRole("status")).toContainText("your application was sent");
});

test("a post from another site is still refused behind the proxy", async () => {
  const answer = await new Promise<number>((resolve, reject) => {
    const req = https.request(
      `${origin}/login`,
      {
        method: "POST",
        // The test's own certificate, trusted for this request only.
        ca: fs.readFileSync(path.join(work, "cert.pem")),
        headers: {
          Origin: "https://evil.example",
          "Content-Type": "application/x-www-form-urlencoded",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    );
    req.on("error", reject);
    req.end(`email=${encodeURIComponent(DEMO.candidate)}&password=x`);
  });
  expect(answer).toBe(403);
});
