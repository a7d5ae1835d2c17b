/**
 * The organisation's settings, about page and first-run setup in a browser:
 * an admin renames the organisation and changes its colour through the form,
 * and the next anonymous page answered by every worker (new connections, so
 * the cluster spreads them; X-Worker says which) shows both; a low-contrast
 * colour is refused beside its field; the about editor previews as it is
 * typed; /setup on a fresh server without demo data works with the printed
 * token only. axe runs at the states that matter, and each page is checked
 * for sideways overflow at 390 px (screenshots are attached to the report).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { eq } from "drizzle-orm";
import { organisationSettings } from "../db/schema";
import { DEMO_SETTINGS } from "../app/models/settings-content";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

/** GET over a new connection (so the cluster may hand it to any worker). */
function getOnNewConnection(baseURL: string, pathname: string) {
  return new Promise<{ status: number; worker: string; body: string }>((resolve, reject) => {
    const req = http.request(
      new URL(pathname, baseURL),
      { agent: false, headers: { Connection: "close" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, worker: String(res.headers["x-worker"]), body }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function everyWorker(baseURL: string, pathname: string) {
  const answers = [];
  for (let i = 0; i < 8; i++) answers.push(await getOnNewConnection(baseURL, pathname));
  expect(
    new Set(answers.map((a) => a.worker)).size,
    "answered by more than one worker",
  ).toBeGreaterThan(1);
  return answers;
}

/** No sideways scrolling at 390 px, and a screenshot for the report. */
async function checkNarrow(page: Page, testInfo: TestInfo, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await testInfo.attach(`${name}-390`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await page.setViewportSize({ width: 1366, height: 900 });
  await testInfo.attach(`${name}-1366`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
}

function restoreSettings() {
  e2eDb()
    .update(organisationSettings)
    .set({ ...DEMO_SETTINGS, socialLinks: [] })
    .where(eq(organisationSettings.id, 1))
    .run();
}

test.describe("organisation settings", () => {
  test.use({ signedInAs: "admin" });
  test.afterEach(restoreSettings);

  test("a rename and a colour reach the next anonymous page in every worker; a low-contrast colour is refused", async ({
    page,
    baseURL,
  }, testInfo) => {
    // Every worker has the home page cached under the old name.
    for (const answer of await everyWorker(baseURL!, "/"))
      expect(answer.body).toContain(`<title>${DEMO_SETTINGS.name}</title>`);

    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await checkNarrow(page, testInfo, "settings");

    await page.getByLabel("Organisation name").fill("Harbour Institute");
    await page.getByRole("button", { name: "Save organisation" }).click();
    await expect(page.getByRole("status")).toContainText("Organisation details saved.");
    await expect(
      page.getByRole("banner").getByRole("link", { name: /Harbour Institute/ }),
    ).toBeVisible();

    // Too light for text on white: refused beside the field, with the ratio; nothing stored.
    await page.getByLabel("Brand colour").fill("#8ab4f8");
    await page.getByRole("button", { name: "Save colours" }).click();
    await expect(
      page.getByText("Brand colour #8ab4f8 on white is 2.1:1; text needs 4.5:1."),
    ).toBeVisible();
    await expect(page.getByLabel("Brand colour")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page);
    expect(e2eDb().select().from(organisationSettings).get()!.brandColour).toBe(
      DEMO_SETTINGS.brandColour,
    );

    await page.getByLabel("Brand colour").fill("#0b5d3b");
    // The contrast list follows the typing.
    await expect(page.getByRole("list", { name: "Contrast of these colours" })).toContainText(
      "Brand colour on white: 7.",
    );
    await page.getByRole("button", { name: "Save colours" }).click();
    await expect(page.getByRole("status")).toContainText("Colours saved.");
    // The header is now the new colour's dark shade, through the brand stylesheet.
    const headerColour = await page
      .getByRole("banner")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(headerColour).toBe("rgb(7, 60, 38)");

    const answers = await everyWorker(baseURL!, "/");
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain("<title>Harbour Institute</title>");
      // The header names the new organisation (the stored home texts are the admin's to edit).
      expect(answer.body).toMatch(
        /<span class="brand__name">Harbour Institute<span class="visually-hidden"> home/,
      );
      expect(answer.body).not.toContain(`<title>${DEMO_SETTINGS.name}`);
    }
    const href = /<link rel="stylesheet" href="(\/brand\.css\?v=[0-9a-f]{12})"/.exec(
      answers[0].body,
    )?.[1];
    expect(href).toBeDefined();
    const css = await getOnNewConnection(baseURL!, href!);
    expect(css.body).toContain("--color-primary: #0b5d3b;");
  });

  test("the about editor previews as it is typed and the page shows what was saved", async ({
    page,
  }, testInfo) => {
    await page.goto("/admin/settings/about");
    const lens = page.getByLabel("Research lens (Markdown)");
    await lens.fill("We study **tides** and the <script>alert(1)</script> coast.");
    const preview = page.locator(".markdown-preview").first();
    await expect(preview.locator("strong")).toHaveText("tides");
    await expect(preview).toContainText("<script>alert(1)</script>");
    await expectNoSeriousA11yViolations(page);
    await checkNarrow(page, testInfo, "settings-about");
    await page.getByRole("button", { name: "Save about page" }).click();
    await expect(page.getByRole("status")).toContainText("About page saved.");
    // On staff pages the public links sit behind the bar's "Public site" disclosure.
    await page.getByRole("banner").getByText("Public site").click();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "About" })
      .click();
    await expect(page).toHaveURL(/\/about$/);
    await expect(page.getByRole("main").locator("strong", { hasText: "tides" })).toBeVisible();
  });
});

test("the about page: the organisation's words, directions and numbers", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "About" }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SETTINGS.name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Our research lens" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What we value" })).toBeVisible();
  for (const value of [
    "Rigour.",
    "Calculated risk.",
    "Sharing our work.",
    "Moving the conversation forward.",
    "Working across the research ecosystem.",
  ])
    await expect(page.getByRole("main").getByText(value)).toBeVisible();
  const numbers = page.getByRole("region", { name: `${DEMO_SETTINGS.name} in numbers` });
  await expect(numbers.getByRole("link", { name: /researchers$/ })).toBeVisible();
  await expect(numbers.getByRole("link", { name: /open roles?$/ })).toHaveAttribute(
    "href",
    "/careers",
  );
  await expectNoSeriousA11yViolations(page);
  await checkNarrow(page, testInfo, "about");
});

/** A port the system has just handed out and taken back: free for the server started next. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.describe("first run without demo data", () => {
  let server: ChildProcess | undefined;
  let dir: string;
  test.afterEach(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the printed setup address creates the first admin once, then two-factor enrolment", async ({
    browser,
  }, testInfo) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-setup-"));
    const port = await freePort();
    const base = `http://localhost:${port}`;
    server = spawn(process.execPath, ["build/index.js"], {
      env: {
        ...process.env,
        DATABASE_URL: path.join(dir, "atrium.db"),
        UPLOADS_DIR: path.join(dir, "uploads"),
        PORT: String(port),
        ATRIUM_DEMO: "0",
        WEB_CONCURRENCY: "1",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 60_000 }).toContain("Atrium listening");
    const lines = output.split("\n").filter((l) => l.includes("/setup?token="));
    expect(lines).toHaveLength(1);
    const address = /(http:\/\/localhost:\d+\/setup\?token=[A-Za-z0-9_-]+)/.exec(lines[0])![1];

    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    expect((await page.goto("/setup"))!.status()).toBe(404);
    expect((await page.goto("/setup?token=not-the-token"))!.status()).toBe(404);

    await page.goto(address);
    await expect(
      page.getByRole("heading", { level: 1, name: "Set up your organisation’s site" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await checkNarrow(page, testInfo, "setup");
    await page.getByLabel("Organisation name").fill("Harbour Institute");
    await page.getByLabel("Your name").fill("Hana Admin");
    await page.getByLabel("Email").fill("hana@harbour.example");
    await page.getByLabel("Password", { exact: true }).fill("tide tables and lanterns");
    await page.getByLabel("Confirm password").fill("tide tables and lanterns");
    await page.getByRole("button", { name: "Create admin and continue" }).click();

    // Staff enrol two-factor only through a link: setup hands over the admin's own.
    await expect(page).toHaveURL(/\/enrol\?token=[A-Za-z0-9_-]+$/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Set up two-factor authentication" }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: /hana@harbour\.example/ })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Harbour Institute");
    await expect(page).toHaveTitle(/Harbour Institute/);

    // Used: the same address is gone.
    expect((await page.goto(address))!.status()).toBe(404);
    await context.close();
  });
});
