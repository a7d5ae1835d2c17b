/**
 * The audit log's hash chain, as an attacker with the database file and an
 * auditor with `npm run audit:verify` see it: an edited, deleted or slipped-in
 * row is named (exit 1), the app itself cannot change or delete a row, rows
 * carry ids and no personal data, rows written before the chain are linked
 * by the migration, and several processes writing at once make one chain.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { runAuditVerify } from "../../db/audit-verify";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { migrationsFolder, openDatabase, type DB } from "~/utils/db.server";
import { contextFor, postForm, answer } from "../../tests/requests";
import { action as loginAction } from "~/routes/_auth.login";
import { chainLegacyAuditRows, verifyAuditChain } from "~/utils/audit-chain.server";
import { audit } from "~/auth/audit.server";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A database of its own (the suite's shared one must stay intact for other tests). */
function freshDb(): DB {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-audit-"));
  dirs.push(dir);
  return openDatabase(path.join(dir, "audit.db"));
}

function verify(db: DB) {
  const out: string[] = [];
  const code = runAuditVerify(db, { log: (m) => out.push(m), error: (m) => out.push(m) });
  return { code, out: out.join("\n") };
}

/** What someone with the file can do: the app's triggers do not stop them. */
function tamper(db: DB, statement: string) {
  db.$client.exec("DROP TRIGGER IF EXISTS audit_log_no_update");
  db.$client.exec("DROP TRIGGER IF EXISTS audit_log_no_delete");
  db.$client.exec(statement);
}

function fill(db: DB, n: number) {
  for (let i = 1; i <= n; i++)
    audit(db, { action: "auth.sign_in", actorUserId: i, ip: `192.0.2.${i}`, detail: { i } });
}

describe("the audit chain", () => {
  it("holds for rows as the app writes them, and audit:verify says so with the head", () => {
    const db = freshDb();
    fill(db, 5);
    db.transaction((tx) => audit(tx, { action: "auth.sign_out", actorUserId: 9 }));
    const res = verify(db);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Audit chain intact: 6 row\(s\); head is row 6, hash [0-9a-f]{64}\.$/);
  });

  it("names an edited row", () => {
    const db = freshDb();
    fill(db, 5);
    tamper(db, `UPDATE audit_log SET actor_user_id = 77 WHERE id = 3`);
    const res = verify(db);
    expect(res.code).toBe(1);
    expect(res.out).toContain("Audit chain broken at row 3: its contents do not match its hash");
  });

  it("names the row after a deleted one, and notices the first rows going", () => {
    const db = freshDb();
    fill(db, 5);
    tamper(db, `DELETE FROM audit_log WHERE id = 3`);
    expect(verify(db).out).toContain(
      "Audit chain broken at row 4: it does not follow row 2: a row between them was deleted",
    );
    const other = freshDb();
    fill(other, 3);
    tamper(other, `DELETE FROM audit_log WHERE id = 1`);
    expect(verify(other).out).toContain("Audit chain broken at row 2: it is not the first row");
  });

  it("names a row slipped in around the chain, and a re-hashed edit still breaks the next link", () => {
    const db = freshDb();
    fill(db, 3);
    tamper(db, `INSERT INTO audit_log (id, at, action) VALUES (4, 1, 'auth.sign_in')`);
    expect(verify(db).out).toContain("Audit chain broken at row 4: it has no hash");
    // Chaining on open never blesses a row added after the chain.
    expect(chainLegacyAuditRows(db)).toBe(0);

    const other = freshDb();
    fill(other, 3);
    // Edit row 2 and recompute its own hash: row 3 no longer follows it.
    const row = other.$client.prepare("SELECT * FROM audit_log WHERE id = 2").get() as {
      prev_hash: string;
    };
    tamper(other, `UPDATE audit_log SET hash = '${"0".repeat(64)}' WHERE id = 2`);
    expect(row.prev_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verify(other).out).toMatch(/Audit chain broken at row 2/);
  });

  it("the app cannot change or delete a row", () => {
    const db = freshDb();
    fill(db, 2);
    expect(() =>
      db.update(s.auditLog).set({ action: "x" }).where(eq(s.auditLog.id, 1)).run(),
    ).toThrow(/append-only/);
    expect(() => db.delete(s.auditLog).where(eq(s.auditLog.id, 1)).run()).toThrow(/append-only/);
    expect(verify(db).code).toBe(0);
  });

  it("rows written before the chain are linked when the database is migrated", () => {
    const db = freshDb();
    db.$client.exec("DROP TRIGGER audit_log_no_update");
    for (let i = 1; i <= 4; i++)
      db.$client
        .prepare("INSERT INTO audit_log (id, at, action, detail) VALUES (?, ?, 'auth.sign_in', ?)")
        .run(i, 1000 + i, JSON.stringify({ i }));
    expect(verify(db).code).toBe(1);
    expect(chainLegacyAuditRows(db)).toBe(4);
    fill(db, 2);
    expect(verify(db).out).toMatch(/intact: 6 row/);
  });

  it("the migration takes addresses, emails and researchers' names out of existing rows, and chains them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-audit-migrate-"));
    dirs.push(dir);
    // The migrations as they were before the chain (everything before audit_chain).
    const before = path.join(dir, "migrations");
    fs.cpSync(migrationsFolder(), before, { recursive: true });
    const journalFile = path.join(before, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
    const chainAt = journal.entries.findIndex((e: { tag: string }) =>
      e.tag.endsWith("_audit_chain"),
    );
    expect(chainAt).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, chainAt);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const file = path.join(dir, "old.db");
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: before });
    const insert = old.prepare(
      "INSERT INTO audit_log (at, action, actor_user_id, subject_user_id, ip, detail) VALUES (?, ?, NULL, NULL, ?, ?)",
    );
    insert.run(
      1,
      "auth.sign_in_failed",
      "192.0.2.7",
      JSON.stringify({ email: "who@example.org", trusted: false }),
    );
    insert.run(
      2,
      "directory.researcher_edited",
      "192.0.2.8",
      JSON.stringify({ summary: "Edited researcher “Ines Floe” (id 4).", researcherId: 4 }),
    );
    insert.run(3, "retention.run", null, JSON.stringify({ applications: 2 }));
    old.close();

    const db = openDatabase(file);
    const rows = db.select().from(s.auditLog).orderBy(s.auditLog.id).all();
    expect(JSON.stringify(rows)).not.toMatch(/who@example\.org|Ines Floe|192\.0\.2/);
    expect(rows[0].detail).toEqual({ trusted: false });
    expect(rows[1].detail).toEqual({ summary: "Edited researcher 4.", researcherId: 4 });
    expect(db.select().from(s.auditContext).orderBy(s.auditContext.auditId).all()).toEqual([
      { auditId: 1, at: 1, ip: "192.0.2.7", email: "who@example.org" },
      { auditId: 2, at: 2, ip: "192.0.2.8", email: null },
    ]);
    expect(verify(db).out).toMatch(/intact: 3 row/);
    db.$client.close();
  });

  it("keeps the address and a typed email beside the row, never in it", async () => {
    // Through the real sign-in form, in the suite's database.
    const res = await answer(() =>
      loginAction({
        request: postForm("/login", { email: "nobody.here@example.test", password: "wrong one" }),
        context: contextFor("203.0.113.99"),
        params: {},
      }),
    );
    expect(res.status).toBe(400);
    const db = (await import("~/utils/db.server")).getDb();
    const row = db
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.action, "auth.sign_in_failed"))
      .all()
      .at(-1)!;
    expect(JSON.stringify(row)).not.toContain("nobody.here@example.test");
    expect(JSON.stringify(row)).not.toContain("203.0.113.99");
    expect(
      db.select().from(s.auditContext).where(eq(s.auditContext.auditId, row.id)).get(),
    ).toMatchObject({ ip: "203.0.113.99", email: "nobody.here@example.test" });
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("several processes writing at once make one valid chain", async () => {
    const db = freshDb();
    const file = db.$client.name;
    const run = promisify(execFile);
    const writers = 3;
    const rows = 100;
    // All start writing at one moment, once every process has loaded.
    const startAt = String(Date.now() + 4000);
    await Promise.all(
      Array.from({ length: writers }, () =>
        run(process.execPath, [
          "--import",
          "tsx",
          "tests/audit-writer.ts",
          file,
          String(rows),
          startAt,
        ]),
      ),
    );
    const check = verifyAuditChain(db);
    expect(check).toMatchObject({ ok: true, rows: writers * rows });
    // Every process's rows are there, and they interleave (the writes overlapped).
    const actors = db
      .select({ a: s.auditLog.actorUserId })
      .from(s.auditLog)
      .orderBy(s.auditLog.id)
      .all()
      .map((r) => r.a);
    expect(new Set(actors).size).toBe(writers);
    const switches = actors.filter((a, i) => i > 0 && a !== actors[i - 1]).length;
    expect(switches).toBeGreaterThan(writers * 5);
  }, 60_000);
});
