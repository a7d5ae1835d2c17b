/**
 * Accounts end to end, through the real forms of the production build:
 * sign-up, sign-out, sign-in, coming back to a protected page, password reset
 * through the outbox, "Sign out everywhere else", the session cookie's
 * attributes, the CSRF guard, and axe scans of the account pages inside those
 * flows (sign-up with errors, sign-in with an error, account, forgot and reset
 * password, admin users).
 */
import { desc, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { createUser } from "../tests/builders";
import { outbox } from "../db/schema";
import {
  DEMO,
  DEMO_PASSWORD,
  e2eDb,
  expect,
  expectNoSeriousA11yViolations,
  test,
} from "./fixtures";

// Argon2 hashing and axe scans are slow on a busy machine.
test.describe.configure({ timeout: 90_000 });

const unique = (name: string) =>
  `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("sign up, sign out and sign in again", async ({ page }) => {
  const email = unique("newcomer");
  await page.goto("/signup");
  // A first attempt with problems: messages beside the fields, typed text kept.
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not an email");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Full name").fill("Nadia Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("tidal orchid lantern");
  await page.getByLabel("Confirm password").fill("tidal orchid lantern");
  await page.getByRole("button", { name: "Create account" }).click();

  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page).toHaveURL("/");

  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(account.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);

  await signInThroughForm(page, email, "wrong password here");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expectNoSeriousA11yViolations(page);

  await signInThroughForm(page, email, "tidal orchid lantern");
  await expect(page).toHaveURL("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a protected page sends an anonymous visitor to sign in and back", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await signInThroughForm(page, DEMO.candidate, DEMO_PASSWORD);
  await expect(page).toHaveURL("/account");
  await expect(page.getByText(`Signed in as ${DEMO.candidate}`)).toBeVisible();
});

test("a hostile redirectTo is ignored", async ({ page }) => {
  await page.goto("/login?redirectTo=%2F%2Fevil.example");
  await signInThroughForm(page, DEMO.recruiter, DEMO_PASSWORD);
  // Not evil.example: the recruiter's own landing page.
  await expect(page).toHaveURL("/recruit");
});

test("reset a forgotten password through the emailed link", async ({ page }) => {
  const email = unique("forgetful");
  await createUser(e2eDb(), {
    email,
    name: "Fergus Forgetful",
    password: "original secret phrase",
  });

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // Wait for the new page: until it renders, "Email" is still the sign-in form's field.
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that email address");
  await expectNoSeriousA11yViolations(page);

  const mail = e2eDb()
    .select()
    .from(outbox)
    .where(eq(outbox.to, email))
    .orderBy(desc(outbox.id))
    .get();
  const link = mail?.text.match(/https?:\/\/\S+\/reset-password\?token=[a-z2-7]+/)?.[0];
  expect(link).toBeTruthy();

  await page.goto(link!);
  await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("New password", { exact: true }).fill("a fresh new phrase");
  await page.getByLabel("Confirm new password").fill("a fresh new phrase");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL("/login?reset=done");
  await expect(page.getByRole("status")).toContainText("Your password has been changed");

  await signInThroughForm(page, email, "original secret phrase");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await signInThroughForm(page, email, "a fresh new phrase");
  await expect(page).toHaveURL("/");

  // The link works once, and a made-up token gets the same answer.
  await page.goto(link!);
  await expect(
    page.getByText("This reset link has expired or has already been used."),
  ).toBeVisible();
  await page.goto("/reset-password?token=nonsense");
  await expect(page.getByText("This reset link has expired")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the reset link's page sends no Referer, and its form still works", async ({ page }) => {
    const email = unique("no-script");
    await createUser(e2eDb(), { email, name: "Nora Noscript", password: "original secret phrase" });
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account uses that email address");
    const mail = e2eDb()
      .select()
      .from(outbox)
      .where(eq(outbox.to, email))
      .orderBy(desc(outbox.id))
      .get();
    const link = mail!.text.match(/https?:\/\/\S+\/reset-password\?token=[a-z2-7]+/)![0];

    const response = await page.goto(link);
    // The token never leaves in a Referer, not even to this site.
    expect(response!.headers()["referrer-policy"]).toBe("no-referrer");
    // So the browser posts the form with `Origin: null`, vouched for by Sec-Fetch-Site.
    await page.getByLabel("New password", { exact: true }).fill("a fresh new phrase");
    await page.getByLabel("Confirm new password").fill("a fresh new phrase");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL("/login?reset=done");
    await expect(page.getByRole("status")).toContainText("Your password has been changed");
  });
});

test("“Sign out everywhere else” ends the other browser's session", async ({
  page,
  signIn,
  newContext,
}) => {
  const email = unique("two-devices");
  await createUser(e2eDb(), { email, password: "two devices phrase" });
  const other = await newContext();
  await signIn(email, other);
  const otherPage = await other.newPage();
  await otherPage.goto("/account");
  await expect(otherPage.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();

  await page.goto("/login?redirectTo=/account");
  await signInThroughForm(page, email, "two devices phrase");
  await expect(page.getByText("This device")).toBeVisible();
  const sessions = page.getByRole("region", { name: "Where you are signed in" });
  await sessions.getByLabel("Current password").fill("two devices phrase");
  await sessions.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status")).toHaveText("You have been signed out everywhere else.");

  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  // This browser is still signed in.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await other.close();
});

test("the session cookie is HttpOnly, Secure, SameSite=Lax, Path=/, __Host-, and signed-in pages are not cached", async ({
  page,
  context,
}) => {
  await page.goto("/login");
  await signInThroughForm(page, DEMO.candidate, DEMO_PASSWORD);
  await expect(page).toHaveURL("/");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.startsWith("__Host-"));
  expect(session).toBeDefined();
  expect(session).toMatchObject({
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    domain: "localhost",
  });
  expect(session!.value).toMatch(/^[a-z2-7]{32}$/);
  expect(await page.evaluate(() => document.cookie)).not.toContain("__Host-");

  const response = await page.goto("/account");
  expect(response?.headers()["cache-control"]).toContain("no-store");
});

test("a POST from another origin is refused with 403", async ({ request }) => {
  const form = { email: DEMO.candidate, password: DEMO_PASSWORD };
  const hostile: Array<Record<string, string>> = [
    { Origin: "https://evil.example" },
    { Origin: "null" },
    { Referer: "https://evil.example/page" },
  ];
  for (const headers of hostile) {
    const res = await request.post("/login", { form, headers, maxRedirects: 0 });
    expect(res.status()).toBe(403);
    expect(res.headers()["set-cookie"]).toBeUndefined();
  }
  const logout = await request.post("/logout", {
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(logout.status()).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign in and sign out work as plain forms", async ({ page }) => {
    await page.goto("/login?redirectTo=%2Faccount");
    await signInThroughForm(page, DEMO.candidate, DEMO_PASSWORD);
    await expect(page).toHaveURL("/account");
    await page
      .getByRole("navigation", { name: "Account" })
      .getByRole("button", { name: "Sign out" })
      .click();
    await expect(page).toHaveURL("/");
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
  });
});

test("an admin makes a candidate a recruiter, then offboards them", async ({ page, signIn }) => {
  const email = unique("promote");
  await createUser(e2eDb(), { email, name: "Pat Promoted" });
  await signIn("admin");
  // These servers run without CLAMAV_SOCKET: the admin area says uploads are not scanned.
  await page.goto("/admin");
  await expect(page.getByText("Uploads are not scanned for malware.")).toBeVisible();
  await page.goto(`/admin/users?role=candidate&q=${encodeURIComponent(email)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByRole("link", { name: "Pat Promoted" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pat Promoted" })).toBeVisible();
  await page.getByRole("combobox", { name: "Role" }).selectOption("recruiter");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status")).toHaveText("The role has been changed.");
  await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue("recruiter");
  await expectNoSeriousA11yViolations(page);
  // Offboarding asks for a tick first, then says what it did.
  await page.getByLabel(`I want to deactivate ${email}`).check();
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByRole("status")).toContainText("The account is deactivated");
  await expect(page.getByRole("button", { name: "Reactivate account" })).toBeVisible();
  await page.goto("/admin/audit?action=admin.user_deactivated");
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  // The list on a phone: one card per account, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/users?status=deactivated");
  await expect(page.getByRole("link", { name: "Pat Promoted" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page);
});
