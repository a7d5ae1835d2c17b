/**
 * The two ways an application arrives at /careers/:slug/apply:
 *
 * - applyAsCandidate: a signed-in candidate (the resume may be their saved one).
 * - applyAsVisitor (submit-visitor.server.ts): a visitor who creates their account in the same submission
 *   ("new"), or who gives the password of the account their email already has
 *   ("existing"). The account, its session, the application, its answers, the
 *   file link, the profile links and the confirmation email are written in ONE
 *   synchronous closure: all of them or none.
 *
 * That closure runs in its own savepoint of a group commit (enqueueWrite,
 * app/utils/write-batch.server.ts); the redirect that acknowledges it is sent
 * only after the shared COMMIT returned.
 *
 * Both answer a Conform reply (400/429) or throw a redirect. Password policy,
 * throttles, session and device cookies are app/auth's (checkCredentials,
 * createCandidateAccount, startSession). The sign-up rate limit per IP counts
 * every visitor submission that could create an account, so this form reveals
 * no more about which emails have accounts, and no faster, than /signup does.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { boundedReply } from "~/utils/forms.server";
import {
  findActiveApplicationId,
  getCandidateProfile,
  isUniqueViolation,
  writeApplication,
  type CandidateRef,
  type SubmitApplicationInput,
} from "~/models/application.server";
import type { DB } from "~/utils/db.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { enqueueWrite } from "~/utils/write-batch.server";
import { deleteStoredFile } from "~/utils/uploads.server";
import {
  checkExtras,
  RefereesRefused,
  refusedInit,
  refusedMessage,
  writeExtras,
} from "./extras.server";
import { chooseResume, type Context } from "./resume-choice.server";
import { applyFormSchema, FILE_NOT_KEPT } from "./schema";

/** A refused submission: nothing is kept, the file included, and the form says so. */
export function refuse(
  ctx: Context,
  reply: SubmissionResult<string[]>,
  init: ResponseInit = { status: 400 },
) {
  deleteStoredFile(ctx.upload?.storageName);
  return data(boundedReply(reply), init);
}

/** What writeApplication needs besides the candidate, from the request and the parsed form. */
export function applicationOf(
  ctx: Context,
  resume: SubmitApplicationInput["resume"],
  value: Pick<SubmitApplicationInput, "coverLetter" | "source" | "answers" | "links">,
) {
  const { coverLetter, source, answers, links } = value;
  return {
    opening: ctx.opening,
    firstStage: ctx.firstStage,
    resume,
    coverLetter,
    source,
    answers,
    links,
    origin: ctx.origin,
  };
}

/** A signed-in candidate's submission. */
export async function applyAsCandidate(db: DB, candidate: CandidateRef, ctx: Context) {
  const submission = parseWithZod(ctx.formData, {
    schema: applyFormSchema(ctx.questions, null, undefined, ctx.opening.lettersRequired),
  });
  const saved = getCandidateProfile(db, candidate.id).resume;
  const ok = submission.status === "success";
  const { resume, error, status } = chooseResume(ctx, saved, ok && submission.value.saveToProfile);
  if (submission.status !== "success" || !resume) {
    return refuse(
      ctx,
      submission.reply({
        formErrors: ctx.upload ? [FILE_NOT_KEPT] : undefined,
        fieldErrors: error ? { resume: [error] } : undefined,
      }),
      { status },
    );
  }
  const value = submission.value;
  const checked = await checkExtras(value, ctx.textFile, candidate.email);
  if (!checked.ok) {
    const formErrors = ctx.upload ? [FILE_NOT_KEPT] : undefined;
    return refuse(ctx, submission.reply({ formErrors, fieldErrors: checked.fieldErrors }));
  }
  let applicationId: number;
  try {
    applicationId = await enqueueWrite(db, (tx) => {
      const id = writeApplication(tx, { ...applicationOf(ctx, resume, value), candidate });
      writeExtras(tx, { candidate, applicationId: id, extras: checked.extras, origin: ctx.origin });
      return id;
    });
  } catch (e) {
    // Nothing of this application was written (its savepoint was rolled back,
    // or the whole batch failed to commit); the stored file must not outlive it.
    // enqueueWrite settles after the batch's COMMIT, so a duplicate sent by a
    // batch-mate is committed and found below.
    deleteStoredFile(ctx.upload?.storageName);
    if (e instanceof RefereesRefused)
      return refuse(ctx, submission.reply({ formErrors: [refusedMessage(e)] }), refusedInit(e));
    const raced = isUniqueViolation(e)
      ? findActiveApplicationId(db, ctx.opening.id, candidate.id)
      : null;
    if (raced) throw redirect(`/applications/${raced}?existing=1`);
    throw e;
  }
  // The confirmation is committed in the outbox: send it without holding the answer.
  void deliverOutbox(db);
  throw redirect(`/applications/${applicationId}?submitted=1`);
}
