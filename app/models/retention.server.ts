/**
 * Retention (GDPR storage limitation): applications that ended —
 * rejected (which includes the closing notice when an opening closes) or
 * withdrawn — more than `months` ago are anonymised:
 *
 * - the résumé file is deleted (row and disk) unless the candidate's profile
 *   or another application still uses it;
 * - free text is cleared: cover letter, screening answers, staff notes,
 *   scorecard comments, messages and details on timeline events, and a
 *   source typed by the candidate (the fixed choices are kept for reports);
 * - reference letters go entirely: their files (rows and disk, counted with
 *   `files`) and the referees' names and addresses;
 * - offer PDFs go too (rows and disk, counted with `files`); the offers
 *   themselves stay for reports, without the reasons people wrote on them
 *   (a candidate's for declining, an approver's for sending one back);
 * - identity is removed: the application is moved to one shared placeholder
 *   account ("Former candidate", which cannot sign in), and events the
 *   candidate made lose their actor. The candidate's own account and
 *   profile are not touched: they stay until the person deletes them.
 * - everything reports count is kept: opening, stage, status, dates, event
 *   types and stage moves, scorecard ratings, the number of notes.
 *
 * Hired applications are not ended applications and are kept.
 * Each application is anonymised in its own synchronous transaction; files
 * leave the disk after their rows are gone. Every run (dry or not) writes one
 * audit row with the counts.
 */
import { and, count, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import {
  auditContext,
  applicationAnswers,
  applicationEvents,
  applications,
  candidateProfiles,
  files,
  notes,
  offers,
  referees,
  referenceLetters,
  scorecards,
  users,
} from "../../db/schema";
import { audit } from "~/auth/audit.server";
import { SOURCE_OPTIONS } from "~/lib/sources";
import type { DB, Writer } from "~/utils/db.server";
import { deleteStoredFile } from "~/utils/uploads.server";

/** The placeholder every anonymised application points to. `.invalid` can never receive mail. */
export const FORMER_CANDIDATE_EMAIL = "former-candidate@retention.invalid";
const FORMER_CANDIDATE_NAME = "Former candidate";
/** Not an argon2 hash: password verification always fails, so nobody can sign in as it. */
const NO_PASSWORD = "!retention-placeholder";
export const REMOVED_NOTE = "(removed: retention period ended)";

const ENDED_STATUSES = ["rejected", "withdrawn"] as const;
const ENDING_EVENTS = ["rejected", "withdrawn", "opening_closed"] as const;
const KEPT_SOURCES: ReadonlySet<string> = new Set(SOURCE_OPTIONS);

export type RetentionOptions = {
  now: number;
  months: number;
  dryRun: boolean;
  /** Called after each application (done so far, how many are due): the CLI's progress line. */
  onProgress?: (done: number, total: number) => void;
};

export type RetentionSummary = {
  dryRun: boolean;
  months: number;
  /** Applications that ended before this instant are anonymised. */
  cutoff: number;
  applications: number;
  files: number;
  answers: number;
  notes: number;
  scorecards: number;
  events: number;
  /** Audit context rows (addresses, emails typed) older than the cutoff, removed. */
  auditContext: number;
};

/** `now` minus whole calendar months (UTC); the 31st falls back to the month's last day. */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

function getPlaceholderId(db: Writer): number | null {
  return (
    db.select({ id: users.id }).from(users).where(eq(users.email, FORMER_CANDIDATE_EMAIL)).get()
      ?.id ?? null
  );
}

function ensurePlaceholder(tx: Writer, now: number): number {
  const existing = getPlaceholderId(tx);
  if (existing !== null) return existing;
  return tx
    .insert(users)
    .values({
      email: FORMER_CANDIDATE_EMAIL,
      name: FORMER_CANDIDATE_NAME,
      passwordHash: NO_PASSWORD,
      role: "candidate",
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id })
    .get().id;
}

type Due = { id: number; candidateId: number; resumeFileId: number | null };

/** Ended applications past the cutoff that still point at a real person. */
function findDueApplications(db: DB, cutoff: number): Due[] {
  const placeholder = getPlaceholderId(db);
  const endedAt = sql<number>`coalesce((select max(${applicationEvents.at}) from ${applicationEvents}
    where ${applicationEvents.applicationId} = ${applications.id}
    and ${applicationEvents.type} in ${ENDING_EVENTS}), ${applications.updatedAt})`;
  return db
    .select({
      id: applications.id,
      candidateId: applications.candidateId,
      resumeFileId: applications.resumeFileId,
    })
    .from(applications)
    .where(
      and(
        inArray(applications.status, [...ENDED_STATUSES]),
        placeholder === null ? undefined : ne(applications.candidateId, placeholder),
        sql`${endedAt} < ${cutoff}`,
      ),
    )
    .orderBy(applications.id)
    .all();
}

type Counts = Omit<RetentionSummary, "dryRun" | "months" | "cutoff" | "auditContext">;

/**
 * The stored files of these applications' reference letters. Their file rows have no
 * owner, so whoever removes the applications (retention, account deletion) removes them.
 */
export function letterFilesOf(db: Writer, applicationIds: number[]) {
  if (applicationIds.length === 0) return [];
  return db
    .select({ id: files.id, storageName: files.storageName })
    .from(referenceLetters)
    .innerJoin(files, eq(files.id, referenceLetters.fileId))
    .where(inArray(referenceLetters.applicationId, applicationIds))
    .all();
}

/** The stored PDFs of these applications' offers (ownerless too, see letterFilesOf). */
export function offerFilesOf(db: Writer, applicationIds: number[]) {
  if (applicationIds.length === 0) return [];
  return db
    .select({ id: files.id, storageName: files.storageName })
    .from(offers)
    .innerJoin(files, eq(files.id, offers.pdfFileId))
    .where(inArray(offers.applicationId, applicationIds))
    .all();
}

function countFor(db: Writer, app: Due): Counts & { fileToDelete: number | null } {
  const n = (q: { n: number } | undefined) => q?.n ?? 0;
  const answers = n(
    db
      .select({ n: sql<number>`count(*)` })
      .from(applicationAnswers)
      .where(eq(applicationAnswers.applicationId, app.id))
      .get(),
  );
  const noteCount = n(
    db
      .select({ n: sql<number>`count(*)` })
      .from(notes)
      .where(and(eq(notes.applicationId, app.id), ne(notes.body, REMOVED_NOTE)))
      .get(),
  );
  const cards = n(
    db
      .select({ n: sql<number>`count(*)` })
      .from(scorecards)
      .where(and(eq(scorecards.applicationId, app.id), ne(scorecards.comment, "")))
      .get(),
  );
  const events = n(
    db
      .select({ n: sql<number>`count(*)` })
      .from(applicationEvents)
      .where(
        and(
          eq(applicationEvents.applicationId, app.id),
          or(
            sql`${applicationEvents.publicMessage} is not null`,
            sql`${applicationEvents.internalDetail} is not null`,
            eq(applicationEvents.actorUserId, app.candidateId),
          ),
        ),
      )
      .get(),
  );
  let fileToDelete: number | null = null;
  if (app.resumeFileId !== null) {
    const sharedWithProfile = db
      .select({ id: candidateProfiles.userId })
      .from(candidateProfiles)
      .where(eq(candidateProfiles.resumeFileId, app.resumeFileId))
      .get();
    const sharedWithApp = db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.resumeFileId, app.resumeFileId), ne(applications.id, app.id)))
      .get();
    if (!sharedWithProfile && !sharedWithApp) fileToDelete = app.resumeFileId;
  }
  return {
    applications: 1,
    files:
      (fileToDelete === null ? 0 : 1) +
      letterFilesOf(db, [app.id]).length +
      offerFilesOf(db, [app.id]).length,
    answers,
    notes: noteCount,
    scorecards: cards,
    events,
    fileToDelete,
  };
}

/** Anonymises one application in one transaction; returns its counts and the file name to unlink. */
function anonymiseOne(db: DB, app: Due, now: number) {
  return db.transaction((tx) => {
    const counts = countFor(tx, app);
    const placeholder = ensurePlaceholder(tx, now);
    const current = tx
      .select({ source: applications.source })
      .from(applications)
      .where(eq(applications.id, app.id))
      .get();
    tx.update(applications)
      .set({
        candidateId: placeholder,
        coverLetter: "",
        source: current && KEPT_SOURCES.has(current.source) ? current.source : "",
        resumeFileId: null,
        updatedAt: now,
      })
      .where(eq(applications.id, app.id))
      .run();
    tx.delete(applicationAnswers).where(eq(applicationAnswers.applicationId, app.id)).run();
    tx.update(notes).set({ body: REMOVED_NOTE }).where(eq(notes.applicationId, app.id)).run();
    tx.update(scorecards).set({ comment: "" }).where(eq(scorecards.applicationId, app.id)).run();
    tx.update(applicationEvents)
      .set({ publicMessage: null, internalDetail: null })
      .where(eq(applicationEvents.applicationId, app.id))
      .run();
    tx.update(applicationEvents)
      .set({ actorUserId: null })
      .where(
        and(
          eq(applicationEvents.applicationId, app.id),
          eq(applicationEvents.actorUserId, app.candidateId),
        ),
      )
      .run();
    // The staff search index has no trigger on candidate_id: rewrite its row.
    tx.run(sql`update candidates_fts set name = ${FORMER_CANDIDATE_NAME},
      email = ${FORMER_CANDIDATE_EMAIL}, headline = '', answers = '', notes = ''
      where rowid = ${app.id}`);
    const storageNames: string[] = [];
    if (counts.fileToDelete !== null) {
      const resume = tx
        .delete(files)
        .where(eq(files.id, counts.fileToDelete))
        .returning({ storageName: files.storageName })
        .get();
      if (resume) storageNames.push(resume.storageName);
    }
    // Letters: the letter rows first (they point at the files), then referees and files.
    const letters = letterFilesOf(tx, [app.id]);
    tx.delete(referenceLetters).where(eq(referenceLetters.applicationId, app.id)).run();
    tx.delete(referees).where(eq(referees.applicationId, app.id)).run();
    if (letters.length)
      tx.delete(files)
        .where(
          inArray(
            files.id,
            letters.map((l) => l.id),
          ),
        )
        .run();
    storageNames.push(...letters.map((l) => l.storageName));
    // Offers keep their terms for reports; the words people wrote about them go.
    tx.update(offers)
      .set({ declineReason: null, returnReason: null })
      .where(eq(offers.applicationId, app.id))
      .run();
    // Offer PDFs: the offers stop pointing at them first (no ON DELETE action), then the rows.
    const offerPdfs = offerFilesOf(tx, [app.id]);
    if (offerPdfs.length) {
      tx.update(offers).set({ pdfFileId: null }).where(eq(offers.applicationId, app.id)).run();
      tx.delete(files)
        .where(
          inArray(
            files.id,
            offerPdfs.map((f) => f.id),
          ),
        )
        .run();
      storageNames.push(...offerPdfs.map((f) => f.storageName));
    }
    return { counts, storageNames };
  });
}

/**
 * Anonymises every ended application older than `months` (or, with
 * `dryRun`, only counts them) and audits the run. Returns what it did.
 */
export function applyRetention(
  db: DB,
  { now, months, dryRun, onProgress }: RetentionOptions,
): RetentionSummary {
  const cutoff = retentionCutoff(now, months);
  const summary: RetentionSummary = {
    dryRun,
    months,
    cutoff,
    applications: 0,
    files: 0,
    answers: 0,
    notes: 0,
    scorecards: 0,
    events: 0,
    auditContext: 0,
  };
  const due = findDueApplications(db, cutoff);
  for (const [i, app] of due.entries()) {
    onProgress?.(i, due.length);
    let counts: Counts;
    if (dryRun) {
      counts = countFor(db, app);
    } else {
      const done = anonymiseOne(db, app, now);
      counts = done.counts;
      // Files leave the disk only after their rows are gone for good.
      for (const name of done.storageNames) void deleteStoredFile(name);
    }
    summary.applications += counts.applications;
    summary.files += counts.files;
    summary.answers += counts.answers;
    summary.notes += counts.notes;
    summary.scorecards += counts.scorecards;
    summary.events += counts.events;
  }
  onProgress?.(due.length, due.length);
  // The personal part of old audit rows (addresses, emails typed) goes after the same
  // time; the chained rows themselves hold ids only and stay.
  const contextWhere = lt(auditContext.at, cutoff);
  summary.auditContext = dryRun
    ? (db.select({ n: count() }).from(auditContext).where(contextWhere).get()?.n ?? 0)
    : db.delete(auditContext).where(contextWhere).run().changes;
  audit(db, {
    action: "retention.run",
    at: now,
    detail: {
      dryRun,
      months,
      cutoff: new Date(cutoff).toISOString(),
      applications: summary.applications,
      files: summary.files,
      answers: summary.answers,
      notes: summary.notes,
      scorecards: summary.scorecards,
      events: summary.events,
      auditContext: summary.auditContext,
    },
  });
  return summary;
}
