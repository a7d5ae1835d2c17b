/**
 * The staff workspace beyond the main hiring flow (recruit.spec.ts): the
 * pipeline board works as plain forms with JavaScript off, admins keep labs in
 * the public directory, and every staff page passes an accessibility scan.
 */
import { and, asc, eq } from "drizzle-orm";
import { applicationEvents, applications, openings, stages, users } from "../db/schema";
import { DEMO, e2eDb, expect, expectNoSeriousA11yViolations, signInAs, test } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a recruiter moves a candidate on the board with the plain form", async ({
    page,
    context,
    baseURL,
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

    await signInAs(context, baseURL!, DEMO.recruiter);
    await page.goto(`/recruit/openings/${openingId}`);
    await page
      .getByLabel(`Move to stage for ${name}`, { exact: true })
      .selectOption({ label: secondStage.name });
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

test("an admin adds a lab and it appears in the public directory", async ({
  page,
  context,
  baseURL,
}) => {
  const name = `Northlight Tromsø ${Date.now()}`;
  await signInAs(context, baseURL!, DEMO.admin);
  await page.goto("/admin/labs/new");
  // An empty form is answered with messages beside the fields, and nothing is created.
  await page.getByRole("button", { name: "Add lab" }).click();
  await expect(page.getByText("Enter the lab's name")).toBeVisible();
  await expect(page.getByText("Enter the city")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/labs\/new$/);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("City").fill("Tromsø");
  await page.getByLabel("Country").fill("Norway");
  await page.getByLabel("Description (Markdown)").fill("Arctic **climate** observation.");
  await page.getByRole("button", { name: "Add lab" }).click();
  await expect(page).toHaveURL(/\/admin\/labs\/\d+/);
  await page.goto("/labs");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("strong").filter({ hasText: "climate" })).toBeVisible();
});

const STAFF_PAGES = [
  ["recruiter", "/recruit"],
  ["recruiter", "/recruit/openings"],
  ["recruiter", "/recruit/openings/new"],
  ["recruiter", "/recruit/candidates?q=a"],
  ["recruiter", "/recruit/reports"],
  ["admin", "/admin/users"],
  ["admin", "/admin/people"],
  ["admin", "/admin/labs"],
  ["admin", "/admin/areas"],
  ["admin", "/admin/audit"],
  ["admin", "/admin/outbox"],
] as const;

for (const [role, path] of STAFF_PAGES) {
  test(`accessibility: ${path} as ${role}`, async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL!, DEMO[role]);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
  });
}
