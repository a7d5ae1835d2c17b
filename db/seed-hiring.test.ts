import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase } from "~/utils/db.server";
import { seed } from "./seed";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-seed-hiring-"));
const db = openDatabase(path.join(dir, "h.db"));
const uploadsDir = path.join(dir, "uploads");
const NOW = Date.UTC(2026, 2, 2);
await seed(db, {
  researchers: 40,
  openings: 20,
  applications: 120,
  now: NOW,
  quiet: true,
  uploadsDir,
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const all = (sql: string) => db.$client.prepare(sql).all() as Array<Record<string, unknown>>;

describe("demo hiring data", () => {
  test("interviews past and upcoming with interviewers, only on interviewing applications", () => {
    const rows = all(
      `select i.*, s.public_status, a.status as app_status,
       (select count(*) from interview_interviewers w where w.interview_id = i.id) as people
       from interviews i join applications a on a.id = i.application_id join stages s on s.id = a.stage_id`,
    );
    expect(rows.some((r) => Number(r.starts_at) < NOW)).toBe(true);
    expect(rows.some((r) => Number(r.starts_at) > NOW)).toBe(true);
    for (const r of rows) {
      expect(r).toMatchObject({ public_status: "interviewing", app_status: "active" });
      expect(Number(r.people)).toBeGreaterThan(0);
    }
  });

  test("one offer awaiting approval, one sent, one accepted (on a hired application)", () => {
    const rows = all(
      "select o.status, a.status as app_status from offers o join applications a on a.id = o.application_id order by o.status",
    );
    expect(rows).toEqual([
      { status: "accepted", app_status: "hired" },
      { status: "draft", app_status: "active" },
      { status: "sent", app_status: "active" },
    ]);
  });

  test("received letters are PDFs on disk without an owner; requested ones have none", () => {
    const letters = all("select f.* from reference_letters l join files f on f.id = l.file_id");
    expect(letters.length).toBeGreaterThan(0);
    for (const f of letters) {
      expect(f).toMatchObject({ kind: "letter", owner_user_id: null });
      const bytes = fs.readFileSync(path.join(uploadsDir, String(f.storage_name)));
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
    const requested = all("select * from referees where status = 'requested'");
    expect(requested.length).toBeGreaterThan(0);
    expect(all("select * from referees where status = 'received'").length).toBe(letters.length);
  });

  test("the demo candidate has an upcoming interview and no publications or offers", () => {
    const demo = "(select id from users where email = 'candidate@atrium.test')";
    expect(
      all(`select i.id from interviews i join applications a on a.id = i.application_id
           where a.candidate_id = ${demo}`).length,
    ).toBe(1);
    expect(all(`select * from candidate_publications where user_id = ${demo}`)).toEqual([]);
    expect(all("select * from candidate_publications").length).toBeGreaterThan(0);
  });

  test("hiring events are staff-only", () => {
    const visible = all(
      `select * from application_events where candidate_visible = 1 and (type like 'interview%'
       or type like 'offer%' or type like 'referee%' or type = 'letter_received')`,
    );
    expect(visible).toEqual([]);
  });
});
