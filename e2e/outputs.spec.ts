import { sql } from "drizzle-orm";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

/** A current researcher who maintains a tool in the demo data (the seed is deterministic). */
function aMaintainer() {
  const row = e2eDb().get<{ slug: string; name: string; tool: string }>(sql`
    SELECT r.slug, r.name, t.name AS tool FROM tool_maintainers tm
    JOIN researchers r ON r.id = tm.researcher_id JOIN tools t ON t.id = tm.tool_id
    WHERE r.status = 'current' ORDER BY t.name LIMIT 1`);
  if (!row) throw new Error("The demo data has no tool maintainer");
  return row;
}

test.describe("research outputs and places", () => {
  test("from a profile to the person's tools and publications", async ({ page }) => {
    const person = aMaintainer();
    await page.goto(`/people/${person.slug}`);
    const tools = page.getByRole("region", { name: "Tools, datasets and models" });
    await expect(tools.getByRole("link", { name: person.tool })).toBeVisible();
    await tools.getByRole("link", { name: `Search ${person.name}’s publications` }).click();
    await expect(page).toHaveURL(new RegExp(`/publications\\?author=${person.slug}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Publications" })).toBeVisible();
    const authorLinks = page
      .getByRole("listitem")
      .getByRole("link", { name: person.name, exact: true });
    expect(await authorLinks.count()).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page);

    await page.goto(`/people/${person.slug}`);
    await page.getByRole("link", { name: person.tool }).click();
    await expect(page.getByRole("heading", { level: 1, name: person.tool })).toBeVisible();
    await expect(
      page.getByRole("region", { name: "Maintainers" }).getByRole("link", { name: person.name }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("/labs: every map dot is a link reached with the keyboard", async ({ page }) => {
    await page.goto("/labs");
    const map = page.getByRole("group", { name: "Map of our labs" });
    const dots = map.getByRole("link");
    await expect(dots).toHaveCount(8);
    await expect(
      map.getByRole("link", { name: /^Northlight Zurich, Zurich, Switzerland$/ }),
    ).toHaveAttribute("href", "/labs/zurich");
    await expectNoSeriousA11yViolations(page);
    // Tab from the heading until a map dot has focus.
    await page.getByRole("heading", { level: 1 }).click();
    let focused = "";
    for (let i = 0; i < 40 && !focused.startsWith("Northlight"); i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.closest("svg") ? (el.getAttribute("aria-label") ?? "") : "";
      });
    }
    expect(focused).toMatch(/^Northlight /);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/labs\/[a-z-]+$/);
    await expect(page.getByRole("heading", { name: "Visit", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: /Directions on OpenStreetMap/ })).toHaveAttribute(
      "href",
      /^https:\/\/www\.openstreetmap\.org\/directions/,
    );
    await expectNoSeriousA11yViolations(page);
  });

  test("axe on the publications index, tools index and a tool page", async ({ page }) => {
    await page.goto("/publications?type=article");
    await expect(page.getByRole("status")).toContainText("publication");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/tools");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/tools/tidewater-rainfall-set");
    await expect(
      page.getByRole("heading", { level: 1, name: "Tidewater Rainfall Set" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test.describe("signed in as an admin", () => {
    test.use({ signedInAs: "admin" });
    test("axe on the admin tools list and form", async ({ page }) => {
      await page.goto("/admin/tools");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "Tools, datasets and models",
      );
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("link", { name: "Add tool" }).click();
      await page.getByRole("button", { name: "Add" }).click();
      await expect(page.getByText("Enter the name")).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("publications search, filters, paging and tool filters work as plain forms and links", async ({
    page,
  }) => {
    await page.goto("/publications");
    await page.getByLabel("Type").selectOption("preprint");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/type=preprint/);
    await expect(page.getByRole("status")).toContainText("publication");
    const next = page.getByRole("link", { name: "Next page" });
    if ((await next.count()) > 0) {
      await next.click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page).toHaveURL(/type=preprint/);
    }
    await page.goto("/tools");
    await page.getByLabel("Kind").selectOption("dataset");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/kind=dataset/);
    await expect(page.getByRole("heading", { level: 2 }).getByRole("link").first()).toBeVisible();
    await page.goto("/labs");
    await page.getByRole("link", { name: "Northlight Tokyo" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Northlight Tokyo" })).toBeVisible();
  });
});
