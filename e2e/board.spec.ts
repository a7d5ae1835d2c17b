/**
 * The pipeline board and the recruiter home (issue 8), with JavaScript: a
 * card dragged with the mouse, and moved with the keyboard only, lands in
 * its new stage and stays there after a reload; a move from a stale page is
 * refused with what changed; every path into Hired (drag, keyboard, the
 * card's Hire…, the bulk bar, and without JavaScript) asks before it hires,
 * Cancel puts the card back, and move and hire take at most 3 presses; every
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
/** A fresh open opening with the default stages and one active applicant per name in stage `at` (Applied). */
function freshBoard(names: string[], at = 0) {
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
      ...applyTo(db, { openingId: opening.id, candidateId: user.id, stageId: stages[at].id }),
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

/** Counts the presses (mouse or touch: a click, or the start of a drag) made on the page. */
async function countPresses(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { presses: number };
    w.presses = 0;
    document.addEventListener("pointerdown", () => w.presses++, true);
  });
  return () => page.evaluate(() => (window as unknown as { presses: number }).presses);
}

/** Drags the card's handle with the mouse and drops it on the column `to`. */
async function drag(page: Page, name: string, to: string) {
  const handle = page.getByRole("button", { name: `Drag ${name}` });
  const target = await column(page, to).boundingBox();
  const from = await handle.boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x + 20, from!.y + 10, { steps: 5 });
  await page.mouse.move(target!.x + target!.width / 2, target!.y + 60, { steps: 15 });
  await page.mouse.up();
}

const mailsTo = (email: string) => e2eDb().select().from(outbox).where(eq(outbox.to, email)).all();

test("dragging a card into Hired asks in a dialog: Cancel puts it back, yes hires it (3 presses at most)", async ({
  page,
}) => {
  const { opening, stages, apps } = freshBoard(["Ada Lovelace"], 3);
  await openBoard(page, opening.id);
  const presses = await countPresses(page);
  await expect(page.getByRole("main")).toContainText("1 active application · 0 hired");

  await drag(page, "Ada Lovelace", "Hired");
  const dialog = page.getByRole("dialog", { name: `Hire Ada Lovelace for ${opening.title}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(
    "This sends Ada Lovelace the hiring email (“You were hired: congratulations, and welcome!”) at once, and closes the application as hired",
  );
  // While it asks, the card waits in Hired; nothing has been written or sent.
  await expect(column(page, "Hired").getByRole("link", { name: "Ada Lovelace" })).toBeVisible();
  expect(stageOf(apps[0].id)).toMatchObject({ status: "active", stageId: stages[3].id });
  expect(mailsTo(apps[0].email)).toEqual([]);
  await expectNoSeriousA11yViolations(page);

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(column(page, "Offer").getByRole("link", { name: "Ada Lovelace" })).toBeVisible();
  await expect(column(page, "Hired")).toHaveAccessibleName("Hired 0");
  expect(stageOf(apps[0].id)).toMatchObject({
    status: "active",
    stageId: stages[3].id,
    version: 1,
  });
  expect(mailsTo(apps[0].email)).toEqual([]);

  // Again, and yes: the drag and the one click of the dialog.
  const before = await presses();
  await drag(page, "Ada Lovelace", "Hired");
  await dialog.getByRole("button", { name: "Hire Ada Lovelace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Hired 1 candidate" })).toBeVisible();
  expect((await presses()) - before).toBeLessThanOrEqual(3);
  await expect(page.getByRole("main")).toContainText("0 active applications · 1 hired");
  const card = column(page, "Hired").locator(".board-card", { hasText: "Ada Lovelace" });
  await expect(card.locator(".status-badge")).toHaveText("Hired");
  await expect(card.getByRole("button", { name: "Drag Ada Lovelace" })).toHaveCount(0);
  await expect(column(page, "Hired")).toHaveAccessibleName("Hired 1");
  expect(stageOf(apps[0].id)).toMatchObject({ status: "hired", stageId: stages[4].id });
  await expect
    .poll(() => mailsTo(apps[0].email).map((m) => m.subject))
    .toEqual([`Welcome to Northlight Research: ${opening.title}`]);
  await page.reload();
  await expect(page.getByRole("main")).toContainText("0 active applications · 1 hired");
});

test("the same with the keyboard only: Escape puts the card back, then Tab and Enter hire", async ({
  page,
}) => {
  const { opening, stages, apps } = freshBoard(["Kai Keyboard"], 3);
  await openBoard(page, opening.id);
  const handle = page.getByRole("button", { name: "Drag Kai Keyboard" });
  await handle.focus();
  await pickUpAndMoveRight(page, "Hired");
  await page.keyboard.press("Space");
  const dialog = page.getByRole("dialog", { name: `Hire Kai Keyboard for ${opening.title}?` });
  await expect(dialog).toBeVisible();
  // The safe answer has the focus.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(column(page, "Offer").getByRole("link", { name: "Kai Keyboard" })).toBeVisible();
  expect(stageOf(apps[0].id)).toMatchObject({ status: "active", stageId: stages[3].id });

  await handle.focus();
  await pickUpAndMoveRight(page, "Hired");
  await page.keyboard.press("Space");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Hire Kai Keyboard" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toContainText("0 active applications · 1 hired");
  await expect.poll(() => stageOf(apps[0].id).status).toBe("hired");
  expect(stageOf(apps[0].id).stageId).toBe(stages[4].id);
});

test("from a card's Actions: Move takes 2 clicks, Hire… 3 with the dialog", async ({ page }) => {
  const { opening, stages, apps } = freshBoard(["Mo Mover", "Hana Hireme"]);
  await openBoard(page, opening.id);
  const presses = await countPresses(page);

  await page.locator("summary").filter({ hasText: "Actions for Mo Mover" }).click();
  await page.getByRole("button", { name: "Move Mo Mover" }).click();
  await expect(column(page, "Screening").getByRole("link", { name: "Mo Mover" })).toBeVisible();
  expect(await presses()).toBeLessThanOrEqual(2);
  expect(stageOf(apps[0].id).stageId).toBe(stages[1].id);

  const before = await presses();
  await page.locator("summary").filter({ hasText: "Actions for Hana Hireme" }).click();
  await page.getByRole("button", { name: "Hire… Hana Hireme" }).click();
  const dialog = page.getByRole("dialog", { name: `Hire Hana Hireme for ${opening.title}?` });
  await expect(dialog).toBeVisible();
  expect(stageOf(apps[1].id).status).toBe("active");
  await dialog.getByRole("button", { name: "Hire Hana Hireme" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Hired 1 candidate; they have been told." }),
  ).toBeVisible();
  expect((await presses()) - before).toBeLessThanOrEqual(3);
  expect(stageOf(apps[1].id)).toMatchObject({ status: "hired", stageId: stages[4].id });
  await expect(page.getByRole("main")).toContainText("1 active application · 1 hired");
});

test("moving the selected cards into Hired asks once, naming them all", async ({ page }) => {
  const { opening, stages, apps } = freshBoard(["Bea Bulk", "Cy Bulk", "Dee Stays"]);
  await openBoard(page, opening.id);
  await page.getByLabel("Select Bea Bulk").check();
  await page.getByLabel("Select Cy Bulk").check();
  const bar = page.getByRole("form", { name: "Bulk actions for selected candidates" });
  await bar.getByLabel("Move selected to").selectOption({ label: "Hired (hires)" });
  await bar.getByRole("button", { name: "Move selected" }).click();
  const dialog = page.getByRole("dialog", { name: `Hire 2 candidates for ${opening.title}?` });
  await expect(dialog.getByRole("listitem")).toHaveText(["Bea Bulk", "Cy Bulk"]);
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: "Hire 2 candidates" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Hired 2 candidates; each has been told." }),
  ).toBeVisible();
  expect(apps.map((a) => stageOf(a.id).status)).toEqual(["hired", "hired", "active"]);
  expect(stageOf(apps[0].id).stageId).toBe(stages[4].id);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a move into Hired goes through a confirmation page; Cancel changes nothing", async ({
    page,
  }) => {
    const { opening, stages, apps } = freshBoard(["Nia Nojs"], 3);
    await page.goto(`/recruit/openings/${opening.id}`);
    await page.locator("summary").filter({ hasText: "Actions for Nia Nojs" }).click();
    await page.getByLabel("Move to stage for Nia Nojs").selectOption({ label: "Hired (hires)" });
    await page.getByRole("button", { name: "Move Nia Nojs" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: `Hire Nia Nojs for ${opening.title}?` }),
    ).toBeVisible();
    await expect(page.getByRole("main")).toContainText("can no longer be moved or rejected");
    expect(stageOf(apps[0].id)).toMatchObject({ status: "active", version: 1 });

    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { level: 1, name: opening.title })).toBeVisible();
    expect(stageOf(apps[0].id)).toMatchObject({ status: "active", stageId: stages[3].id });

    await page.locator("summary").filter({ hasText: "Actions for Nia Nojs" }).click();
    await page.getByLabel("Move to stage for Nia Nojs").selectOption({ label: "Hired (hires)" });
    await page.getByRole("button", { name: "Move Nia Nojs" }).click();
    await page.getByRole("button", { name: "Hire Nia Nojs" }).click();
    await expect(page.getByRole("status")).toContainText("Hired 1 candidate");
    expect(stageOf(apps[0].id)).toMatchObject({ status: "hired", stageId: stages[4].id });
    expect(mailsTo(apps[0].email)).toHaveLength(1);
  });
});

test("the confirmation page the server answers a hire without its yes passes axe", async ({
  page,
}) => {
  const { opening, stages, apps } = freshBoard(["Axel Axe"], 3);
  await openBoard(page, opening.id);
  // A plain form post, as a browser without JavaScript sends it (React's handlers never see it).
  await page.evaluate(
    ({ item, stageId }) => {
      const form = document.createElement("form");
      form.method = "post";
      for (const [name, value] of Object.entries({ intent: "move", item, stageId }))
        form.append(
          Object.assign(document.createElement("input"), { type: "hidden", name, value }),
        );
      document.body.append(form);
      form.submit();
    },
    { item: `${apps[0].id}:1`, stageId: String(stages[4].id) },
  );
  await expect(
    page.getByRole("heading", { level: 1, name: `Hire Axel Axe for ${opening.title}?` }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  expect(stageOf(apps[0].id).status).toBe("active");
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
