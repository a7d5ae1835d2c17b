import { eq } from "drizzle-orm";
import { openings } from "../db/schema";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.describe("errors and bad input", () => {
  test("an unknown path answers 404 with the site's not-found page", async ({ page }) => {
    test.slow(); // includes an axe-core scan
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "See open roles" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("unknown careers and people slugs answer 404", async ({ page }) => {
    for (const path of [
      "/careers/no-such-role",
      "/careers/NOT_a_slug!",
      "/people/no-such-person",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
  });

  test("a draft opening is not public", async ({ page }) => {
    const draft = e2eDb()
      .select({ slug: openings.slug })
      .from(openings)
      .where(eq(openings.status, "draft"))
      .get();
    if (!draft) throw new Error("The demo data has no draft opening");
    const response = await page.goto(`/careers/${draft.slug}`);
    expect(response?.status()).toBe(404);
  });

  test("junk query parameters never break /people or /careers", async ({ page, request }) => {
    const junk = [
      "page=-1",
      "page=abc",
      `q=${"x".repeat(10_240)}`,
      `q=${encodeURIComponent('"')}`,
      `q=${encodeURIComponent("NEAR(")}`,
      "kind=wizard&area=nowhere&lab=%00",
    ];
    for (const path of ["/people", "/careers"]) {
      for (const query of junk) {
        const url = `${path}?${query}`;
        // The server-rendered document is the page (both work without JavaScript).
        const response = await request.get(url);
        expect(response.status(), url.slice(0, 50)).toBe(200);
        expect((await response.text()).match(/<h1[\s>]/g), url.slice(0, 50)).toHaveLength(1);
      }
      // And one of them, rendered in the browser, still shows the page with its search form.
      await page.goto(`${path}?q=${encodeURIComponent("NEAR(")}&page=-1`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("search")).toBeVisible();
    }
  });

  test("health, robots and sitemap answer with the right content types", async ({ request }) => {
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(await health.text()).toBe("ok");

    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(await robots.text()).toMatch(/^Sitemap: http:\/\/localhost:\d+\/sitemap\.xml$/m);

    const sitemap = await request.get("/sitemap.xml");
    expect(sitemap.status()).toBe(200);
    expect(sitemap.headers()["content-type"]).toMatch(/^application\/xml/);
    const xml = await sitemap.text();
    expect(xml).toMatch(/<loc>http:\/\/localhost:\d+\/careers\/[a-z0-9-]+<\/loc>/);
    expect(xml).toMatch(/<loc>http:\/\/localhost:\d+\/people\/[a-z0-9-]+<\/loc>/);
  });
});
