import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { runRetentionCli } from "../../db/retention";
import {
  candidateUser,
  FAKE_HASH,
  openingWithStages,
  applyTo,
  staffUser,
} from "../../tests/fixtures";
import { getDb } from "~/utils/db.server";
import { storedFilePath, putLocalFile } from "../../tests/uploads";
import {
  applyRetention,
  FORMER_CANDIDATE_EMAIL,
  REMOVED_NOTE,
  retentionCutoff,
} from "./retention.server";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12); // fixed clock: 1 Dec 2026
const LONG_AGO = Date.UTC(2024, 10, 1); // 25 months before NOW
const RECENT = Date.UTC(2025, 11, 15); // 11 months before NOW

let fileCounter = 0;
function resumeFile(ownerUserId: number) {
  const storageName = `${(++fileCounter).toString(16).padStart(32, "a")}.pdf`;
  putLocalFile(storageName, "%PDF-1.4 test");
  return getDb()
    .insert(s.files)
    .values({
      ownerUserId,
      kind: "resume",
      storageName,
      originalName: "Jane Doe CV.pdf",
      contentType: "application/pdf",
      size: 13,
      sha256: "x",
    })
    .returning()
    .get();
}

/** An application that ended (`status`) at `endedAt`, with free text everywhere. */
async function endedApplication(
  status: "rejected" | "withdrawn" | "hired" | "active",
  endedAt: number,
  candidateId: number,
  openingId: number,
  stageId: number,
  reviewerId: number,
) {
  const db = getDb();
  const file = resumeFile(candidateId);
  const app = applyTo(db, { openingId, candidateId, stageId, at: endedAt - 30 * DAY, status });
  db.update(s.applications)
    .set({ resumeFileId: file.id, coverLetter: "Dear team, I am Jane Doe.", source: "My aunt Ada" })
    .where(eq(s.applications.id, app.id))
    .run();
  db.insert(s.notes)
    .values({ applicationId: app.id, authorUserId: reviewerId, body: "Jane seemed nervous" })
    .run();
  db.insert(s.scorecards)
    .values({
      applicationId: app.id,
      reviewerUserId: reviewerId,
      ratings: { Research: 3 },
      recommendation: "no",
      comment: "Jane lacks depth",
    })
    .run();
  if (status !== "active")
    db.insert(s.applicationEvents)
      .values({
        applicationId: app.id,
        at: endedAt,
        actorUserId: status === "withdrawn" ? candidateId : reviewerId,
        type: status,
        candidateVisible: true,
        publicStatus: status === "withdrawn" ? null : "not_selected",
        publicMessage: "Dear Jane, thank you.",
        internalDetail: "reason: experience",
      })
      .run();
  return { app, file };
}

describe("retention", () => {
  it("computes the cutoff in calendar months", () => {
    expect(new Date(retentionCutoff(NOW, 24)).toISOString()).toBe("2024-12-01T12:00:00.000Z");
    expect(new Date(retentionCutoff(Date.UTC(2026, 2, 31), 1)).toISOString()).toBe(
      "2026-02-28T00:00:00.000Z",
    );
  });

  it("anonymises ended applications past the period, keeps counts, and audits every run", async () => {
    const db = getDb();
    const reviewer = await staffUser(db);
    const jane = await candidateUser(db, "Jane Doe", "Physicist");
    const { opening, stages } = openingWithStages(db, { scorecardCriteria: ["Research"] });
    const opening2 = openingWithStages(db).opening;
    const stage2 = db.select().from(s.stages).where(eq(s.stages.openingId, opening2.id)).get()!;
    const opening3 = openingWithStages(db).opening;
    const stage3 = db.select().from(s.stages).where(eq(s.stages.openingId, opening3.id)).get()!;

    const oldRejected = await endedApplication(
      "rejected",
      LONG_AGO,
      jane.id,
      opening.id,
      stages[0].id,
      reviewer.id,
    );
    const oldWithdrawn = await endedApplication(
      "withdrawn",
      LONG_AGO,
      jane.id,
      opening2.id,
      stage2.id,
      reviewer.id,
    );
    const recentRejected = await endedApplication(
      "rejected",
      RECENT,
      jane.id,
      opening3.id,
      stage3.id,
      reviewer.id,
    );
    const opening4 = openingWithStages(db).opening;
    const stage4 = db.select().from(s.stages).where(eq(s.stages.openingId, opening4.id)).get()!;
    const oldHired = await endedApplication(
      "hired",
      LONG_AGO,
      jane.id,
      opening4.id,
      stage4.id,
      reviewer.id,
    );
    // The profile résumé is shared with an old application: the file must stay.
    const other = await candidateUser(db, "Omar Other");
    const opening5 = openingWithStages(db).opening;
    const stage5 = db.select().from(s.stages).where(eq(s.stages.openingId, opening5.id)).get()!;
    const shared = await endedApplication(
      "rejected",
      LONG_AGO,
      other.id,
      opening5.id,
      stage5.id,
      reviewer.id,
    );
    db.update(s.applications)
      .set({ source: "Social media" })
      .where(eq(s.applications.id, shared.app.id))
      .run();
    db.insert(s.candidateProfiles).values({ userId: other.id, resumeFileId: shared.file.id }).run();

    const statusCounts = () =>
      db
        .select({
          status: s.applications.status,
          stageId: s.applications.stageId,
          n: sql<number>`count(*)`,
        })
        .from(s.applications)
        .groupBy(s.applications.status, s.applications.stageId)
        .all();
    const countsBefore = statusCounts();
    const eventsBefore = db
      .select({ n: sql<number>`count(*)` })
      .from(s.applicationEvents)
      .get()!.n;
    const snapshot = () => JSON.stringify(db.select().from(s.applications).all());

    // Dry run: counts, changes nothing, is audited.
    const before = snapshot();
    const dry = applyRetention(db, { now: NOW, months: 24, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, applications: 3, files: 2, notes: 3, scorecards: 3 });
    expect(snapshot()).toBe(before);
    expect(fs.existsSync(storedFilePath(oldRejected.file.storageName))).toBe(true);

    const done = applyRetention(db, { now: NOW, months: 24, dryRun: false });
    expect(done).toMatchObject({
      dryRun: false,
      applications: 3,
      files: 2,
      notes: 3,
      scorecards: 3,
    });

    const placeholder = db
      .select()
      .from(s.users)
      .where(eq(s.users.email, FORMER_CANDIDATE_EMAIL))
      .get()!;
    for (const { app, file } of [oldRejected, oldWithdrawn]) {
      const row = db.select().from(s.applications).where(eq(s.applications.id, app.id)).get()!;
      expect(row).toMatchObject({
        candidateId: placeholder.id,
        coverLetter: "",
        source: "",
        resumeFileId: null,
      });
      expect(row.status).toBe(app.status);
      expect(db.select().from(s.files).where(eq(s.files.id, file.id)).get()).toBeUndefined();
      expect(fs.existsSync(storedFilePath(file.storageName))).toBe(false);
      const noteBodies = db.select().from(s.notes).where(eq(s.notes.applicationId, app.id)).all();
      expect(noteBodies.map((n) => n.body)).toEqual([REMOVED_NOTE]);
      const card = db
        .select()
        .from(s.scorecards)
        .where(eq(s.scorecards.applicationId, app.id))
        .get()!;
      expect(card).toMatchObject({ comment: "", ratings: { Research: 3 }, recommendation: "no" });
      const events = db
        .select()
        .from(s.applicationEvents)
        .where(eq(s.applicationEvents.applicationId, app.id))
        .all();
      for (const e of events) {
        expect(e.publicMessage).toBeNull();
        expect(e.internalDetail).toBeNull();
        expect(e.actorUserId).not.toBe(jane.id);
      }
      const fts = db.get<{ name: string; email: string; notes: string }>(
        sql`select name, email, notes from candidates_fts where rowid = ${app.id}`,
      );
      expect(fts).toMatchObject({
        name: "Former candidate",
        email: FORMER_CANDIDATE_EMAIL,
        notes: "",
      });
    }
    // Not yet due, or not ended: untouched.
    for (const { app, file } of [recentRejected, oldHired]) {
      const row = db.select().from(s.applications).where(eq(s.applications.id, app.id)).get()!;
      expect(row).toMatchObject({
        candidateId: jane.id,
        coverLetter: "Dear team, I am Jane Doe.",
        resumeFileId: file.id,
      });
      expect(fs.existsSync(storedFilePath(file.storageName))).toBe(true);
    }
    // A file the profile still uses stays; a fixed-choice source stays for reports.
    const sharedRow = db
      .select()
      .from(s.applications)
      .where(eq(s.applications.id, shared.app.id))
      .get()!;
    expect(sharedRow).toMatchObject({ resumeFileId: null, source: "Social media" });
    expect(fs.existsSync(storedFilePath(shared.file.storageName))).toBe(true);
    // Jane's own account is hers to keep or delete.
    expect(db.select().from(s.users).where(eq(s.users.id, jane.id)).get()?.name).toBe("Jane Doe");

    // Counts for reports are unchanged.
    expect(statusCounts()).toEqual(countsBefore);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(s.applicationEvents)
        .get()!.n,
    ).toBe(eventsBefore);

    // The placeholder cannot sign in.
    expect(placeholder.passwordHash).not.toMatch(/^\$argon2/);
    expect(placeholder.passwordHash).not.toBe(FAKE_HASH);

    // Idempotent: a second run finds nothing.
    expect(applyRetention(db, { now: NOW, months: 24, dryRun: false }).applications).toBe(0);

    const runs = db.select().from(s.auditLog).where(eq(s.auditLog.action, "retention.run")).all();
    expect(runs.map((r) => [r.detail?.dryRun, r.detail?.applications])).toEqual([
      [true, 3],
      [false, 3],
      [false, 0],
    ]);
  });

  it("npm run retention -- --dry-run prints what it would do and changes nothing", async () => {
    const db = getDb();
    const log: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void log.push(args.join(" "));
    try {
      expect(runRetentionCli(["--dry-run", "--months", "1"], NOW)).toBe(0);
    } finally {
      console.log = original;
    }
    expect(log.join("\n")).toMatch(/Would anonymise 1 applications that ended before 2026-11-01/);
    expect(log.join("\n")).toContain("Dry run: nothing was changed");
    const last = db
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.action, "retention.run"))
      .all()
      .at(-1);
    expect(last?.detail).toMatchObject({ dryRun: true, months: 1, applications: 1 });
  });

  it("reports its progress after each due application and once at the end (the CLI's progress line)", async () => {
    const db = getDb();
    const reviewer = await staffUser(db);
    const ann = await candidateUser(db, "Ann Progress", "Chemist");
    for (let i = 0; i < 2; i++) {
      const { opening, stages } = openingWithStages(db);
      await endedApplication("rejected", LONG_AGO, ann.id, opening.id, stages[0].id, reviewer.id);
    }
    const calls: Array<[number, number]> = [];
    const s1 = applyRetention(db, {
      now: NOW,
      months: 12,
      dryRun: true,
      onProgress: (done, total) => void calls.push([done, total]),
    });
    const total = s1.applications;
    expect(total).toBeGreaterThanOrEqual(2);
    expect(calls).toEqual([...Array.from({ length: total + 1 }, (_, i) => [i, total])]);
  });

  it("removes an ended application's reference letters: files on disk, file rows, letters and referees", async () => {
    const db = getDb();
    const reviewer = await staffUser(db);
    const ann = await candidateUser(db, "Ann Lettered", "Chemist");
    const { opening, stages } = openingWithStages(db);
    const other = openingWithStages(db);
    const { app: ended } = await endedApplication(
      "rejected",
      LONG_AGO,
      ann.id,
      opening.id,
      stages[0].id,
      reviewer.id,
    );
    const { app: active } = await endedApplication(
      "active",
      LONG_AGO,
      ann.id,
      other.opening.id,
      other.stages[0].id,
      reviewer.id,
    );
    const letterOf = (applicationId: number, name: string, received: boolean) => {
      const referee = db
        .insert(s.referees)
        .values({
          applicationId,
          name,
          email: `${name.split(" ")[1].toLowerCase()}@referee.example`,
          relationship: "Supervisor",
          status: received ? "received" : "requested",
          requestedAt: LONG_AGO,
        })
        .returning()
        .get();
      if (!received) return null;
      const storageName = `${(++fileCounter).toString(16).padStart(32, "b")}.pdf`;
      putLocalFile(storageName, "%PDF-1.4 letter");
      const file = db
        .insert(s.files)
        .values({
          ownerUserId: null,
          kind: "letter",
          storageName,
          originalName: "letter.pdf",
          contentType: "application/pdf",
          size: 15,
          sha256: "y",
        })
        .returning()
        .get();
      db.insert(s.referenceLetters)
        .values({ refereeId: referee.id, applicationId, fileId: file.id })
        .run();
      return storedFilePath(storageName);
    };
    const endedLetter = letterOf(ended.id, "Prof Gone", true)!;
    letterOf(ended.id, "Dr Waiting", false);
    const keptLetter = letterOf(active.id, "Prof Kept", true)!;

    const dry = applyRetention(db, { now: NOW, months: 24, dryRun: true });
    expect(dry.files).toBeGreaterThanOrEqual(2); // the résumé and the letter
    expect(fs.existsSync(endedLetter)).toBe(true);

    applyRetention(db, { now: NOW, months: 24, dryRun: false });
    const count = (table: typeof s.referees | typeof s.referenceLetters, appId: number) =>
      db
        .select({ n: sql<number>`count(*)` })
        .from(table)
        .where(eq(table.applicationId, appId))
        .get()!.n;
    expect(count(s.referees, ended.id)).toBe(0);
    expect(count(s.referenceLetters, ended.id)).toBe(0);
    expect(fs.existsSync(endedLetter)).toBe(false);
    expect(
      db.select().from(s.files).where(eq(s.files.originalName, "letter.pdf")).all(),
    ).toHaveLength(1);
    // An application that did not end keeps its letters.
    expect(count(s.referees, active.id)).toBe(1);
    expect(count(s.referenceLetters, active.id)).toBe(1);
    expect(fs.existsSync(keptLetter)).toBe(true);
  });
});

describe("retention and offers", () => {
  it("keeps an ended application's offer terms but clears the reasons people wrote on them", async () => {
    const db = getDb();
    const reviewer = await staffUser(db);
    const cand = await candidateUser(db, "Olga Offered", "Physicist");
    const { opening, stages } = openingWithStages(db);
    const { app } = await endedApplication(
      "rejected",
      LONG_AGO,
      cand.id,
      opening.id,
      stages[0].id,
      reviewer.id,
    );
    const offer = (status: "declined" | "returned") =>
      db
        .insert(s.offers)
        .values({
          applicationId: app.id,
          title: "Research Fellow",
          startDate: "2025-01-01",
          payKind: "salary",
          amount: 70000,
          currency: "EUR",
          payPeriod: "year",
          letter: "Welcome.",
          status,
          expiresAt: LONG_AGO,
          declineReason: status === "declined" ? "Olga moved to Oslo" : null,
          returnReason: status === "returned" ? "Olga asked for more; check the band" : null,
          returnedAt: status === "returned" ? LONG_AGO : null,
        })
        .returning()
        .get();
    const [declined, returned] = [offer("declined"), offer("returned")];
    applyRetention(db, { now: NOW, months: 24, dryRun: false });
    for (const o of [declined, returned]) {
      const row = db.select().from(s.offers).where(eq(s.offers.id, o.id)).get()!;
      expect(row).toMatchObject({
        amount: 70000,
        status: o.status,
        declineReason: null,
        returnReason: null,
      });
    }
  });
});
