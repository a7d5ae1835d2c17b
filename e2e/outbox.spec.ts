/**
 * The outbox in a browser: an admin opens a message's plain text and its HTML
 * part. The HTML part shows in its frame with its own styles (served under a
 * policy of its own, so the page's strict policy reports no violation, which
 * the fixtures would fail on), a hostile name stays text in both, and the
 * frame runs no script.
 */
import { eq } from "drizzle-orm";
import { outbox } from "../db/schema";
import { welcomeEmail } from "../app/emails/account";
import { queueEmail } from "~/emails/mailer.server";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.use({ signedInAs: "admin" });

test("an admin reads both parts of a message; the HTML part is styled, inert and framed", async ({
  page,
}) => {
  const email = `outbox-${Date.now()}@example.test`;
  const name = "<img src=x onerror=document.title='pwned'> Olga Outbox";
  const id = queueEmail(
    e2eDb(),
    welcomeEmail({ user: { name, email }, origin: "http://localhost" }),
  );
  expect(e2eDb().select().from(outbox).where(eq(outbox.id, id)).get()?.html).toBeTruthy();

  await page.goto("/admin/outbox");
  const card = page.getByRole("listitem").filter({ hasText: email });
  await expect(card.getByRole("heading", { name: "Welcome to Northlight Research" })).toBeVisible();

  await card.getByText("Plain text", { exact: true }).click();
  await expect(card.locator("pre")).toContainText(`Hello ${name},`);

  await card.getByText("HTML", { exact: true }).click();
  const frame = card.frameLocator(`iframe[title="HTML part of “Welcome to Northlight Research”"]`);
  await expect(frame.getByText(`Hello ${name},`)).toBeVisible();
  await expect(frame.locator("img")).toHaveCount(0);
  await expect(frame.getByRole("link", { name: "http://localhost/careers" })).toBeVisible();
  // The message's inline styles apply in the frame: the header has the brand colour.
  await expect(frame.getByText("Northlight Research", { exact: true }).first()).toHaveCSS(
    "color",
    "rgb(255, 255, 255)",
  );
  await expect(card.locator("iframe")).toHaveAttribute("sandbox", "");
  expect(await page.title()).not.toBe("pwned");
  await expectNoSeriousA11yViolations(page);
});
