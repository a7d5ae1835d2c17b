/**
 * The board and the recruiter home, at the loader/action level with
 * real Requests and a real database: the home's counts are the board's
 * counts; "Hire…" without its confirmation step changes and emails
 * nothing; a stale move is refused with what changed; the needs-attention
 * queue is ordered by the longest wait on a fixed clock.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifiedSessionFor } from "../../tests/builders";
import { applicationEvents, applications, outbox } from "../../db/schema";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";
import { call, getRequest, postForm } from "../../tests/requests";
import { needsAttention } from "~/models/dashboard.server";
import { draftOffer } from "~/models/offer.server";
import { scheduleInterview } from "~/models/interview.server";
import { PAGE_SIZE } from "~/lib/board";
import { getDb, type DB } from "~/utils/db.server";
import * as board from "./recruit.openings.$id/route";
import * as home from "./recruit._index";

type BoardData = Awaited<ReturnType<typeof board.loader>>;
type HomeData = Awaited<ReturnType<typeof home.loader>>;
type ActionData = {
  ok: boolean;
  message: string;
  confirmHire?: { intent: string; items: string[]; names: string[] };
};

let db: DB;
let token: string;
const DAY = 86_400_000;

beforeAll(async () => {
  db = getDb();
  token = verifiedSessionFor(db, (await staffUser(db)).id);
});

const loadBoard = async (openingId: number, query = "") =>
  (
    await call<BoardData>(
      board.loader,
      getRequest(`/recruit/openings/${openingId}${query}`, { token }),
      { id: String(openingId) },
    )
  ).data!;
const loadHome = async () =>
  (await call<HomeData>(home.loader, getRequest("/recruit", { token }))).data!;
const post = (openingId: number, form: Record<string, string>) =>
  call<ActionData>(board.action, postForm(`/recruit/openings/${openingId}`, form, { token }), {
    id: String(openingId),
  });
const appRow = (id: number) => db.select().from(applications).where(eq(applications.id, id)).get()!;
const outboxSize = () => db.select({ n: count() }).from(outbox).get()!.n;

async function applicants(openingId: number, stageId: number, n: number, status = "active") {
  const apps = [];
  for (let i = 0; i < n; i++)
    apps.push(
      applyTo(db, {
        openingId,
        candidateId: (await candidateUser(db)).id,
        stageId,
        status: status as "active",
      }),
    );
  return apps;
}

describe("the recruiter home", () => {
  it("shows for every open role the same counts as its board, per stage and active", async () => {
    const { opening, stages } = openingWithStages(db, { title: "Counted Role" });
    await applicants(opening.id, stages[0].id, 3);
    await applicants(opening.id, stages[1].id, 2);
    await applicants(opening.id, stages[2].id, 1, "rejected");
    await applicants(opening.id, stages[4].id, 1, "hired");
    await applicants(opening.id, stages[0].id, 1, "withdrawn");

    const homeData = await loadHome();
    const boardData = await loadBoard(opening.id);
    const role = homeData.openings.find((o) => o.id === opening.id)!;
    expect(role.active).toBe(5);
    expect(role.active).toBe(boardData.perStatus.active);
    expect(role.stages.map((s) => [s.id, s.count])).toEqual(
      boardData.columns.map((c) => [c.id, c.count]),
    );
    expect(role.stages.map((s) => s.count)).toEqual([3, 2, 0, 0, 1]);
    // Before this visit to the board every active application was new; after it, none.
    expect(role.newSinceVisit).toBe(5);
    expect((await loadHome()).openings.find((o) => o.id === opening.id)!.newSinceVisit).toBe(0);
  });

  it("lists active applications with no public update for more than N days, the longest wait first", async () => {
    // A fixed clock before any other test's data, so only these applications can be waiting.
    const NOW = Date.UTC(2020, 0, 15, 12);
    {
      const { opening, stages } = openingWithStages(db);
      const at = async (daysAgo: number, status: "active" | "rejected" = "active") =>
        applyTo(db, {
          openingId: opening.id,
          candidateId: (await candidateUser(db)).id,
          stageId: stages[1].id,
          at: NOW - daysAgo * DAY,
          status,
        });
      const eight = await at(8);
      const thirty = await at(30);
      await at(7); // exactly 7 days: not more than 7
      await at(2);
      await at(40, "rejected"); // not active
      const ten = await at(10);

      const queue = needsAttention(db, { now: NOW, staleDays: 7 });
      expect(queue.items.map((i) => i.id)).toEqual([thirty.id, ten.id, eight.id]);
      expect(queue.items.map((i) => i.daysWaiting)).toEqual([30, 10, 8]);
      expect(queue.total).toBe(3);
      expect(needsAttention(db, { now: NOW, staleDays: 14 }).items.map((i) => i.id)).toEqual([
        thirty.id,
      ]);
    }
  });
});

describe("the recruiter home's headline numbers", () => {
  it("count new applications, the queue, the coming week's interviews and offers awaiting approval", async () => {
    const recruiter = await staffUser(db, "recruiter", "Hedda Headline");
    const actor = { actorId: recruiter.id, origin: "http://localhost" };
    const before = (await loadHome()).headline;
    const { opening, stages } = openingWithStages(db, { title: "Headline Role" });
    const fresh = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[1].id,
    });
    // Applied 40 days ago with no news since: older than a week, and waiting.
    applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[1].id,
      at: Date.now() - 40 * DAY,
    });
    const interview = (daysAhead: number) =>
      scheduleInterview(db, actor, {
        applicationId: fresh.id,
        kind: "screen",
        startsAt: Date.now() + daysAhead * DAY,
        endsAt: Date.now() + daysAhead * DAY + 3_600_000,
        timeZone: "Europe/Zurich",
        placeKind: "video",
        place: "https://meet.example/headline",
        note: "",
        interviewers: [`u:${recruiter.id}`],
      });
    expect(interview(2).ok).toBe(true);
    expect(interview(9).ok).toBe(true); // beyond the week: not counted
    const offer = draftOffer(db, actor, {
      applicationId: fresh.id,
      title: "Research Fellow",
      startDate: "2027-03-01",
      payKind: "salary",
      amount: 80000,
      currency: "EUR",
      payPeriod: "year",
      durationMonths: 24,
      letter: "Welcome.",
      expiresOn: "2099-01-01",
    });
    expect(offer.ok).toBe(true);

    const after = await loadHome();
    expect(after.headline).toEqual({
      newThisWeek: before.newThisWeek + 1,
      needsAttention: before.needsAttention + 1,
      interviewsThisWeek: before.interviewsThisWeek + 1,
      offersAwaitingApproval: before.offersAwaitingApproval + 1,
    });
    // The headline and the list below it count the same queue.
    expect(after.headline.needsAttention).toBe(after.attention.total);
  });

  it("pages the needs-attention queue instead of hiding what is past the first twenty", async () => {
    const NOW = Date.UTC(2019, 5, 1, 12);
    const { opening, stages } = openingWithStages(db);
    for (let i = 0; i < 23; i++)
      applyTo(db, {
        openingId: opening.id,
        candidateId: (await candidateUser(db)).id,
        stageId: stages[0].id,
        at: NOW - (30 + i) * DAY,
      });
    const first = needsAttention(db, { now: NOW, staleDays: 7 });
    const second = needsAttention(db, { now: NOW, staleDays: 7, page: 2 });
    expect([first.total, first.pageCount, first.items.length, second.items.length]).toEqual([
      23, 2, 20, 3,
    ]);
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(23);
    expect(second.items.at(-1)!.daysWaiting).toBe(30);
  });
});

describe("the board", () => {
  it("shows one bounded page per stage and more on request", async () => {
    const { opening, stages } = openingWithStages(db);
    await applicants(opening.id, stages[0].id, PAGE_SIZE + 3);
    const first = await loadBoard(opening.id);
    expect(first.columns[0].count).toBe(PAGE_SIZE + 3);
    expect(first.columns[0].cards).toHaveLength(PAGE_SIZE);
    const more = await loadBoard(opening.id, `?show_${stages[0].id}=${PAGE_SIZE * 2}`);
    expect(more.columns[0].cards).toHaveLength(PAGE_SIZE + 3);
  });

  it("asks before a hire: without confirm=yes nothing changes and nobody is emailed", async () => {
    const { opening, stages } = openingWithStages(db);
    const [app] = await applicants(opening.id, stages[1].id, 1);
    const mails = outboxSize();

    const ask = await post(opening.id, { intent: "hire", item: `${app.id}:1` });
    expect(ask.status).toBe(200);
    expect(ask.data!.ok).toBe(false);
    expect(ask.data!.confirmHire).toMatchObject({ intent: "hire", items: [`${app.id}:1`] });
    expect(ask.data!.message).toMatch(/^Hire .+ for .+\?$/);
    expect(appRow(app.id)).toMatchObject({ status: "active", version: 1, stageId: stages[1].id });
    expect(outboxSize()).toBe(mails);
    expect(
      db
        .select({ n: count() })
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, app.id))
        .get()!.n,
    ).toBe(1);

    const junk = await post(opening.id, { intent: "hire", item: `${app.id}:1`, confirm: "sure" });
    expect(junk.status).toBe(400);
    expect(appRow(app.id).status).toBe("active");

    const done = await post(opening.id, { intent: "hire", item: `${app.id}:1`, confirm: "yes" });
    expect(done.status).toBe(200);
    expect(done.data!.ok).toBe(true);
    expect(appRow(app.id)).toMatchObject({ status: "hired", stageId: stages[4].id });
    expect(outboxSize()).toBe(mails + 1);
  });

  it("refuses a move from a stale page with 409 and says what changed", async () => {
    const { opening, stages } = openingWithStages(db);
    const [app] = await applicants(opening.id, stages[0].id, 1);
    expect(
      (await post(opening.id, { intent: "move", item: `${app.id}:1`, stageId: `${stages[2].id}` }))
        .status,
    ).toBe(200);
    const stale = await post(opening.id, {
      intent: "move",
      item: `${app.id}:1`,
      stageId: `${stages[1].id}`,
    });
    expect(stale.status).toBe(409);
    expect(stale.data!.message).toMatch(/changed since you loaded this page: now in Interview/);
    expect(appRow(app.id)).toMatchObject({ stageId: stages[2].id, version: 2 });
    // A stale hire is refused at its first step too.
    const hire = await post(opening.id, { intent: "hire", item: `${app.id}:1` });
    expect(hire.status).toBe(409);
    expect(hire.data!.confirmHire).toBeUndefined();
  });
});
