import { and, asc, eq } from "drizzle-orm";
import { researchers } from "../db/schema";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import type { Page } from "@playwright/test";

/** The number at the start of the results summary ("112 people · page 1 of 6"). */
async function resultCount(page: Page) {
  const text = await page.getByRole("status").textContent();
  const n = text?.match(/^([\d,]+) (person|people)/)?.[1];
  if (!n) throw new Error(`No result count in ${JSON.stringify(text)}`);
  return Number(n.replace(/,/g, ""));
}

/** A current researcher of the demo data, found alphabetically (the seed is deterministic). */
function aCurrentResearcher() {
  const row = e2eDb()
    .select({ name: researchers.name, slug: researchers.slug })
    .from(researchers)
    .where(and(eq(researchers.status, "current"), eq(researchers.featured, true)))
    .orderBy(asc(researchers.sortName))
    .get();
  if (!row) throw new Error("The demo data has no featured current researcher");
  return row;
}

/** A name prefix (first four letters of the surname) to type into the search box. */
function surnamePrefix(name: string) {
  const surname = name.split(" ").at(-1) ?? name;
  return surname.slice(0, 4);
}

test.describe("public directory", () => {
  test("home → a featured researcher → an open role on their team → back", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    // Once the page is interactive, links navigate in place (Remix's <Link>
    // takes over the server-rendered anchors).
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const stillSameDocument = () => page.evaluate(() => "sameDocument" in window);
    const areas = page.getByRole("region", { name: "What we work on" });
    await expect(areas.getByRole("heading", { level: 3 }).getByRole("link")).toHaveCount(6);
    await expectNoSeriousA11yViolations(page);

    const featured = page.getByRole("region", { name: "Featured researchers" });
    const person = featured.getByRole("heading", { level: 3 }).getByRole("link").first();
    const name = (await person.textContent())!.trim();
    await person.click();
    await expect(page).toHaveURL(/\/people\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
    const profileUrl = page.url();

    let roles = page.getByRole("region", { name: /^Open roles on .+'s team$/ }).getByRole("link");
    if ((await roles.count()) === 0) {
      // Not hiring themself: go through one of their research areas instead.
      await page
        .getByRole("list", { name: "Research areas", exact: true })
        .getByRole("link")
        .first()
        .click();
      await expect(page).toHaveURL(/\/areas\/[a-z0-9-]+$/);
      roles = page
        .getByRole("region", { name: /^Open roles in / })
        .getByRole("heading")
        .getByRole("link");
    }
    const role = roles.first();
    const title = (await role.textContent())!.trim();
    await role.click();
    await expect(page).toHaveURL(/\/careers\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    expect(await stillSameDocument()).toBe(true);

    await page.goBack();
    if (page.url() !== profileUrl) await page.goBack();
    await expect(page).toHaveURL(profileUrl);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });

  test("search by a name prefix, then narrow by area; the URL keeps both", async ({ page }) => {
    const someone = aCurrentResearcher();
    const prefix = surnamePrefix(someone.name);
    await page.goto("/people");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    const everyone = await resultCount(page);
    expect(everyone).toBeGreaterThan(20);

    await page.getByLabel("Search people").fill(prefix);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
    await expect(page.getByRole("link", { name: someone.name, exact: true })).toBeVisible();
    await expect.poll(() => resultCount(page)).toBeLessThan(everyone);
    const matching = await resultCount(page);
    expect(matching).toBeGreaterThan(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);

    // Narrow by one of that person's areas: they stay, the count does not grow.
    await page.goto(`/people/${someone.slug}`);
    const areaName = (await page
      .getByRole("list", { name: "Research areas", exact: true })
      .getByRole("link")
      .first()
      .textContent())!.trim();
    await page.goto(`/people?q=${encodeURIComponent(prefix)}`);
    await page.getByLabel("Research area", { exact: true }).selectOption({ label: areaName });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]area=[a-z0-9-]+/);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
    await expect(page.getByRole("link", { name: someone.name, exact: true })).toBeVisible();
    expect(await resultCount(page)).toBeLessThanOrEqual(matching);
    await expect(page.getByLabel("Search people")).toHaveValue(prefix);
    await expect(page.getByLabel("Research area", { exact: true })).toHaveValue(/[a-z0-9-]+/);

    // A search that matches nobody offers a way out.
    await page.getByLabel("Search people").fill("zzzqqqxxx");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("status")).toHaveText(/^0 people/);
    await page.getByRole("link", { name: "clear the search and filters" }).click();
    await expect(page).toHaveURL(/\/people$/);
    // The URL changes as the navigation commits; the list renders just after.
    await expect.poll(() => resultCount(page)).toBe(everyone);
  });

  test("searching people and careers in the browser breaks no content-security rule", async ({
    page,
    pageErrors,
  }) => {
    // Forms validate with zod in the browser; zod must not probe for eval, which the
    // CSP forbids (the fixture reports every console error and CSP violation).
    for (const [path, label, button] of [
      ["/people", "Search people", "Search"],
      ["/careers", "Search roles", "Search roles"],
    ] as const) {
      await page.goto(path);
      await page.waitForFunction(() => "__remixRouter" in window);
      await page.getByLabel(label).fill("data");
      await page.getByRole("button", { name: button, exact: true }).click();
      await expect(page).toHaveURL(/[?&]q=data/);
      await expect(page.getByRole("status")).toBeVisible();
    }
    expect(pageErrors).toEqual([]);
  });

  test("a filter chosen before the page's JavaScript arrives is kept once it runs", async ({
    page,
  }) => {
    // Hold the scripts back, as a slow connection would, while the visitor picks an area.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/build/**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/people", { waitUntil: "domcontentloaded" });
    const area = page.getByLabel("Research area", { exact: true });
    const chosen = (await area.locator("option").nth(1).getAttribute("value"))!;
    await area.selectOption(chosen);
    release();
    // Hydrated: React has claimed the form; then let its effects run.
    await page.waitForFunction(() => {
      const form = document.querySelector("form.people-search");
      return !!form && Object.keys(form).some((key) => key.startsWith("__reactProps"));
    });
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))),
    );
    await expect(area).toHaveValue(chosen);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]area=${chosen}(&|$)`));
  });

  test("paging: the next page shows different people and says page 2 in the URL", async ({
    page,
  }) => {
    await page.goto("/people");
    const firstPage = await page
      .getByRole("main")
      .getByRole("heading", { level: 2 })
      .allTextContents();
    expect(firstPage).toHaveLength(20);
    await page
      .getByRole("navigation", { name: "People pages" })
      .getByRole("link", { name: "Next page" })
      .click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(page.getByRole("status")).toContainText("page 2 of");
    const secondPage = await page
      .getByRole("main")
      .getByRole("heading", { level: 2 })
      .allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);
  });

  test("junk query parameters still render the page", async ({ page }) => {
    for (const qs of [
      "page=-1",
      "page=abc",
      `q=${"x".repeat(10_000)}`,
      'q="',
      "q=NEAR(",
      "area=nope&lab=%00",
    ]) {
      const response = await page.goto(`/people?${qs}`);
      expect(response?.status(), qs).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    }
  });

  test("a profile carries valid schema.org Person JSON-LD and Open Graph tags", async ({
    page,
  }) => {
    const someone = aCurrentResearcher();
    await page.goto(`/people/${someone.slug}`);
    const json = await page.locator('script[type="application/ld+json"]').textContent();
    const data = JSON.parse(json!);
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Person",
      name: someone.name,
    });
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "profile");
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute(
      "content",
      new RegExp(`/people/${someone.slug}$`),
    );
  });

  test("unknown researchers, areas and labs answer 404 with fitting words", async ({ page }) => {
    for (const [path, heading] of [
      ["/people/no-such-person", "We could not find that researcher"],
      ["/areas/no-such-area", "We could not find that research area"],
      ["/labs/no-such-lab", "We could not find that lab"],
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
  });

  test("areas and labs: from each list to a page of its own", async ({ page }) => {
    test.slow(); // four axe scans
    for (const [list, h1, level] of [
      ["/areas", "Research areas", 2],
      // /labs lists its labs beside the map, under a heading for the list.
      ["/labs", "Labs and locations", 3],
    ] as const) {
      const response = await page.goto(list);
      expect(response?.status(), list).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: h1 })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expectNoSeriousA11yViolations(page);

      const first = page
        .getByRole("main")
        .getByRole("heading", { level })
        .getByRole("link")
        .first();
      const name = (await first.textContent())!.trim();
      const href = (await first.getAttribute("href"))!;
      await first.click();
      await expect(page).toHaveURL(href);
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expectNoSeriousA11yViolations(page);
    }
  });
});

test.describe("people search without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain GET form searches and filters", async ({ page }) => {
    const someone = aCurrentResearcher();
    const prefix = surnamePrefix(someone.name);
    await page.goto("/people");
    await page.getByLabel("Search people").fill(prefix);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`/people\\?q=${prefix}`));
    await expect(page.getByRole("link", { name: someone.name, exact: true })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText(/^\d+ (person|people)/);

    await page.getByLabel("Lab", { exact: true }).selectOption({ index: 1 });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]lab=[a-z0-9-]+/);
    await expect(page.getByLabel("Search people")).toHaveValue(prefix);
  });
});
