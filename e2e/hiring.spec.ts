/**
 * Interviews and offers in the browser: a recruiter schedules an interview
 * from the review page, the candidate sees it in their own time zone and
 * downloads the invitation, a reschedule emails a higher SEQUENCE; an offer
 * drafted by one admin is approved by another (never by its drafter), sent,
 * read (with its PDF, downloaded by the candidate) and accepted, and the
 * application is hired on both sides. Axe runs at
 * each state that matters, inside the flow.
 */
import { readFile } from "node:fs/promises";
import { desc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Locator } from "@playwright/test";
import { applications, labs, outbox, sessions, users } from "../db/schema";
import { createOpening, enrolTwoFactor, stagesOf } from "../tests/builders";
import { applyTo } from "../tests/fixtures";
import { DEMO, e2eDb, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

const CANDIDATE_ZONE = "America/New_York";
const STAFF_ZONE = "Europe/Zurich";
const OFFER_PDF = "%PDF-1.4\nFellowship terms\n%%EOF\n";

/** A fresh active application of the demo candidate, to an opening of its own. */
function newApplication(title: string) {
  const db = e2eDb();
  const candidate = db.select().from(users).where(eq(users.email, DEMO.candidate)).get()!;
  const lab = db.select().from(labs).get()!;
  const opening = createOpening(db, { labId: lab.id, title });
  const [first] = stagesOf(db, opening.id);
  return applyTo(db, { openingId: opening.id, candidateId: candidate.id, stageId: first.id });
}

/** The unfolded lines of an .ics text. */
const icsLines = (text: string) => text.replace(/\r\n[ \t]/g, "").split(/\r\n/);
const sequenceOf = (text: string) =>
  Number(
    icsLines(text)
      .find((l) => l.startsWith("SEQUENCE:"))
      ?.slice("SEQUENCE:".length),
  );

async function fillInterview(form: Locator, start: DateTime, minutes: number) {
  const local = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");
  await form.getByLabel("Starts").fill(local(start));
  await form.getByLabel("Ends").fill(local(start.plus({ minutes })));
  await form.getByLabel("Time zone").fill(STAFF_ZONE);
}

test("a recruiter schedules an interview; the candidate sees it in their zone, downloads the invite; a reschedule raises SEQUENCE", async ({
  page,
  signIn,
  newContext,
}) => {
  const db = e2eDb();
  const app = newApplication("Interview walk-through fellowship");
  await signIn("recruiter");
  await page.goto(`/recruit/applications/${app.id}`);
  await page.getByRole("link", { name: /Schedule interviews, attach scorecards/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Interviews and offers" }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Two weeks ahead at 14:00 in Zurich; the candidate reads it in New York time.
  const start = DateTime.now()
    .setZone(STAFF_ZONE)
    .plus({ days: 14 })
    .set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
  const schedule = page.locator("details", { hasText: "Schedule an interview" });
  await schedule.getByLabel("Kind").selectOption("technical");
  await fillInterview(schedule, start, 60);
  await schedule.getByLabel("Place").selectOption("video");
  await schedule.getByLabel("Room or video link").fill("https://meet.example.org/atrium-e2e");
  await schedule.getByRole("group", { name: "Interviewers" }).getByRole("checkbox").first().check();
  await schedule.getByLabel("Note for the candidate (optional)").fill("Prepare a ten-minute talk.");
  await schedule.getByRole("button", { name: "Schedule and send the invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Interview scheduled");
  await expectNoSeriousA11yViolations(page);

  const candidateContext = await newContext({ timezoneId: CANDIDATE_ZONE });
  await signIn("candidate", candidateContext);
  const cand = await candidateContext.newPage();
  await cand.goto(`/applications/${app.id}`);
  const interviews = cand.getByRole("region", { name: "Your interviews" });
  const there = start.setZone(CANDIDATE_ZONE);
  await expect(interviews).toContainText(
    `${there.toFormat("HH:mm")}–${there.plus({ hours: 1 }).toFormat("HH:mm")} (${CANDIDATE_ZONE})`,
  );
  await expect(interviews).toContainText(`scheduled as`);
  await expect(interviews).toContainText(`(${STAFF_ZONE})`);
  await expectNoSeriousA11yViolations(cand);

  const [download] = await Promise.all([
    cand.waitForEvent("download"),
    interviews.getByRole("link", { name: "Add to calendar" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = await readFile(await download.path(), "utf8");
  const lines = icsLines(ics);
  expect(lines).toContain("METHOD:REQUEST");
  expect(lines).toContain(`DTSTART;TZID=${STAFF_ZONE}:${start.toFormat("yyyyLLdd'T'HHmmss")}`);
  const firstSequence = sequenceOf(ics);

  // Reschedule by an hour: the emailed invitation carries a higher SEQUENCE.
  const change = page.locator("details", { hasText: "Change this interview" });
  await change.getByText("Change this interview").click();
  await fillInterview(change, start.plus({ hours: 1 }), 60);
  await change.getByRole("button", { name: "Save and send the updated invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Interview changed");
  const mail = db
    .select()
    .from(outbox)
    .where(eq(outbox.to, DEMO.candidate))
    .orderBy(desc(outbox.id))
    .get();
  expect(mail?.calendar).toBeTruthy();
  expect(sequenceOf(mail!.calendar!)).toBeGreaterThan(firstSequence);
  expect(icsLines(mail!.calendar!)).toContain(
    `DTSTART;TZID=${STAFF_ZONE}:${start.plus({ hours: 1 }).toFormat("yyyyLLdd'T'HHmmss")}`,
  );
});

/**
 * A second admin: the drafter may not approve their own offer. Not demo-exempt
 * from two-factor: enrolled, and the caller verifies the session after signing in.
 */
function secondAdmin() {
  const db = e2eDb();
  const approverEmail = "second-admin@atrium.test";
  const approverId =
    db.select().from(users).where(eq(users.email, approverEmail)).get()?.id ??
    db
      .insert(users)
      .values({
        email: approverEmail,
        name: "Sam Second-Admin",
        passwordHash: "!e2e-no-password",
        role: "admin",
      })
      .returning()
      .get().id;
  enrolTwoFactor(db, approverId);
  return { approverEmail, approverId };
}

test("an approver sends an offer back with a reason, and the drafter reads it", async ({
  page,
  signIn,
  newContext,
}) => {
  const app = newApplication("Sent-back offer fellowship");
  const { approverEmail, approverId } = secondAdmin();
  await signIn("admin");
  await page.goto(`/recruit/applications/${app.id}/hiring`);
  await page.getByText("Draft an offer").click();
  await page.getByLabel("Start date").fill(DateTime.now().plus({ months: 3 }).toISODate()!);
  await page.getByLabel("Reply by").fill(DateTime.now().plus({ days: 10 }).toISODate()!);
  await page.getByLabel("Amount").fill("52000");
  await page.getByLabel("Offer letter").fill("We are pleased to offer you this fellowship.");
  await page.getByRole("button", { name: "Save draft for approval" }).click();
  await expect(page.getByRole("status")).toContainText("Offer drafted");

  const approverContext = await newContext();
  await signIn(approverEmail, approverContext);
  e2eDb()
    .update(sessions)
    .set({ twoFactorAt: Date.now() })
    .where(eq(sessions.userId, approverId))
    .run();
  const approver = await approverContext.newPage();
  await approver.goto(`/recruit/applications/${app.id}/hiring`);
  await approver.getByText("Send back with a reason").click();
  await approver
    .getByLabel(/What should .* change\?/)
    .fill("The amount is below the band for this grade.");
  await expectNoSeriousA11yViolations(approver);
  await approver.getByRole("button", { name: /^Send back to / }).click();
  await expect(approver.getByRole("status")).toContainText("Offer sent back");
  await expect(approver.getByRole("button", { name: "Approve offer" })).toHaveCount(0);

  await page.reload();
  const offers = page.getByRole("region", { name: "Offers" });
  await expect(offers).toContainText("Sent back to its drafter");
  await expect(offers).toContainText("Sam Second-Admin");
  await expect(offers).toContainText("The amount is below the band for this grade.");
});

test("an offer drafted by one admin is approved by another, sent, read and accepted: hired on both sides", async ({
  page,
  signIn,
  newContext,
}) => {
  const db = e2eDb();
  const app = newApplication("Offer walk-through fellowship");
  const { approverEmail, approverId } = secondAdmin();

  await signIn("admin");
  await page.goto(`/recruit/applications/${app.id}/hiring`);
  await page.getByText("Draft an offer").click();
  await page.getByLabel("Start date").fill(DateTime.now().plus({ months: 3 }).toISODate()!);
  await page.getByLabel("Duration in months (optional)").fill("24");
  await page.getByLabel("Reply by").fill(DateTime.now().plus({ days: 10 }).toISODate()!);
  await page.getByLabel("Amount").fill("86000");
  await page
    .getByLabel("Offer letter")
    .fill(
      "We are **delighted** to offer you this fellowship.\n\n- Office in the lab\n- Travel budget",
    );
  await page.getByLabel("Offer PDF (optional, at most 5 MB)").setInputFiles({
    name: "Fellowship contract.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(OFFER_PDF),
  });
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Save draft for approval" }).click();
  await expect(page.getByRole("status")).toContainText("Offer drafted");
  await expect(page.getByRole("link", { name: /Download the offer PDF/ })).toContainText(
    "Fellowship contract.pdf",
  );
  await expect(page.getByText("Waiting for an admin other than you")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve offer" })).toHaveCount(0);

  const approverContext = await newContext();
  await signIn(approverEmail, approverContext);
  db.update(sessions).set({ twoFactorAt: Date.now() }).where(eq(sessions.userId, approverId)).run();
  const approver = await approverContext.newPage();
  await approver.goto(`/recruit/applications/${app.id}/hiring`);
  await approver.getByRole("button", { name: "Approve offer" }).click();
  await expect(approver.getByRole("status")).toContainText("Offer approved");
  await approver.getByRole("button", { name: "Send offer to the candidate" }).click();
  await expect(approver.getByRole("status")).toContainText("Offer sent");

  const candidateContext = await newContext();
  await signIn("candidate", candidateContext);
  const cand = await candidateContext.newPage();
  await cand.goto(`/applications/${app.id}`);
  await expect(cand.locator(".status-badge").first()).toHaveText("Offer");
  const offer = cand.getByRole("region", { name: /Your offer/ });
  await expect(offer.locator("strong")).toHaveText("delighted");
  await expect(offer).toContainText("CHF 86,000 a year");
  const [pdf] = await Promise.all([
    cand.waitForEvent("download"),
    offer.getByRole("link", { name: /Download the offer as a PDF/ }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe("Fellowship contract.pdf");
  expect(await readFile(await pdf.path(), "latin1")).toBe(OFFER_PDF);
  await cand.getByText("Decline this offer").click();
  await expect(cand.getByLabel("Reason (optional)")).toBeVisible();
  await expectNoSeriousA11yViolations(cand);
  await offer.getByRole("button", { name: "Accept offer" }).click();
  await expect(cand.getByRole("status")).toContainText("You accepted the offer");
  await expect(offer).toContainText("Accepted");
  await expect(offer.getByRole("button", { name: "Accept offer" })).toHaveCount(0);
  await expect(cand.getByRole("region", { name: "Timeline" })).toContainText("You were hired");

  await page.reload();
  await expect(page.getByText("application hired")).toBeVisible();
  await expect(page.getByRole("region", { name: "Offers" })).toContainText("Accepted");
  expect(db.select().from(applications).where(eq(applications.id, app.id)).get()!.status).toBe(
    "hired",
  );
});
