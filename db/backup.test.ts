import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, migrationsFolder } from "~/utils/db.server";
import { createLab, createOpening } from "../tests/builders";
import { readManifest, restoreBackup, takeBackup } from "./backup-core";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-backup-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const dbFile = process.env.DATABASE_URL!;
const uploadsDir = process.env.UPLOADS_DIR!;
const tsx = path.resolve("node_modules/.bin/tsx");

/** Starts the load process; resolves acknowledged ids as they arrive. */
function startLoad(openingId: number, rate: number) {
  const acked: number[] = [];
  const child: ChildProcess = spawn(
    tsx,
    ["tests/submit-applications.ts", String(openingId), String(rate)],
    { env: process.env, stdio: ["ignore", "pipe", "inherit"] },
  );
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    const m = /^ack (\d+)$/.exec(line);
    if (m) acked.push(Number(m[1]));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { acked, child, exited };
}

async function until(check: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("online backup and restore", () => {
  it("a backup taken under 20 applications/s holds every acknowledged one and restores verified", async () => {
    const db = getDb();
    const lab = createLab(db);
    const opening = createOpening(db, { labId: lab.id });

    const load = startLoad(opening.id, 20);
    // Starting the writer (tsx compiles the app's modules) takes seconds on a busy machine.
    await until(() => load.acked.length >= 1, 60_000);
    await until(() => load.acked.length >= 30);
    const ackedBeforeBackup = [...load.acked];
    const to = path.join(work, "snap");
    const manifest = await takeBackup({
      databaseFile: dbFile,
      uploadsDir,
      to,
      migrationsDir: migrationsFolder(),
    });
    // Keep writing after the backup, then stop the writer.
    const after = load.acked.length;
    await until(() => load.acked.length >= after + 10);
    load.child.kill("SIGTERM");
    expect(await load.exited).toBe(0);

    const snap = new Database(path.join(to, "atrium.db"), { readonly: true });
    const ids = new Set(snap.prepare("select id from applications").pluck().all() as number[]);
    snap.close();
    for (const id of ackedBeforeBackup) expect(ids.has(id), `application ${id}`).toBe(true);
    // The live database moved on; the snapshot did not follow it.
    const live = db.$client.prepare("select count(*) from applications").pluck().get() as number;
    expect(live).toBeGreaterThan(ids.size);
    expect(manifest.tables.applications).toBe(ids.size);
    expect(manifest.files.length).toBe(ids.size);
    expect(manifest.missingFiles).toEqual([]);
    expect(manifest.schema.migrations).toBeGreaterThan(0);
    expect(readManifest(to).database.sha256).toMatch(/^[a-f0-9]{64}$/);

    const restoredDb = path.join(work, "restored", "atrium.db");
    const restoredUploads = path.join(work, "restored", "uploads");
    const report = await restoreBackup({
      from: to,
      databaseFile: restoredDb,
      uploadsDir: restoredUploads,
    });
    expect(report.problems).toEqual([]);
    expect(report.integrity).toBe("ok");
    expect(report.tables.applications).toBe(ids.size);
    expect(fs.readdirSync(restoredUploads).sort()).toEqual(
      manifest.files.map((f) => f.storageName).sort(),
    );
    // Room for the minute the writer may take to start, and the writes after it.
  }, 120_000);

  it("restore refuses a location that is not empty and reports a damaged file", async () => {
    const to = path.join(work, "snap2");
    await takeBackup({ databaseFile: dbFile, uploadsDir, to, migrationsDir: migrationsFolder() });
    await expect(
      restoreBackup({ from: to, databaseFile: dbFile, uploadsDir: path.join(work, "x") }),
    ).rejects.toThrow(/restore only into an empty location/);

    const manifest = readManifest(to);
    fs.appendFileSync(path.join(to, "uploads", manifest.files[0].storageName), "tampered");
    const report = await restoreBackup({
      from: to,
      databaseFile: path.join(work, "r2", "atrium.db"),
      uploadsDir: path.join(work, "r2", "uploads"),
    });
    expect(report.integrity).toBe("ok");
    expect(report.problems.join("\n")).toMatch(/checksum differs/);
  });

  it("npm run backup and restore work as commands and exit 0 on a sound backup", () => {
    getDb();
    const to = path.join(work, "cli");
    const backup = spawnSync(tsx, ["db/backup.ts", "--to", to], { encoding: "utf8" });
    expect(backup.stdout, backup.stderr).toMatch(/Backup written to/);
    expect(backup.status).toBe(0);
    const restore = spawnSync(tsx, ["db/restore.ts", "--from", to], {
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: path.join(work, "cli-restored", "a.db"),
        UPLOADS_DIR: path.join(work, "cli-restored", "up"),
      },
    });
    expect(restore.stdout).toMatch(/integrity_check: ok/);
    expect(restore.status).toBe(0);
    const again = spawnSync(tsx, ["db/restore.ts", "--from", to], { encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/empty location/);
  }, 90_000);
});
