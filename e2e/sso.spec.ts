/**
 * The outside sign-ins in a real browser: the production build started with
 * OIDC_* and ORCID_* pointing at a real OpenID Connect provider
 * (tests/oidc-provider.ts, `oidc-provider` on a loopback port, whose login
 * page has one button per account). A recruiter signs in with the
 * organisation's provider and lands on /recruit; a newcomer signs up with
 * ORCID, is asked for an email, opens the mailed link and has an account
 * with an authenticated iD. axe checks the buttons and the ask-for-email page.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { openings, outbox } from "../db/schema";
import { openDatabase } from "../app/utils/db.server";
import {
  startIdentityProvider,
  testClient,
  type IdentityProviderHandle,
} from "../tests/oidc-provider";
import { DEMO, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const ORCID_ID = "0000-0002-1825-0097";

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
let idp: IdentityProviderHandle;
let origin: string;
let appDb: ReturnType<typeof openDatabase>;

test.beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-sso-"));
  const database = path.join(work, "atrium.db");
  e2eDb().$client.exec(`VACUUM INTO '${database.replaceAll("'", "''")}'`);
  appDb = openDatabase(database, { migrate: false });
  const appPort = await freePort();
  origin = `http://localhost:${appPort}`;
  const staff = testClient("atrium-staff", origin, "/auth/oidc/callback");
  const orcid = testClient("APP-E2EORCID", origin, "/auth/orcid/callback");
  idp = await startIdentityProvider({
    clients: [staff, orcid],
    accounts: {
      recruiter: {
        claims: { email: DEMO.recruiter, email_verified: true, name: "Demo Recruiter" },
        amr: ["pwd", "mfa"],
      },
      [ORCID_ID]: { claims: { given_name: "Josiah", family_name: "Carberry" } },
    },
  });
  app = spawn(process.execPath, ["build/index.js"], {
    cwd: path.join(import.meta.dirname, ".."),
    env: {
      ...process.env,
      PORT: String(appPort),
      DATABASE_URL: database,
      UPLOADS_DIR: path.join(work, "uploads"),
      WEB_CONCURRENCY: "1",
      NODE_ENV: "production",
      ATRIUM_DEMO: "1",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: staff.client_id,
      OIDC_CLIENT_SECRET: staff.client_secret,
      OIDC_DISPLAY_NAME: "Northlight SSO",
      ORCID_ISSUER: idp.issuer,
      ORCID_CLIENT_ID: orcid.client_id,
      ORCID_CLIENT_SECRET: orcid.client_secret,
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
  await idp?.close();
  appDb?.$client.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("a recruiter signs in with the organisation's provider and lands on /recruit", async ({
  newContext,
}) => {
  const page = await (await newContext({ baseURL: origin })).newPage();
  await page.goto("/login");
  const sso = page.getByRole("button", { name: "Sign in with Northlight SSO" });
  await expect(sso).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with ORCID" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await sso.click();
  await page.getByRole("button", { name: "Sign in as recruiter" }).click();
  await expect(page).toHaveURL(`${origin}/recruit`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a newcomer signs up with ORCID, gives and confirms an email, and has an authenticated iD", async ({
  newContext,
}) => {
  const page = await (await newContext({ baseURL: origin })).newPage();
  const opening = appDb
    .select({ slug: openings.slug })
    .from(openings)
    .where(eq(openings.status, "open"))
    .get()!;
  await page.goto(`/careers/${opening.slug}/apply`);
  await expect(page.getByRole("button", { name: "Sign in with ORCID" })).toBeVisible();

  await page.goto("/signup");
  await page.getByRole("button", { name: "Sign in with ORCID" }).click();
  await page.getByRole("button", { name: `Sign in as ${ORCID_ID}` }).click();

  await expect(page).toHaveURL(`${origin}/auth/orcid/email`);
  await expect(page.getByRole("link", { name: `https://orcid.org/${ORCID_ID}` })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Josiah Carberry");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Email").fill("josiah@example.org");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("We sent a link to josiah@example.org");
  await expectNoSeriousA11yViolations(page);

  const mail = appDb.select().from(outbox).orderBy(desc(outbox.id)).get()!;
  expect(mail.kind).toBe("account.orcidEmailVerification");
  const link = /https?:\/\/[^\s]+\/auth\/orcid\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text)![0];
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(`${origin}/`);

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "ORCID iD" })).toBeVisible();
  await expect(page.getByRole("link", { name: `https://orcid.org/${ORCID_ID}` })).toBeVisible();
  await expect(page.getByRole("img", { name: "ORCID iD" }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
