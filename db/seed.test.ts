import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test, vi } from "vitest";
import { openDatabase, type DB } from "~/utils/db.server";
import { verifyPassword } from "~/auth/password.server";
import { isValidOrcid } from "~/utils/profile-links";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  isDatabaseEmpty,
  parseSeedArgs,
  runSeedCli,
  seed,
} from "./seed";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-seed-"));
const dbs: DB[] = [];
afterAll(() => {
  for (const db of dbs) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 2, 2); // a fixed reference day
const OPTIONS = { researchers: 40, openings: 20, applications: 90, now: NOW, quiet: true };

async function seeded(name: string) {
  const db = openDatabase(path.join(dir, `${name}.db`));
  dbs.push(db);
  const uploadsDir = path.join(dir, `${name}-uploads`);
  const summary = await seed(db, { ...OPTIONS, uploadsDir });
  return {
    db,
    uploadsDir,
    summary,
    all: (sql: string) => db.$client.prepare(sql).all() as Array<Record<string, unknown>>,
  };
}

const [a, b] = await Promise.all([seeded("a"), seeded("b")]);

describe("demo seed", () => {
  test("is deterministic: the same options and reference day give identical rows", () => {
    for (const table of [
      "research_areas",
      "labs",
      "researchers",
      "researcher_areas order by researcher_id, area_id",
      "publications",
      "openings",
      "opening_team order by opening_id, researcher_id",
      "screening_questions",
      "stages",
      "files",
      "candidate_profiles order by user_id",
      "applications",
      "application_events",
      "application_answers order by application_id, question_id",
      "notes",
      "scorecards",
    ]) {
      const sql = table.includes(" order by ")
        ? `select * from ${table}`
        : `select * from ${table} order by id`;
      expect(a.all(sql), table).toEqual(b.all(sql));
    }
    // Users match apart from the password hash, whose salt is random by design.
    const users = "select id, email, name, role, created_at from users order by id";
    expect(a.all(users)).toEqual(b.all(users));
  });

  test("every ORCID iD passes the check the profile forms apply, so a demo candidate can save their profile unchanged", () => {
    const ids = a
      .all(
        "select orcid from researchers where orcid is not null union all select orcid from candidate_profiles where orcid is not null",
      )
      .map((r) => String(r.orcid));
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id) => !isValidOrcid(id))).toEqual([]);
  });

  test("counts match the options", () => {
    const count = (sql: string) => (a.db.$client.prepare(sql).get() as { n: number }).n;
    expect(count("select count(*) n from researchers")).toBe(40);
    expect(count("select count(*) n from openings")).toBe(20);
    expect(count("select count(*) n from applications")).toBe(90);
    expect(count("select count(*) n from research_areas")).toBe(6);
    expect(count("select count(*) n from labs")).toBe(8);
    expect(a.summary).toMatchObject({ researchers: 40, openings: 20, applications: 90 });
    // The search index was filled by the triggers, area names included.
    expect(count("select count(*) n from people_fts")).toBe(40);
    expect(count("select count(*) n from people_fts where areas <> ''")).toBe(40);
    expect(
      count("select count(*) n from openings_fts where openings_fts match 'research'"),
    ).toBeGreaterThan(0);
  });

  test("every opening has stages starting with a 'received' stage, and every kind and status appears", () => {
    const rows = a.all(
      "select o.id, o.kind, o.status, min(s.position) first, count(s.id) n from openings o left join stages s on s.opening_id = o.id group by o.id",
    );
    for (const r of rows) expect(r.n, `opening ${r.id}`).toBeGreaterThanOrEqual(5);
    const firstStages = a.all("select public_status from stages where position = 0");
    expect(new Set(firstStages.map((s) => s.public_status))).toEqual(new Set(["received"]));
    expect(new Set(rows.map((r) => r.kind))).toEqual(
      new Set(["researcher", "postdoc", "intern", "fellowship", "engineer"]),
    );
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["open", "closed", "draft"]));
    const drafts = a.all("select * from openings where status = 'draft'");
    expect(drafts.every((o) => o.published_at === null)).toBe(true);
    const closed = a.all("select * from openings where status = 'closed'");
    expect(closed.every((o) => typeof o.closed_at === "number")).toBe(true);
    const pastDue = a.all(`select id from openings where status = 'open' and closes_at < ${NOW}`);
    expect(pastDue).toHaveLength(1);
  });

  test("every pipeline has one hired stage, last, and the hired (only they) are in it", () => {
    const wrong = a.all(
      `select o.id from openings o
       where (select count(*) from stages s where s.opening_id = o.id and s.kind = 'hired') <> 1
          or (select kind from stages s where s.opening_id = o.id order by position desc limit 1) <> 'hired'`,
    );
    expect(wrong).toEqual([]);
    const misplaced = a.all(
      `select a.id from applications a join stages s on s.id = a.stage_id
       where (a.status = 'hired') <> (s.kind = 'hired') and a.status in ('active', 'hired')`,
    );
    expect(misplaced).toEqual([]);
    expect(a.all("select id from applications where status = 'hired'").length).toBeGreaterThan(0);
  });

  test("demo accounts exist with their roles and the documented password", async () => {
    const users = a.all(
      "select email, role, password_hash from users where email like '%@atrium.test' order by email",
    );
    expect(users.map((u) => [u.email, u.role])).toEqual(
      [DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.candidate, DEMO_ACCOUNTS.recruiter].map((acc) => [
        acc.email,
        acc.role,
      ]),
    );
    expect(await verifyPassword(String(users[0].password_hash), DEMO_PASSWORD)).toBe(true);
    const profile = a.all(
      "select p.* from candidate_profiles p join users u on u.id = p.user_id where u.email = 'candidate@atrium.test'",
    );
    expect(profile).toHaveLength(1);
    expect(profile[0].headline).not.toBe("");
    expect(profile[0].resume_file_id).not.toBeNull();
  });

  test("the demo candidate has applications in five different states", () => {
    const apps = a.all(
      `select a.status, s.public_status from applications a join stages s on s.id = a.stage_id
       join users u on u.id = a.candidate_id where u.email = 'candidate@atrium.test'`,
    );
    const states = apps.map((x) => (x.status === "active" ? x.public_status : x.status)).sort();
    expect(states).toEqual(["in_review", "interviewing", "received", "rejected", "withdrawn"]);
    const rejection = a.all(
      `select e.public_message from application_events e join applications a on a.id = e.application_id
       join users u on u.id = a.candidate_id where u.email = 'candidate@atrium.test' and e.type = 'rejected'`,
    );
    expect(String(rejection[0].public_message)).toMatch(/thank you/i);
  });

  test("no two active applications share an opening and a candidate; seeded candidates use a reserved domain", () => {
    const dupes = a.all(
      "select opening_id, candidate_id, count(*) n from applications where status = 'active' group by 1, 2 having n > 1",
    );
    expect(dupes).toEqual([]);
    const emails = a.all(
      "select email from users where role = 'candidate' and email <> 'candidate@atrium.test'",
    );
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((u) => String(u.email).endsWith("@example.test"))).toBe(true);
  });

  test("applications follow the event conventions", () => {
    const apps = a.all("select * from applications order by id");
    const events = a.all("select * from application_events order by application_id, at, id");
    const stages = new Map(a.all("select * from stages").map((s) => [s.id, s]));
    const byApp = new Map<unknown, Array<Record<string, unknown>>>();
    for (const e of events)
      byApp.set(e.application_id, [...(byApp.get(e.application_id) ?? []), e]);
    for (const app of apps) {
      const evs = byApp.get(app.id)!;
      const first = evs[0];
      expect(first).toMatchObject({
        type: "submitted",
        candidate_visible: 1,
        public_status: "received",
        at: app.created_at,
      });
      const visible = evs.filter((e) => e.candidate_visible === 1);
      expect(app.public_changed_at).toBe(Math.max(...visible.map((e) => Number(e.at))));
      const staffChanges = evs.filter((e) =>
        ["moved", "rejected", "hired"].includes(String(e.type)),
      ).length;
      expect(app.version).toBe(1 + staffChanges);
      expect(app.consent_at).toBe(app.created_at);
      for (const e of evs) {
        if (e.type === "note" || e.type === "scorecard") expect(e.candidate_visible).toBe(0);
        if (e.type === "moved") {
          const from = stages.get(e.from_stage_id)!;
          const to = stages.get(e.to_stage_id)!;
          expect(e.internal_detail).toBe(`${from.name} → ${to.name}`);
          expect(e.candidate_visible).toBe(from.public_status !== to.public_status ? 1 : 0);
          expect(e.public_status).toBe(
            from.public_status !== to.public_status ? to.public_status : null,
          );
        }
        if (e.type === "rejected") {
          expect(e).toMatchObject({ candidate_visible: 1, public_status: "not_selected" });
          expect(e.public_message).toBeTruthy();
          expect(e.internal_detail).toBeTruthy();
        }
        if (e.type === "hired") {
          expect(e).toMatchObject({ candidate_visible: 1, public_status: "hired" });
          expect(stages.get(e.to_stage_id)!.kind).toBe("hired");
        }
        if (e.type === "withdrawn")
          expect(e).toMatchObject({ candidate_visible: 1, public_status: null });
      }
      if (app.status !== "active") expect(evs.some((e) => e.type === app.status)).toBe(true);
    }
    // Nothing happens before an opening was published or after the reference day.
    const bad = a.all(
      `select a.id from applications a join openings o on o.id = a.opening_id
       where o.published_at is null or a.created_at < o.published_at or a.updated_at > ${NOW}`,
    );
    expect(bad).toEqual([]);
  });

  test("every seeded resume file is on disk with its recorded size and sha256", () => {
    const files = a.all("select * from files");
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect(f.storage_name).toMatch(/^[0-9a-f]{32}\.pdf$/);
      const bytes = fs.readFileSync(path.join(a.uploadsDir, String(f.storage_name)));
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(bytes.length).toBe(f.size);
      expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
    }
  });

  test("leaves the connection as durable as it found it and the schema whole (bulk-load settings last only while seeding)", () => {
    const fresh = openDatabase(path.join(dir, "fresh.db"));
    dbs.push(fresh);
    const settings = (d: DB) =>
      ["journal_mode", "synchronous", "cache_size", "temp_store", "foreign_keys"].map((p) =>
        d.$client.pragma(p, { simple: true }),
      );
    expect(settings(a.db)).toEqual(settings(fresh));
    expect(settings(a.db).slice(0, 2)).toEqual(["wal", 2]); // synchronous = FULL
    // The indexes dropped while the applications went in are all back.
    const schema = (d: DB) =>
      d.$client
        .prepare("select type, name, tbl_name, sql from sqlite_master order by type, name")
        .all();
    expect(schema(a.db)).toEqual(schema(fresh));
    // The version counters' triggers were off while seeding; each counter moved once.
    const version = (d: DB, table: string) =>
      (d.$client.prepare(`select version from ${table} where id = 1`).get() as { version: number })
        .version;
    expect(version(a.db, "content_version")).toBe(version(fresh, "content_version") + 1);
    expect(version(a.db, "report_state")).toBe(version(fresh, "report_state") + 1);
  });

  test("seeds in WAL mode when another connection has the file open (it cannot leave WAL then)", async () => {
    const file = path.join(dir, "shared.db");
    const other = openDatabase(file);
    dbs.push(other);
    const db = openDatabase(file);
    dbs.push(db);
    const summary = await seed(db, {
      researchers: 5,
      openings: 3,
      applications: 6,
      now: NOW,
      quiet: true,
      uploadsDir: path.join(dir, "shared-uploads"),
    });
    expect(summary.applications).toBe(6);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(other.$client.prepare("select count(*) as n from applications").get()).toEqual({ n: 6 });
  });

  test("refuses to seed a database that already has data", async () => {
    expect(isDatabaseEmpty(a.db)).toBe(false);
    await expect(seed(a.db, OPTIONS)).rejects.toThrow(/already has data/);
  });
});

describe("seed command line", () => {
  test("parses counts and scales the defaults", () => {
    expect(parseSeedArgs([])).toMatchObject({
      ok: true,
      ifEmpty: false,
      options: { researchers: 120, openings: 40, applications: 300 },
    });
    expect(parseSeedArgs(["--scale", "2", "--openings", "7", "--if-empty"])).toMatchObject({
      ok: true,
      ifEmpty: true,
      options: { researchers: 240, openings: 7, applications: 600 },
    });
    expect(parseSeedArgs(["--researchers=-3"])).toMatchObject({ ok: false });
    expect(parseSeedArgs(["--researchers", "many"])).toMatchObject({ ok: false });
    expect(parseSeedArgs(["--scale", "0"])).toMatchObject({ ok: false });
    expect(parseSeedArgs(["--bogus"])).toMatchObject({ ok: false });
  });

  test("--if-empty seeds once, then leaves data alone; without it a second run fails and points to db:reset", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const args = ["--researchers", "5", "--openings", "3", "--applications", "4", "--if-empty"];
    expect(await runSeedCli(args)).toBe(0);
    expect(await runSeedCli(args)).toBe(0);
    expect(log.mock.calls.flat().join("\n")).toMatch(/already has data; not seeding/);
    log.mockRestore();

    const messages: string[] = [];
    vi.mocked(console.error).mockImplementation(
      (...m: unknown[]) => void messages.push(m.join(" ")),
    );
    expect(await runSeedCli(["--researchers", "5"])).toBe(1);
    expect(messages.join("\n")).toMatch(/npm run db:reset/);
  });
});

describe("bulk search indexing (db/seed-fts.ts)", () => {
  test("gives the same search indexes as the row-by-row triggers, and puts the triggers back", async () => {
    const db = openDatabase(path.join(dir, "triggers.db"));
    dbs.push(db);
    await seed(db, {
      ...OPTIONS,
      uploadsDir: path.join(dir, "triggers-uploads"),
      bulkIndex: false,
    });
    const rows = (d: DB, q: string) => d.$client.prepare(q).all();
    // Tokens in order of rowid: what MATCH can find, whatever order group_concat chose.
    const tokens = (d: DB, table: string) =>
      rows(d, `select * from ${table} order by rowid`).map((r) =>
        Object.values(r as Record<string, unknown>).map((v) =>
          String(v ?? "")
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u)
            .filter(Boolean)
            .sort()
            .join(" "),
        ),
      );
    for (const table of [
      "people_fts",
      "openings_fts",
      "publications_fts",
      "candidates_fts",
      "candidate_publications_fts",
    ]) {
      const bulk = tokens(a.db, table);
      if (table !== "candidate_publications_fts") expect(bulk.length, table).toBeGreaterThan(0);
      expect(bulk, table).toEqual(tokens(db, table));
      expect(rows(a.db, `select rowid from ${table} order by rowid`)).toEqual(
        rows(db, `select rowid from ${table} order by rowid`),
      );
      // The index agrees with its content, and the build's settings are gone.
      a.db.$client.exec(`INSERT INTO ${table}(${table}) VALUES ('integrity-check')`);
      expect(rows(a.db, `select * from ${table}_config order by k`), table).toEqual(
        rows(db, `select * from ${table}_config order by k`),
      );
    }
    const triggers = (d: DB) =>
      rows(d, "select name, sql from sqlite_master where type = 'trigger' order by name");
    expect(triggers(a.db)).toEqual(triggers(db));
    // The restored triggers work: a renamed candidate is found under the new name.
    const app = a.db.$client
      .prepare("select candidate_id as id from applications limit 1")
      .get() as {
      id: number;
    };
    a.db.$client.prepare("update users set name = 'Zebulon Quixote' where id = ?").run(app.id);
    const found = a.db.$client
      .prepare("select count(*) as n from candidates_fts where candidates_fts match 'quixote'")
      .get() as { n: number };
    expect(found.n).toBeGreaterThan(0);
  });
});
