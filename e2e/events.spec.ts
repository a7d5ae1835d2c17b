import { sql } from "drizzle-orm";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

/** An area with an upcoming event whose first speaker is one of our researchers (seeded data). */
function anAreaWithAnEvent() {
  const row = e2eDb().get<{ area: string; areaSlug: string; title: string; slug: string }>(sql`
    SELECT a.name AS area, a.slug AS areaSlug, e.title, e.slug
    FROM events e
    JOIN event_areas ea ON ea.event_id = e.id
    JOIN research_areas a ON a.id = ea.area_id
    JOIN event_speakers s ON s.event_id = e.id AND s.position = 0 AND s.researcher_id IS NOT NULL
    WHERE e.ends_at > ${Date.now()}
    ORDER BY e.starts_at LIMIT 1`);
  if (!row) throw new Error("The demo data has no upcoming event in an area");
  return row;
}

test.describe("events and programs", () => {
  test("area → event → add to calendar → speaker's profile", async ({ page }) => {
    const target = anAreaWithAnEvent();
    await page.goto(`/areas/${target.areaSlug}`);
    const section = page.getByRole("region", { name: `Upcoming events in ${target.area}` });
    await section.getByRole("link", { name: target.title }).click();
    await expect(page.getByRole("heading", { level: 1, name: target.title })).toBeVisible();
    await expect(page.locator("time").first()).toHaveAttribute("datetime", /T\d\d:\d\d/);
    await expectNoSeriousA11yViolations(page);

    const calendar = await page.request.get(
      (await page.getByRole("link", { name: "Add to calendar" }).getAttribute("href"))!,
    );
    expect(calendar.headers()["content-type"]).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    const ics = await calendar.text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toMatch(/DTSTART;TZID=[A-Za-z_/]+:\d{8}T\d{6}/);

    const speakers = page.getByRole("region", { name: /Speakers?/ });
    const speaker = speakers.getByRole("link").first();
    const name = (await speaker.textContent())!;
    await speaker.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("region", { name: "Talks and events" })).toBeVisible();
  });

  test("programs → a program → one of its open roles", async ({ page }) => {
    await page.goto("/programs");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "Research Internship" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Research Internship" }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const roles = page.getByRole("region", { name: "Open roles" });
    const role = roles.getByRole("link").first();
    const title = (await role.textContent())!;
    await role.click();
    await expect(page).toHaveURL(/\/careers\//);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  test("the events list and its filters, with axe", async ({ page }) => {
    await page.goto("/events");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "Past events" }).click();
    await expect(page).toHaveURL(/when=past/);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("events filters and tabs work from the URL, and the programs list renders", async ({
    page,
  }) => {
    await page.goto("/events");
    await page.getByLabel("Kind").selectOption("seminar");
    await page.getByRole("button", { name: "Filter events" }).click();
    await expect(page).toHaveURL(/kind=seminar/);
    const tags = page.locator(".event-card .tag");
    const n = await tags.count();
    for (let i = 0; i < n; i++) await expect(tags.nth(i)).toHaveText("Seminar");
    await page.getByRole("link", { name: "Past events" }).click();
    await expect(page).toHaveURL(/when=past.*kind=seminar|kind=seminar.*when=past/);
    await expect(page.getByRole("status")).toContainText("past event");

    await page.goto("/programs");
    await expect(page.getByRole("link", { name: "AI Residency" })).toBeVisible();
  });

  test("the phone menu opens without JavaScript and nothing overflows at 390px", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    for (const path of ["/", "/events", "/programs", "/programs/ai-residency"]) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.getByText("Menu").click();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Events" })
      .click();
    await expect(page).toHaveURL(/\/events$/);
  });
});
