/**
 * A separate process appending audit rows to a database file, for the test
 * that several processes writing at once still make one valid chain
 * (app/utils/audit-chain.server.test.ts):
 * `node --import tsx tests/audit-writer.ts <file> <rows> <start at (epoch ms)>`; every
 * writer waits for the same moment, so their writes overlap.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { audit } from "../app/auth/audit.server";
import type { DB } from "../app/utils/db.server";
import * as schema from "../db/schema";

const [file, rows, startAt] = process.argv.slice(2);
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("busy_timeout = 10000");
// Durability is not what is tested here; commits without fsync keep the run short.
sqlite.pragma("synchronous = OFF");
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 5));
const db = drizzle(sqlite, { schema }) as DB;
for (let i = 0; i < Number(rows); i++) {
  // A pause between writes, as requests have: the other processes get the lock in turn.
  await new Promise((r) => setTimeout(r, 1));
  // Half on their own, half inside a transaction that changes something first, as models do.
  if (i % 2) audit(db, { action: "auth.sign_in", actorUserId: process.pid, detail: { i } });
  else
    db.transaction(
      (tx) => {
        const key = `writer:${process.pid}:${i}`;
        tx.insert(schema.throttles).values({ key, windowStart: i, lastAt: i }).run();
        audit(tx, {
          action: "auth.sign_out",
          actorUserId: process.pid,
          ip: "192.0.2.1",
          detail: { i },
        });
      },
      { behavior: "immediate" },
    );
}
sqlite.close();
