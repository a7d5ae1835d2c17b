/**
 * The staff workspace beyond the main hiring flow (recruit.spec.ts): the
 * pipeline board works as plain forms with JavaScript off, admins keep labs in
 * the public directory, and staff walk their workspace through its navigation
 * with an accessibility scan of every page on the way (the opening form, the
 * board, the review page and the reports are scanned in recruit.spec.ts,
 * /admin/users in auth.spec.ts, /admin/people in recruit.spec.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { applicationEvents, applications, openings, stages, users } from "../db/schema";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a recruiter moves a candidate on the board with the plain form", async ({
    page,
    signIn,
  }) => {
    // An active application in the first stage of an open opening.
    const row = e2eDb()
      .select({
        id: applications.id,
        version: applications.version,
        openingId: applications.openingId,
        name: users.name,
      })
      .from(applications)
      .innerJoin(stages, eq(stages.id, applications.stageId))
      .innerJoin(openings, eq(openings.id, applications.openingId))
      .innerJoin(users, eq(users.id, applications.candidateId))
      .where(
        and(eq(applications.status, "active"), eq(stages.position, 0), eq(openings.status, "open")),
      )
      .orderBy(asc(applications.id))
      .get();
    expect(row, "the demo seed has an application in a first stage").toBeTruthy();
    const { id, version, openingId, name } = row!;
    const secondStage = e2eDb()
      .select()
      .from(stages)
      .where(and(eq(stages.openingId, openingId), eq(stages.position, 1)))
      .get()!;

    await signIn("recruiter");
    await page.goto(`/recruit/openings/${openingId}`);
    // Every action of a card is behind its one disclosure; the move defaults to the next stage.
    await page
      .locator("summary")
      .filter({ hasText: `Actions for ${name}` })
      .click();
    const select = page.getByLabel(`Move to stage for ${name}`, { exact: true });
    await expect(select).toHaveValue(String(secondStage.id));
    await select.selectOption({ label: secondStage.name });
    await page.getByRole("button", { name: `Move ${name}`, exact: true }).click();

    await expect(page.getByRole("status")).toContainText("Moved 1 candidate");
    const column = page.getByRole("region", { name: new RegExp(`^${secondStage.name}`) });
    await expect(column.getByRole("link", { name, exact: true })).toBeVisible();
    const after = e2eDb().select().from(applications).where(eq(applications.id, id)).get()!;
    expect(after.stageId).toBe(secondStage.id);
    expect(after.version).toBe(version + 1);
    const moved = e2eDb()
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.type, "moved")))
      .all();
    expect(moved.length).toBeGreaterThan(0);
  });
});

test("an admin adds a lab and it appears in the public directory", async ({ page, signIn }) => {
  const name = `Northlight Tromsø ${Date.now()}`;
  await signIn("admin");
  const response = await page.goto("/admin/labs");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1, name: "Labs" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("main").getByRole("link", { name: "Add lab" }).click();
  await expect(page).toHaveURL(/\/admin\/labs\/new$/);
  // An empty form is answered with messages beside the fields, and nothing is created.
  await page.getByRole("button", { name: "Add lab" }).click();
  await expect(page.getByText("Enter the lab's name")).toBeVisible();
  await expect(page.getByText("Enter the city")).toBeVisible();
  await expect(page.getByText("Choose the country from the list")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/labs\/new$/);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("City").fill("Tromsø");
  // Countries are chosen by name and stored as their ISO code.
  await page.getByLabel("Country").selectOption({ label: "Norway" });
  await page.getByLabel("Description (Markdown)").fill("Arctic **climate** observation.");
  await page.getByRole("button", { name: "Add lab" }).click();
  await expect(page).toHaveURL(/\/admin\/labs\/\d+/);
  await page.goto("/labs");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("strong").filter({ hasText: "climate" })).toBeVisible();
  await expect(page.getByText("Tromsø, Norway").first()).toBeVisible();
});

/**
 * Walks a staff area through its navigation, checking each page's one heading
 * and scanning it with axe. The first page is loaded directly so its status
 * code is checked too; the others must not land on an error page.
 */
async function walkStaffPages(page: Page, nav: string, stops: Array<[link: string, h1: string]>) {
  for (const [index, [link, h1]] of stops.entries()) {
    if (index > 0)
      await page
        .getByRole("navigation", { name: nav })
        .getByRole("link", { name: link, exact: true })
        .click();
    await expect(page.getByRole("heading", { level: 1, name: h1, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
  }
}

test("a recruiter walks the workspace: dashboard, openings, a candidate search with results", async ({
  page,
  signIn,
}) => {
  test.slow(); // four axe scans
  await signIn("recruiter");
  const response = await page.goto("/recruit");
  expect(response?.status()).toBe(200);
  await walkStaffPages(page, "Recruiting", [
    ["Dashboard", "Recruiting"],
    ["Openings", "Openings"],
  ]);
  await page
    .getByRole("navigation", { name: "Recruiting" })
    .getByRole("link", { name: "Candidates", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Candidates" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await page.getByLabel("Search", { exact: true }).fill("a");
  await page.getByRole("button", { name: "Search candidates" }).click();
  await expect(page).toHaveURL(/[?&]q=a(&|$)/);
  await expect(page.getByRole("status")).toHaveText(
    /^[1-9][\d,]* candidates? · [1-9][\d,]* applications?/,
  );
  await expectNoSeriousA11yViolations(page);
});

test("an admin walks the administration: research areas, overview, audit log, outbox", async ({
  page,
  signIn,
}) => {
  test.slow(); // three axe scans
  await signIn("admin");
  const response = await page.goto("/admin/areas");
  expect(response?.status()).toBe(200);
  await walkStaffPages(page, "Administration", [
    ["Research areas", "Research areas"],
    ["Overview", "Overview"],
    ["Audit log", "Audit log"],
    ["Outbox", "Outbox"],
  ]);
});
