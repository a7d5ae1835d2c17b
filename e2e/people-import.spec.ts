/**
 * People import from CSV, as an admin does it on a phone: upload → preview
 * (axe, no overflow at 390 px) → tick an unknown lab and check again →
 * import → the people are in the directory. The same flow runs once more
 * with JavaScript off (axe needs JavaScript in the page, so it runs in the first).
 */
import { eq } from "drizzle-orm";
import { labs, researchers } from "../db/schema";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ signedInAs: "admin", viewport: { width: 390, height: 844 } });

async function expectNoOverflow(page: Page) {
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
}

/** The import flow; `checks` runs axe and the overflow check at each state that matters. */
async function importFlow(page: Page, checks: (page: Page) => Promise<void>) {
  const lab = e2eDb().select({ name: labs.name }).from(labs).orderBy(labs.name).get()!;
  const run = Date.now().toString(36);
  const newLab = `Import Lab ${run}`;
  const csv =
    "\uFEFFname,email,title,lab,areas,ORCID iD,homepage,bio\r\n" +
    `Élodie Import ${run},elodie.${run}@example.org,Research Scientist,${lab.name},,,https://example.org/a-very-long-address-that-must-not-widen-the-page-${run},Works on imports.\r\n` +
    `Søren Import ${run},,Postdoc,${newLab},,,,\r\n`;

  await page.goto("/admin/people");
  await checks(page);
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import people" })).toBeVisible();
  await checks(page);

  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByRole("heading", { name: "Preview of people.csv" })).toBeVisible();
  const table = page.getByRole("region", { name: "Rows to import" });
  await expect(table.getByRole("row", { name: new RegExp(`Élodie Import ${run}`) })).toContainText(
    "New",
  );
  await expect(table.getByRole("row", { name: new RegExp(`Søren Import ${run}`) })).toContainText(
    `Unknown lab “${newLab}”`,
  );
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await checks(page);

  await page.getByLabel(`Create “${newLab}”`).check();
  await page.getByRole("button", { name: "Check again" }).click();
  await expect(page.getByText("0 invalid")).toBeVisible();
  await checks(page);
  await page.getByRole("button", { name: "Import 2 people" }).click();

  await expect(page.getByRole("status")).toContainText("Imported: 2 added, 0 updated");
  await checks(page);
  const db = e2eDb();
  for (const name of [`Élodie Import ${run}`, `Søren Import ${run}`])
    expect(
      db.select().from(researchers).where(eq(researchers.name, name)).get(),
      name,
    ).toBeTruthy();
  expect(db.select().from(labs).where(eq(labs.name, newLab)).get()).toBeTruthy();
}

test("upload → preview → tick a new lab → import, with axe at each step", async ({ page }) => {
  await importFlow(page, async (p) => {
    await expectNoSeriousA11yViolations(p);
    await expectNoOverflow(p);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same flow works with plain form posts", async ({ page }) => {
    await importFlow(page, expectNoOverflow);
  });
});
