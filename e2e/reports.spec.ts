/**
 * The reports page on the demo data (openings whose pipelines differ) as a
 * recruiter reads it: the funnel across openings by kind of stage, never over
 * 100 %; time to hire over the hires the funnel shows; chart labels whole and
 * readable at 390 px; and the CSV download saying what the page says, read
 * back with an independent CSV parser.
 */
import { parse } from "csv-parse/sync";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.use({ signedInAs: "recruiter" });

test("the funnel, time to hire and the CSV agree, and read well on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/recruit/reports");
  const funnel = page.getByRole("region", { name: "Funnel numbers" }).getByRole("table");
  const rows = await funnel
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((c) => c.textContent!.trim())),
    );
  expect(rows.map((r) => r[0])).toEqual(["Applied", "Screening", "Interview", "Offer", "Hired"]);
  const reached = rows.map((r) => Number(r[1]));
  for (const [i, [, , share, conversion]] of rows.entries()) {
    expect(parseInt(share)).toBeLessThanOrEqual(100);
    if (i > 0) {
      expect(reached[i]).toBeLessThanOrEqual(reached[i - 1]);
      expect(parseInt(conversion)).toBeLessThanOrEqual(100);
    }
  }
  const hires = reached.at(-1)!;
  expect(hires).toBeGreaterThan(0);
  await expect(page.getByText(/Median time to hire/)).toContainText(
    `over ${hires} ${hires === 1 ? "hire" : "hires"}`,
  );

  // The chart's labels are the table's, whole, and none is cut off on a phone.
  const chart = page.getByRole("img", { name: /^Funnel/ });
  await expect(chart.locator(".chart__label")).toHaveText(rows.map((r) => r[0]));
  const clipped = await page
    .locator(".chart__label, .chart__value")
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  expect(clipped).toBe(0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page);

  // The CSV says the same.
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const csv = parse(await res.text()) as string[][];
  const funnelCsv = csv.filter((r) => r[0] === "funnel");
  expect(funnelCsv.map((r) => [r[1], r[2]])).toEqual(rows.map((r) => [r[0], r[1]]));
  for (const [i, r] of funnelCsv.entries()) {
    expect(r[3]).toContain(`${rows[i][2]} of applications`);
    if (i > 0) expect(r[3]).toContain(`conversion ${rows[i][3]}`);
  }
  const toHire = csv.find((r) => r[0] === "median days to hire")!;
  expect(toHire[3]).toBe(`${hires} hires`);
  await expect(page.getByText(/Median time to hire/)).toContainText(`${toHire[2]} d`);
});
