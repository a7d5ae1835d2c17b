/**
 * The recruiter's review, search, reports and audit pages: a note is saved
 * once and its box emptied (two quick clicks post it once), search lists
 * each person once with their applications beneath, and every page passes
 * an accessibility scan.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { applications, notes, users } from "../db/schema";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

function activeApplication() {
  const row = e2eDb()
    .select({ id: applications.id, name: users.name })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.candidateId))
    .where(eq(applications.status, "active"))
    .orderBy(asc(applications.id))
    .get();
  expect(row, "the demo seed has an active application").toBeTruthy();
  return row!;
}

test("a note is added once, its box emptied, and a second click posts nothing", async ({
  page,
  signIn,
}) => {
  const app = activeApplication();
  await signIn("recruiter");
  await page.goto(`/recruit/applications/${app.id}`);
  await expect(page.getByRole("heading", { level: 1, name: app.name })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const text = `Strong methods section ${Date.now()}`;
  const box = page.getByLabel("Add a note (Markdown, staff only)");
  await box.fill(text);
  const button = page.getByRole("button", { name: "Add note" });
  await button.click();
  await expect(page.getByRole("status").filter({ hasText: "Note added." })).toBeVisible();
  await expect(box).toHaveValue("");
  await button.click();
  await expect(page.getByText("Write the note first")).toBeVisible();

  const saved = e2eDb()
    .select({ n: sql<number>`count(*)` })
    .from(notes)
    .where(and(eq(notes.applicationId, app.id), eq(notes.body, text)))
    .get()!;
  expect(saved.n).toBe(1);
  await expect(page.getByText(text)).toHaveCount(1);
});

test("the review page fits a phone without sideways scrolling", async ({ page, signIn }) => {
  const app = activeApplication();
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn("recruiter");
  await page.goto(`/recruit/applications/${app.id}`);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("search lists each candidate once with their applications beneath", async ({
  page,
  signIn,
}) => {
  // A candidate with at least two applications in the demo data.
  const person = e2eDb().get<{ id: number; name: string; n: number }>(sql`
    SELECT u.id, u.name, count(*) AS n FROM applications a JOIN users u ON u.id = a.candidate_id
    GROUP BY u.id HAVING n >= 2 ORDER BY n DESC, u.id LIMIT 1`);
  expect(person, "the demo seed has a candidate with two applications").toBeTruthy();
  await signIn("recruiter");
  await page.goto(`/recruit/candidates?q=${encodeURIComponent(person!.name)}`);
  const results = page.getByRole("list", { name: "Matching candidates" });
  const entries = results.getByRole("listitem").filter({
    has: page.getByRole("heading", { name: person!.name, exact: true }),
  });
  await expect(entries).toHaveCount(1);
  await expect(
    entries.getByRole("list", { name: `Applications of ${person!.name}` }).getByRole("listitem"),
  ).toHaveCount(person!.n);
  await expectNoSeriousA11yViolations(page);
});

test("reports and the audit log pass an accessibility scan", async ({ page, signIn }) => {
  await signIn("admin");
  await page.goto("/recruit/reports");
  await expect(page.getByRole("heading", { name: "Funnel" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
