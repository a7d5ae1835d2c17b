/**
 * npm run bench:seed — what one application costs to write as a candidate's
 * count grows (it must stay flat). Seeds a throwaway database (220
 * openings), then one new candidate applies to 200 of them through the apply route's model function
 * (`submitApplication`: the application, its answers, its `submitted` event
 * and the confirmation email in one transaction, with every trigger) and the
 * run prints the median time of the applications around the 1st, 50th and
 * 200th. Printed numbers, never a timed test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { submitApplication } from "../app/models/application.server";
import { openDatabase } from "../app/utils/db.server";
import { seed } from "../db/seed";
import { progress } from "../db/progress";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-bench-seed-"));
try {
  const db = openDatabase(path.join(dir, "bench.db"));
  const summary = await seed(db, {
    researchers: 120,
    openings: 220,
    applications: 3000,
    uploadsDir: path.join(dir, "uploads"),
    quiet: true,
  });
  const c = db.$client;
  const user = c
    .prepare(
      "insert into users (email, name, password_hash, role) values ('often@bench.test', 'Often Applies', 'x', 'candidate') returning id",
    )
    .get() as { id: number };
  const file = c
    .prepare(
      "insert into files (owner_user_id, kind, storage_name, original_name, content_type, size, sha256) values (?, 'resume', 'bench.pdf', 'cv.pdf', 'application/pdf', 1, 'x') returning id",
    )
    .get(user.id) as { id: number };
  const openings = c
    .prepare(
      `select o.id, o.title, (select s.id from stages s where s.opening_id = o.id order by s.position limit 1) as stageId
       from openings o order by o.id limit 200`,
    )
    .all() as Array<{ id: number; title: string; stageId: number }>;
  const questions = c.prepare("select id, type from screening_questions where opening_id = ?");
  const ms: number[] = [];
  const shown = progress("Applying", openings.length);
  for (const o of openings) {
    const answers = (questions.all(o.id) as Array<{ id: number; type: string }>).map((q) => ({
      questionId: q.id,
      value: q.type === "yes_no" ? "yes" : "I have worked on robust graph learning for years.",
    }));
    const t0 = performance.now();
    submitApplication(db, {
      candidate: { id: user.id, name: "Often Applies", email: "often@bench.test" },
      opening: o,
      firstStage: { id: o.stageId, publicStatus: "received" },
      resume: { fileId: file.id },
      coverLetter: "Dear team, I would like to join.",
      source: "bench",
      answers,
      origin: "http://localhost",
    });
    ms.push(performance.now() - t0);
    shown.tick(ms.length);
  }
  shown.done();
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const at = (n: number) => median(ms.slice(Math.max(0, n - 5), Math.min(ms.length, n + 5)));
  console.log(
    `Database: ${summary.applications} seeded applications. One candidate's application #1: ${at(1).toFixed(2)} ms, #50: ${at(50).toFixed(2)} ms, #200: ${at(200).toFixed(2)} ms (median of the 10 around each; submitApplication with synchronous = FULL)`,
  );
  db.$client.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
