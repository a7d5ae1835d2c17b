/**
 * A small server for the write-forwarding test: Atrium's replica middleware
 * in front of two routes over its own SQLite file. POST /notes writes a row
 * and, standing in for LiteFS, advances `<db>-pos`; GET /notes lists rows.
 * Every answer names the node that produced it (X-Served-By).
 * Usage: tsx tests/replica-server.ts <name> <port> <dbFile> <primaryPort> [waitMs]
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import express from "express";
import { replicaMiddleware } from "../app/utils/replica.server";

const [name, port, dbFile, primaryPort, waitMs] = process.argv.slice(2);
const db = new Database(dbFile);
db.exec("create table if not exists notes (id integer primary key, body text not null)");

const app = express();
app.use((_req, res, next) => {
  res.set("X-Served-By", name);
  next();
});
app.use(
  replicaMiddleware({
    dbFile,
    primaryPort: Number(primaryPort),
    waitMs: waitMs ? Number(waitMs) : undefined,
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
  res.status(201).type("text/plain").send(`created ${lastInsertRowid}`);
});
app.get("/notes", (_req, res) => {
  res.json(db.prepare("select body from notes order by id").pluck().all());
});
app.listen(Number(port), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => process.exit(0));
