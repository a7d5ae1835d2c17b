import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { isReplica } from "~/utils/replica.server";
import { startDailyJobs, workerDeathSweeper } from "./daily.server";

/** A folder standing for a LiteFS mount: the database file and, on a replica, `.primary`. */
function node() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-node-"));
  const uploads = path.join(dir, "uploads");
  fs.mkdirSync(uploads);
  const dbFile = path.join(dir, "atrium.db");
  return {
    uploads,
    isPrimary: () => !isReplica(dbFile),
    becomeReplica: () => fs.writeFileSync(path.join(dir, ".primary"), "primary.internal\n"),
    becomePrimary: () => fs.rmSync(path.join(dir, ".primary")),
  };
}

/** An upload's temporary file, last written `ageMs` ago. */
function partFile(dir: string, ageMs: number) {
  const file = path.join(dir, `.${Math.random().toString(16).slice(2).padEnd(32, "0")}.part`);
  fs.writeFileSync(file, "%PDF-1.4 half an upload");
  const at = new Date(Date.now() - ageMs);
  fs.utimesSync(file, at, at);
  return file;
}

const HOUR = 60 * 60 * 1000;
const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe("daily jobs", () => {
  it("run only on the LiteFS primary, and start when a replica is promoted", async () => {
    const n = node();
    n.becomeReplica();
    const leftover = partFile(n.uploads, 2 * HOUR);
    stops.push(
      startDailyJobs(getDb(), {
        uploadsDir: n.uploads,
        months: 24,
        isPrimary: n.isPrimary,
        everyMs: 100,
      }),
    );
    await new Promise((r) => setTimeout(r, 400));
    // A replica's database is read-only: it sweeps, anonymises and expires nothing.
    expect(fs.existsSync(leftover)).toBe(true);

    n.becomePrimary();
    await expect.poll(() => fs.existsSync(leftover), { timeout: 3000 }).toBe(false);
  });
});

describe("a worker's death", () => {
  it("sweeps what dead workers left, once it is old enough to be nobody's upload", async () => {
    const n = node();
    const minAgeMs = 500;
    const old = partFile(n.uploads, HOUR);
    // The dead worker's own upload, written a moment before it died; a living
    // worker's upload in flight looks the same, so it is left alone for now.
    const fresh = partFile(n.uploads, 0);
    const sweeper = workerDeathSweeper(getDb(), {
      uploadsDir: n.uploads,
      sweepMinAgeMs: minAgeMs,
      isPrimary: n.isPrimary,
    });
    stops.push(() => sweeper.stop());
    const now = await sweeper.workerDied();
    expect(now?.partFiles).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    // Once the dead worker's file has reached the age limit, the second pass removes it.
    await expect.poll(() => fs.existsSync(fresh), { timeout: 4000 }).toBe(false);
  });

  it("sweeps nothing on a replica", async () => {
    const n = node();
    n.becomeReplica();
    const old = partFile(n.uploads, HOUR);
    const sweeper = workerDeathSweeper(getDb(), { uploadsDir: n.uploads, isPrimary: n.isPrimary });
    stops.push(() => sweeper.stop());
    expect(await sweeper.workerDied()).toBeNull();
    expect(fs.existsSync(old)).toBe(true);
  });
});
