/**
 * Staff pages. At 1366 px the workspace bar is one row and each page's content
 * starts within 150 px. On a 390 px phone every staff page is measured with
 * the demo organisation's data — every opening's board and editor, review and
 * hiring pages across application states, every admin list and editor — since
 * one wide element makes the whole workspace scroll sideways; the failures are
 * gathered so one run names them all.
 */
import type { Page } from "@playwright/test";
import { asc, desc, eq, sql } from "drizzle-orm";
import {
  applications,
  emailTemplates,
  events,
  labs,
  openings,
  programs,
  researchAreas,
  researchers,
  tools,
  users,
} from "../db/schema";
import { e2eDb, expect, test } from "./fixtures";

test.use({ signedInAs: "admin", viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 180_000 });

async function overflowing(page: Page, paths: string[]) {
  const wide: string[] = [];
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide.push(`${path}: ${scroll} px`);
  }
  return wide;
}

const firstId = (rows: Array<{ id: number }>) => rows[0]!.id;

test("every opening's board and editor fit a phone", async ({ page }) => {
  const ids = e2eDb().select({ id: openings.id }).from(openings).orderBy(asc(openings.id)).all();
  expect(ids.length, "the demo seed has openings").toBeGreaterThan(10);
  const paths = ["/recruit", "/recruit/openings", "/recruit/openings/new", "/recruit/reports"];
  for (const { id } of ids) paths.push(`/recruit/openings/${id}`, `/recruit/openings/${id}/edit`);
  expect(await overflowing(page, paths)).toEqual([]);
});

test("review and hiring pages across application states fit a phone", async ({ page }) => {
  // One application per status and per opening, the busiest first.
  const rows = e2eDb()
    .select({ id: sql<number>`min(${applications.id})` })
    .from(applications)
    .groupBy(applications.status, applications.openingId)
    .orderBy(desc(sql`count(*)`))
    .limit(24)
    .all();
  expect(rows.length).toBeGreaterThan(5);
  const paths = ["/recruit/candidates", "/recruit/candidates?q=a"];
  for (const { id } of rows)
    paths.push(`/recruit/applications/${id}`, `/recruit/applications/${id}/hiring`);
  expect(await overflowing(page, paths)).toEqual([]);
});

test("every admin list and editor fits a phone", async ({ page }) => {
  const db = e2eDb();
  const me = db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).all();
  const recruiter = db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, "recruiter"))
    .all();
  const researcher = firstId(db.select({ id: researchers.id }).from(researchers).all());
  const kind = db.select({ kind: emailTemplates.kind }).from(emailTemplates).get()!.kind;
  const paths = [
    "/admin",
    "/admin/users",
    `/admin/users/${firstId(me)}`,
    `/admin/users/${firstId(recruiter)}`,
    `/admin/users/${firstId(recruiter)}/sessions`,
    `/admin/users/${firstId(recruiter)}/enrolment`,
    "/admin/audit",
    "/admin/outbox",
    "/admin/people",
    "/admin/people/new",
    `/admin/people/${researcher}`,
    `/admin/people/${researcher}/publications`,
    "/admin/settings",
    "/admin/settings/about",
    "/admin/email-templates",
    `/admin/email-templates/${kind}`,
  ];
  const resources = {
    areas: researchAreas,
    labs,
    programs,
    events,
    tools,
  } as const;
  for (const [name, table] of Object.entries(resources)) {
    const id = firstId(db.select({ id: table.id }).from(table).all());
    paths.push(`/admin/${name}`, `/admin/${name}/new`, `/admin/${name}/${id}`);
  }
  expect(await overflowing(page, paths)).toEqual([]);
});

test.describe("at 1366 px", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test("the workspace bar is one row and content starts within 150 px", async ({ page }) => {
    const db = e2eDb();
    const opening = firstId(db.select({ id: openings.id }).from(openings).all());
    const application = firstId(db.select({ id: applications.id }).from(applications).all());
    for (const path of [
      "/recruit",
      "/recruit/openings",
      `/recruit/openings/${opening}`,
      `/recruit/applications/${application}`,
      "/admin/users",
    ]) {
      await page.goto(path);
      const { bar, content } = await page.evaluate(() => ({
        bar: document.querySelector(".site-header")!.getBoundingClientRect().height,
        // The first thing under the workspace's navigation.
        content: document.querySelector("main > nav + *")!.getBoundingClientRect().top,
      }));
      expect(bar, path).toBeLessThanOrEqual(60);
      expect(content, path).toBeLessThanOrEqual(150);
    }
    // The public links are one disclosure away.
    await page.getByText("Public site").click();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Careers" })
      .click();
    await expect(page).toHaveURL(/\/careers$/);
    // The public pages keep their full header.
    await expect(page.getByText("Public site")).toBeHidden();
  });
});
