/**
 * Load for the backup test: a separate process that submits applications
 * through the app's own model (résumé stored through the uploads module
 * first, exactly like an upload, then `submitApplication`) at about RATE per second, and
 * prints `ack <id>` once each one is committed. Stops on SIGTERM.
 * Usage: tsx tests/submit-applications.ts <openingId> <rate>
 */
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { openDatabase } from "../app/utils/db.server";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { submitApplication } from "../app/models/application.server";
import { writeStoredFile } from "../app/utils/uploads.server";
import * as s from "../db/schema";

const [openingId, rate] = process.argv.slice(2).map(Number);
const env = getEnv();
const db = openDatabase(resolvePath(env.DATABASE_URL), { migrate: false });
const opening = db.select().from(s.openings).where(eq(s.openings.id, openingId)).get()!;
const firstStage = db
  .select()
  .from(s.stages)
  .where(eq(s.stages.openingId, openingId))
  .orderBy(s.stages.position)
  .get()!;

let n = 0;
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

async function submitOne() {
  const i = ++n;
  const candidate = db
    .insert(s.users)
    .values({
      email: `load${i}-${process.pid}@example.test`,
      name: `Load ${i}`,
      role: "candidate",
      passwordHash: "x",
    })
    .returning()
    .get();
  const bytes = Buffer.from(`%PDF-1.4\n% résumé ${i} ${randomBytes(8).toString("hex")}\n`);
  const storageName = await writeStoredFile(bytes, "pdf");
  const id = submitApplication(db, {
    candidate: { id: candidate.id, name: candidate.name, email: candidate.email },
    opening: { id: opening.id, title: opening.title },
    firstStage: { id: firstStage.id, publicStatus: firstStage.publicStatus },
    resume: {
      upload: {
        storageName,
        originalName: "cv.pdf",
        contentType: "application/pdf",
        size: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      },
      saveToProfile: false,
    },
    coverLetter: "",
    source: "load",
    answers: [],
    origin: "http://localhost",
  });
  process.stdout.write(`ack ${id}\n`);
}

const timer = setInterval(() => {
  if (stopping) {
    clearInterval(timer);
    db.$client.close();
    process.exit(0);
  }
  void submitOne();
}, 1000 / rate);
