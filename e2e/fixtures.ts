/**
 * The end-to-end harness. Import `test` and `expect` from here, never from
 * @playwright/test.
 *
 * - Each worker has its own server and database (e2e/servers.ts): `baseURL`
 *   points at it, `e2eDb()` opens it, and the worker's tests run one after
 *   another, so a test may change demo data without meeting another worker.
 * - Signing in writes a session row into that database with the app's own
 *   `createSession` and sets the `__Host-` cookie: `test.use({ signedInAs:
 *   "recruiter" })` for a whole file or describe block, or `await
 *   signIn("admin")` / `await signIn(email, otherContext)` mid-test. Only
 *   auth.spec.ts goes through the real sign-in form.
 * - `newContext()` opens a second browser (another person) on the same server;
 *   it is watched like the first and closed after the test.
 * - Any uncaught page error, console error or content-security-policy
 *   violation in any page fails the test. Expected 4xx answers (the browser
 *   logs "Failed to load resource … 404") are not errors.
 * - `expectNoSeriousA11yViolations(page)` runs axe-core on the page as it is
 *   now: call it inside a flow at the states that matter (page loaded, errors
 *   shown) rather than loading a page just to scan it.
 */
import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { openDatabase, type DB } from "../app/utils/db.server";
import { createSession, SESSION_COOKIE } from "../app/auth/session.server";
import { users } from "../db/schema";
import { e2eServer, type E2EServer } from "./servers";

export const DEMO_PASSWORD = "atrium-demo-2026";
export const DEMO = {
  candidate: "candidate@atrium.test",
  recruiter: "recruiter@atrium.test",
  admin: "admin@atrium.test",
} as const;
export type DemoRole = keyof typeof DEMO;

/** Playwright sets TEST_PARALLEL_INDEX in each worker process; it never changes there. */
function parallelIndex(): number {
  const index = Number(process.env.TEST_PARALLEL_INDEX);
  if (!Number.isInteger(index)) throw new Error("e2eDb() is only available inside a test worker");
  return index;
}

let db: DB | undefined;
/** This worker's database (the one its server uses), opened lazily without re-running migrations. */
export function e2eDb(): DB {
  db ??= openDatabase(e2eServer(parallelIndex()).database, { migrate: false });
  return db;
}

type User = typeof users.$inferSelect;

/** Signs `who` (a demo role or any email in the worker's database) in for `context`. */
async function signInAs(context: BrowserContext, baseURL: string, who: DemoRole | string) {
  const email = who in DEMO ? DEMO[who as DemoRole] : who;
  const user = e2eDb().select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`No user ${email} in the e2e database`);
  const { token, session } = createSession(
    e2eDb(),
    user.id,
    { userAgent: "playwright" },
    Date.now(),
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

const EXPECTED_HTTP_ERROR = /^Failed to load resource: the server responded with a status of 4\d\d/;

/**
 * Collects uncaught errors, console errors and CSP violations of every page of
 * `context`. Chromium logs most violations as console errors, but not one that
 * a script caught (a library probing whether it may `eval`): the page's own
 * `securitypolicyviolation` events are reported too.
 */
async function watchForErrors(context: BrowserContext, errors: string[]) {
  context.on("weberror", (webError) => {
    const error = webError.error();
    errors.push(`uncaught: ${error.stack ?? error.message}`);
  });
  context.on("console", (message) => {
    if (message.type() !== "error" || EXPECTED_HTTP_ERROR.test(message.text())) return;
    // Chromium reports content-security-policy violations here too ("Refused to …").
    errors.push(`console.error on ${message.page()?.url()}: ${message.text()}`);
  });
  await context.exposeBinding("__reportCspViolation", ({ page }, text: string) => {
    errors.push(`CSP violation on ${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void })
        .__reportCspViolation;
      void report(
        `${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
}

/** Fails on any serious or critical axe-core violation of the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page) {
  // Measured here, these two settings make a scan ~2.5x faster with the same
  // rules: only violations are collected in full (not every passing node), and
  // legacy mode runs axe.run in the page (frames are still injected and
  // tested) instead of opening an extra blank page to merge per-frame results.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

type TestFixtures = {
  /** Signs the test's own browser context in as this demo role or email before the test starts. */
  signedInAs: DemoRole | string | undefined;
  /** Signs a demo role or email in, in the test's context or in `context`; returns the user row. */
  signIn: (who: DemoRole | string, context?: BrowserContext) => Promise<User>;
  /** Opens another browser context on this worker's server, watched for errors, closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  pageErrors: string[];
};
type WorkerFixtures = {
  /** This worker's server: port, baseURL, database file and uploads folder. */
  server: E2EServer;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use, workerInfo) => use(e2eServer(workerInfo.parallelIndex)),
    { scope: "worker" },
  ],
  baseURL: async ({ server }, use) => use(server.baseURL),
  signedInAs: [undefined, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, "errors in the page").toEqual([]);
  },
  context: async ({ context, baseURL, signedInAs, pageErrors }, use) => {
    await watchForErrors(context, pageErrors);
    if (signedInAs) await signInAs(context, baseURL!, signedInAs);
    await use(context);
  },
  signIn: async ({ context, baseURL }, use) => {
    await use((who, other) => signInAs(other ?? context, baseURL!, who));
  },
  newContext: async ({ browser, baseURL, javaScriptEnabled, pageErrors }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext({
        baseURL,
        javaScriptEnabled,
        ...options,
      });
      await watchForErrors(context, pageErrors);
      opened.push(context);
      return context;
    });
    for (const context of opened) await context.close();
  },
});
export { expect };
