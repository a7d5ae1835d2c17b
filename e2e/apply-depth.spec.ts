/**
 * Apply-form depth (issue 15): a candidate names a referee in the apply form
 * and the referee's request is in the outbox; an admin imports a researcher's
 * publications and reviews them. Axe on the apply form with its referees
 * fieldset and on the admin's review list.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { applications, labs, outbox, referees, researchers } from "../db/schema";
import { createOpening } from "../tests/builders";
import { e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

const RESUME = path.join(import.meta.dirname, "fixtures", "resume.pdf");

test("a candidate names a referee while applying; the referee's request is queued", async ({
  page,
  signIn,
}) => {
  const db = e2eDb();
  await signIn("candidate");
  const lab = db.select().from(labs).get()!;
  const opening = createOpening(db, {
    labId: lab.id,
    title: `Fellowship asking for letters ${Date.now()}`,
    lettersRequired: 2,
  });
  await page.goto(`/careers/${opening.slug}/apply`);
  const fieldset = page.getByRole("group", { name: /^Referees/ });
  await expect(fieldset.getByRole("group", { name: "Referee 2" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const first = fieldset.getByRole("group", { name: "Referee 1" });
  await first.getByLabel("Name").fill("Prof. Nora Invented");
  await first.getByLabel("Email address").fill("nora@referee.example");
  await first.getByLabel("How you know them").fill("Master's supervisor");
  // The demo profile's seeded ORCID fails the checksum; other apply specs type a valid one too.
  await page.getByLabel("ORCID iD").fill("0000-0002-1825-0097");
  await page.getByLabel("PDF file").setInputFiles(RESUME);
  await page.getByLabel(/I agree that/).check();
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page).toHaveURL(/\/applications\/\d+\?submitted=1$/);

  const id = Number(new URL(page.url()).pathname.split("/").pop());
  expect(db.select().from(applications).where(eq(applications.id, id)).get()?.openingId).toBe(
    opening.id,
  );
  const named = db.select().from(referees).where(eq(referees.applicationId, id)).all();
  expect(named.map((r) => r.email)).toEqual(["nora@referee.example"]);
  const mail = db.select().from(outbox).where(eq(outbox.to, "nora@referee.example")).all();
  expect(mail.at(-1)?.text).toMatch(/\/referee\?token=[a-z2-7]+/);
});

test("an admin imports a researcher's publications and reviews them before saving", async ({
  page,
  signIn,
}) => {
  const db = e2eDb();
  await signIn("admin");
  const person = db.select().from(researchers).get()!;
  await page.goto(`/admin/people/${person.id}`);
  await page.getByRole("link", { name: "Import publications from BibTeX or ORCID" }).click();
  await page
    .getByLabel("Or paste BibTeX")
    .fill(
      "% Exported by hand; questions to e2e@example.org\n" +
        "@article{e2e, title={An Entirely Invented Result}, author={Doe, Jane and van der Berg, Jan and others}, journal={Imagined Letters}, volume={4}, pages={1--9}, year={2024}}",
    );
  await page.getByRole("button", { name: "Read the publications" }).click();
  await expect(page.getByRole("heading", { name: "Choose what to publish" })).toBeVisible();
  const entry = page.getByRole("checkbox", { name: /An Entirely Invented Result/ });
  await expect(entry).toBeChecked();
  await expect(entry).toHaveAccessibleName(/Jane Doe, Jan van der Berg et al\./);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Save the ticked publications" }).click();
  await expect(page.getByRole("status")).toContainText(/Saved: \d+ added/);
  await page.goto(`/people/${person.slug}`);
  const listed = page.getByRole("listitem").filter({ hasText: "An Entirely Invented Result" });
  await expect(listed).toContainText("Jane Doe, Jan van der Berg et al.");
  await expect(listed).toContainText("Imagined Letters 4, 1–9");
});
