/**
 * The migration that gave existing pipelines their stage kinds, run on a
 * database as it was just before it, holding the pipelines and applications
 * real organisations made when stages had only a name and a public status:
 * the default pipeline, their own names, no hired stage, a hired stage in the
 * middle, "Not hired", stages out of funnel order, two stages of one kind, no
 * stages at all — and cards dragged into "Hired" when a drag did not hire.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase, type DB } from "../app/utils/db.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-stage-kinds-"));
let db: DB;
const run = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).run(...params);
const all = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
  db.$client.prepare(sql).all(...params) as T[];

/** The migrations folder as it was before the stage-kinds data migration (its journal cut there). */
function foldersUpTo(tagEnd: string) {
  const before = path.join(dir, "before");
  fs.cpSync(migrationsFolder(), before, { recursive: true });
  const journalFile = path.join(before, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(tagEnd));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return before;
}

let nextId = 0;
const ids = { staff: 0, lab: 0 };

/** An opening with legacy stages (name, public status), returning their ids by name. */
function legacyOpening(title: string, stages: Array<[string, string]>) {
  const id = ++nextId;
  run(
    "INSERT INTO openings (id, slug, title, kind, lab_id, location, status) VALUES (?, ?, ?, 'researcher', ?, 'Zurich', 'open')",
    id,
    `legacy-${id}`,
    title,
    ids.lab,
  );
  const byName: Record<string, number> = {};
  stages.forEach(([name, status], position) => {
    byName[name] = Number(
      run(
        "INSERT INTO stages (opening_id, position, name, public_status) VALUES (?, ?, ?, ?)",
        id,
        position,
        name,
        status,
      ).lastInsertRowid,
    );
  });
  return { id, stage: byName };
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);

/** An application in `stageId` with `status`, its submitted event, and the given later events. */
function legacyApp(
  openingId: number,
  stageId: number,
  status: string,
  events: Array<{
    type: string;
    to?: number;
    status?: string | null;
    visible?: boolean;
    day: number;
  }> = [],
) {
  const n = ++nextId;
  const candidate = Number(
    run(
      "INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, 'x', 'candidate')",
      `c${n}@example.test`,
      `Candidate ${n}`,
    ).lastInsertRowid,
  );
  const last = events.at(-1)?.day ?? 0;
  const app = Number(
    run(
      `INSERT INTO applications (opening_id, candidate_id, stage_id, status, consent_at, stage_entered_at,
         public_changed_at, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      openingId,
      candidate,
      stageId,
      status,
      T0,
      T0 + last * DAY,
      T0 + last * DAY,
      T0,
      T0 + last * DAY,
      1 + events.length,
    ).lastInsertRowid,
  );
  const insert = (type: string, day: number, to: number | null, pub: string | null, vis: boolean) =>
    run(
      `INSERT INTO application_events (application_id, at, actor_user_id, type, to_stage_id,
         candidate_visible, public_status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      app,
      T0 + day * DAY,
      type === "submitted" ? candidate : ids.staff,
      type,
      to,
      vis ? 1 : 0,
      pub,
    );
  insert("submitted", 0, null, "received", true);
  for (const e of events) insert(e.type, e.day, e.to ?? null, e.status ?? null, e.visible ?? true);
  return app;
}

type Stage = { id: number; name: string; kind: string; public_status: string; position: number };
const stagesOf = (openingId: number) =>
  all<Stage>("SELECT * FROM stages WHERE opening_id = ? ORDER BY position", openingId);
const pipeline = (openingId: number) =>
  stagesOf(openingId).map((s) => `${s.name}: ${s.kind} (${s.public_status})`);
const appRow = (id: number) =>
  all<{ status: string; stage_id: number; version: number; stage_entered_at: number }>(
    "SELECT * FROM applications WHERE id = ?",
    id,
  )[0];
const eventsOf = (id: number) =>
  all<{
    type: string;
    public_status: string | null;
    candidate_visible: number;
    actor_user_id: number | null;
    at: number;
  }>("SELECT * FROM application_events WHERE application_id = ? ORDER BY at, id", id);

const o: Record<string, ReturnType<typeof legacyOpening>> = {};
const app: Record<string, number> = {};

beforeAll(() => {
  db = openDatabase(path.join(dir, "legacy.db"), { migrate: false });
  migrate(db, { migrationsFolder: foldersUpTo("_stage_kinds_data") });

  ids.lab = Number(
    run(
      "INSERT INTO labs (slug, name, city, country, description) VALUES ('lab', 'Lab', 'Zurich', 'CH', '')",
    ).lastInsertRowid,
  );
  ids.staff = Number(
    run(
      "INSERT INTO users (email, name, password_hash, role) VALUES ('staff@example.test', 'Staff', 'x', 'recruiter')",
    ).lastInsertRowid,
  );

  o.standard = legacyOpening("Default pipeline", [
    ["Applied", "received"],
    ["Screening", "in_review"],
    ["Interview", "interviewing"],
    ["Offer", "offer"],
    ["Hired", "decision"],
  ]);
  const s = o.standard.stage;
  app.waiting = legacyApp(o.standard.id, s.Applied, "active");
  // Dragged into Hired when a drag only moved the card: still active, told "Decision".
  app.dragged = legacyApp(o.standard.id, s.Hired, "active", [
    { type: "moved", to: s.Offer, status: "offer", day: 3 },
    { type: "moved", to: s.Hired, status: "decision", day: 8 },
  ]);
  app.hired = legacyApp(o.standard.id, s.Hired, "hired", [
    { type: "hired", to: s.Hired, status: "decision", day: 12 },
  ]);
  app.rejected = legacyApp(o.standard.id, s.Screening, "rejected", [
    { type: "moved", to: s.Screening, status: "in_review", day: 1 },
    { type: "rejected", status: "decision", day: 2 },
  ]);

  o.ownNames = legacyOpening("Own names", [
    ["New", "received"],
    ["Phone screen", "in_review"],
    ["Tech interview", "interviewing"],
    ["Onsite", "interviewing"],
    ["Offer letter", "offer"],
    ["  HIRED!  ", "decision"],
  ]);

  o.noHired = legacyOpening("No hired stage", [
    ["Applied", "received"],
    ["Screening", "in_review"],
    ["Started", "decision"],
  ]);
  // Hired when a hire moved the card into the last stage, whatever it was.
  app.hiredInStarted = legacyApp(o.noHired.id, o.noHired.stage.Started, "hired", [
    { type: "hired", to: o.noHired.stage.Started, status: "decision", day: 9 },
  ]);
  app.screening = legacyApp(o.noHired.id, o.noHired.stage.Screening, "active", [
    { type: "moved", to: o.noHired.stage.Screening, status: "in_review", day: 1 },
  ]);

  o.hiredInMiddle = legacyOpening("Hired in the middle", [
    ["Applied", "received"],
    ["Interview", "interviewing"],
    ["Hire", "decision"],
    ["Not hired", "decision"],
    ["Onboarding", "decision"],
  ]);

  o.outOfOrder = legacyOpening("Out of order", [
    ["Applied", "received"],
    ["Offer", "offer"],
    ["Interview", "interviewing"],
    ["Hired", "decision"],
  ]);

  o.twice = legacyOpening("Two of a kind", [
    ["Applied", "received"],
    ["Review", "in_review"],
    ["Screening", "in_review"],
    ["Hired", "decision"],
  ]);

  o.empty = legacyOpening("No stages at all", []);

  // A hired application without any "hired" event (written by hand long ago).
  app.hiredNoEvent = legacyApp(o.twice.id, o.twice.stage.Screening, "hired");

  migrate(db, { migrationsFolder: migrationsFolder() });
});

afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("stage kinds from legacy pipelines", () => {
  it("the default pipeline: by name, with the public statuses candidates see", () => {
    expect(pipeline(o.standard.id)).toEqual([
      "Applied: applied (received)",
      "Screening: screening (in_review)",
      "Interview: interview (interviewing)",
      "Offer: offer (offer)",
      "Hired: hired (hired)",
    ]);
  });

  it("an organisation's own names: by the status it chose, one stage per kind, the rest custom", () => {
    expect(pipeline(o.ownNames.id)).toEqual([
      "New: applied (received)",
      "Phone screen: screening (in_review)",
      "Tech interview: interview (interviewing)",
      // A second interview stage is custom and still shows "Interviewing".
      "Onsite: custom (interviewing)",
      "Offer letter: offer (offer)",
      "  HIRED!  : hired (hired)",
    ]);
  });

  it("no stage like Hired: one is appended and the hired move into it", () => {
    expect(pipeline(o.noHired.id)).toEqual([
      "Applied: applied (received)",
      "Screening: screening (in_review)",
      "Started: custom (in_review)",
      "Hired: hired (hired)",
    ]);
    const hired = stagesOf(o.noHired.id)[3];
    expect(appRow(app.hiredInStarted)).toMatchObject({
      status: "hired",
      stage_id: hired.id,
      // Entered the hired stage when it was hired.
      stage_entered_at: T0 + 9 * DAY,
    });
    expect(appRow(app.screening)).toMatchObject({ status: "active", version: 2 });
  });

  it("a hired stage in the middle moves to the end; 'Not hired' is not it", () => {
    expect(pipeline(o.hiredInMiddle.id)).toEqual([
      "Applied: applied (received)",
      "Interview: interview (interviewing)",
      "Not hired: custom (interviewing)",
      "Onboarding: custom (interviewing)",
      "Hire: hired (hired)",
    ]);
    expect(stagesOf(o.hiredInMiddle.id).map((s) => s.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it("kinds out of funnel order, or twice: the later one is custom", () => {
    expect(pipeline(o.outOfOrder.id)).toEqual([
      "Applied: applied (received)",
      "Offer: offer (offer)",
      "Interview: custom (offer)",
      "Hired: hired (hired)",
    ]);
    expect(pipeline(o.twice.id)).toEqual([
      "Applied: applied (received)",
      "Review: screening (in_review)",
      "Screening: custom (in_review)",
      "Hired: hired (hired)",
    ]);
  });

  it("an opening without stages gets its hired stage", () => {
    expect(pipeline(o.empty.id)).toEqual(["Hired: hired (hired)"]);
  });

  it("leaves every pipeline with exactly one hired stage, last, and positions 0, 1, 2, …", () => {
    const openings = all<{ id: number }>("SELECT id FROM openings");
    expect(openings.length).toBe(Object.keys(o).length);
    for (const { id } of openings) {
      const st = stagesOf(id);
      expect(
        st.filter((s) => s.kind === "hired"),
        `opening ${id}`,
      ).toHaveLength(1);
      expect(st.at(-1)!.kind).toBe("hired");
      expect(st.map((s) => s.position)).toEqual(st.map((_, i) => i));
    }
    // The database itself refuses a second hired stage from now on.
    expect(() =>
      run(
        "INSERT INTO stages (opening_id, position, name, kind, public_status) VALUES (?, 9, 'Hired again', 'hired', 'hired')",
        o.standard.id,
      ),
    ).toThrow(/UNIQUE/);
  });
});

describe("applications and their events", () => {
  it("a card dragged into Hired is hired now: status, one internal hired event, no email", () => {
    expect(appRow(app.dragged)).toMatchObject({
      status: "hired",
      stage_id: o.standard.stage.Hired,
      version: 4,
    });
    const events = eventsOf(app.dragged);
    expect(events.map((e) => [e.type, e.public_status, e.candidate_visible])).toEqual([
      ["submitted", "received", 1],
      ["moved", "offer", 1],
      // What the candidate was told ("Decision") reads as what it was: hired.
      ["moved", "hired", 1],
      ["hired", null, 0],
    ]);
    expect(events[3]).toMatchObject({ actor_user_id: ids.staff, at: T0 + 8 * DAY });
    expect(all("SELECT * FROM outbox")).toEqual([]);
  });

  it("every hired application has exactly one hired event, and sits in the hired stage", () => {
    const wrong = all(
      `SELECT a.id FROM applications a JOIN stages s ON s.id = a.stage_id
       WHERE a.status = 'hired' AND (s.kind <> 'hired'
         OR (SELECT count(*) FROM application_events e WHERE e.application_id = a.id AND e.type = 'hired') <> 1)`,
    );
    expect(wrong).toEqual([]);
    expect(appRow(app.hiredNoEvent).stage_id).toBe(o.twice.stage.Hired);
    expect(eventsOf(app.hired).filter((e) => e.type === "hired")).toEqual([
      expect.objectContaining({ public_status: "hired", candidate_visible: 1 }),
    ]);
    // No active application is left in a hired stage.
    expect(
      all(
        "SELECT a.id FROM applications a JOIN stages s ON s.id = a.stage_id WHERE a.status = 'active' AND s.kind = 'hired'",
      ),
    ).toEqual([]);
  });

  it("no event shows 'Decision' any more: hires show Hired, rejections Not selected", () => {
    expect(all("SELECT id FROM application_events WHERE public_status = 'decision'")).toEqual([]);
    expect(all("SELECT id FROM stages WHERE public_status = 'decision'")).toEqual([]);
    expect(eventsOf(app.rejected).at(-1)).toMatchObject({
      type: "rejected",
      public_status: "not_selected",
    });
    expect(appRow(app.waiting)).toMatchObject({ status: "active", version: 1 });
  });

  it("a later change of a stage's kind bumps the reports' version", () => {
    const version = () => all<{ version: number }>("SELECT version FROM report_state")[0].version;
    const before = version();
    run("UPDATE stages SET kind = 'custom' WHERE id = ?", o.twice.stage.Review);
    expect(version()).toBe(before + 1);
  });
});
