/**
 * The privacy notice is where the apply form's consent box, sign-up
 * and the footer send people, with and without JavaScript.
 */
import { openRoles } from "./roles";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test("the apply form's consent box leads to the privacy notice", async ({ page }) => {
  await page.goto(`/careers/${openRoles()[0].slug}/apply`);
  await page.getByRole("link", { name: "privacy notice" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  // It says how long applications are kept, as the retention job enforces.
  await expect(page.getByRole("main")).toContainText(/months/);
  await expectNoSeriousA11yViolations(page);
});

test("sign-up and the footer link the notice too, without JavaScript", async ({ newContext }) => {
  const context = await newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/signup");
  await expect(page.getByRole("main").getByRole("link", { name: /privacy/i })).toHaveAttribute(
    "href",
    "/privacy",
  );
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: /privacy/i })
    .click();
  await expect(page).toHaveURL(/\/privacy$/);
});
