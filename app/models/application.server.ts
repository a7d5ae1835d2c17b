/**
 * Applications as the candidate sends them: submitting, and the candidate
 * profile with its resume. Listing, reading and withdrawing their own are in
 * candidate-applications.server.ts.
 *
 * Every candidate query selects only columns that are safe for the candidate
 * (public status, public message, their own answers): internal stage names,
 * notes, scorecards, reviewers and internalDetail are never loaded here, so
 * they cannot leak through a page, a `.data` request or an email.
 */
import { normaliseSource } from "~/lib/sources";
import { and, desc, eq, sql } from "drizzle-orm";
import {
  applicationAnswers,
  applicationEvents,
  applications,
  candidateProfiles,
  files,
} from "../../db/schema";
import type { PublicStatus } from "~/lib/enums";
import { applicationReceivedEmail } from "~/emails/application";
import type { DB, Writer } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { deleteStoredFile, type StoredUpload } from "~/utils/uploads.server";
import { preparedFor, preparedForWriter } from "~/utils/prepared.server";

export type CandidateRef = { id: number; name: string; email: string };

/** Inserts a `files` row for an accepted resume upload and returns its id. */
function insertResumeFile(tx: Writer, ownerUserId: number, upload: StoredUpload): number {
  const row = writes(tx).resumeFile.get({
    ownerUserId,
    storageName: upload.storageName,
    originalName: upload.originalName,
    contentType: upload.contentType,
    size: upload.size,
    sha256: upload.sha256,
  });
  return row!.id;
}

const p = sql.placeholder;
/** In an upsert's update: the value the conflicting insert carried. */
const excluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * The inserts of an application, prepared once per connection:
 * built by Drizzle and compiled by SQLite (with the candidate-search and
 * report triggers they fire) once instead of on every submission. They run
 * in whatever transaction is open on the connection.
 */
const writes = preparedForWriter((tx) => ({
  resumeFile: tx
    .insert(files)
    .values({
      ownerUserId: p("ownerUserId"),
      kind: "resume",
      storageName: p("storageName"),
      originalName: p("originalName"),
      contentType: p("contentType"),
      size: p("size"),
      sha256: p("sha256"),
    })
    .returning({ id: files.id })
    .prepare(),
  application: tx
    .insert(applications)
    .values({
      openingId: p("openingId"),
      candidateId: p("candidateId"),
      stageId: p("stageId"),
      status: "active",
      resumeFileId: p("resumeFileId"),
      coverLetter: p("coverLetter"),
      source: p("source"),
      consentAt: p("now"),
      stageEnteredAt: p("now"),
      publicChangedAt: p("now"),
      createdAt: p("now"),
      updatedAt: p("now"),
    })
    .returning({ id: applications.id })
    .prepare(),
  answer: tx
    .insert(applicationAnswers)
    .values({ applicationId: p("applicationId"), questionId: p("questionId"), value: p("value") })
    .prepare(),
  submitted: tx
    .insert(applicationEvents)
    .values({
      applicationId: p("applicationId"),
      at: p("now"),
      actorUserId: p("candidateId"),
      type: "submitted",
      toStageId: p("stageId"),
      candidateVisible: true,
      publicStatus: p("publicStatus"),
    })
    .prepare(),
  clearLinks: tx
    .update(candidateProfiles)
    .set({
      orcid: null,
      scholarUrl: null,
      githubUrl: null,
      homepageUrl: null,
      updatedAt: sql`${p("now")}`,
    })
    .where(eq(candidateProfiles.userId, p("userId")))
    .prepare(),
  upsertLinks: tx
    .insert(candidateProfiles)
    .values({
      userId: p("userId"),
      orcid: p("orcid"),
      scholarUrl: p("scholarUrl"),
      githubUrl: p("githubUrl"),
      homepageUrl: p("homepageUrl"),
      createdAt: p("now"),
      updatedAt: p("now"),
    })
    .onConflictDoUpdate({
      target: candidateProfiles.userId,
      set: {
        orcid: excluded("orcid"),
        scholarUrl: excluded("scholar_url"),
        githubUrl: excluded("github_url"),
        homepageUrl: excluded("homepage_url"),
        updatedAt: excluded("updated_at"),
      },
    })
    .prepare(),
  profileResume: tx
    .insert(candidateProfiles)
    .values({
      userId: p("userId"),
      resumeFileId: p("fileId"),
      createdAt: p("now"),
      updatedAt: p("now"),
    })
    .onConflictDoUpdate({
      target: candidateProfiles.userId,
      set: { resumeFileId: excluded("resume_file_id"), updatedAt: excluded("updated_at") },
    })
    .prepare(),
}));

/** Prepared once per connection: every apply request runs these lookups. */
const queries = preparedFor((db) => ({
  activeApplication: db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.openingId, sql.placeholder("openingId")),
        eq(applications.candidateId, sql.placeholder("candidateId")),
        eq(applications.status, "active"),
      ),
    )
    .prepare(),
  profile: db
    .select({
      headline: candidateProfiles.headline,
      location: candidateProfiles.location,
      homepageUrl: candidateProfiles.homepageUrl,
      orcid: candidateProfiles.orcid,
      scholarUrl: candidateProfiles.scholarUrl,
      githubUrl: candidateProfiles.githubUrl,
      linkedinUrl: candidateProfiles.linkedinUrl,
      resumeFileId: candidateProfiles.resumeFileId,
      resumeName: files.originalName,
      resumeSize: files.size,
      resumeUploadedAt: files.createdAt,
      resumeStorageName: files.storageName,
    })
    .from(candidateProfiles)
    .leftJoin(files, eq(files.id, candidateProfiles.resumeFileId))
    .where(eq(candidateProfiles.userId, sql.placeholder("userId")))
    .prepare(),
}));

/** The candidate's most recent application to an opening (any status), if any. */
export function getLatestApplication(db: DB, openingId: number, candidateId: number) {
  return (
    db
      .select({
        id: applications.id,
        createdAt: applications.createdAt,
        status: applications.status,
      })
      .from(applications)
      .where(and(eq(applications.openingId, openingId), eq(applications.candidateId, candidateId)))
      .orderBy(desc(applications.createdAt), desc(applications.id))
      .limit(1)
      .get() ?? null
  );
}

/** The candidate's active application to an opening, if any. */
export function findActiveApplicationId(
  db: DB,
  openingId: number,
  candidateId: number,
): number | null {
  return queries(db).activeApplication.get({ openingId, candidateId })?.id ?? null;
}

export type SubmitApplicationInput = {
  candidate: CandidateRef;
  opening: { id: number; title: string };
  firstStage: { id: number; publicStatus: PublicStatus };
  /** An existing file (the profile's resume) or a fresh upload. */
  resume: { fileId: number } | { upload: StoredUpload; saveToProfile: boolean };
  coverLetter: string;
  source: string;
  answers: Array<{ questionId: number; value: string }>;
  /** The research links typed on the form, saved back to the profile. */
  links?: ProfileLinks;
  origin: string;
  now?: number;
};

/**
 * Writes the application, its answers, its `submitted` event and the
 * confirmation email in one synchronous transaction: all of it or none.
 * Throws (and writes nothing) when the candidate already has an active
 * application to the opening (unique index) or any write fails.
 */
export function submitApplication(db: DB, input: SubmitApplicationInput): number {
  return db.transaction((tx) => writeApplication(tx, input));
}

/**
 * The writes of submitApplication inside the caller's transaction (the
 * one-step apply adds the new account and its session to the same one).
 * With `links`, the candidate's profile links are saved too.
 */
export function writeApplication(tx: Writer, input: SubmitApplicationInput): number {
  const now = input.now ?? Date.now();
  {
    if (input.links) saveProfileLinks(tx, input.candidate.id, input.links, now);
    let resumeFileId: number;
    if ("fileId" in input.resume) {
      resumeFileId = input.resume.fileId;
    } else {
      resumeFileId = insertResumeFile(tx, input.candidate.id, input.resume.upload);
      if (input.resume.saveToProfile) setProfileResume(tx, input.candidate.id, resumeFileId, now);
    }
    const w = writes(tx);
    const app = w.application.get({
      openingId: input.opening.id,
      candidateId: input.candidate.id,
      stageId: input.firstStage.id,
      resumeFileId,
      coverLetter: input.coverLetter,
      source: normaliseSource(input.source),
      now,
    })!;
    // One row at a time through one prepared statement: a multi-row insert's
    // SQL (and its compiled triggers) would differ with the number of answers.
    for (const a of input.answers)
      w.answer.run({ applicationId: app.id, questionId: a.questionId, value: a.value });
    w.submitted.run({
      applicationId: app.id,
      now,
      candidateId: input.candidate.id,
      stageId: input.firstStage.id,
      publicStatus: input.firstStage.publicStatus,
    });
    queueEmail(
      tx,
      applicationReceivedEmail({
        candidate: input.candidate,
        opening: input.opening,
        applicationUrl: `${input.origin}/applications/${app.id}`,
      }),
    );
    return app.id;
  }
}

/** True for SQLite's unique-constraint failure (a second active application). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error as { code: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE"
  );
}

// ───────────────────────────── candidate views ─────────────────────────────
// ───────────────────────────── candidate profile ─────────────────────────────

export type ProfileValues = {
  headline: string;
  location: string;
  homepageUrl: string | null;
  orcid: string | null;
  scholarUrl: string | null;
  githubUrl: string | null;
  linkedinUrl: string | null;
};

/** The candidate's profile (empty values when none was saved yet) and current resume. */
export function getCandidateProfile(db: DB, userId: number) {
  const row = queries(db).profile.get({ userId });
  const values: ProfileValues = {
    headline: row?.headline ?? "",
    location: row?.location ?? "",
    homepageUrl: row?.homepageUrl ?? null,
    orcid: row?.orcid ?? null,
    scholarUrl: row?.scholarUrl ?? null,
    githubUrl: row?.githubUrl ?? null,
    linkedinUrl: row?.linkedinUrl ?? null,
  };
  const resume =
    row?.resumeFileId && row.resumeName && row.resumeStorageName
      ? {
          fileId: row.resumeFileId,
          name: row.resumeName,
          size: row.resumeSize ?? 0,
          uploadedAt: row.resumeUploadedAt ?? 0,
          storageName: row.resumeStorageName,
        }
      : null;
  return { values, resume };
}

/** The research links a candidate keeps on their profile and the apply form offers. */
type ProfileLinks = Pick<ProfileValues, "orcid" | "scholarUrl" | "githubUrl" | "homepageUrl">;

/** Saves the profile's research links (creating the profile when there is none); other values stay. */
function saveProfileLinks(tx: Writer, userId: number, links: ProfileLinks, now: number) {
  const w = writes(tx);
  // No links and no profile yet: nothing to save (a profile is not created empty).
  if (Object.values(links).every((v) => v === null)) {
    w.clearLinks.run({ userId, now });
    return;
  }
  w.upsertLinks.run({
    userId,
    orcid: links.orcid,
    scholarUrl: links.scholarUrl,
    githubUrl: links.githubUrl,
    homepageUrl: links.homepageUrl,
    now,
  });
}

function setProfileResume(tx: Writer, userId: number, fileId: number, now: number) {
  writes(tx).profileResume.run({ userId, fileId, now });
}

/**
 * Saves the profile and, when given, a new resume that replaces the current
 * one. The replaced file is deleted only when no application refers to it
 * (applications keep the resume they were sent with).
 */
export function saveCandidateProfile(
  db: DB,
  userId: number,
  values: ProfileValues,
  upload: StoredUpload | null,
  now = Date.now(),
) {
  const orphan = db.transaction((tx) => {
    const previous = tx
      .select({ resumeFileId: candidateProfiles.resumeFileId })
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, userId))
      .get();
    tx.insert(candidateProfiles)
      .values({ userId, ...values, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: candidateProfiles.userId, set: { ...values, updatedAt: now } })
      .run();
    if (!upload) return null;
    const fileId = insertResumeFile(tx, userId, upload);
    setProfileResume(tx, userId, fileId, now);
    const oldId = previous?.resumeFileId;
    if (!oldId) return null;
    const used = tx
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.resumeFileId, oldId))
      .limit(1)
      .get();
    if (used) return null;
    return (
      tx
        .delete(files)
        .where(eq(files.id, oldId))
        .returning({ storageName: files.storageName })
        .get() ?? null
    );
  });
  // The file leaves the disk only after its row is gone for good.
  if (orphan) deleteStoredFile(orphan.storageName);
}
