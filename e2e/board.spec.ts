/**
 * The pipeline board and the recruiter home, with JavaScript: a
 * card dragged with the mouse, and moved with the keyboard only, lands in
 * its new stage and stays there after a reload; a move from a stale page is
 * refused with what changed; "Mark hired" needs its confirmation step; every
 * column is visible at 1366 px and the page never overflows at 390 px; the
 * home's counts are the board's; axe scans both pages. Each test builds its
 * own opening so they never depend on one another.
 */
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { applications, labs, outbox, users } from "../db/schema";
import { createOpening, stagesOf } from "../tests/builders";
import { applyTo } from "../tests/fixtures";
import { DEMO, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { moveApplications } from "../app/models/pipeline.server";

test.use({ signedInAs: "recruiter" });

let counter = 0;
/** A fresh open opening with the default stages and one active applicant per name in Applied. */
function freshBoard(names: string[]) {
  const db = e2eDb();
  const stamp = `${Date.now()}-${counter++}`;
  const lab = db.select().from(labs).get()!;
  const opening = createOpening(db, { labId: lab.id, title: `Board Test Role ${stamp}` });
  const stages = stagesOf(db, opening.id);
  const apps = names.map((name, i) => {
    const user = db
      .insert(users)
      .values({
        email: `board-${stamp}-${i}@example.test`,
        name,
        passwordHash: "not-used",
        role: "candidate",
      })
      .returning()
      .get();
    return {
      ...applyTo(db, { openingId: opening.id, candidateId: user.id, stageId: stages[0].id }),
      name,
      email: user.email,
    };
  });
  return { opening, stages, apps };
}

const staffId = () => e2eDb().select().from(users).where(eq(users.email, DEMO.admin)).get()!.id;

const stageOf = (id: number) =>
  e2eDb().select().from(applications).where(eq(applications.id, id)).get()!;

async function openBoard(page: Page, openingId: number) {
  await page.goto(`/recruit/openings/${openingId}`);
  // Drag handles appear once the page is hydrated.
  await expect(page.locator(".board[data-hydrated]")).toBeVisible();
}

const column = (page: Page, name: string) =>
  page.getByRole("region", { name: new RegExp(`^${name} \\d+$`) });

test("a card dragged with the mouse from Applied to Screening stays there after a reload", async ({
  page,
}) => {
  const { opening, stages, apps } = freshBoard(["Ada Mousedrag", "Ben Staysput"]);
  await openBoard(page, opening.id);
  await expect(column(page, "Applied").getByRole("link", { name: "Ada Mousedrag" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const handle = page.getByRole("button", { name: "Drag Ada Mousedrag" });
  const target = await column(page, "Screening").boundingBox();
  const from = await handle.boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x + 20, from!.y + 10, { steps: 5 });
  await page.mouse.move(target!.x + target!.width / 2, target!.y + 60, { steps: 15 });
  await page.mouse.up();

  await expect(
    column(page, "Screening").getByRole("link", { name: "Ada Mousedrag" }),
  ).toBeVisible();
  await expect.poll(() => stageOf(apps[0].id).stageId).toBe(stages[1].id);
  expect(stageOf(apps[0].id).version).toBe(2);
  await page.reload();
  await expect(
    column(page, "Screening").getByRole("link", { name: "Ada Mousedrag" }),
  ).toBeVisible();
  await expect(column(page, "Applied").getByRole("link", { name: "Ben Staysput" })).toBeVisible();
  await expect(column(page, "Screening")).toHaveAccessibleName("Screening 1");
});

/**
 * Space picks up the focused card, ArrowRight moves it one column. dnd-kit
 * listens for the arrow keys only a tick after the pick-up ("Picked up" is
 * announced before that; "is over <its column>" after), and dropping before
 * it has measured the new position puts the card back: wait for each
 * announcement, as a person would.
 */
async function pickUpAndMoveRight(page: Page, to: string) {
  const live = page.locator('[id^="DndLiveRegion"]');
  await page.keyboard.press("Space");
  await expect(live).toContainText("is over");
  await page.keyboard.press("ArrowRight");
  await expect(live).toContainText(`over ${to}`);
}

test("the same move with the keyboard only, announced to screen readers", async ({ page }) => {
  const { opening, stages, apps } = freshBoard(["Kai Keyboard"]);
  await openBoard(page, opening.id);
  // j focuses the first card, then Tab reaches its drag handle.
  await page.keyboard.press("j");
  await expect(page.getByRole("link", { name: "Kai Keyboard" })).toBeFocused();
  await page.keyboard.press("Tab");
  const handle = page.getByRole("button", { name: "Drag Kai Keyboard" });
  await expect(handle).toBeFocused();
  await pickUpAndMoveRight(page, "Screening");
  await page.keyboard.press("Space");
  await expect(page.locator('[id^="DndLiveRegion"]')).toContainText(
    "Moving Kai Keyboard to Screening",
  );
  await expect.poll(() => stageOf(apps[0].id).stageId).toBe(stages[1].id);
  await page.reload();
  await expect(column(page, "Screening").getByRole("link", { name: "Kai Keyboard" })).toBeVisible();

  // ? lists the shortcuts.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
});

test("a move from a stale page is refused with what changed", async ({ page }) => {
  const { opening, stages, apps } = freshBoard(["Sam Stale"]);
  await openBoard(page, opening.id);
  // A colleague moves the candidate to Interview after this page was loaded.
  moveApplications(
    e2eDb(),
    { actorId: staffId(), origin: "http://localhost" },
    {
      openingId: opening.id,
      items: [{ id: apps[0].id, version: 1 }],
      toStageId: stages[2].id,
    },
  );

  await page.getByRole("button", { name: "Drag Sam Stale" }).focus();
  await pickUpAndMoveRight(page, "Screening");
  await page.keyboard.press("Space");
  await expect(page.getByRole("alert")).toContainText(
    "Sam Stale changed since you loaded this page: now in Interview",
  );
  expect(stageOf(apps[0].id).stageId).toBe(stages[2].id);
  // The board then shows where the candidate really is.
  await expect(column(page, "Interview").getByRole("link", { name: "Sam Stale" })).toBeVisible();
});

test("Mark hired needs the confirmation step before anything is changed or emailed", async ({
  page,
}) => {
  const { opening, stages, apps } = freshBoard(["Hana Hireme"]);
  const mails = () =>
    e2eDb().select().from(outbox).where(eq(outbox.to, apps[0].email)).all().length;
  const before = mails();
  await openBoard(page, opening.id);
  await page.locator("summary").filter({ hasText: "Actions for Hana Hireme" }).click();
  await page.getByRole("button", { name: "Mark hired… Hana Hireme" }).click();

  const confirm = page.getByRole("region", { name: "Confirm hire" });
  await expect(confirm).toBeVisible();
  await expect(confirm).toBeFocused();
  expect(stageOf(apps[0].id).status).toBe("active");
  expect(mails()).toBe(before);
  await expectNoSeriousA11yViolations(page);

  await confirm.getByRole("button", { name: "Yes, mark Hana Hireme hired" }).click();
  await expect(page.getByText("Marked as hired; the candidate has been told.")).toBeVisible();
  expect(stageOf(apps[0].id)).toMatchObject({ status: "hired", stageId: stages[4].id });
  expect(mails()).toBe(before + 1);
});

test("at 1366 px every column is visible; at 390 px neither page overflows", async ({ page }) => {
  const { opening } = freshBoard(["Wide Wanda", "Narrow Nils"]);
  await page.setViewportSize({ width: 1366, height: 900 });
  await openBoard(page, opening.id);
  for (const name of ["Applied", "Screening", "Interview", "Offer", "Hired"])
    await expect(column(page, name)).toBeInViewport({ ratio: 1 });

  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [`/recruit/openings/${opening.id}`, "/recruit"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(overflow.scroll, path).toBeLessThanOrEqual(overflow.client);
  }
  // Selecting a card brings up the bulk bar.
  await page.goto(`/recruit/openings/${opening.id}`);
  const bar = page.getByRole("form", { name: "Bulk actions for selected candidates" });
  await expect(bar).toBeHidden();
  await page.getByLabel("Select Wide Wanda").check();
  await expect(bar).toBeVisible();
  await expect(bar).toContainText("1 candidate selected");
});

test("the home's counts per role and stage equal the board's", async ({ page }) => {
  const { opening, stages, apps } = freshBoard(["Cole Count", "Dina Count", "Eli Count"]);
  moveApplications(
    e2eDb(),
    { actorId: staffId(), origin: "http://localhost" },
    {
      openingId: opening.id,
      items: [{ id: apps[0].id, version: 1 }],
      toStageId: stages[1].id,
    },
  );
  await page.goto("/recruit");
  await expect(page.getByRole("heading", { level: 1, name: "Recruiting" })).toBeVisible();
  const role = page.locator(`[data-opening="${opening.id}"]`);
  await expect(role).toContainText("3 active");
  await expect(role).toContainText("3 new");
  const homeCounts = await role.locator(".stage-strip__count").allTextContents();
  expect(homeCounts).toEqual(["2", "1", "0", "0", "0"]);
  await expectNoSeriousA11yViolations(page);

  await role.getByRole("link", { name: opening.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: opening.title })).toBeVisible();
  const boardCounts = await page.locator(".board-column .count-pill").allTextContents();
  expect(boardCounts).toEqual(homeCounts);
  await expect(page.getByRole("main")).toContainText("3 active applications");
});
