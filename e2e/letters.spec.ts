/**
 * Reference letters and publication import in the browser: a candidate names
 * a referee, the referee uploads through the emailed link (read from the
 * outbox), the candidate sees "Received" and a recruiter downloads the
 * letter; a candidate imports a BibTeX file into their profile. Axe runs on
 * every new page.
 */
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { labs, outbox, users } from "../db/schema";
import { createOpening, stagesOf } from "../tests/builders";
import { applyTo } from "../tests/fixtures";
import { DEMO, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test("a candidate names a referee, the referee uploads, the candidate sees it received and a recruiter reads it", async ({
  page,
  signIn,
  newContext,
}) => {
  const db = e2eDb();
  await signIn("candidate");
  const candidate = db.select().from(users).where(eq(users.email, DEMO.candidate)).get()!;
  const lab = db.select().from(labs).get()!;
  const opening = createOpening(db, {
    labId: lab.id,
    title: "Fellowship with letters",
    lettersRequired: 1,
  });
  const [first] = stagesOf(db, opening.id);
  const app = applyTo(db, { openingId: opening.id, candidateId: candidate.id, stageId: first.id });

  await page.goto(`/applications/${app.id}`);
  await expect(page.getByRole("heading", { name: "Reference letters" })).toBeVisible();
  await page.getByRole("link", { name: "Name referees" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your referees" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Referee's name").fill("Prof. Ines Invented");
  await page.getByLabel("Referee's email address").fill("ines@referee.example");
  await page.getByLabel("How you know them").fill("PhD supervisor");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toContainText("We emailed your referee");
  await expect(page.getByText("Requested", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const mail = db
    .select()
    .from(outbox)
    .where(eq(outbox.to, "ines@referee.example"))
    .orderBy(desc(outbox.id))
    .get();
  const link = mail?.text.match(/https?:\/\/\S+\/referee\?token=[a-z2-7]+/)?.[0];
  expect(link).toBeTruthy();

  const refereeContext = await newContext();
  const referee = await refereeContext.newPage();
  await referee.goto(link!);
  await expect(
    referee.getByRole("heading", { level: 1, name: `Reference letter for ${candidate.name}` }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(referee);
  await referee
    .getByLabel("Your letter (PDF, at most 5 MB)")
    .setInputFiles(path.join(import.meta.dirname, "fixtures", "resume.pdf"));
  await referee.getByRole("button", { name: "Send the letter" }).click();
  await expect(referee.getByRole("heading", { level: 1 })).toHaveText(
    "Thank you — your letter was received",
  );
  await expectNoSeriousA11yViolations(referee);
  // The link works once.
  await referee.goto(link!);
  await expect(referee.getByRole("heading", { level: 1 })).toHaveText("This link does not work");

  await page.goto(`/applications/${app.id}`);
  const letters = page.getByRole("region", { name: "Reference letters" });
  await expect(letters.getByText("Received", { exact: true })).toBeVisible();
  await expect(letters).toContainText("1 of 1 received");
  await expectNoSeriousA11yViolations(page);

  const staffContext = await newContext();
  await signIn("recruiter", staffContext);
  const staff = await staffContext.newPage();
  await staff.goto(`/recruit/applications/${app.id}`);
  const download = staff.getByRole("link", {
    name: /Download the letter from Prof. Ines Invented/,
  });
  await expect(download).toBeVisible();
  await expectNoSeriousA11yViolations(staff);
  const [file] = await Promise.all([staff.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  await staff.goto(`/recruit/openings/${opening.id}`);
  await expect(staff.getByText("1 / 1 letters")).toBeVisible();
});

test("a candidate imports a BibTeX file into their profile", async ({ page, signIn }) => {
  await signIn("candidate");
  await page.goto("/account/profile");
  await page.getByRole("link", { name: /My publications/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My publications" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page
    .getByLabel("BibTeX (.bib) or ORCID works export (.json)")
    .setInputFiles(
      path.join(import.meta.dirname, "..", "tests", "fixtures", "publications-odd.bib"),
    );
  await page.getByRole("button", { name: "Read the publications" }).click();
  await expect(page.getByText("We found 3 publications")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/Clouds Without a Year/).uncheck();
  await page.getByRole("button", { name: "Save the ticked publications" }).click();
  await expect(page.getByRole("status")).toContainText("2 added");
  await expect(page.getByRole("heading", { name: /Your list \(2\)/ })).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Remove The Müller Effect in Arctic Stratocumulus" }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
