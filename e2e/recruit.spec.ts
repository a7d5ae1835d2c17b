/**
 * The recruiter workspace end to end (issue 5): a recruiter creates and
 * publishes an opening with a custom stage and a screening question; a
 * candidate applies through the real apply page; the recruiter reviews,
 * notes, scores and moves them; the candidate sees only public status and
 * messages; a rejection reaches the candidate; an admin edits a researcher.
 * Axe scans cover the new-opening form, the board, the review page, the
 * reports and the admin people list.
 */
import { and, desc, eq } from "drizzle-orm";
import path from "node:path";
import { applications, openings, outbox, researchers, users } from "../db/schema";
import { e2eDb, expect as baseExpect, expectNoSeriousA11yViolations, test } from "./fixtures";

const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 180_000 });

const RESUME = path.join(import.meta.dirname, "fixtures", "resume.pdf");
const NOTE = "Internal only: strong on magnetometry, NOTE-7731";
const REJECTION = "Thank you for the thoughtful take-home; we hope to see you apply again.";

test("a recruiter runs a hiring pipeline from a new opening to a decision", async ({
  page,
  signIn,
  newContext,
}) => {
  const stamp = Date.now();
  const title = `Quantum Sensing Fellow ${stamp}`;
  const question = "Which sensor have you built?";

  // 1. Create and publish an opening with a custom stage and a screening question.
  await signIn("recruiter");
  const response = await page.goto("/recruit/openings/new");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "New opening" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind of role").selectOption("fellowship");
  await page.getByLabel("Lab", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Location").fill("Oslo, Norway");
  await page.getByLabel("Description (Markdown)").fill("## The role\nBuild **quantum** sensors.");
  await page.getByRole("button", { name: "Preview description" }).click();
  await expect(
    page.getByRole("region", { name: "Preview" }).getByRole("heading", { name: "The role" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByLabel("Question 1", { exact: true }).fill(question);
  await page.getByRole("button", { name: "Add stage" }).click();
  await page.getByLabel("Stage 5 name").fill("Take-home task");
  await page.getByLabel("Stage 5 kind").selectOption("custom");
  for (let n = 5; n > 2; n--)
    await page.getByRole("button", { name: `Move stage ${n} up` }).click();
  await expect(page.getByLabel("Stage 2 name")).toHaveValue("Take-home task");
  await page.getByRole("button", { name: "Create opening" }).click();
  await expect(page.getByRole("status")).toContainText("created as a draft");
  await page.getByRole("button", { name: "Publish opening" }).click();
  await expect(page.getByRole("status")).toContainText("listed on the careers site");
  const opening = e2eDb().select().from(openings).where(eq(openings.title, title)).get()!;
  expect(opening.status).toBe("open");

  await page.goto(`/careers?q=${encodeURIComponent("Quantum Sensing")}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  // 2. A candidate applies through the apply page.
  const email = `applicant-${stamp}@example.test`;
  e2eDb()
    .insert(users)
    .values({ email, name: "Noor Haddad", passwordHash: "not-used", role: "candidate" })
    .run();
  const candidateContext = await newContext();
  await signIn(email, candidateContext);
  const candidate = await candidateContext.newPage();
  await candidate.goto(`/careers/${opening.slug}/apply`);
  await candidate.getByLabel(/^Cover letter/).fill("I build magnetometers.");
  await candidate.getByLabel(question).fill("An NV-centre magnetometer.");
  await candidate.getByLabel("How did you hear about this role?").selectOption("Somewhere else");
  await candidate.getByLabel("If somewhere else, where?").fill("A colleague");
  await candidate.getByLabel("PDF file").setInputFiles(RESUME);
  await candidate.getByLabel(/I agree that/).check();
  await candidate.getByRole("button", { name: "Submit application" }).click();
  await expect(candidate).toHaveURL(/\/applications\/\d+\?submitted=1$/);
  const cand = e2eDb().select().from(users).where(eq(users.email, email)).get()!;
  const app = e2eDb()
    .select()
    .from(applications)
    .where(and(eq(applications.candidateId, cand.id), eq(applications.openingId, opening.id)))
    .get()!;

  // 3. The recruiter sees the card on the board, opens the review, notes, scores and moves.
  await page.goto(`/recruit/openings/${opening.id}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const applied = page.getByRole("region", { name: /^Applied/ });
  await expect(applied.getByRole("link", { name: "Noor Haddad" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Take-home task/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await applied.getByRole("link", { name: "Noor Haddad" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Noor Haddad" })).toBeVisible();
  await expect(page.getByText("An NV-centre magnetometer.")).toBeVisible();
  const resume = await page.request.get(`/recruit/applications/${app.id}/resume`);
  expect(resume.status()).toBe(200);
  expect(resume.headers()["content-type"]).toBe("application/pdf");
  expect(resume.headers()["x-content-type-options"]).toBe("nosniff");
  expect(resume.headers()["content-disposition"]).toMatch(/^inline/);

  await page.getByLabel("Add a note (Markdown, staff only)").fill(NOTE);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText(NOTE)).toBeVisible();
  for (const criterion of ["Research depth", "Communication", "Collaboration"]) {
    await page.getByRole("group", { name: criterion }).getByLabel("4").check();
  }
  await page.getByLabel("Recommendation").selectOption("strong_yes");
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  await expect(page.getByRole("status")).toContainText("Scorecard saved");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Move to stage/).selectOption({ label: "Interview" });
  await page.getByRole("button", { name: /^Move Noor Haddad/ }).click();
  await expect(page.getByRole("status")).toContainText("Moved 1 candidate");
  await expect(page.getByRole("main")).toContainText("Interview");

  // 4. The candidate sees "Interviewing" and has an email; never the note.
  await candidate.goto("/applications");
  await expect(candidate.getByRole("listitem").filter({ hasText: title })).toContainText(
    "Interviewing",
  );
  await candidate.goto(`/applications/${app.id}`);
  await expect(candidate.getByRole("main")).toContainText("Interviewing");
  await expect(candidate.getByRole("main")).not.toContainText("NOTE-7731");
  await expect(candidate.getByRole("main")).not.toContainText("Take-home task");
  const mails = e2eDb()
    .select()
    .from(outbox)
    .where(eq(outbox.to, email))
    .orderBy(desc(outbox.id))
    .all();
  expect(mails.length).toBeGreaterThanOrEqual(1);
  expect(mails[0].text).toContain("Interviewing");
  for (const secret of ["NOTE-7731", "Morgan Ellis", "Interview\n", "Strong yes"])
    expect(mails[0].text).not.toContain(secret);

  // 5. The recruiter rejects with a message; the candidate sees the decision and the message.
  await page.getByText("Reject…").click();
  await page
    .getByLabel("Reason (internal)")
    .selectOption({ label: "Position filled by another candidate" });
  await page.getByLabel("Message to the candidate (optional)").fill(REJECTION);
  await page.getByRole("button", { name: /^Reject Noor Haddad/ }).click();
  await expect(page.getByRole("status")).toContainText("Rejected 1 candidate");
  await candidate.goto(`/applications/${app.id}`);
  await expect(candidate.getByRole("main")).toContainText("Not selected");
  await expect(candidate.getByRole("main")).not.toContainText("Decision");
  await expect(candidate.getByRole("main")).toContainText(REJECTION);
  await expect(candidate.getByRole("main")).not.toContainText("Position filled");
  await candidateContext.close();

  // 6. Reports for this opening pass an accessibility scan.
  await page.goto(`/recruit/reports?opening=${opening.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Funnel/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("an admin edits a researcher and the public profile shows it", async ({ page, signIn }) => {
  await signIn("admin");
  const person = e2eDb()
    .select()
    .from(researchers)
    .where(eq(researchers.status, "current"))
    .orderBy(researchers.id)
    .get()!;
  const newTitle = `Distinguished Scientist ${Date.now()}`;
  const response = await page.goto("/admin/people");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/admin/people/${person.id}`);
  await page.getByLabel("Title", { exact: true }).fill(newTitle);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.goto(`/people/${person.slug}`);
  await expect(page.getByRole("main")).toContainText(newTitle);
});
