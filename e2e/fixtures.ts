/**
 * Shared end-to-end helpers. Signing in through the form is tested once in
 * auth.spec.ts; every other spec signs users in by writing a session straight
 * into the e2e database and setting the cookie, which is fast and exact.
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { openDatabase, type DB } from "../app/utils/db.server";
import { createSession, SESSION_COOKIE } from "../app/auth/session.server";
import { users } from "../db/schema";
import { E2E_DATABASE } from "../playwright.config";

export const DEMO_PASSWORD = "atrium-demo-2026";
export const DEMO = {
  candidate: "candidate@atrium.test",
  recruiter: "recruiter@atrium.test",
  admin: "admin@atrium.test",
} as const;

let db: DB | undefined;
/** The e2e server's database (opened lazily, without re-running migrations). */
export function e2eDb(): DB {
  db ??= openDatabase(E2E_DATABASE, { migrate: false });
  return db;
}

/** Signs `email` in for this browser context by writing a session row and setting the cookie. */
export async function signInAs(context: BrowserContext, baseURL: string, email: string) {
  const user = e2eDb().select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`No user ${email} in the e2e database`);
  const { token, session } = createSession(
    user.id,
    { userAgent: "playwright" },
    Date.now(),
    e2eDb(),
  );
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: token,
      // Not `url`: Chromium refuses a `__Host-` cookie set through an http URL.
      domain: new URL(baseURL).hostname,
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      expires: Math.floor(session.expiresAt / 1000),
    },
  ]);
  return user;
}

/** Fails on any serious or critical axe-core violation of the current page. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/**
 * The suite's `test`: any uncaught error in the page (a crash after
 * hydration, say) fails the test, even when the server-rendered HTML looked
 * right — such crashes make Remix fall back to full reloads silently.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.stack ?? error.message));
      await use();
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
