/**
 * True reports over pipelines that differ: the funnel across openings is
 * counted by stage kind and never passes 100 % (stages of different pipelines
 * are never chained by name), one opening's funnel follows its own stages,
 * time to hire is taken over exactly the hires the funnel shows, and the CSV
 * says what the page says (read back with an independent CSV parser).
 */
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { StageDef } from "~/lib/pipeline-options";
import {
  hireApplication,
  moveApplications,
  rejectApplications,
  type Actor,
} from "~/models/pipeline.server";
import type { Report } from "~/models/reports.server";
import { getDb, type DB } from "~/utils/db.server";
import { formatPercent } from "~/utils/misc";
import {
  applyTo,
  candidateUser,
  openingWithStages,
  signedIn,
  staffUser,
} from "../../tests/fixtures";
import { call, getRequest } from "../../tests/requests";
import * as board from "./recruit.openings.$id/route";
import * as reports from "./recruit.reports";
import * as reportsCsv from "./recruit.reports[.]csv";

const DAY = 86_400_000;
const T0 = Date.now() - 60 * DAY;
let db: DB;
let token: string;
let actorId: number;
const at = (day: number): Actor => ({ actorId, origin: "http://localhost", now: T0 + day * DAY });

const ids: Record<string, number> = {};

async function opening(key: string, stages?: StageDef[]) {
  const o = openingWithStages(db, { title: `Role ${key}`, stages });
  ids[key] = o.opening.id;
  return o;
}

async function apply(o: { opening: { id: number }; stages: Array<{ id: number }> }, n: number) {
  const apps = [];
  for (let i = 0; i < n; i++)
    apps.push(
      applyTo(db, {
        openingId: o.opening.id,
        candidateId: (await candidateUser(db)).id,
        stageId: o.stages[0].id,
        at: T0,
      }),
    );
  return apps;
}

/** Moves `app` (at its current version) to stage `to` on `day`. */
function move(o: { opening: { id: number } }, app: { id: number }, to: number, day: number) {
  const r = moveApplications(db, at(day), {
    openingId: o.opening.id,
    items: [{ id: app.id, version: versionOf(app.id) }],
    toStageId: to,
  });
  expect(r.ok).toBe(true);
}
const versionOf = (id: number) =>
  db.get<{ version: number }>(`SELECT version FROM applications WHERE id = ${id}`)!.version;

beforeAll(async () => {
  db = getDb();
  token = (await signedIn(db, "recruiter")).token;
  actorId = (await staffUser(db)).id;

  // A: the default pipeline. Six stay in Applied; one reaches Screening; one
  // Interview and is rejected; one Offer; one is hired on day 10.
  const a = await opening("A");
  const [, , , , , , a7, a8, a9, a10] = await apply(a, 10);
  move(a, a7, a.stages[1].id, 1);
  move(a, a8, a.stages[1].id, 1);
  move(a, a8, a.stages[2].id, 2);
  rejectApplications(db, at(3), {
    openingId: a.opening.id,
    items: [{ id: a8.id, version: versionOf(a8.id) }],
    reason: "skills",
  });
  move(a, a9, a.stages[2].id, 2);
  move(a, a9, a.stages[3].id, 4);
  hireApplication(db, at(10), {
    openingId: a.opening.id,
    item: { id: a10.id, version: versionOf(a10.id) },
  });

  // B: its own names and a custom stage between screening and interview. One
  // waits in Received, one is in the custom stage, one is hired on day 20 by a
  // move into the hired stage.
  const b = await opening("B", [
    { name: "Received", kind: "applied" },
    { name: "Review", kind: "screening" },
    { name: "Research talk", kind: "custom" },
    { name: "Panel", kind: "interview" },
    { name: "Offer", kind: "offer" },
    { name: "Welcome aboard", kind: "hired" },
  ]);
  const [, b2, b3] = await apply(b, 3);
  move(b, b2, b.stages[2].id, 5);
  move(b, b3, b.stages[5].id, 20);

  // D: a short pipeline whose Offer is its second stage, where six wait: by
  // name its "Offer" would be chained after everyone else's Interview.
  const d = await opening("D", [
    { name: "Applied", kind: "applied" },
    { name: "Offer", kind: "offer" },
    { name: "Hired", kind: "hired" },
  ]);
  for (const app of await apply(d, 6)) move(d, app, d.stages[1].id, 6);
});

async function pageReport(openingId?: number) {
  const res = await call<{ report: Report }>(
    reports.loader,
    getRequest(`/recruit/reports${openingId ? `?opening=${openingId}` : ""}`, { token }),
  );
  expect(res.status).toBe(200);
  return res.data!.report;
}

async function csvRows(openingId?: number): Promise<string[][]> {
  const res = await call<{ text: string }>(
    reportsCsv.loader,
    getRequest(`/recruit/reports.csv${openingId ? `?opening=${openingId}` : ""}`, { token }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  return parse(res.data!.text, { relax_column_count: false }) as string[][];
}

describe("the funnel across openings", () => {
  it("is counted by stage kind, each row at most the one before, never over 100 %", async () => {
    const r = await pageReport();
    expect(r.total).toBe(19);
    expect(r.funnel.map((f) => [f.label, f.reached])).toEqual([
      ["Applied", 19],
      // A: 4 got past Applied; B: Review and the custom stage after it (2); D: its Offer comes after any screening (6).
      ["Screening", 12],
      ["Interview", 10],
      ["Offer", 9],
      ["Hired", 2],
    ]);
    for (const [i, f] of r.funnel.entries()) {
      expect(f.share!).toBeLessThanOrEqual(1);
      if (i > 0) {
        expect(f.reached).toBeLessThanOrEqual(r.funnel[i - 1].reached);
        expect(f.conversion!).toBeLessThanOrEqual(1);
      }
    }
  });

  it("takes time to hire over exactly the hires it shows, the same hires the boards count", async () => {
    const r = await pageReport();
    const hired = r.funnel.at(-1)!.reached;
    expect(r.timeToHire).toEqual({ hires: hired, medianDays: 15 });
    let onBoards = 0;
    for (const key of ["A", "B", "D"]) {
      const res = await call<{ perStatus: Record<string, number> }>(
        board.loader,
        getRequest(`/recruit/openings/${ids[key]}`, { token }),
        { id: String(ids[key]) },
      );
      onBoards += res.data!.perStatus.hired ?? 0;
    }
    expect(onBoards).toBe(hired);
  });
});

describe("one opening's funnel", () => {
  it("follows its own stages, custom ones included", async () => {
    const r = await pageReport(ids.B);
    expect(r.funnel.map((f) => [f.label, f.reached])).toEqual([
      ["Received", 3],
      ["Review", 2],
      ["Research talk", 2],
      ["Panel", 1],
      ["Offer", 1],
      ["Welcome aboard", 1],
    ]);
    expect(r.timeToHire).toEqual({ hires: 1, medianDays: 20 });
    expect(r.stageTimes.map((s) => s.label)).toEqual([
      "Received",
      "Review",
      "Research talk",
      "Panel",
      "Offer",
    ]);
  });
});

describe("the CSV", () => {
  for (const scope of ["all openings", "one opening"] as const)
    it(`says what the page says (${scope})`, async () => {
      const openingId = scope === "one opening" ? ids.A : undefined;
      const r = await pageReport(openingId);
      const rows = await csvRows(openingId);
      expect(rows[0]).toEqual(["section", "label", "value", "detail"]);
      const section = (name: string) => rows.filter((row) => row[0] === name);
      expect(section("scope")[0].slice(1, 3)).toEqual([
        scope === "one opening" ? "Role A" : "All openings",
        String(r.total),
      ]);
      expect(section("funnel")).toEqual(
        r.funnel.map((f) => [
          "funnel",
          f.label,
          String(f.reached),
          [
            `${formatPercent(f.share)} of applications`,
            ...(f.conversion === null ? [] : [`conversion ${formatPercent(f.conversion)}`]),
          ].join("; "),
        ]),
      );
      expect(section("median days in stage")).toEqual(
        r.stageTimes.map((s) => [
          "median days in stage",
          s.label,
          s.medianDays === null ? "" : String(s.medianDays),
          `${s.stays} completed stays`,
        ]),
      );
      expect(section("median days to hire")).toEqual([
        [
          "median days to hire",
          "all hires",
          String(r.timeToHire.medianDays),
          `${r.timeToHire.hires} hires`,
        ],
      ]);
      expect(section("applications per week").map((row) => Number(row[2]))).toEqual(
        r.perWeek.map((w) => w.count),
      );
    });
});
