import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { openings } from "../db/schema";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

/** The newest listed postdoc in the demo data, to search for by a word of its title. */
function newestListedPostdoc() {
  const row = e2eDb()
    .select({ title: openings.title, slug: openings.slug })
    .from(openings)
    .where(
      and(
        eq(openings.status, "open"),
        eq(openings.kind, "postdoc"),
        or(isNull(openings.closesAt), gt(openings.closesAt, Date.now())),
      ),
    )
    .orderBy(desc(openings.publishedAt))
    .get();
  if (!row) throw new Error("The demo data has no open postdoc role");
  return row;
}

test.describe("careers", () => {
  test("search and filter open roles; the URL keeps the filters", async ({ page }) => {
    await page.goto("/careers");
    await expect(page.getByRole("heading", { level: 1, name: "Careers" })).toBeVisible();
    const summary = page.getByRole("status");
    await expect(summary).toHaveText(/^\d+ open roles/);
    const everything = Number((await summary.textContent())?.match(/^\d+/)?.[0]);

    await page.getByLabel("Kind of role").selectOption({ label: "Postdoctoral researcher" });
    await page.getByRole("button", { name: "Search roles" }).click();
    await expect(page).toHaveURL(/[?&]kind=postdoc/);
    await expect(summary).toContainText("match your search");
    const postdocs = Number((await summary.textContent())?.match(/^\d+/)?.[0]);
    expect(postdocs).toBeGreaterThan(0);
    expect(postdocs).toBeLessThan(everything);
    const cards = page.locator(".opening-card");
    await expect(cards).toHaveCount(Math.min(postdocs, 15));
    for (const card of await cards.all())
      await expect(card).toContainText("Postdoctoral researcher");
    await expectNoSeriousA11yViolations(page);

    // Search words combine with the filter.
    const { title, slug } = newestListedPostdoc();
    const word = title.split(/[^\p{L}]+/u).find((w) => w.length > 4) ?? title;
    await page.getByLabel("Search roles").fill(word);
    await page.getByRole("button", { name: "Search roles" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}.*kind=postdoc`));
    await expect(page.getByLabel("Kind of role")).toHaveValue("postdoc");
    // Demo titles can repeat, so find the role by its address as well as its name.
    const link = page
      .getByRole("link", { name: title })
      .and(page.locator(`[href="/careers/${slug}"]`));
    await expect(link).toBeVisible();
  });

  test("pages through the list, keeping filters in the links", async ({ page }) => {
    await page.goto("/careers");
    const firstOnPageOne = await page.locator(".opening-card h3").first().textContent();
    const paging = page.getByRole("navigation", { name: "Open roles pages" });
    await paging.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(page.getByRole("status")).toContainText("page 2 of");
    await expect(paging.locator('[aria-current="page"]')).toHaveText(/2/);
    await expect(page.locator(".opening-card h3").first()).not.toHaveText(firstOnPageOne ?? "");
    await paging.getByRole("link", { name: "Previous page" }).click();
    await expect(page).not.toHaveURL(/page=/);
  });

  test("from the list to a job page, to a hiring team profile and back", async ({ page }) => {
    // A listed role with a hiring team (other specs edit teams on the same server).
    const withTeam = e2eDb()
      .select({ title: openings.title })
      .from(openings)
      .where(
        and(
          eq(openings.status, "open"),
          or(isNull(openings.closesAt), gt(openings.closesAt, Date.now() + 3_600_000)),
          sql`exists (select 1 from opening_team t where t.opening_id = ${openings.id})`,
        ),
      )
      .orderBy(desc(openings.publishedAt))
      .get()!;
    await page.goto(`/careers?q=${encodeURIComponent(withTeam.title)}`);
    const firstRole = page.locator(".opening-card h3 a", { hasText: withTeam.title }).first();
    const title = (await firstRole.textContent()) ?? "";
    await firstRole.click();
    await expect(page).toHaveURL(/\/careers\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("link", { name: "Apply for this role" }).first()).toHaveAttribute(
      "href",
      /\/careers\/[a-z0-9-]+\/apply$/,
    );
    await expect(page.getByRole("heading", { name: "Hiring team" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const team = page.getByRole("region", { name: "Hiring team" });
    const member = team.getByRole("link").first();
    const name = (await member.textContent()) ?? "";
    await member.click();
    await expect(page).toHaveURL(/\/people\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("a job page carries JobPosting JSON-LD that parses", async ({ page }) => {
    await page.goto("/careers");
    await page.locator(".opening-card h3 a").first().click();
    const scripts = page.locator('script[type="application/ld+json"]');
    await expect(scripts).toHaveCount(1);
    const data = JSON.parse((await scripts.textContent()) ?? "");
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe("JobPosting");
    expect(data.title).toBe(await page.getByRole("heading", { level: 1 }).textContent());
    expect(data.hiringOrganization.name).toBeTruthy();
    expect(data.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

test.describe("careers without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filters still work as a plain GET form", async ({ page }) => {
    await page.goto("/careers");
    await page.getByLabel("Kind of role").selectOption({ label: "Research intern" });
    await page.getByRole("button", { name: "Search roles" }).click();
    await expect(page).toHaveURL(/[?&]kind=intern/);
    await expect(page.getByRole("status")).toContainText("match your search");
    for (const card of await page.locator(".opening-card").all()) {
      await expect(card).toContainText("Research intern");
    }
  });
});
