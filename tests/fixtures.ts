/**
 * Test fixtures: signed-in people (`signedIn`, `staffUser`, `candidateUser`) and the recruiter
 * workspace (an opening with the default stages, applicants in a stage). For *.test.ts files only.
 */
import {
  createLab,
  createOpening,
  createSessionFor,
  createUser,
  stagesOf,
  verifiedSessionFor,
} from "./builders";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import {
  applicationAnswers,
  applicationEvents,
  applications,
  candidateProfiles,
  files,
  outbox,
  screeningQuestions,
  throttles,
} from "../db/schema";
import type { OpeningStatus, Role } from "../app/lib/enums";
import type { DB } from "~/utils/db.server";
import type { StageDef } from "~/lib/pipeline-options";
import { getEnv, resolvePath } from "~/utils/env.server";
import { putLocalFile } from "./uploads";

/** A fixed, fake hash: fixtures never sign in with a password, and hashing is slow. */
export const FAKE_HASH = "$argon2id$v=19$m=19456,t=2,p=1$ZmFrZXNhbHQ$ZmFrZWhhc2g";

/**
 * A user of `role` with a session (for staff: enrolled in two-factor authentication and verified): `{ user, token }`, the token to pass as `{ token }` to
 * getRequest/postForm. Other columns (name, email, passwordHash…) via `overrides`.
 */
export async function signedIn(
  db: DB,
  role: Role = "candidate",
  overrides: Parameters<typeof createUser>[1] = {},
) {
  const user = await createUser(db, { role, passwordHash: FAKE_HASH, ...overrides });
  // Staff pages need two-factor authentication: staff get an enrolled, verified session.
  const token =
    role === "candidate" ? createSessionFor(db, user.id) : verifiedSessionFor(db, user.id);
  return { user, token };
}

export async function staffUser(
  db: DB,
  role: "recruiter" | "admin" = "recruiter",
  name = "Rita Recruiter",
) {
  return createUser(db, { role, name, passwordHash: FAKE_HASH });
}

export async function candidateUser(db: DB, name = "Cara Candidate", headline = "") {
  const user = await createUser(db, { role: "candidate", name, passwordHash: FAKE_HASH });
  if (headline) db.insert(candidateProfiles).values({ userId: user.id, headline }).run();
  return user;
}

export function openingWithStages(
  db: DB,
  overrides: {
    title?: string;
    status?: OpeningStatus;
    scorecardCriteria?: string[];
    stages?: StageDef[];
  } = {},
) {
  const lab = createLab(db);
  const opening = createOpening(db, { labId: lab.id, ...overrides });
  return { lab, opening, stages: stagesOf(db, opening.id) };
}

/** An active application in `stageId` (default: the opening's first stage), with its "submitted" event. */
export function applyTo(
  db: DB,
  input: {
    openingId: number;
    candidateId: number;
    stageId: number;
    at?: number;
    source?: string;
    status?: "active" | "rejected" | "hired" | "withdrawn";
  },
) {
  const at = input.at ?? Date.now();
  const app = db
    .insert(applications)
    .values({
      openingId: input.openingId,
      candidateId: input.candidateId,
      stageId: input.stageId,
      status: input.status ?? "active",
      coverLetter: "I would love to join.",
      source: input.source ?? "careers site",
      consentAt: at,
      stageEnteredAt: at,
      publicChangedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
  db.insert(applicationEvents)
    .values({
      applicationId: app.id,
      at,
      actorUserId: input.candidateId,
      type: "submitted",
      toStageId: input.stageId,
      candidateVisible: true,
      publicStatus: "received",
    })
    .run();
  return app;
}

/**
 * Stores `bytes` as a résumé in the uploads folder and attaches it to the
 * application, as the apply form would: returns the file row.
 */
export function attachResume(
  db: DB,
  application: { id: number; candidateId: number },
  bytes: Buffer | string,
  storageName = `${"r".repeat(32)}.pdf`,
) {
  putLocalFile(storageName, bytes);
  const file = db
    .insert(files)
    .values({
      ownerUserId: application.candidateId,
      kind: "resume",
      storageName,
      originalName: "cv.pdf",
      contentType: "application/pdf",
      size: Buffer.byteLength(bytes),
      sha256: "x",
    })
    .returning()
    .get();
  db.update(applications)
    .set({ resumeFileId: file.id })
    .where(eq(applications.id, application.id))
    .run();
  return file;
}

/**
 * A clean slate for tests of applying: no applications (with their answers and
 * events), candidate profiles, stored files, mail or throttles, and an empty
 * uploads folder.
 */
export function clearApplications(db: DB) {
  db.delete(applicationEvents).run();
  db.delete(applicationAnswers).run();
  db.delete(applications).run();
  db.delete(candidateProfiles).run();
  db.delete(files).run();
  db.delete(outbox).run();
  db.delete(throttles).run();
  fs.rmSync(resolvePath(getEnv().UPLOADS_DIR), { recursive: true, force: true });
}

/** An open opening in `labId` whose one question is a required yes/no, and that question's id. */
export function openingWithYesNoQuestion(db: DB, labId: number, title: string) {
  const opening = createOpening(db, {
    labId,
    title,
    questions: [{ label: "Can you start in spring?", type: "yes_no", required: true }],
  });
  const questionId = db
    .select({ id: screeningQuestions.id })
    .from(screeningQuestions)
    .where(eq(screeningQuestions.openingId, opening.id))
    .get()!.id;
  return { opening, questionId };
}
