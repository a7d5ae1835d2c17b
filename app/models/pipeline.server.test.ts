import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applicationEvents, applications, outbox } from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";
import {
  closeOpening,
  hireApplication,
  moveApplications,
  rejectApplications,
} from "./pipeline.server";
import { parseItems } from "./pipeline-intent.server";
import { addNote, saveScorecard } from "./pipeline-notes.server";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";

let db: DB;
let actorId: number;
const ctx = () => ({ actorId, origin: "https://atrium.test" });
const appRow = (id: number) => db.select().from(applications).where(eq(applications.id, id)).get()!;
const eventsOf = (id: number) =>
  db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, id))
    .orderBy(applicationEvents.id)
    .all();
const mailTo = (email: string) => db.select().from(outbox).where(eq(outbox.to, email)).all();

beforeAll(async () => {
  db = getDb();
  actorId = (await staffUser(db)).id;
});

async function setup() {
  const { opening, stages } = openingWithStages(db, { title: "Quantum Fellow" });
  const cand = await candidateUser(db, "Nadia Novak");
  const app = applyTo(db, {
    openingId: opening.id,
    candidateId: cand.id,
    stageId: stages[0].id,
    at: Date.now() - 5 * 86_400_000,
  });
  return { opening, stages, cand, app };
}

describe("moving applications", () => {
  it("writes a visible event and emails the candidate only the public status when it changes", async () => {
    const { opening, stages, cand, app } = await setup();
    addNote(db, ctx(), { applicationId: app.id, body: "Secret: strong on theory" });
    const version = appRow(app.id).version;
    const result = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version }],
      toStageId: stages[1].id,
    });
    expect(result).toEqual({ ok: true, count: 1 });

    const after = appRow(app.id);
    expect(after.stageId).toBe(stages[1].id);
    expect(after.version).toBe(version + 1);
    expect(after.stageEnteredAt).toBeGreaterThan(app.stageEnteredAt);
    expect(after.publicChangedAt).toBeGreaterThan(app.publicChangedAt);

    const moved = eventsOf(app.id).find((e) => e.type === "moved")!;
    expect(moved).toMatchObject({
      fromStageId: stages[0].id,
      toStageId: stages[1].id,
      candidateVisible: true,
      publicStatus: "in_review",
      internalDetail: "Applied → Screening",
      actorUserId: actorId,
    });
    const mails = mailTo(cand.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("In review");
    // Nothing internal in the email: stage names, notes, reviewer names.
    for (const secret of ["Screening", "Applied", "Secret", "strong on theory", "Rita Recruiter"]) {
      expect(mails[0].text + mails[0].subject).not.toContain(secret);
    }
  });

  it("writes an internal-only event and no email when the public status stays the same", async () => {
    // A custom stage after Screening shows what Screening shows ("In review").
    const { opening, stages } = openingWithStages(db, {
      stages: [
        { name: "Applied", kind: "applied" },
        { name: "Screening", kind: "screening" },
        { name: "Take-home task", kind: "custom" },
        { name: "Hired", kind: "hired" },
      ],
    });
    const custom = stages[2];
    expect(custom.publicStatus).toBe("in_review");
    const cand = await candidateUser(db, "Omar Ortiz");
    const app = applyTo(db, { openingId: opening.id, candidateId: cand.id, stageId: stages[1].id });
    const result = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: 1 }],
      toStageId: custom.id,
    });
    expect(result.ok).toBe(true);
    const moved = eventsOf(app.id).find((e) => e.type === "moved")!;
    expect(moved.candidateVisible).toBe(false);
    expect(moved.publicStatus).toBeNull();
    expect(moved.internalDetail).toBe("Screening → Take-home task");
    expect(mailTo(cand.email)).toHaveLength(0);
    expect(appRow(app.id).publicChangedAt).toBe(app.publicChangedAt);
  });

  it("refuses a stale version with what changed, and changes nothing", async () => {
    const { opening, stages, cand, app } = await setup();
    // Someone else moved it first.
    expect(
      moveApplications(db, ctx(), {
        openingId: opening.id,
        items: [{ id: app.id, version: 1 }],
        toStageId: stages[2].id,
      }).ok,
    ).toBe(true);
    const before = appRow(app.id);
    const eventsBefore = eventsOf(app.id).length;
    const mailsBefore = mailTo(cand.email).length;

    const stale = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: 1 }],
      toStageId: stages[1].id,
    });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.message).toContain("Nadia Novak changed since you loaded this page");
      expect(stale.message).toContain("now in Interview");
    }
    expect(appRow(app.id)).toEqual(before);
    expect(eventsOf(app.id)).toHaveLength(eventsBefore);
    expect(mailTo(cand.email)).toHaveLength(mailsBefore);
  });

  it("applies a bulk move to all or none: a foreign opening's application refuses the whole batch", async () => {
    const { opening, stages } = openingWithStages(db);
    const other = openingWithStages(db);
    const a1 = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
    });
    const a2 = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
    });
    const foreign = applyTo(db, {
      openingId: other.opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: other.stages[0].id,
    });

    const refused = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [
        { id: a1.id, version: 1 },
        { id: a2.id, version: 1 },
        { id: foreign.id, version: 1 },
      ],
      toStageId: stages[1].id,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.message).toContain(
        `Application ${foreign.id} does not belong to this opening`,
      );
    for (const a of [a1, a2, foreign]) {
      expect(appRow(a.id).version).toBe(1);
      expect(eventsOf(a.id).map((e) => e.type)).toEqual(["submitted"]);
    }

    const ok = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [
        { id: a1.id, version: 1 },
        { id: a2.id, version: 1 },
      ],
      toStageId: stages[1].id,
    });
    expect(ok).toEqual({ ok: true, count: 2 });
    expect(appRow(a1.id).stageId).toBe(stages[1].id);
    expect(appRow(a2.id).stageId).toBe(stages[1].id);
  });

  it("refuses a stage of another opening", async () => {
    const { opening, app } = await setup();
    const other = openingWithStages(db);
    const r = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: 1 }],
      toStageId: other.stages[1].id,
    });
    expect(r.ok).toBe(false);
    expect(appRow(app.id).stageId).toBe(app.stageId);
  });
});

describe("rejecting and hiring", () => {
  it("rejects with a visible Not selected, the message, and the reason kept internal", async () => {
    const { opening, cand, app } = await setup();
    const r = rejectApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: 1 }],
      reason: "skills",
      message: "Please apply again next year.",
    });
    expect(r.ok).toBe(true);
    expect(appRow(app.id).status).toBe("rejected");
    const ev = eventsOf(app.id).find((e) => e.type === "rejected")!;
    expect(ev).toMatchObject({
      candidateVisible: true,
      publicStatus: "not_selected",
      internalDetail: "Skills do not match the role",
    });
    expect(ev.publicMessage).toContain("Please apply again next year.");
    const [mail] = mailTo(cand.email);
    expect(mail.text).toContain("Status: Not selected");
    expect(mail.text).not.toContain("Decision");
    expect(mail.text).toContain("Please apply again next year.");
    expect(mail.text).not.toContain("Skills do not match");
  });

  it("a rejected application cannot be moved again", async () => {
    const { opening, stages, app } = await setup();
    rejectApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: 1 }],
      reason: "other",
    });
    const r = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: 2 }],
      toStageId: stages[1].id,
    });
    expect(r.ok).toBe(false);
  });

  it("hires into the hired stage with a visible Hired", async () => {
    const { opening, stages, cand, app } = await setup();
    expect(
      hireApplication(db, ctx(), { openingId: opening.id, item: { id: app.id, version: 1 } }).ok,
    ).toBe(true);
    const after = appRow(app.id);
    expect(after.status).toBe("hired");
    expect(after.stageId).toBe(stages[stages.length - 1].id);
    expect(eventsOf(app.id).filter((e) => e.type === "hired")).toEqual([
      expect.objectContaining({ candidateVisible: true, publicStatus: "hired" }),
    ]);
    const mails = mailTo(cand.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("Status: Hired");
    expect(mails[0].text + mails[0].subject).not.toMatch(/Decision|Not selected/);
  });

  it("moving into the hired stage hires: status, one event, the hired email", async () => {
    const { opening, stages, cand, app } = await setup();
    const r = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: 1 }],
      toStageId: stages[4].id,
    });
    expect(r).toEqual({ ok: true, count: 1 });
    expect(appRow(app.id)).toMatchObject({ status: "hired", stageId: stages[4].id, version: 2 });
    const events = eventsOf(app.id);
    expect(events.map((e) => e.type)).toEqual(["submitted", "hired"]);
    expect(events[1]).toMatchObject({
      fromStageId: stages[0].id,
      toStageId: stages[4].id,
      publicStatus: "hired",
      internalDetail: "Applied → Hired (hired)",
    });
    const mails = mailTo(cand.email);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Welcome to .*Quantum Fellow$/),
    ]);
    expect(mails[0].text).toContain("Status: Hired");
  });

  it("a hire is final: moving a hired application out, or hiring it again, is refused", async () => {
    const { opening, stages, cand, app } = await setup();
    hireApplication(db, ctx(), { openingId: opening.id, item: { id: app.id, version: 1 } });
    const before = appRow(app.id);
    for (const attempt of [
      () =>
        moveApplications(db, ctx(), {
          openingId: opening.id,
          items: [{ id: app.id, version: before.version }],
          toStageId: stages[3].id,
        }),
      () =>
        hireApplication(db, ctx(), {
          openingId: opening.id,
          item: { id: app.id, version: before.version },
        }),
      () =>
        rejectApplications(db, ctx(), {
          openingId: opening.id,
          items: [{ id: app.id, version: before.version }],
          reason: "other",
        }),
    ]) {
      const r = attempt();
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.message).toContain(
          "Nadia Novak is hired, and a hire is final: a hired application stays in Hired",
        );
    }
    expect(appRow(app.id)).toEqual(before);
    expect(eventsOf(app.id).filter((e) => e.type === "hired")).toHaveLength(1);
    expect(mailTo(cand.email)).toHaveLength(1);
  });
});

describe("notes and scorecards", () => {
  it("are internal events, leave the version alone, and send no email", async () => {
    const { cand, app } = await setup();
    const before = appRow(app.id).version;
    addNote(db, ctx(), { applicationId: app.id, body: "Great publication record" });
    saveScorecard(db, ctx(), {
      applicationId: app.id,
      ratings: { Research: 4 },
      recommendation: "yes",
      comment: "",
    });
    saveScorecard(db, ctx(), {
      applicationId: app.id,
      ratings: { Research: 3 },
      recommendation: "strong_yes",
      comment: "changed my mind",
    });
    const evs = eventsOf(app.id).filter((e) => e.type === "note" || e.type === "scorecard");
    expect(evs).toHaveLength(3);
    expect(evs.every((e) => !e.candidateVisible)).toBe(true);
    // A colleague's note or scorecard must not make a board move look stale.
    expect(appRow(app.id).version).toBe(before);
    expect(mailTo(cand.email)).toHaveLength(0);
  });

  it("do not block a move made from a board loaded before the note", async () => {
    const { opening, stages, app } = await setup();
    const seenOnBoard = appRow(app.id).version;
    addNote(db, ctx(), { applicationId: app.id, body: "Call references first" });
    const result = moveApplications(db, ctx(), {
      openingId: opening.id,
      items: [{ id: app.id, version: seenOnBoard }],
      toStageId: stages[1].id,
    });
    expect(result.ok).toBe(true);
    expect(appRow(app.id).stageId).toBe(stages[1].id);
  });
});

describe("closing an opening", () => {
  it("with notify tells every active applicant, and only them", async () => {
    const { opening, stages } = openingWithStages(db);
    const active = await Promise.all([candidateUser(db), candidateUser(db), candidateUser(db)]);
    const apps = active.map((c, i) =>
      applyTo(db, { openingId: opening.id, candidateId: c.id, stageId: stages[i].id }),
    );
    const gone = await candidateUser(db);
    applyTo(db, {
      openingId: opening.id,
      candidateId: gone.id,
      stageId: stages[0].id,
      status: "withdrawn",
    });

    const n = closeOpening(db, ctx(), { openingId: opening.id, notify: true });
    expect(n).toBe(3);
    for (const [i, c] of active.entries()) {
      const [mail] = mailTo(c.email);
      expect(mail.text).toContain("This role has now closed");
      expect(appRow(apps[i].id).status).toBe("rejected");
      expect(eventsOf(apps[i].id).at(-1)).toMatchObject({
        type: "opening_closed",
        candidateVisible: true,
        publicStatus: "not_selected",
      });
    }
    expect(mailTo(gone.email)).toHaveLength(0);
  });
});

describe("parseItems", () => {
  it("accepts id:version pairs and refuses junk or duplicates", () => {
    expect(parseItems(["1:2", "3:4"])).toEqual([
      { id: 1, version: 2 },
      { id: 3, version: 4 },
    ]);
    expect(parseItems(["1:2", "1:3"])).toBeNull();
    expect(parseItems(["x"])).toBeNull();
  });
});
