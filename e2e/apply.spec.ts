/**
 * Applying and tracking: apply from a job page (signing up on the
 * way), follow the application, withdraw it; the same without JavaScript;
 * accessibility of the form with errors and of the tracking pages; and a
 * candidate cannot load another candidate's application data.
 */
import path from "node:path";
import { eq, ne } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { applications, users } from "../db/schema";
import { answerQuestions, openRoles } from "./roles";
import { e2eDb, expect as baseExpect, expectNoSeriousA11yViolations, test } from "./fixtures";

// These flows upload files and walk through several pages; give a busy machine room.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 120_000 });

const RESUME = path.join(import.meta.dirname, "fixtures", "resume.pdf");
const PNG = path.join(import.meta.dirname, "fixtures", "photo.png");

const COVER_LETTER = "Dear hiring team,\n\nI would like to join you.";

async function fillAndSubmit(page: Page, openingId: number) {
  await page.getByLabel(/^Cover letter/).fill(COVER_LETTER);
  await answerQuestions(page, openingId);
  await page.getByLabel("How did you hear about this role?").selectOption("Somewhere else");
  await page.getByLabel("If somewhere else, where?").fill("A poster at my university");
  await page.getByLabel("PDF file").setInputFiles(RESUME);
  await page.getByLabel(/I agree that/).check();
  await page.getByRole("button", { name: "Submit application" }).click();
}

async function followAndWithdraw(page: Page, title: string) {
  await expect(page).toHaveURL(/\/applications\/\d+\?submitted=1$/);
  await expect(page.getByRole("status")).toContainText("your application was sent");

  await page.getByRole("link", { name: "My applications" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "My applications" })).toBeVisible();
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(card).toContainText("Received");
  await expect(card).toContainText("today");
  await card.getByRole("link", { name: title, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const timeline = page.getByRole("list").filter({ hasText: "You submitted your application" });
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText(COVER_LETTER.split("\n")[0])).toBeVisible();
  await expect(page.getByRole("link", { name: "Download resume.pdf" })).toBeVisible();

  // Without ticking the confirmation nothing happens.
  await page.getByRole("button", { name: "Withdraw application" }).click();
  await expect(page.getByText("Please tick the box to confirm")).toBeVisible();
  await page.getByLabel(/Yes, I want to withdraw my application/).check();
  await page.getByRole("button", { name: "Withdraw application" }).click();

  await expect(page).toHaveURL(/withdrawn=1/);
  await expect(page.getByRole("status")).toContainText("Your application was withdrawn");
  await expect(page.locator(".page-header .status-badge")).toHaveText("Withdrawn");
  await expect(timeline.getByRole("listitem")).toHaveCount(2);
  await expect(timeline).toContainText("You withdrew your application.");
  await expect(page.getByRole("button", { name: "Withdraw application" })).toHaveCount(0);

  await page.goto("/applications");
  await expect(
    page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: title, exact: true }) }),
  ).toContainText("Withdrawn");
}

test.describe("applying and tracking", () => {
  test("apply from the job page, creating the account in the same form; follow the application and withdraw it", async ({
    page,
  }) => {
    const role = openRoles()[0];
    await page.goto(`/careers/${role.slug}`);
    await page.getByRole("link", { name: "Apply for this role" }).first().click();

    await expect(page).toHaveURL(`/careers/${role.slug}/apply`);
    await expect(
      page.getByRole("heading", { level: 1, name: `Apply for ${role.title}` }),
    ).toBeVisible();
    await page.getByLabel("Full name").fill("Eve Example");
    await page.getByLabel("Email").fill(`eve-${Date.now()}@example.test`);
    await page.getByLabel("Choose a password").fill("a long enough passphrase 2026");

    // A first attempt with problems: messages beside the fields, typed text kept.
    await page.getByLabel(/^Cover letter/).fill(COVER_LETTER);
    await page.getByLabel("PDF file").setInputFiles(PNG);
    await page.getByRole("button", { name: "Submit application" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Your application was not sent" });
    await expect(summary).toBeVisible();
    await expect(summary).toContainText("That file is not a PDF");
    await expect(summary).toContainText("Please agree to how we use your application");
    await expect(page.getByLabel(/^Cover letter/)).toHaveValue(COVER_LETTER);
    await expectNoSeriousA11yViolations(page);

    // The password is never sent back: type it again.
    await page.getByLabel("Choose a password").fill("a long enough passphrase 2026");
    await fillAndSubmit(page, role.id);
    await followAndWithdraw(page, role.title);
  });

  test("a candidate cannot load another candidate's application, page or data", async ({
    page,
    signIn,
  }) => {
    const demo = await signIn("candidate");
    const others = e2eDb()
      .select({ id: applications.id })
      .from(applications)
      .where(ne(applications.candidateId, demo.id))
      .limit(1)
      .get();
    expect(others).toBeTruthy();
    for (const url of [
      `/applications/${others!.id}`,
      `/applications/${others!.id}.data`,
      `/applications/${others!.id}/resume`,
    ]) {
      const res = await page.request.get(url, { maxRedirects: 0 });
      expect(res.status(), url).toBe(404);
    }
    const page404 = await page.goto(`/applications/${others!.id}`);
    expect(page404?.status()).toBe(404);
    await expect(
      page.getByRole("heading", { level: 1, name: "Application not found" }),
    ).toBeVisible();
  });

  test("an oversize upload is refused with 413 and a body that is not multipart with 400", async ({
    page,
    signIn,
    baseURL,
  }) => {
    const email = `big-${Date.now()}@example.test`;
    e2eDb()
      .insert(users)
      .values({ email, name: "Big File", passwordHash: "not-used", role: "candidate" })
      .run();
    await signIn(email);
    const url = `/careers/${openRoles()[4].slug}/apply`;
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const tooLarge = await page.request.post(url, {
      headers: { Origin: baseURL! },
      multipart: {
        consent: "on",
        resume: { name: "big.pdf", mimeType: "application/pdf", buffer: big },
      },
    });
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.text()).toContain("That upload is too large");
    const notMultipart = await page.request.post(url, {
      headers: { Origin: baseURL! },
      form: { consent: "on" },
    });
    expect(notMultipart.status()).toBe(400);
    expect(
      e2eDb()
        .select()
        .from(applications)
        .where(
          eq(
            applications.candidateId,
            e2eDb().select().from(users).where(eq(users.email, email)).get()!.id,
          ),
        )
        .all(),
    ).toEqual([]);
  });

  test("the tracking pages pass an accessibility scan; the resume downloads as an attachment", async ({
    page,
    signIn,
  }) => {
    const demo = await signIn("candidate");
    await page.goto("/applications");
    await expect(page.getByRole("heading", { level: 1, name: "My applications" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const own = e2eDb()
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.candidateId, demo.id))
      .get();
    expect(own).toBeTruthy();
    await page.goto(`/applications/${own!.id}`);
    await expect(page.getByRole("heading", { level: 2, name: "Timeline" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "What happens next" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const download = await page.request.get(`/applications/${own!.id}/resume`);
    if (download.status() === 200) {
      expect(download.headers()["content-type"]).toBe("application/pdf");
      expect(download.headers()["content-disposition"]).toMatch(
        /^attachment; filename=.*filename\*=UTF-8''/,
      );
      expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    } else {
      // A seeded application may have no resume file; then it is a plain 404.
      expect(download.status()).toBe(404);
    }
  });
});

test("the candidate profile saves links and a resume, and the apply form offers that resume", async ({
  page,
  signIn,
}) => {
  const email = `profile-${Date.now()}@example.test`;
  e2eDb()
    .insert(users)
    .values({ email, name: "Pat Profile", passwordHash: "not-used", role: "candidate" })
    .run();
  await signIn(email);
  await page.goto("/account/profile");
  await page.getByLabel("Headline").fill("PhD candidate in hydrology");
  await page.getByLabel("ORCID iD").fill("not-an-orcid");
  await page.getByLabel("GitHub profile").fill("https://github.com/pat");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Please enter an ORCID iD like")).toBeVisible();
  await expect(page.getByLabel("Headline")).toHaveValue("PhD candidate in hydrology");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("ORCID iD").fill("0000-0002-1825-0097");
  await page.getByLabel("Upload a PDF").setInputFiles(RESUME);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toHaveText("Your profile was saved.");
  await expect(page.getByRole("link", { name: "resume.pdf" })).toBeVisible();

  await page.goto(`/careers/${openRoles()[3].slug}/apply`);
  await expect(page.getByLabel(/Use my saved resume \(resume\.pdf/)).toBeChecked();
});

test.describe("applying without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same flow works with plain form posts, and a failed attempt keeps the typed text", async ({
    page,
    signIn,
  }) => {
    const role = openRoles()[1];
    const email = `nojs-${Date.now()}@example.test`;
    e2eDb()
      .insert(users)
      .values({ email, name: "Noah Script", passwordHash: "not-used", role: "candidate" })
      .run();
    await signIn(email);

    await page.goto(`/careers/${role.slug}`);
    await page.getByRole("link", { name: "Apply for this role" }).first().click();
    await expect(
      page.getByRole("heading", { level: 1, name: `Apply for ${role.title}` }),
    ).toBeVisible();

    // Valid file, but no consent: the file is not kept and the page says so.
    await page.getByLabel(/^Cover letter/).fill(COVER_LETTER);
    await page.getByLabel("PDF file").setInputFiles(RESUME);
    await page.getByRole("button", { name: "Submit application" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Your application was not sent" }),
    ).toBeVisible();
    await expect(page.getByText(/please choose it again/)).toBeVisible();
    await expect(page.getByLabel(/^Cover letter/)).toHaveValue(COVER_LETTER);

    await fillAndSubmit(page, role.id);
    await followAndWithdraw(page, role.title);
  });
});
