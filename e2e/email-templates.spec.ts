/**
 * Email templates in a browser: an admin edits the welcome email, the preview
 * follows the typing (subject, text and the HTML part in its sandboxed
 * frame), an unknown merge field is refused beside the field, the saved text
 * reaches the next welcome email, and a reset brings the shipped text back.
 * Without JavaScript the Preview button does the same. The states are scanned
 * with axe, and checked for sideways overflow at 390 px without JavaScript.
 */
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { emailTemplates } from "../db/schema";
import { welcomeEmail } from "../app/emails/account";
import { queueEmail } from "~/emails/mailer.server";
import { outbox } from "../db/schema";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.use({ signedInAs: "admin" });

const KIND = "account.welcome";
const stored = () =>
  e2eDb()
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.kind, KIND), eq(emailTemplates.locale, "en")))
    .get();

async function expectNoOverflow(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

test.afterEach(() => {
  e2eDb().delete(emailTemplates).where(eq(emailTemplates.kind, KIND)).run();
});

test("an admin edits the welcome email with a live preview, saves it, and resets it", async ({
  page,
}) => {
  await page.goto("/admin/email-templates");
  await expect(page.getByRole("heading", { level: 1, name: "Email templates" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Welcome to Northlight Research", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Merge fields" })).toBeVisible();
  const subject = page.getByLabel("Subject");
  await subject.fill("A warm welcome to {{org.name}}, {{candidate.firstName}}");
  const preview = page.getByRole("region", { name: "Preview with sample values" });
  await expect(preview).toContainText(/A warm welcome to Northlight Research, \S+/);
  const body = page.getByLabel("Body (Markdown)");
  await body.fill("Hello {{candidate.name}},\n\nWe are **glad** you are here.");
  await expect(preview.locator("pre")).toContainText("We are glad you are here.");
  const frame = page.frameLocator('iframe[title="HTML part of the preview"]');
  await expect(frame.locator("strong", { hasText: "glad" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await body.fill("Hello {{candidate.salary}}");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText(/\{\{candidate\.salary\}\} is not a merge field/)).toBeVisible();
  expect(stored()?.bodyMarkdown).not.toContain("salary");

  await body.fill("Hello {{candidate.name}},\n\nWe are **glad** you are here.");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  expect(stored()).toMatchObject({
    subject: "A warm welcome to {{org.name}}, {{candidate.firstName}}",
  });

  const id = queueEmail(
    e2eDb(),
    welcomeEmail({
      user: { name: "Wanda Welcome", email: "wanda@example.test" },
      origin: "http://localhost",
    }),
  );
  const sent = e2eDb().select().from(outbox).where(eq(outbox.id, id)).get()!;
  expect(sent.subject).toBe("A warm welcome to Northlight Research, Wanda");
  expect(sent.text).toContain("We are glad you are here.");

  await page.getByRole("button", { name: "Reset to the shipped text" }).click();
  await expect(page.getByRole("status")).toContainText("The shipped text is back.");
  expect(stored()?.updatedBy ?? null).toBeNull();
});

test.describe("on a phone, without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("the Preview button renders the draft and stores nothing; nothing overflows", async ({
    page,
  }) => {
    await page.goto("/admin/email-templates");
    await expectNoOverflow(page);
    await page.goto(`/admin/email-templates/${KIND}`);
    await expectNoOverflow(page);
    await page.getByLabel("Subject").fill("Preview only, {{candidate.firstName}}");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("status")).toContainText("nothing is saved");
    await expect(page.getByRole("region", { name: "Preview with sample values" })).toContainText(
      "Preview only, ",
    );
    expect(stored()?.subject ?? "").not.toContain("Preview only");
    const frame = page.frameLocator('iframe[title="HTML part of the preview"]');
    await expect(frame.getByText(/^Hello .+,$/).first()).toBeVisible();
    await expectNoOverflow(page);
    // No axe here: it cannot run inside the sandboxed preview frame without JavaScript; the
    // same states are scanned in the test above.
  });
});
