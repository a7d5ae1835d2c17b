/**
 * The reports' stage labels, source spellings and cache: each stage once
 * across openings of different lengths, one spelling of the careers site
 * (in reports and on write), and the cached report equal to a fresh one
 * after every kind of write a report depends on.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";
import { getDb, type DB } from "~/utils/db.server";
import { submitApplication } from "./application.server";
import { withdrawApplication } from "./candidate-applications.server";
import { addNote } from "./pipeline-notes.server";
import {
  closeOpening,
  hireApplication,
  moveApplications,
  rejectApplications,
} from "./pipeline.server";
import { buildReport, getReport, reportStateVersion } from "./reports.server";
import { applyRetention } from "./retention.server";
import { CAREERS_SITE_SOURCE, normaliseSource } from "~/lib/sources";

const DAY = 86_400_000;
let db: DB;
let actorId: number;

beforeAll(async () => {
  db = getDb();
  actorId = (await staffUser(db)).id;
});

function versionOf(db: DB, id: number) {
  return db.select().from(s.applications).where(eq(s.applications.id, id)).get()!.version;
}

describe("rows across openings", () => {
  it("are the stage kinds, once each, whatever names and lengths the pipelines have", async () => {
    const short = openingWithStages(db);
    // The long pipeline names its stages its own way and has an extra stage before Hired.
    const long = openingWithStages(db, {
      stages: [
        { name: "New", kind: "applied" },
        { name: "Phone screen", kind: "screening" },
        { name: "Onsite", kind: "interview" },
        { name: "Offer letter", kind: "offer" },
        { name: "Reference check", kind: "custom" },
        { name: "Started", kind: "hired" },
      ],
    });
    for (const o of [short, long]) {
      const c = await candidateUser(db);
      const app = applyTo(db, {
        openingId: o.opening.id,
        candidateId: c.id,
        stageId: o.stages[0].id,
      });
      hireApplication(
        db,
        { actorId, origin: "http://x" },
        {
          openingId: o.opening.id,
          item: { id: app.id, version: 1 },
        },
      );
    }
    const r = buildReport(db, null);
    expect(r.funnel.map((f) => f.label)).toEqual([
      "Applied",
      "Screening",
      "Interview",
      "Offer",
      "Hired",
    ]);
    expect(r.stageTimes.map((t) => t.label)).toEqual([
      "Applied",
      "Screening",
      "Interview",
      "Offer",
      "Custom stages",
    ]);
    // Both hires reached Hired, whatever their pipelines call it.
    expect(r.funnel.at(-1)!.reached).toBe(r.timeToHire.hires);
    expect(r.funnel.at(-1)!.reached).toBeGreaterThanOrEqual(2);
  });
});

describe("sources", () => {
  it("normalises spellings of the careers site and leaves other text alone", () => {
    for (const raw of [
      "Our website",
      " careers site ",
      "The Northlight Research careers site",
      "CAREERS PAGE",
    ])
      expect(normaliseSource(raw)).toBe(CAREERS_SITE_SOURCE);
    expect(normaliseSource("  A  workshop ")).toBe("A workshop");
    expect(normaliseSource("")).toBe("");
  });

  it("counts the careers site once in a report, whatever the stored spelling", async () => {
    const { opening, stages } = openingWithStages(db);
    for (const source of ["Our website", "careers site", CAREERS_SITE_SOURCE, "LinkedIn"]) {
      const c = await candidateUser(db);
      applyTo(db, { openingId: opening.id, candidateId: c.id, stageId: stages[0].id, source });
    }
    const r = buildReport(db, opening.id);
    expect(r.sources).toEqual([
      { source: CAREERS_SITE_SOURCE, count: 3 },
      { source: "LinkedIn", count: 1 },
    ]);
  });

  it("stores the canonical spelling when an application is submitted", async () => {
    const { opening, stages } = openingWithStages(db);
    const c = await candidateUser(db);
    const file = db
      .insert(s.files)
      .values({
        ownerUserId: c.id,
        kind: "resume",
        storageName: "f".repeat(32) + ".pdf",
        originalName: "cv.pdf",
        contentType: "application/pdf",
        size: 10,
        sha256: "0".repeat(64),
      })
      .returning()
      .get();
    const id = submitApplication(db, {
      candidate: { id: c.id, name: c.name, email: c.email },
      opening: { id: opening.id, title: opening.title },
      firstStage: { id: stages[0].id, publicStatus: "received" },
      resume: { fileId: file.id },
      coverLetter: "",
      source: "our website",
      answers: [],
      origin: "http://x",
    });
    const row = db.select().from(s.applications).where(eq(s.applications.id, id)).get()!;
    expect(row.source).toBe(CAREERS_SITE_SOURCE);
  });
});

describe("the cached report", () => {
  it("equals a fresh one after every kind of write, for all openings and for one", async () => {
    // Weekly counts are cached per minute, counted from the minute's start.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const ctx = { actorId, origin: "http://x", now };
    const { opening, stages } = openingWithStages(db);
    const apps = [];
    for (let i = 0; i < 6; i++) {
      const c = await candidateUser(db);
      apps.push(
        applyTo(db, {
          openingId: opening.id,
          candidateId: c.id,
          stageId: stages[0].id,
          at: now - (40 - i) * DAY,
        }),
      );
    }
    const check = async (what: string, write: () => unknown, changes = true) => {
      // Warm both caches, write, then compare with a computation from scratch.
      getReport(db, null, now);
      getReport(db, opening.id, now);
      const before = reportStateVersion(db);
      await write();
      expect(reportStateVersion(db) !== before, `${what} bumps the report version`).toBe(changes);
      expect(getReport(db, null, now), `all openings after ${what}`).toEqual(
        buildReport(db, null, now),
      );
      expect(getReport(db, opening.id, now), `one opening after ${what}`).toEqual(
        buildReport(db, opening.id, now),
      );
    };
    const [a, b, c, d, e, f] = apps;
    const warm = getReport(db, opening.id, now);

    await check("a move", () =>
      moveApplications(db, ctx, {
        openingId: opening.id,
        items: [{ id: a.id, version: 1 }],
        toStageId: stages[1].id,
      }),
    );
    expect(getReport(db, opening.id, now)).not.toEqual(warm);
    await check("a rejection", () =>
      rejectApplications(db, ctx, {
        openingId: opening.id,
        items: [{ id: b.id, version: 1 }],
        reason: "skills",
      }),
    );
    await check("a hire", () =>
      hireApplication(db, ctx, {
        openingId: opening.id,
        item: { id: a.id, version: versionOf(db, a.id) },
      }),
    );
    await check("a withdrawal", async () => {
      const user = db.select().from(s.users).where(eq(s.users.id, c.candidateId)).get()!;
      expect(
        withdrawApplication(db, {
          candidate: { id: user.id, name: user.name, email: user.email },
          applicationId: c.id,
          origin: "http://x",
          now,
        }),
      ).toBe(true);
    });
    await check("a new application", async () => {
      const user = await candidateUser(db);
      applyTo(db, {
        openingId: opening.id,
        candidateId: user.id,
        stageId: stages[0].id,
        source: "Our website",
      });
    });
    await check("a stage rename", () =>
      db.update(s.stages).set({ name: "Phone screen" }).where(eq(s.stages.id, stages[1].id)).run(),
    );
    await check("a stage reorder", () => {
      db.update(s.stages).set({ position: 9 }).where(eq(s.stages.id, stages[2].id)).run();
      db.update(s.stages).set({ position: 2 }).where(eq(s.stages.id, stages[3].id)).run();
      db.update(s.stages).set({ position: 3 }).where(eq(s.stages.id, stages[2].id)).run();
    });
    await check("a change of stage kind", () =>
      db.update(s.stages).set({ kind: "custom" }).where(eq(s.stages.id, stages[1].id)).run(),
    );
    await check("a source edit", () =>
      db
        .update(s.applications)
        .set({ source: "LinkedIn" })
        .where(eq(s.applications.id, d.id))
        .run(),
    );
    await check(
      "a note (reports do not read notes)",
      () => addNote(db, ctx, { applicationId: d.id, body: "Looks good" }),
      // A note writes an event row, so the version moves; the reports stay equal.
      true,
    );
    await check("a retention run", () => {
      // Rejected long ago: due for anonymisation (events and details go).
      db.update(s.applications)
        .set({
          updatedAt: now - 900 * DAY,
          publicChangedAt: now - 900 * DAY,
          createdAt: now - 900 * DAY,
        })
        .where(eq(s.applications.id, b.id))
        .run();
      db.update(s.applicationEvents)
        .set({ at: now - 900 * DAY })
        .where(eq(s.applicationEvents.applicationId, b.id))
        .run();
      applyRetention(db, { now, months: 24, dryRun: false });
    });
    await check("an application deleted", () =>
      db.delete(s.applications).where(eq(s.applications.id, e.id)).run(),
    );
    await check("the opening closed with its applicants told", () =>
      closeOpening(db, ctx, { openingId: opening.id, notify: true }),
    );
    void f;
    await check("another opening deleted", () => {
      const other = openingWithStages(db);
      db.delete(s.openings).where(eq(s.openings.id, other.opening.id)).run();
    });
    // Nothing written: the cache answers and still matches.
    await check("no write at all", () => undefined, false);
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM report_state`)!.n).toBe(1);
  });
});
