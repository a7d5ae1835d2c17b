import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type DB } from "~/utils/db.server";
import { toCsv } from "~/utils/csv";
import { hireApplication, moveApplications, rejectApplications } from "./pipeline.server";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";
import { buildReport, median, reportRows } from "./reports.server";

const DAY = 86_400_000;
let db: DB;
let actorId: number;

beforeAll(async () => {
  db = getDb();
  actorId = (await staffUser(db)).id;
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe("buildReport on a known fixture", () => {
  it("computes the funnel, conversions, medians, weekly counts and sources", async () => {
    const now = Date.now();
    const t0 = now - 20 * DAY;
    const { opening, stages } = openingWithStages(db);
    const [applied, screening, interview] = stages;
    const at = (d: number) => ({ actorId, origin: "http://x", now: t0 + d * DAY });
    const mk = async (source: string) =>
      applyTo(db, {
        openingId: opening.id,
        candidateId: (await candidateUser(db)).id,
        stageId: applied.id,
        at: t0,
        source,
      });
    const a = await mk("referral");
    const b = await mk("careers site");
    const c = await mk("=cmd|' /C calc'!A0");
    const d = await mk("");

    moveApplications(db, at(2), {
      openingId: opening.id,
      items: [{ id: a.id, version: 1 }],
      toStageId: screening.id,
    });
    moveApplications(db, at(6), {
      openingId: opening.id,
      items: [{ id: a.id, version: 2 }],
      toStageId: interview.id,
    });
    hireApplication(db, at(10), { openingId: opening.id, item: { id: a.id, version: 3 } });
    moveApplications(db, at(4), {
      openingId: opening.id,
      items: [{ id: b.id, version: 1 }],
      toStageId: screening.id,
    });
    rejectApplications(db, at(5), {
      openingId: opening.id,
      items: [{ id: b.id, version: 2 }],
      reason: "skills",
    });
    rejectApplications(db, at(1), {
      openingId: opening.id,
      items: [{ id: d.id, version: 1 }],
      reason: "other",
    });
    void c;

    const r = buildReport(db, opening.id, now);
    expect(r.total).toBe(4);
    expect(r.funnel.map((f) => [f.label, f.reached])).toEqual([
      ["Applied", 4],
      ["Screening", 2],
      ["Interview", 1],
      ["Offer", 1],
      ["Hired", 1],
    ]);
    expect(r.funnel[1].conversion).toBe(0.5);
    expect(r.funnel[2].conversion).toBe(0.5);
    expect(r.funnel[0].conversion).toBeNull();
    expect(r.funnel.map((f) => f.share)).toEqual([1, 0.5, 0.25, 0.25, 0.25]);
    // Nobody leaves the hired stage: it has no time-in-stage row.
    expect(r.stageTimes.map((s) => [s.label, s.medianDays, s.stays])).toEqual([
      ["Applied", 2, 3],
      ["Screening", 2.5, 2],
      ["Interview", 4, 1],
      ["Offer", null, 0],
    ]);
    expect(r.timeToHire).toEqual({ medianDays: 10, hires: 1 });
    // All four arrived 20 days ago: in the week 14–21 days back (index 9 of 12, oldest first).
    expect(r.perWeek).toHaveLength(12);
    expect(r.perWeek.reduce((s, w) => s + w.count, 0)).toBe(4);
    expect(r.perWeek[9].count).toBe(4);
    expect(r.sources).toEqual(
      expect.arrayContaining([
        { source: "referral", count: 1 },
        { source: "Not given", count: 1 },
      ]),
    );

    // The CSV of this report neutralises the hostile source name.
    const csv = toCsv(reportRows(r, opening.title));
    expect(csv).toContain("source,'=cmd|' /C calc'!A0,1");
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });
});

describe("buildReport on events it does not expect", () => {
  it("counts a stay in another opening's stage, or a deleted one, under none of its stages", async () => {
    const t0 = Date.now() - 10 * DAY;
    const { opening, stages } = openingWithStages(db);
    const other = openingWithStages(db);
    const a = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
      at: t0,
    });
    const insert = db.$client.prepare(
      "INSERT INTO application_events (application_id, at, type, to_stage_id, candidate_visible) VALUES (?, ?, 'moved', ?, 0)",
    );
    // A move into another opening's stage, then a move into a stage that no longer exists.
    insert.run(a.id, t0 + 2 * DAY, other.stages[1].id);
    insert.run(a.id, t0 + 5 * DAY, null);
    insert.run(a.id, t0 + 6 * DAY, stages[1].id);

    const r = buildReport(db, opening.id);
    const times = Object.fromEntries(r.stageTimes.map((s) => [s.label, [s.medianDays, s.stays]]));
    // Two days in the first stage; the three days in the other opening's stage
    // (which has the same name as this opening's second stage) and the day in
    // a deleted stage count under none of this opening's stages; the last stay
    // is still running.
    expect(other.stages[1].name).toBe(stages[1].name);
    expect(times[stages[0].name]).toEqual([2, 1]);
    expect(times[stages[1].name]).toEqual([null, 0]);
    expect(r.total).toBe(1);
  });
});
