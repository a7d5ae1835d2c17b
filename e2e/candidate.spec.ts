/**
 * The candidate's side in one step: a visitor applies and creates
 * their account in the same submission; an email that already has an account
 * is asked for its password in place; a candidate who applied sees so on the
 * opening; and no candidate page is wider than the viewport at 390 or 1366 px.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { applications, users } from "../db/schema";
import { answerQuestions, openRoles } from "./roles";
import { e2eDb, expect as baseExpect, expectNoSeriousA11yViolations, test } from "./fixtures";

const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 120_000 });

const RESUME = path.join(import.meta.dirname, "fixtures", "resume.pdf");
const PASSWORD = "orchard lantern copper 2026";

async function expectNoOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(client);
}

test.describe("applying in one step", () => {
  test("a visitor applies with a new account in one submission and lands on the application", async ({
    page,
  }) => {
    const role = openRoles()[2];
    const email = `one-step-${Date.now()}@example.test`;
    await page.goto(`/careers/${role.slug}/apply`);
    await expect(page.getByRole("group", { name: "Your account" })).toBeVisible();
    // "If somewhere else" appears only for "somewhere else" (with JavaScript).
    await expect(page.getByLabel(/If somewhere else, where\?/)).toHaveCount(0);
    await page.getByLabel("How did you hear about this role?").selectOption("Somewhere else");
    await expect(page.getByLabel(/If somewhere else, where\?/)).toBeVisible();

    await page.getByLabel("Full name").fill("Olga Onestep");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Choose a password").fill(PASSWORD);
    await page.getByLabel("ORCID iD").fill("0000-0002-1825-0097");
    await answerQuestions(page, role.id);
    await page.getByLabel("PDF file").setInputFiles(RESUME);
    await page.getByLabel(/I agree that/).check();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Submit application" }).click();

    await expect(page).toHaveURL(/\/applications\/\d+\?submitted=1$/);
    await expect(page.getByRole("heading", { level: 1, name: role.title })).toBeVisible();
    const user = e2eDb().select().from(users).where(eq(users.email, email)).get()!;
    expect(user.role).toBe("candidate");
    const app = e2eDb()
      .select()
      .from(applications)
      .where(eq(applications.candidateId, user.id))
      .get()!;
    expect(app.openingId).toBe(role.id);

    // Back on the opening: "You applied on …" instead of Apply.
    await page.goto(`/careers/${role.slug}`);
    await expect(page.getByText(/You applied on \d{1,2} \w+ \d{4}/).first()).toBeVisible();
    await page.getByRole("link", { name: "view your application" }).first().click();
    await expect(page).toHaveURL(`/applications/${app.id}`);
  });

  test("an existing account's email: its password is asked for in place, the rest is kept", async ({
    page,
  }) => {
    const role = openRoles()[3];
    // An account made through sign-up (so its password is real).
    const email = `existing-${Date.now()}@example.test`;
    await page.goto("/signup");
    await page.getByLabel("Full name").fill("Xavier Existing");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirm password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL("/");
    await page.context().clearCookies();

    await page.goto(`/careers/${role.slug}/apply`);
    await page.getByLabel("Full name").fill("Xavier Existing");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Choose a password").fill("another passphrase here 77");
    await page.getByLabel(/^Cover letter/).fill("Kept across the round trip.");
    await answerQuestions(page, role.id);
    await page.getByLabel("PDF file").setInputFiles(RESUME);
    await page.getByLabel(/I agree that/).check();
    await page.getByRole("button", { name: "Submit application" }).click();

    const summary = page.getByRole("alert").filter({ hasText: "Your application was not sent" });
    await expect(summary).toContainText("This email already has an account");
    await expect(page.getByLabel(/^Cover letter/)).toHaveValue("Kept across the round trip.");
    // With JavaScript the valid file stays chosen and the page says so.
    await expect(summary).toContainText("still chosen");
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Password of your account").fill(PASSWORD);
    await page.getByRole("button", { name: "Submit application" }).click();
    await expect(page).toHaveURL(/\/applications\/\d+\?submitted=1$/);
  });

  test("sign-up reports every problem at once, in the order of the form", async ({ page }) => {
    const role = openRoles()[4];
    await page.goto(`/careers/${role.slug}/apply`);
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Choose a password").fill("short");
    await page.getByRole("button", { name: "Submit application" }).click();
    const items = page
      .getByRole("alert")
      .filter({ hasText: "Your application was not sent" })
      .getByRole("listitem");
    const texts = await items.allTextContents();
    expect(texts[0]).toMatch(/name/i);
    expect(texts[1]).toMatch(/email/i);
    expect(texts[2]).toMatch(/characters/i);
    expect(texts.at(-1)).toMatch(/Please agree/);
  });

  test("signing in from the apply form names the role and returns to the form", async ({
    page,
  }) => {
    const role = openRoles()[5];
    await page.goto(`/careers/${role.slug}/apply`);
    await page.getByRole("link", { name: "Sign in to apply" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: `Sign in to apply for ${role.title}` }),
    ).toBeVisible();
    await page.getByLabel("Email").fill("candidate@atrium.test");
    await page.getByLabel("Password").fill("atrium-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/careers/${role.slug}/apply$|/applications/\\d+`));
  });
});

for (const width of [390, 1366]) {
  test.describe(`no horizontal overflow at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("home, careers, an opening, apply (empty and with errors)", async ({ page }) => {
      const role = openRoles()[0];
      for (const url of ["/", "/careers", `/careers/${role.slug}`, `/careers/${role.slug}/apply`]) {
        await page.goto(url);
        await expectNoOverflow(page);
      }
      await page.getByRole("button", { name: "Submit application" }).click();
      await expect(page.getByRole("alert").first()).toBeVisible();
      await expectNoOverflow(page);
    });

    test("the applications list and one application", async ({ page, signIn }) => {
      const demo = await signIn("candidate");
      await page.goto("/applications");
      await expectNoOverflow(page);
      const own = e2eDb()
        .select({ id: applications.id })
        .from(applications)
        .where(eq(applications.candidateId, demo.id))
        .get();
      expect(own, "the demo candidate has an application").toBeDefined();
      await page.goto(`/applications/${own!.id}`);
      await expectNoOverflow(page);
      await expectNoSeriousA11yViolations(page);
    });
  });
}
