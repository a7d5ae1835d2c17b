/**
 * Hiring means hired, by every path into the hired stage, through the real
 * actions with real Requests: the board's move (a drag, the keyboard, a
 * card's Move all post it), its bulk move and its "Hire…", and the review
 * page's move and "Hire…". Without confirm=yes each one only asks (the
 * confirmation page, the same words as the dialog) and nothing changes or is
 * emailed — which is also all that Cancel does. With it the application is
 * hired once (one event, one email that never says "Decision"), and every
 * count shows it: the board's header and columns, the recruiter home, the
 * openings list, the reports, the candidate's own page. A hire is final.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applicationEvents, applications, outbox } from "../../db/schema";
import type { HireConfirmation } from "~/models/pipeline-intent.server";
import { getDb, type DB } from "~/utils/db.server";
import { createSessionFor } from "../../tests/builders";
import { applyTo, candidateUser, openingWithStages, signedIn } from "../../tests/fixtures";
import { call, getRequest, postForm } from "../../tests/requests";
import * as candidatePage from "./applications.$id";
import * as review from "./recruit.applications.$id/route";
import * as board from "./recruit.openings.$id/route";
import * as openingsList from "./recruit.openings._index";
import * as home from "./recruit._index";
import * as reports from "./recruit.reports";

type ActionData = { ok: boolean; message: string; confirmHire?: HireConfirmation };

let db: DB;
let token: string;

beforeAll(async () => {
  db = getDb();
  token = (await signedIn(db, "recruiter")).token;
});

const appRow = (id: number) => db.select().from(applications).where(eq(applications.id, id)).get()!;
const eventsOf = (id: number) =>
  db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id)).all();
const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.to, email)).all();
const totalMails = () => db.select({ n: count() }).from(outbox).get()!.n;

async function pipelineWith(names: string[]) {
  const o = openingWithStages(db, { title: "Postdoc in Glaciology" });
  const people = [];
  for (const name of names) {
    const user = await candidateUser(db, name);
    const app = applyTo(db, {
      openingId: o.opening.id,
      candidateId: user.id,
      stageId: o.stages[3].id,
    });
    people.push({ app, user });
  }
  return { ...o, hired: o.stages[4], people };
}

const postBoard = (openingId: number, form: Record<string, string | string[]>) =>
  call<ActionData>(board.action, postForm(`/recruit/openings/${openingId}`, form, { token }), {
    id: String(openingId),
  });
const postReview = (appId: number, form: Record<string, string>) =>
  call<ActionData>(review.action, postForm(`/recruit/applications/${appId}`, form, { token }), {
    id: String(appId),
  });

/** Nothing about `appIds` changed since `before`, and no email went out. */
function expectUnchanged(
  before: { rows: Array<ReturnType<typeof appRow>>; events: number; mails: number },
  appIds: number[],
) {
  expect(appIds.map(appRow)).toEqual(before.rows);
  expect(appIds.flatMap((id) => eventsOf(id)).length).toBe(before.events);
  expect(totalMails()).toBe(before.mails);
}
const snapshot = (appIds: number[]) => ({
  rows: appIds.map(appRow),
  events: appIds.flatMap((id) => eventsOf(id)).length,
  mails: totalMails(),
});

/** Hired once: status, stage, one event, one email in the candidate's words, never "Decision". */
function expectHiredOnce(
  person: { app: { id: number }; user: { email: string } },
  hiredStageId: number,
) {
  expect(appRow(person.app.id)).toMatchObject({ status: "hired", stageId: hiredStageId });
  const hires = eventsOf(person.app.id).filter((e) => e.type === "hired");
  expect(hires).toEqual([
    expect.objectContaining({ candidateVisible: true, publicStatus: "hired" }),
  ]);
  const mails = mailsTo(person.user.email);
  expect(mails).toHaveLength(1);
  expect(mails[0].subject).toMatch(/^Welcome to .+: Postdoc in Glaciology$/);
  expect(mails[0].text).toContain("You were hired: congratulations, and welcome!");
  expect(mails[0].text).toContain("Status: Hired");
  expect(mails[0].subject + mails[0].text).not.toMatch(/Decision|Not selected/);
}

describe("a move into the hired stage on the board", () => {
  it("asks first (nothing changes, nobody is emailed), then hires once and every count shows it", async () => {
    const { opening, stages, hired, people } = await pipelineWith(["Ada Lovelace"]);
    const [ada] = people;
    const item = `${ada.app.id}:1`;
    const before = snapshot([ada.app.id]);

    const ask = await postBoard(opening.id, { intent: "move", item, stageId: String(hired.id) });
    expect(ask.status).toBe(200);
    expect(ask.data!.ok).toBe(false);
    expect(ask.data!.confirmHire).toMatchObject({
      intent: "move",
      items: [item],
      stageId: hired.id,
      names: ["Ada Lovelace"],
      title: "Hire Ada Lovelace for Postdoc in Glaciology?",
    });
    // Exactly what will happen.
    expect(ask.data!.confirmHire!.body).toBe(
      "This sends Ada Lovelace the hiring email (“You were hired: congratulations, and welcome!”) at once, and closes the application as hired: it moves to Hired and can no longer be moved or rejected. The opening stays open, and no other candidate is told.",
    );
    // Cancel posts nothing more: this is all that happened.
    expectUnchanged(before, [ada.app.id]);

    const junk = await postBoard(opening.id, {
      intent: "move",
      item,
      stageId: String(hired.id),
      confirm: "maybe",
    });
    expect(junk.status).toBe(400);
    expectUnchanged(before, [ada.app.id]);

    const done = await postBoard(opening.id, {
      intent: "move",
      item,
      stageId: String(hired.id),
      confirm: "yes",
    });
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({
      ok: true,
      message: "Hired 1 candidate; they have been told.",
    });
    expectHiredOnce(ada, hired.id);

    // The board: header, the Hired column, no more actions on the card.
    const b = (
      await call<Awaited<ReturnType<typeof board.loader>>>(
        board.loader,
        getRequest(`/recruit/openings/${opening.id}`, { token }),
        { id: String(opening.id) },
      )
    ).data!;
    expect(b.perStatus).toMatchObject({ hired: 1 });
    expect(b.perStatus.active ?? 0).toBe(0);
    const column = b.columns.find((c) => c.id === hired.id)!;
    expect(column).toMatchObject({ hired: true, count: 1 });
    expect(column.cards.map((c) => [c.name, c.status])).toEqual([["Ada Lovelace", "hired"]]);
    expect(b.columns.find((c) => c.id === stages[3].id)!.count).toBe(0);

    // The recruiter home and the openings list count the same.
    const h = (await call<Awaited<ReturnType<typeof home.loader>>>(
      home.loader,
      getRequest("/recruit", { token }),
    ))!.data!;
    const row = h.openings.find((o) => o.id === opening.id)!;
    expect(row).toMatchObject({ active: 0, hired: 1 });
    expect(row.stages.map((s) => s.count)).toEqual([0, 0, 0, 0, 1]);
    const list = (await call<Awaited<ReturnType<typeof openingsList.loader>>>(
      openingsList.loader,
      getRequest("/recruit/openings", { token }),
    ))!.data!;
    const listed = list.openings.find((o) => o.id === opening.id)!;
    expect(listed.counts.hired).toBe(1);
    // "Per stage" beside the Hired column says the same, not "Hired 0".
    expect(listed.stages.map((s) => `${s.name} ${s.n}`)).toEqual([
      "Applied 0",
      "Screening 0",
      "Interview 0",
      "Offer 0",
      "Hired 1",
    ]);

    // The reports count the hire, once.
    const r = (await call<Awaited<ReturnType<typeof reports.loader>>>(
      reports.loader,
      getRequest(`/recruit/reports?opening=${opening.id}`, { token }),
    ))!.data!.report;
    expect(r.funnel.at(-1)).toMatchObject({ label: "Hired", reached: 1 });
    expect(r.timeToHire.hires).toBe(1);

    // The candidate sees "Hired", never the word a rejection uses.
    const mine = (await call<Awaited<ReturnType<typeof candidatePage.loader>>>(
      candidatePage.loader,
      getRequest(`/applications/${ada.app.id}`, { token: createSessionFor(db, ada.user.id) }),
      { id: String(ada.app.id) },
    ))!.data!.application;
    expect(mine.candidateStatus).toBe("hired");
    expect(mine.timeline.at(-1)).toMatchObject({ kind: "hired", status: "hired" });
    expect(mine.timeline.map((t) => t.status)).not.toContain("not_selected");
  });

  it("the bulk move asks once for everyone selected, then hires them all", async () => {
    const { opening, hired, people } = await pipelineWith(["Bea Bulk", "Cy Bulk", "Dee Stays"]);
    const chosen = people.slice(0, 2);
    const items = chosen.map((p) => `${p.app.id}:1`);
    const ids = people.map((p) => p.app.id);
    const before = snapshot(ids);

    const ask = await postBoard(opening.id, {
      intent: "bulk_move",
      items,
      stageId: String(hired.id),
    });
    expect(ask.status).toBe(200);
    expect(ask.data!.confirmHire).toMatchObject({
      intent: "bulk_move",
      items,
      names: ["Bea Bulk", "Cy Bulk"],
      title: "Hire 2 candidates for Postdoc in Glaciology?",
    });
    expectUnchanged(before, ids);

    const done = await postBoard(opening.id, {
      intent: "bulk_move",
      items,
      stageId: String(hired.id),
      confirm: "yes",
    });
    expect(done.data).toMatchObject({
      ok: true,
      message: "Hired 2 candidates; each has been told.",
    });
    for (const p of chosen) expectHiredOnce(p, hired.id);
    expect(appRow(people[2].app.id).status).toBe("active");
    expect(mailsTo(people[2].user.email)).toEqual([]);
  });

  it("“Hire…” on a card asks the same question, then hires", async () => {
    const { opening, hired, people } = await pipelineWith(["Eve Hire"]);
    const item = `${people[0].app.id}:1`;
    const ask = await postBoard(opening.id, { intent: "hire", item });
    expect(ask.data!.confirmHire).toMatchObject({
      intent: "hire",
      title: "Hire Eve Hire for Postdoc in Glaciology?",
    });
    expect(appRow(people[0].app.id).status).toBe("active");
    await postBoard(opening.id, { intent: "hire", item, confirm: "yes" });
    expectHiredOnce(people[0], hired.id);
  });

  it("a hire is final: moving a hired card out is refused with why, and changes nothing", async () => {
    const { opening, stages, hired, people } = await pipelineWith(["Finn Final"]);
    const [finn] = people;
    await postBoard(opening.id, {
      intent: "move",
      item: `${finn.app.id}:1`,
      stageId: String(hired.id),
      confirm: "yes",
    });
    const before = snapshot([finn.app.id]);
    const version = appRow(finn.app.id).version;
    const attempts: Array<Record<string, string | string[]>> = [
      { intent: "move", item: `${finn.app.id}:${version}`, stageId: String(stages[3].id) },
      {
        intent: "bulk_move",
        items: [`${finn.app.id}:${version}`],
        stageId: String(stages[0].id),
      },
      { intent: "reject", item: `${finn.app.id}:${version}`, reason: "other" },
    ];
    for (const form of attempts) {
      const res = await postBoard(opening.id, form);
      expect(res.status).toBe(409);
      expect(res.data!.message).toContain(
        "Finn Final is hired, and a hire is final: a hired application stays in Hired and cannot be moved or rejected.",
      );
    }
    expectUnchanged(before, [finn.app.id]);
  });
});

describe("on the review page", () => {
  it("a move into the hired stage and “Hire…” ask first, then hire once", async () => {
    const { hired, people } = await pipelineWith(["Gus Review", "Hal Review"]);
    const [gus, hal] = people;
    const before = snapshot([gus.app.id, hal.app.id]);

    const ask = await postReview(gus.app.id, {
      intent: "move",
      item: `${gus.app.id}:1`,
      stageId: String(hired.id),
    });
    expect(ask.status).toBe(200);
    expect(ask.data!.confirmHire).toMatchObject({
      intent: "move",
      names: ["Gus Review"],
      title: "Hire Gus Review for Postdoc in Glaciology?",
    });
    const askHire = await postReview(hal.app.id, { intent: "hire", item: `${hal.app.id}:1` });
    expect(askHire.data!.confirmHire).toMatchObject({ intent: "hire", names: ["Hal Review"] });
    expectUnchanged(before, [gus.app.id, hal.app.id]);

    await postReview(gus.app.id, {
      intent: "move",
      item: `${gus.app.id}:1`,
      stageId: String(hired.id),
      confirm: "yes",
    });
    await postReview(hal.app.id, { intent: "hire", item: `${hal.app.id}:1`, confirm: "yes" });
    expectHiredOnce(gus, hired.id);
    expectHiredOnce(hal, hired.id);
  });
});
