/**
 * A visitor's application (see submit.server.ts for the shape of both paths):
 * their account, new or existing, and the application in one write.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { hasTwoFactor } from "~/auth/mfa.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { hashPassword } from "~/auth/password.server";
import {
  checkCredentials,
  createCandidateAccount,
  emailHasAccount,
  INVALID_CREDENTIALS,
  isEmailTaken,
  setCookies,
  startSession,
} from "~/auth/sign-in.server";
import { consumeRateLimit, describeWait, retryAfter, SIGNUP_LIMIT } from "~/auth/throttle.server";
import { boundedReply } from "~/utils/forms.server";
import { findActiveApplicationId, writeApplication } from "~/models/application.server";
import type { DB } from "~/utils/db.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { enqueueWrite } from "~/utils/write-batch.server";
import { EmailSchema } from "~/utils/form-fields";
import { deleteStoredFile } from "~/utils/uploads.server";
import {
  checkExtras,
  RefereesRefused,
  refusedInit,
  refusedMessage,
  writeExtras,
} from "./extras.server";
import { chooseResume, type Context } from "./resume-choice.server";
import {
  ACCOUNT_MODE_FIELD,
  accountModeOf,
  applyFormSchema,
  EXISTING_ACCOUNT,
  FILE_NOT_KEPT,
} from "./schema";
import { applicationOf, refuse } from "./submit.server";

const HIDE = ["password"];

/**
 * The reply that turns the form's account section to "existing": the email
 * has an account, so the page asks for its password in place, keeping
 * everything typed (the password of the new account is not sent back).
 */
function askForExistingPassword(reply: SubmissionResult<string[]>): SubmissionResult<string[]> {
  return {
    ...reply,
    initialValue: { ...reply.initialValue, [ACCOUNT_MODE_FIELD]: "existing" },
    error: { ...reply.error, email: [EXISTING_ACCOUNT], password: null },
  };
}

/** A visitor's submission: their account (new or existing) and the application, together. */
export async function applyAsVisitor(db: DB, ctx: Context) {
  const mode = accountModeOf(ctx.formData);
  if (mode === "new") {
    const wait = consumeRateLimit(db, SIGNUP_LIMIT, ctx.ip);
    if (wait > 0) {
      const message = `Too many accounts were created from your network. Please try again in ${describeWait(wait)}.`;
      const submission = parseWithZod(ctx.formData, {
        schema: applyFormSchema(ctx.questions, mode, undefined, ctx.opening.lettersRequired),
      });
      return refuse(ctx, submission.reply({ formErrors: [message], hideFields: HIDE }), {
        status: 429,
        headers: retryAfter(wait),
      });
    }
  }
  const submission = parseWithZod(ctx.formData, {
    schema: applyFormSchema(ctx.questions, mode, passwordProblem, ctx.opening.lettersRequired),
  });
  const ok = submission.status === "success";
  const { resume, error, status } = chooseResume(ctx, null, ok && submission.value.saveToProfile);
  const resumeErrors = error ? { resume: [error] } : undefined;
  const fileNotKept = ctx.upload ? [FILE_NOT_KEPT] : undefined;

  // Every problem at once: a taken email is reported beside the others (after the rate limit).
  const typedEmail = EmailSchema.safeParse(ctx.formData.get("email"));
  if (mode === "new" && typedEmail.success && emailHasAccount(db, typedEmail.data)) {
    const reply = submission.reply({
      formErrors: fileNotKept,
      fieldErrors: resumeErrors,
      hideFields: HIDE,
    });
    return refuse(ctx, askForExistingPassword({ ...reply, status: "error" }), { status });
  }
  if (submission.status !== "success" || !resume || !submission.value.account) {
    return refuse(
      ctx,
      submission.reply({ formErrors: fileNotKept, fieldErrors: resumeErrors, hideFields: HIDE }),
      { status },
    );
  }
  const value = submission.value;
  const account = submission.value.account!;
  const checked = await checkExtras(value, ctx.textFile, account.email);
  if (!checked.ok) {
    const reply = submission.reply({
      formErrors: fileNotKept,
      fieldErrors: checked.fieldErrors,
      hideFields: HIDE,
    });
    return refuse(ctx, reply);
  }
  const extras = checked.extras;
  const meta = { request: ctx.request, ip: ctx.ip };
  const application = applicationOf(ctx, resume, value);

  let written: { applicationId: number; cookies: string[]; existing?: boolean };
  if (account.mode === "existing") {
    const fail = (message: string, init?: ResponseInit) =>
      refuse(
        ctx,
        submission.reply({ formErrors: [message, ...(fileNotKept ?? [])], hideFields: HIDE }),
        init,
      );
    const checked = await checkCredentials(db, account, meta);
    if (checked.kind === "throttled") {
      return fail(
        `Too many failed sign-in attempts. Please wait ${describeWait(checked.waitMs)} and try again.`,
        { status: 429, headers: retryAfter(checked.waitMs) },
      );
    }
    if (checked.kind === "invalid") {
      return refuse(
        ctx,
        submission.reply({
          formErrors: fileNotKept,
          fieldErrors: { password: [INVALID_CREDENTIALS] },
          hideFields: HIDE,
        }),
      );
    }
    const user = db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role })
      .from(users)
      .where(eq(users.id, checked.userId))
      .get()!;
    if (user.role !== "candidate")
      return fail("This is a staff account. Applications are sent from candidate accounts.");
    if (hasTwoFactor(db, user.id))
      return fail(
        "Your account asks for a second sign-in step. Please sign in first (the link above the form), then apply.",
      );
    try {
      written = await enqueueWrite(db, (tx) => {
        const { cookies } = startSession(tx, user.id, user.email, meta, {
          trusted: checked.trusted,
          via: "apply",
        });
        // Looked up inside the batch (same connection), so it also sees an
        // application a batch-mate just wrote for this person.
        const active = findActiveApplicationId(db, ctx.opening.id, user.id);
        if (active) return { applicationId: active, cookies, existing: true };
        const applicationId = writeApplication(tx, { ...application, candidate: user });
        writeExtras(tx, { candidate: user, applicationId, extras, origin: ctx.origin });
        return { applicationId, cookies, existing: false };
      });
    } catch (e) {
      deleteStoredFile(ctx.upload?.storageName);
      if (e instanceof RefereesRefused)
        return refuse(
          ctx,
          submission.reply({ formErrors: [refusedMessage(e)], hideFields: HIDE }),
          refusedInit(e),
        );
      throw e;
    }
    if (written.existing) {
      // They had applied already: signed in now and sent to that application; nothing else kept.
      deleteStoredFile(ctx.upload?.storageName);
      throw redirect(`/applications/${written.applicationId}?existing=1`, {
        headers: setCookies(written.cookies),
      });
    }
  } else {
    const passwordHash = await hashPassword(account.password);
    try {
      written = await enqueueWrite(db, (tx) => {
        const signedIn = createCandidateAccount(
          tx,
          { name: account.name, email: account.email, passwordHash },
          meta,
        );
        const candidate = { id: signedIn.userId, name: account.name, email: account.email };
        const applicationId = writeApplication(tx, { ...application, candidate });
        writeExtras(tx, { candidate, applicationId, extras, origin: ctx.origin });
        return { applicationId, cookies: signedIn.cookies };
      });
    } catch (e) {
      // Nothing was written; the stored file must not outlive the failed transaction.
      deleteStoredFile(ctx.upload?.storageName);
      if (e instanceof RefereesRefused)
        return refuse(
          ctx,
          submission.reply({ formErrors: [refusedMessage(e)], hideFields: HIDE }),
          refusedInit(e),
        );
      if (isEmailTaken(e)) {
        // Another sign-up with this email won the race.
        const reply = submission.reply({ formErrors: fileNotKept, hideFields: HIDE });
        return data(boundedReply(askForExistingPassword(reply)), { status: 400 });
      }
      throw e;
    }
  }
  // The confirmation is committed in the outbox: send it without holding the answer.
  void deliverOutbox(db);
  throw redirect(`/applications/${written.applicationId}?submitted=1`, {
    headers: setCookies(written.cookies),
  });
}
