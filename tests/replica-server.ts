/**
 * A small server for the write-forwarding test: Atrium's replica middleware
 * in front of two routes over its own SQLite file. POST /notes writes a row
 * and, standing in for LiteFS, advances `<db>-pos`; GET /notes lists rows.
 * Every answer names the node that produced it (X-Served-By) and, for a
 * write, the client address it believed (X-Client-Ip). Both nodes read the
 * forwarding key from one migrated database, as LiteFS nodes share theirs.
 * Usage: tsx tests/replica-server.ts <name> <port|0> <dbFile> <primaryPort> <waitMs> <keysDb>
 * Prints "ready <port>" once listening.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import express from "express";
import { openDatabase } from "../app/utils/db.server";
import {
  ensureForwardingKey,
  forwardedClientIp,
  readForwardingKey,
  replicaMiddleware,
} from "../app/utils/replica.server";

const [name, port, dbFile, primaryPort, waitMs, keysDb] = process.argv.slice(2);
const db = new Database(dbFile);
db.exec("create table if not exists notes (id integer primary key, body text not null)");
const keys = openDatabase(keysDb).$client;
if (name === "primary") ensureForwardingKey(keys);
const forwardingKey = () => readForwardingKey(keys);

const app = express();
// The replica stands behind a proxy on loopback, so its client is whoever that proxy names.
if (name === "replica") app.set("trust proxy", "loopback");
app.use((_req, res, next) => {
  res.set("X-Served-By", name);
  next();
});
app.use(forwardedClientIp(forwardingKey));
app.use(
  replicaMiddleware({
    dbFile,
    primaryPort: Number(primaryPort),
    waitMs: waitMs ? Number(waitMs) : undefined,
    forwardingKey,
  }),
);
app.post("/notes", express.urlencoded({ extended: false }), (req, res) => {
  const { lastInsertRowid } = db
    .prepare("insert into notes (body) values (?)")
    .run(String(req.body.body));
  fs.writeFileSync(
    `${dbFile}-pos`,
    `${Number(lastInsertRowid).toString(16).padStart(16, "0")}/0000000000000000`,
  );
  res
    .status(201)
    .set("X-Client-Ip", res.locals.forwardedClientIp ?? req.ip)
    .type("text/plain")
    .send(`created ${lastInsertRowid}`);
});
app.get("/notes", (_req, res) => {
  res.json(db.prepare("select body from notes order by id").pluck().all());
});
const server = app.listen(Number(port), "127.0.0.1", () =>
  console.log(`ready ${(server.address() as AddressInfo).port}`),
);
process.on("SIGTERM", () => process.exit(0));
