/**
 * The opening editor (issue 8): questions and stages are added, reordered and
 * removed with buttons that work without JavaScript (a round trip that
 * writes nothing) and with it (no page load); the result is saved in that
 * order; the hiring-team picker finds a researcher by name as a combobox and,
 * without JavaScript, through "Find people"; axe passes on the editor.
 */
import { asc, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { openings, openingTeam, researchers, screeningQuestions, stages } from "../db/schema";
import { e2eDb, expect as baseExpect, expectNoSeriousA11yViolations, test } from "./fixtures";

const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 120_000 });

function storedOpening(title: string) {
  const opening = e2eDb().select().from(openings).where(eq(openings.title, title)).get()!;
  return {
    opening,
    stages: e2eDb()
      .select({ name: stages.name, kind: stages.kind })
      .from(stages)
      .where(eq(stages.openingId, opening.id))
      .orderBy(asc(stages.position))
      .all()
      .map((s) => `${s.name}:${s.kind}`),
    questions: e2eDb()
      .select({ label: screeningQuestions.label, options: screeningQuestions.options })
      .from(screeningQuestions)
      .where(eq(screeningQuestions.openingId, opening.id))
      .orderBy(asc(screeningQuestions.position))
      .all(),
    team: e2eDb()
      .select({ id: openingTeam.researcherId })
      .from(openingTeam)
      .where(eq(openingTeam.openingId, opening.id))
      .all()
      .map((t) => t.id),
  };
}

/** Fills the role, then adds, reorders and removes questions and stages, as a recruiter would. */
async function editRows(page: Page, title: string) {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Lab", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Location").fill("Oslo, Norway");

  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByLabel("Question 1", { exact: true }).fill("Dropped question");
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByLabel("Question 2", { exact: true }).fill("Which site would you prefer?");
  await page.getByLabel("Question 2 type").selectOption("single_choice");
  await page.getByLabel("Question 2, choice 1").fill("Oslo");
  await page.getByLabel("Question 2, choice 2").fill("Bergen");
  await page.getByRole("button", { name: "Add choice" }).click();
  await page.getByLabel("Question 2, choice 3").fill("Tromsø");
  await page.getByRole("button", { name: "Move question 2, choice 3 up" }).click();
  await expect(page.getByLabel("Question 2, choice 2")).toHaveValue("Tromsø");

  // Reorder: the second question goes first; then the dropped one is removed.
  await page.getByRole("button", { name: "Move question 2 up" }).click();
  await expect(page.getByLabel("Question 1", { exact: true })).toHaveValue(
    "Which site would you prefer?",
  );
  await page.getByRole("button", { name: "Remove question 2", exact: true }).click();
  await expect(page.getByLabel("Question 2", { exact: true })).toHaveCount(0);

  // Stages: "Add stage" puts "Take-home task" in before Hired (which stays last and
  // cannot be moved or removed); it moves to second place; "Offer" is removed.
  await page.getByRole("button", { name: "Add stage" }).click();
  await page.getByLabel("Stage 5 name").fill("Take-home task");
  await expect(page.getByLabel("Stage 5 kind")).toHaveValue("custom");
  await expect(page.getByLabel("Stage 6 name")).toHaveValue("Hired");
  await expect(page.getByRole("button", { name: "Remove stage 6", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Move stage 6 up" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Move stage 5 down" })).toBeDisabled();
  for (let n = 5; n > 2; n--)
    await page.getByRole("button", { name: `Move stage ${n} up` }).click();
  await expect(page.getByLabel("Stage 2 name")).toHaveValue("Take-home task");
  await expect(page.getByLabel("Stage 5 name")).toHaveValue("Offer");
  await page.getByRole("button", { name: "Remove stage 5", exact: true }).click();
  await expect(page.getByLabel("Stage 6 name")).toHaveCount(0);
  await expect(page.getByLabel("Stage 5 name")).toHaveValue("Hired");
  // A custom stage after Applied shows candidates what Applied shows.
  await expect(page.locator("#stages .stage-row").nth(1)).toContainText(
    "Candidates see “Received”",
  );
}

async function expectSaved(page: Page, title: string) {
  await expect(page.getByRole("status")).toContainText("created as a draft");
  const saved = storedOpening(title);
  expect(saved.stages).toEqual([
    "Applied:applied",
    "Take-home task:custom",
    "Screening:screening",
    "Interview:interview",
    "Hired:hired",
  ]);
  expect(saved.questions).toEqual([
    { label: "Which site would you prefer?", options: ["Oslo", "Tromsø", "Bergen"] },
  ]);
  // The saved rows show on the opening's edit page and its board.
  await expect(page.getByLabel("Stage 2 name")).toHaveValue("Take-home task");
  await expect(page.getByLabel("Question 1", { exact: true })).toHaveValue(
    "Which site would you prefer?",
  );
  await page.goto(`/recruit/openings/${saved.opening.id}`);
  await expect(page.getByRole("region", { name: /^Take-home task/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Offer/ })).toHaveCount(0);
}

test("without JavaScript, the editor adds, reorders and removes questions and stages", async ({
  newContext,
  signIn,
}) => {
  const context = await newContext({ javaScriptEnabled: false });
  await signIn("recruiter", context);
  const page = await context.newPage();
  const title = `No-script Fellow ${Date.now()}`;
  const before = e2eDb().select({ id: openings.id }).from(openings).all().length;
  await page.goto("/recruit/openings/new");
  await editRows(page, title);
  // Every button so far was a round trip that wrote nothing.
  expect(e2eDb().select({ id: openings.id }).from(openings).all().length).toBe(before);
  await page.getByRole("button", { name: "Create opening" }).click();
  await expectSaved(page, title);
});

test("with JavaScript, the same edits happen in place and save", async ({ page, signIn }) => {
  await signIn("recruiter");
  const title = `Scripted Fellow ${Date.now()}`;
  await page.goto("/recruit/openings/new");
  await expectNoSeriousA11yViolations(page);
  // A marker on window survives only if no button loads a new page.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await editRows(page, title);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  // What candidates see follows the kind as it is chosen.
  const interview = page.locator("#stages .stage-row").nth(3);
  await page.getByLabel("Stage 4 kind").selectOption("custom");
  await expect(interview).toContainText("Candidates see “In review”");
  await page.getByLabel("Stage 4 kind").selectOption("interview");
  await expect(interview).toContainText("Candidates see “Interviewing”");

  // Errors name the row, in the summary and beside the field; axe passes with them shown.
  await page.getByLabel("Stage 3 name").fill("");
  await page.getByRole("button", { name: "Create opening" }).click();
  await expect(page.getByRole("alert")).toContainText("Stage 3: enter a name");
  await expect(page.getByLabel("Stage 3 name")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Stage 3 name").fill("Screening");
  // Terms and reference letters: a bad count is refused in place, naming the field.
  await page.getByLabel("Employment type").selectOption({ label: "Fixed-term" });
  await page.getByLabel("Letters required").fill("9");
  await page.getByRole("button", { name: "Create opening" }).click();
  await expect(page.getByRole("alert")).toContainText("Letters required: ask for at most 5");
  await page.getByLabel("Letters required").fill("2");
  await page.getByRole("button", { name: "Create opening" }).click();
  await expectSaved(page, title);
  const { opening } = storedOpening(title);
  expect([opening.employmentType, opening.lettersRequired]).toEqual(["temporary", 2]);
  await page.goto(`/recruit/openings/${opening.id}/edit`);
  await expect(page.getByLabel("Employment type")).toHaveValue("temporary");
  await expect(page.getByLabel("Letters required")).toHaveValue("2");
});

function someResearcher() {
  return e2eDb()
    .select({ id: researchers.id, name: researchers.name })
    .from(researchers)
    .where(eq(researchers.status, "current"))
    .orderBy(asc(researchers.id))
    .get()!;
}

test("the hiring-team picker finds a researcher by name with the keyboard", async ({
  page,
  signIn,
}) => {
  await signIn("recruiter");
  const person = someResearcher();
  const opening = e2eDb().select().from(openings).where(eq(openings.status, "draft")).get()!;
  await page.goto(`/recruit/openings/${opening.id}/edit`);
  const combo = page.getByRole("combobox", { name: "Find people by name" });
  await combo.fill(person.name.split(" ").at(-1)!);
  const option = page.getByRole("option", { name: new RegExp(person.name) });
  await expect(option).toBeVisible();
  await expect(combo).toHaveAttribute("aria-expanded", "true");
  await expectNoSeriousA11yViolations(page);
  // Arrow down to the person, Enter adds them (and does not submit the form).
  for (let i = 0; i < 10; i++) {
    if ((await option.getAttribute("aria-selected")) === "true") break;
    await combo.press("ArrowDown");
  }
  await combo.press("Enter");
  const team = page.getByRole("list", { name: "Hiring team" });
  await expect(team.getByRole("listitem").filter({ hasText: person.name })).toBeVisible();
  await expect(combo).toHaveValue("");
  // The "Find people" fallback works with JavaScript too; axe on its matches list.
  await combo.fill(person.name);
  await page.getByRole("button", { name: "Find people" }).click();
  const found = page.getByRole("region", { name: "People found" });
  await expect(found.getByText("On the team")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Changes saved");
  expect(storedOpening(opening.title).team).toContain(person.id);
  await expect(team.getByRole("button", { name: `Remove ${person.name}` })).toBeVisible();
});

test("without JavaScript, Find people lists matches to add and remove", async ({
  newContext,
  signIn,
}) => {
  const context = await newContext({ javaScriptEnabled: false });
  await signIn("recruiter", context);
  const page = await context.newPage();
  const person = someResearcher();
  const opening = e2eDb().select().from(openings).where(eq(openings.status, "closed")).get()!;
  await page.goto(`/recruit/openings/${opening.id}/edit`);
  await page.getByLabel("Find people by name").fill(person.name);
  await page.getByRole("button", { name: "Find people" }).click();
  const found = page.getByRole("region", { name: "People found" });
  await found.getByRole("button", { name: `Add ${person.name}` }).click();
  const team = page.getByRole("list", { name: "Hiring team" });
  await expect(team.getByRole("listitem").filter({ hasText: person.name })).toBeVisible();
  // (axe cannot run in a context without JavaScript; the JavaScript test scans the matches list.)
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Changes saved");
  expect(storedOpening(opening.title).team).toContain(person.id);

  await team.getByRole("button", { name: `Remove ${person.name}` }).click();
  await expect(team.getByRole("listitem").filter({ hasText: person.name })).toHaveCount(0);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Changes saved");
  expect(storedOpening(opening.title).team).not.toContain(person.id);
});
