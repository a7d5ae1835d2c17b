/**
 * Interviews and offers through their real routes: invitations (.ics) with
 * the right local times and zone, one UID across reschedules, SEQUENCE going
 * up, METHOD:CANCEL on cancel; staff-only actions; the candidate's own
 * invite only; offers that need a second approver, cannot be sent
 * unapproved, and cannot be answered after expiry or by another candidate.
 */
import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../../db/schema";
import { applyTo, openingWithStages, signedIn } from "../../../tests/fixtures";
import { documentHandler, documentPost } from "../../../tests/document-requests";
import { call, formErrors, getRequest, postForm } from "../../../tests/requests";
import { SESSION_COOKIE } from "~/auth/session.server";
import { exportAccount } from "~/auth/account.server";
import { DECLINE_REASON_MAX } from "~/components/hiring/schemas";
import { expireOffers } from "~/models/offer.server";
import { getDb, type DB } from "~/utils/db.server";
import * as answer from "../applications.$id_.hiring";
import * as ics from "../applications.$id_.interviews.$interviewId[.]ics";
import * as hiring from "./route";

let db: DB;
let recruiter: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let cand: Awaited<ReturnType<typeof signedIn>>;
let other: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  db = getDb();
  recruiter = await signedIn(db, "recruiter", { name: "Rita Recruiter" });
  admin = await signedIn(db, "admin", { name: "Ada Admin" });
  cand = await signedIn(db, "candidate", { name: "Cara Candidate" });
  other = await signedIn(db, "candidate", { name: "Otto Other" });
});

function newApplication(candidateId = cand.user.id) {
  const { opening, stages } = openingWithStages(db, { title: "Quantum Postdoc" });
  const app = applyTo(db, { openingId: opening.id, candidateId, stageId: stages[2].id });
  return { app, stages };
}

const post = (appId: number, fields: Record<string, string | string[]>, token: string) =>
  call(hiring.action, postForm(`/recruit/applications/${appId}/hiring`, fields, { token }), {
    id: String(appId),
  });

const interviewFields = (over: Record<string, string | string[]> = {}) => ({
  intent: "schedule",
  kind: "technical",
  start: "2027-03-10T14:00",
  end: "2027-03-10T15:30",
  timeZone: "Europe/Zurich",
  placeKind: "room",
  place: "Room 4.12, Zurich lab",
  note: "Bring slides.",
  interviewers: [`u:${recruiter.user.id}`],
  ...over,
});

/** The unfolded "NAME;PARAMS:VALUE" lines of an .ics text. */
function icsLines(text: string) {
  return text
    .replace(/\r\n[ \t]/g, "")
    .split(/\r\n/)
    .filter(Boolean);
}
/** A property of the calendar or its event (not of the VTIMEZONE, which has DTSTARTs of its own). */
function prop(text: string, name: string) {
  const lines = icsLines(text);
  const zoneEnd = lines.lastIndexOf("END:VTIMEZONE");
  return lines
    .filter((_, i) => i < lines.indexOf("BEGIN:VTIMEZONE") || i > zoneEnd)
    .find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}

const lastMail = (to: string) =>
  db.select().from(s.outbox).where(eq(s.outbox.to, to)).orderBy(desc(s.outbox.id)).get()!;
const interviewCount = () => db.select({ n: count() }).from(s.interviews).get()!.n;
const offerCount = () => db.select({ n: count() }).from(s.offers).get()!.n;

describe("interviews", () => {
  it("sends an invitation with local times and TZID; reschedule keeps the UID and raises SEQUENCE; cancel sends METHOD:CANCEL", async () => {
    const { app } = newApplication();
    const res = await post(app.id, interviewFields(), recruiter.token);
    expect(res.status).toBe(302);
    const row = db.select().from(s.interviews).where(eq(s.interviews.applicationId, app.id)).get()!;
    // 14:00 in Zurich in March (CET, UTC+1) is 13:00 UTC.
    expect(new Date(row.startsAt).toISOString()).toBe("2027-03-10T13:00:00.000Z");

    const invite = lastMail(cand.user.email);
    expect(invite.subject).toMatch(/Interview invitation/);
    const first = invite.calendar!;
    expect(prop(first, "METHOD")).toBe("METHOD:REQUEST");
    expect(prop(first, "DTSTART")).toBe("DTSTART;TZID=Europe/Zurich:20270310T140000");
    expect(prop(first, "DTEND")).toBe("DTEND;TZID=Europe/Zurich:20270310T153000");
    expect(prop(first, "SEQUENCE")).toBe("SEQUENCE:0");
    const uid = prop(first, "UID");
    expect(uid).toMatch(/^UID:interview-[0-9a-f]+@atrium$/);
    expect(prop(first, "ATTENDEE")).toContain(cand.user.email);

    const moved = await post(
      app.id,
      interviewFields({
        intent: "reschedule",
        interviewId: String(row.id),
        start: "2027-03-11T09:00",
        end: "2027-03-11T10:00",
        timeZone: "America/New_York",
      }),
      recruiter.token,
    );
    expect(moved.status).toBe(302);
    const second = lastMail(cand.user.email).calendar!;
    expect(prop(second, "UID")).toBe(uid);
    expect(prop(second, "SEQUENCE")).toBe("SEQUENCE:1");
    expect(prop(second, "DTSTART")).toBe("DTSTART;TZID=America/New_York:20270311T090000");

    const cancelled = await post(
      app.id,
      { intent: "cancel", interviewId: String(row.id), confirm: "on" },
      recruiter.token,
    );
    expect(cancelled.status).toBe(302);
    const third = lastMail(cand.user.email);
    expect(third.subject).toMatch(/cancelled/);
    expect(prop(third.calendar!, "METHOD")).toBe("METHOD:CANCEL");
    expect(prop(third.calendar!, "UID")).toBe(uid);
    expect(prop(third.calendar!, "SEQUENCE")).toBe("SEQUENCE:2");

    const types = db
      .select({ type: s.applicationEvents.type, visible: s.applicationEvents.candidateVisible })
      .from(s.applicationEvents)
      .where(eq(s.applicationEvents.applicationId, app.id))
      .all();
    expect(types.map((t) => t.type)).toEqual([
      "submitted",
      "interview_scheduled",
      "interview_rescheduled",
      "interview_cancelled",
    ]);
  });

  it("refuses candidates and anonymous visitors, and stores nothing", async () => {
    const { app } = newApplication();
    const before = interviewCount();
    const asCandidate = await post(app.id, interviewFields(), cand.token);
    expect(asCandidate.status).toBe(403);
    const anonymous = await call(
      hiring.action,
      postForm(`/recruit/applications/${app.id}/hiring`, interviewFields()),
      { id: String(app.id) },
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    const page = await call(
      hiring.loader,
      getRequest(`/recruit/applications/${app.id}/hiring`, { token: cand.token }),
      { id: String(app.id) },
    );
    expect(page.status).toBe(403);
    expect(interviewCount()).toBe(before);
  });

  it("answers bad input with 400 and stores nothing", async () => {
    const { app } = newApplication();
    const before = interviewCount();
    const mails = db.select({ n: count() }).from(s.outbox).get()!.n;
    const badZone = await post(
      app.id,
      interviewFields({ timeZone: "Mars/Olympus" }),
      recruiter.token,
    );
    expect(badZone.status).toBe(400);
    expect(formErrors(badZone).timeZone?.[0]).toMatch(/time-zone name/);
    const backwards = await post(
      app.id,
      interviewFields({ end: "2027-03-10T13:00" }),
      recruiter.token,
    );
    expect(backwards.status).toBe(400);
    expect(formErrors(backwards).end?.[0]).toMatch(/end after it starts/);
    const gap = await post(
      app.id,
      interviewFields({ start: "2027-03-28T02:30", end: "2027-03-28T04:00" }),
      recruiter.token,
    );
    expect(gap.status).toBe(400);
    expect(formErrors(gap).start?.[0]).toMatch(/does not exist/);
    const stranger = await post(
      app.id,
      interviewFields({ interviewers: [`u:${cand.user.id}`] }),
      recruiter.token,
    );
    expect(stranger.status).toBe(400);
    expect(formErrors(stranger).interviewers?.[0]).toMatch(/Choose interviewers/);
    const badLink = await post(
      app.id,
      interviewFields({ placeKind: "video", place: "javascript:alert(1)" }),
      recruiter.token,
    );
    expect(badLink.status).toBe(400);
    expect(interviewCount()).toBe(before);
    expect(db.select({ n: count() }).from(s.outbox).get()!.n).toBe(mails);
  });

  it("lets only the candidate download their invite", async () => {
    const { app } = newApplication();
    await post(app.id, interviewFields(), recruiter.token);
    const row = db.select().from(s.interviews).where(eq(s.interviews.applicationId, app.id)).get()!;
    const params = { id: String(app.id), interviewId: String(row.id) };
    const path = `/applications/${app.id}/interviews/${row.id}.ics`;
    const mine = await call(ics.loader, getRequest(path, { token: cand.token }), params);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    const text = (mine.data as { text: string }).text;
    expect(prop(text, "DTSTART")).toBe("DTSTART;TZID=Europe/Zurich:20270310T140000");
    const theirs = await call(ics.loader, getRequest(path, { token: other.token }), params);
    expect(theirs.status).toBe(404);
  });

  it("records the candidate's proposed times as a staff event, and shows interviewers theirs on /recruit", async () => {
    const { app } = newApplication();
    await post(
      app.id,
      interviewFields({ start: "2099-01-05T10:00", end: "2099-01-05T11:00" }),
      recruiter.token,
    );
    const row = db.select().from(s.interviews).where(eq(s.interviews.applicationId, app.id)).get()!;
    const res = await call(
      answer.action,
      postForm(
        `/applications/${app.id}/hiring`,
        { intent: "propose", interviewId: String(row.id), times: "Any morning next week" },
        { token: cand.token },
      ),
      { id: String(app.id) },
    );
    expect(res.status).toBe(302);
    const ev = db
      .select()
      .from(s.applicationEvents)
      .where(eq(s.applicationEvents.type, "interview_proposal"))
      .orderBy(desc(s.applicationEvents.id))
      .get()!;
    expect(ev.applicationId).toBe(app.id);
    expect(ev.candidateVisible).toBe(false);
    expect(ev.internalDetail).toContain("Any morning next week");
    const { upcomingInterviewsFor } = await import("~/models/interview.server");
    expect(upcomingInterviewsFor(db, recruiter.user.id).map((i) => i.id)).toContain(row.id);
    expect(upcomingInterviewsFor(db, admin.user.id).map((i) => i.id)).not.toContain(row.id);
  });
});

const offerFields = (over: Record<string, string> = {}) => ({
  intent: "draft_offer",
  title: "Postdoctoral researcher",
  startDate: "2027-09-01",
  payKind: "salary",
  amount: "98000",
  currency: "CHF",
  payPeriod: "year",
  durationMonths: "24",
  letter: "Dear Cara,\n\nWe are **delighted**. <script>alert(1)</script>",
  expiresOn: "2099-01-31",
  ...over,
});

function latestOffer(appId: number) {
  return db
    .select()
    .from(s.offers)
    .where(eq(s.offers.applicationId, appId))
    .orderBy(desc(s.offers.id))
    .get()!;
}

describe("offers", () => {
  it("cannot be approved by its drafter, even an admin, nor sent unapproved", async () => {
    const { app } = newApplication();
    expect((await post(app.id, offerFields(), admin.token)).status).toBe(302);
    const offer = latestOffer(app.id);
    const selfApprove = await post(
      app.id,
      { intent: "approve_offer", offerId: String(offer.id) },
      admin.token,
    );
    expect(selfApprove.status).toBe(409);
    const unapproved = await post(
      app.id,
      { intent: "send_offer", offerId: String(offer.id) },
      admin.token,
    );
    expect(unapproved.status).toBe(409);
    const byRecruiter = await post(
      app.id,
      { intent: "approve_offer", offerId: String(offer.id) },
      recruiter.token,
    );
    expect(byRecruiter.status).toBe(403);
    expect(latestOffer(app.id).status).toBe("draft");
  });

  it("a draft is announced to every admin who may approve it, and its approval to the drafter", async () => {
    const second = await signedIn(db, "admin", { name: "Bea Backup" });
    const { app } = newApplication();
    const mails = (to: string) => db.select().from(s.outbox).where(eq(s.outbox.to, to)).all();
    const before = {
      admin: mails(admin.user.email).length,
      second: mails(second.user.email).length,
    };
    expect((await post(app.id, offerFields(), second.token)).status).toBe(302);
    // The drafter is not asked to approve their own offer; the other admin is.
    expect(mails(second.user.email)).toHaveLength(before.second);
    const asked = lastMail(admin.user.email);
    expect(mails(admin.user.email)).toHaveLength(before.admin + 1);
    expect(asked.subject).toBe("An offer waits for your approval: Cara Candidate, Quantum Postdoc");
    expect(asked.text).toContain("Bea Backup drafted an offer to Cara Candidate");
    expect(asked.text).toContain(`/recruit/applications/${app.id}/hiring`);
    // Recruiters cannot approve, so they are not asked.
    expect(mails(recruiter.user.email).some((m) => m.kind === "offer.approvalRequested")).toBe(
      false,
    );

    const offer = latestOffer(app.id);
    await post(app.id, { intent: "approve_offer", offerId: String(offer.id) }, admin.token);
    const told = lastMail(second.user.email);
    expect(told.subject).toBe("Offer approved: Cara Candidate, Quantum Postdoc");
    expect(told.text).toContain("Ada Admin approved your offer");
  });

  it("an admin sends a draft back with a reason: the drafter is emailed it, the candidate sees nothing, a new draft can follow", async () => {
    const { app } = newApplication();
    expect((await post(app.id, offerFields(), recruiter.token)).status).toBe(302);
    const offer = latestOffer(app.id);
    const candidateMails = db
      .select()
      .from(s.outbox)
      .where(eq(s.outbox.to, cand.user.email))
      .all().length;

    // Refusals first: no reason, the wrong person, and nothing is changed.
    const bare = await post(
      app.id,
      { intent: "return_offer", offerId: String(offer.id), reason: " " },
      admin.token,
    );
    expect(bare.status).toBe(400);
    const byRecruiter = await post(
      app.id,
      { intent: "return_offer", offerId: String(offer.id), reason: "Too low" },
      recruiter.token,
    );
    expect(byRecruiter.status).toBe(403);
    expect(latestOffer(app.id).status).toBe("draft");

    const reason = "The salary is below the band for this grade; please check with HR.";
    const back = await post(
      app.id,
      { intent: "return_offer", offerId: String(offer.id), reason },
      admin.token,
    );
    expect(back.status).toBe(302);
    expect(back.location).toBe(`/recruit/applications/${app.id}/hiring?done=returned`);
    expect(latestOffer(app.id)).toMatchObject({
      status: "returned",
      returnReason: reason,
      returnedBy: admin.user.id,
    });

    const told = lastMail(recruiter.user.email);
    expect(told.kind).toBe("offer.returned");
    expect(told.subject).toBe("Offer sent back: Cara Candidate, Quantum Postdoc");
    expect(told.text).toContain("Ada Admin sent your offer to Cara Candidate");
    expect(told.text).toContain(`Their reason: ${reason}`);
    // The candidate is not emailed and their page does not show it.
    expect(db.select().from(s.outbox).where(eq(s.outbox.to, cand.user.email)).all()).toHaveLength(
      candidateMails,
    );
    const timeline = db
      .select()
      .from(s.applicationEvents)
      .where(eq(s.applicationEvents.applicationId, app.id))
      .all();
    const event = timeline.find((e) => e.type === "offer_returned")!;
    expect(event.candidateVisible).toBe(false);

    // It can no longer be approved or sent back twice; a corrected draft can be made.
    const late = await post(
      app.id,
      { intent: "approve_offer", offerId: String(offer.id) },
      admin.token,
    );
    expect(late.status).toBe(409);
    expect((await post(app.id, offerFields(), recruiter.token)).status).toBe(302);
    expect(latestOffer(app.id).status).toBe("draft");
  });

  it("drafted by a recruiter, approved by an admin, sent, accepted: the application is hired", async () => {
    const { app, stages } = newApplication();
    await post(app.id, offerFields(), recruiter.token);
    const offer = latestOffer(app.id);
    expect(
      (await post(app.id, { intent: "approve_offer", offerId: String(offer.id) }, admin.token))
        .status,
    ).toBe(302);
    expect(
      (await post(app.id, { intent: "send_offer", offerId: String(offer.id) }, recruiter.token))
        .status,
    ).toBe(302);
    const sent = db.select().from(s.applications).where(eq(s.applications.id, app.id)).get()!;
    expect(sent.stageId).toBe(stages.find((st) => st.publicStatus === "offer")!.id);
    expect(lastMail(cand.user.email).subject).toMatch(/An offer/);

    // Another candidate cannot answer it (not theirs: 404), and nothing changes.
    const theirs = await call(
      answer.action,
      postForm(
        `/applications/${app.id}/hiring`,
        { intent: "accept_offer", offerId: String(offer.id) },
        { token: other.token },
      ),
      { id: String(app.id) },
    );
    expect(theirs.status).toBe(404);
    expect(latestOffer(app.id).status).toBe("sent");

    const accepted = await call(
      answer.action,
      postForm(
        `/applications/${app.id}/hiring`,
        { intent: "accept_offer", offerId: String(offer.id) },
        { token: cand.token },
      ),
      { id: String(app.id) },
    );
    expect(accepted.status).toBe(302);
    expect(latestOffer(app.id).status).toBe("accepted");
    expect(
      db.select().from(s.applications).where(eq(s.applications.id, app.id)).get()!.status,
    ).toBe("hired");

    // The candidate's own export carries the offer; another candidate's does not.
    const mine = exportAccount(db, cand.user.id).applications.find((a) => a.id === app.id)!;
    expect(mine.offers[0].title).toBe("Postdoctoral researcher");
    expect(JSON.stringify(exportAccount(db, other.user.id))).not.toContain("98000");
  });

  it("cannot be accepted after it expired, and the daily job records the expiry", async () => {
    const { app } = newApplication();
    await post(app.id, offerFields(), recruiter.token);
    const offer = latestOffer(app.id);
    await post(app.id, { intent: "approve_offer", offerId: String(offer.id) }, admin.token);
    await post(app.id, { intent: "send_offer", offerId: String(offer.id) }, recruiter.token);
    db.update(s.offers)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(s.offers.id, offer.id))
      .run();
    const late = await call(
      answer.action,
      postForm(
        `/applications/${app.id}/hiring`,
        { intent: "accept_offer", offerId: String(offer.id) },
        { token: cand.token },
      ),
      { id: String(app.id) },
    );
    expect(late.status).toBe(409);
    expect(formErrors(late)[""]).toEqual(["This offer expired, so it can no longer be answered."]);
    expect(
      db.select().from(s.applications).where(eq(s.applications.id, app.id)).get()!.status,
    ).toBe("active");
    expect(expireOffers(db)).toBeGreaterThanOrEqual(1);
    expect(latestOffer(app.id).status).toBe("expired");
  });

  it("without JavaScript, a refused answer shows its reason on the page (the loader does not redirect it away)", async () => {
    const { app } = newApplication();
    await post(app.id, offerFields(), recruiter.token);
    const offer = latestOffer(app.id);
    await post(app.id, { intent: "approve_offer", offerId: String(offer.id) }, admin.token);
    await post(app.id, { intent: "send_offer", offerId: String(offer.id) }, recruiter.token);
    db.update(s.offers)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(s.offers.id, offer.id))
      .run();
    const handle = await documentHandler([
      {
        id: "routes/applications.$id_.hiring",
        path: "applications/:id/hiring",
        load: () => import("../applications.$id_.hiring"),
      },
    ]);
    const page = await handle(
      documentPost(
        `/applications/${app.id}/hiring`,
        { intent: "decline_offer", offerId: String(offer.id), reason: "" },
        [`${SESSION_COOKIE}=${cand.token}`],
      ),
    );
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain("Your answer was not sent");
    expect(html).toContain("This offer expired, so it can no longer be answered.");
    expect(html).toContain(`href="/applications/${app.id}"`);
    // A plain visit is a page with the way back, for the candidate only.
    const visit = await handle(
      new Request(`http://localhost/applications/${app.id}/hiring`, {
        headers: { Cookie: `${SESSION_COOKIE}=${cand.token}` },
      }),
    );
    expect(visit.status).toBe(200);
    expect(await visit.text()).toContain(`href="/applications/${app.id}"`);
    const stranger = await handle(
      new Request(`http://localhost/applications/${app.id}/hiring`, {
        headers: { Cookie: `${SESSION_COOKIE}=${other.token}` },
      }),
    );
    expect(stranger.status).toBe(404);
  });

  it("answers bad input with 400 and stores nothing; renders the letter safely", async () => {
    const { app } = newApplication();
    const before = offerCount();
    const bad = await post(
      app.id,
      offerFields({ amount: "lots", currency: "XXX", expiresOn: "2020-01-01" }),
      recruiter.token,
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(formErrors(bad))).toEqual(expect.arrayContaining(["amount", "currency"]));
    const past = await post(app.id, offerFields({ expiresOn: "2020-01-01" }), recruiter.token);
    expect(past.status).toBe(400);
    expect(offerCount()).toBe(before);
    await post(app.id, offerFields(), recruiter.token);
    const page = await call(
      hiring.loader,
      getRequest(`/recruit/applications/${app.id}/hiring`, { token: recruiter.token }),
      { id: String(app.id) },
    );
    const html = (page.data as { offers: Array<{ letterHtml: string }> }).offers[0].letterHtml;
    expect(html).toContain("<strong>delighted</strong>");
    expect(html).not.toContain("<script>");
  });

  it("the candidate declines with an optional reason of bounded length; a bad answer changes nothing", async () => {
    const sentOffer = async () => {
      const { app } = newApplication();
      await post(app.id, offerFields(), recruiter.token);
      const offer = latestOffer(app.id);
      await post(app.id, { intent: "approve_offer", offerId: String(offer.id) }, admin.token);
      await post(app.id, { intent: "send_offer", offerId: String(offer.id) }, recruiter.token);
      return { app, offer };
    };
    const reply = (appId: number, fields: Record<string, string>) =>
      call(
        answer.action,
        postForm(`/applications/${appId}/hiring`, fields, { token: cand.token }),
        { id: String(appId) },
      );

    const first = await sentOffer();
    const tooLong = await reply(first.app.id, {
      intent: "decline_offer",
      offerId: String(first.offer.id),
      reason: "x".repeat(DECLINE_REASON_MAX + 1),
    });
    expect(tooLong.status).toBe(400);
    expect(formErrors(tooLong).reason?.[0]).toMatch(/1000/);
    const junk = await reply(first.app.id, { intent: "maybe", offerId: String(first.offer.id) });
    expect(junk.status).toBe(400);
    expect(latestOffer(first.app.id).status).toBe("sent");

    const declined = await reply(first.app.id, {
      intent: "decline_offer",
      offerId: String(first.offer.id),
      reason: "I accepted another position closer to home.",
    });
    expect(declined.status).toBe(302);
    expect(declined.headers.get("Location")).toBe(`/applications/${first.app.id}?hiring=declined`);
    expect(latestOffer(first.app.id)).toMatchObject({
      status: "declined",
      declineReason: "I accepted another position closer to home.",
    });
    // Answered once: a second answer is a 409 with the reason, not a change.
    const again = await reply(first.app.id, {
      intent: "accept_offer",
      offerId: String(first.offer.id),
    });
    expect(again.status).toBe(409);
    expect(formErrors(again)[""]?.[0]).toMatch(/already been answered/);

    const second = await sentOffer();
    const noReason = await reply(second.app.id, {
      intent: "decline_offer",
      offerId: String(second.offer.id),
    });
    expect(noReason.status).toBe(302);
    expect(latestOffer(second.app.id).status).toBe("declined");
    expect(latestOffer(second.app.id).declineReason ?? "").toBe("");
  });
});
