/**
 * The staff hiring page's action, one branch per form (`intent`). Each
 * answers 400 with the form's errors and nothing stored, or redirects back
 * with a notice. Role checks: every branch is staff-only (the route checked
 * requireRole("recruiter") first); approving an offer also needs an admin.
 *
 * The offer draft form is multipart (its optional PDF): the uploads module
 * reads it, checks the file (size, `%PDF-`, no active content) and stores it
 * before the action runs; every refusal deletes the stored file again, so a
 * refused draft leaves neither an offer row nor a file.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { hasRole } from "~/auth/auth.server";
import type { Role } from "~/lib/enums";
import {
  AttachScorecardSchema,
  CancelInterviewSchema,
  InterviewSchema,
  OfferSchema,
  OfferStepSchema,
  ReturnOfferSchema,
} from "~/components/hiring/schemas";
import {
  attachScorecard,
  cancelInterview,
  rescheduleInterview,
  scheduleInterview,
} from "~/models/interview.server";
import { approveOffer, draftOffer, returnOffer, sendOffer } from "~/models/offer.server";
import type { Actor } from "~/models/pipeline.server";
import type { DB } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { wallTimeProblem, wallTimeToUtc } from "~/utils/time";
import { deliverOutbox } from "~/emails/mailer.server";
import {
  deleteStoredFile,
  parseResumeUpload,
  SCAN_PROBLEMS,
  uploadProblemStatus,
  type StoredUpload,
  type UploadProblem,
} from "~/utils/uploads.server";

type Reply = SubmissionResult<string[]>;

/** What the hiring page posted: its fields and, from the offer form, the checked PDF. */
export type HiringBody =
  | { kind: "form"; formData: FormData; upload: StoredUpload | null; problem: UploadProblem | null }
  | { kind: "too_large"; message: string; isFile: boolean };

const PDF_PROBLEMS: Record<UploadProblem, string> = {
  not_pdf: "That file is not a PDF. Please export the offer as a PDF and choose it again.",
  unsafe_pdf:
    "That PDF contains scripts, attachments or launch actions, which we do not accept. Please export it again as a plain PDF.",
  empty: "That file is empty. Please choose the offer PDF again.",
  ...SCAN_PROBLEMS,
};

/**
 * Reads the page's post: url-encoded forms as usual, the multipart offer form
 * through the uploads module (file field `pdf`). The module's 413 (an oversize
 * file or body, a field past its cap) becomes a 400 with its message, on the
 * file field when the file was too large; nothing is left on disk.
 */
export async function readHiringBody(request: Request): Promise<HiringBody> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? ""))
    return { kind: "form", formData: await requireFormData(request), upload: null, problem: null };
  try {
    const { formData, upload, problem } = await parseResumeUpload(request, "pdf", "offer PDF");
    return { kind: "form", formData, upload, problem };
  } catch (error) {
    if (error instanceof Response && error.status === 413) {
      const message = await error.text();
      // The module's size messages ("The offer PDF is larger than 5 MB.", "The upload is
      // larger than 5 MB.") belong beside the file; a text field past its cap is the form's.
      return { kind: "too_large", message, isFile: message.includes("5 MB") };
    }
    throw error;
  }
}

function refuse(form: string, reply: Reply, status = 400) {
  return data({ ...reply, form }, { status });
}

function done(applicationId: number, notice: string) {
  return redirect(`/recruit/applications/${applicationId}/hiring?done=${notice}`);
}

export async function handleHiringAction(
  db: DB,
  user: { role: Role },
  actor: Actor,
  applicationId: number,
  body: HiringBody,
) {
  if (body.kind === "too_large") {
    // The body was cut off unread: only the offer form sends a file, and its fields are lost.
    const s = parseWithZod(new FormData(), { schema: z.object({}) });
    return refuse(
      "offer",
      s.reply(
        body.isFile ? { fieldErrors: { pdf: [body.message] } } : { formErrors: [body.message] },
      ),
    );
  }
  const { formData, upload } = body;
  const intent = String(formData.get("intent") ?? "");
  if (intent === "draft_offer") return draftOfferAction(db, actor, applicationId, body);
  // Only the offer form carries a file; one sent with any other form is not kept.
  if (upload) await deleteStoredFile(upload.storageName);

  if (intent === "schedule" || intent === "reschedule") {
    const s = parseWithZod(formData, { schema: InterviewSchema });
    const formId = intent === "schedule" ? "schedule" : `interview-${formData.get("interviewId")}`;
    if (s.status !== "success") return refuse(formId, s.reply());
    const v = s.value;
    const start = wallTimeToUtc(v.start, v.timeZone);
    const end = wallTimeToUtc(v.end, v.timeZone);
    if (!start.ok || !end.ok) {
      return refuse(
        formId,
        s.reply({
          fieldErrors: {
            ...(start.ok ? {} : { start: [wallTimeProblem(start.reason, v.timeZone)] }),
            ...(end.ok ? {} : { end: [wallTimeProblem(end.reason, v.timeZone)] }),
          },
        }),
      );
    }
    const startsAt = start.ms;
    const endsAt = end.ms;
    const input = {
      applicationId,
      kind: v.kind,
      startsAt,
      endsAt,
      timeZone: v.timeZone,
      placeKind: v.placeKind,
      place: v.place,
      note: v.note,
      interviewers: v.interviewers,
    };
    const result =
      intent === "schedule"
        ? scheduleInterview(db, actor, input)
        : rescheduleInterview(db, actor, { ...input, interviewId: v.interviewId! });
    if (!result.ok)
      return refuse(
        formId,
        s.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }),
      );
    await deliverOutbox(db);
    return done(applicationId, intent === "schedule" ? "scheduled" : "rescheduled");
  }

  if (intent === "cancel") {
    const s = parseWithZod(formData, { schema: CancelInterviewSchema });
    const formId = `cancel-${formData.get("interviewId")}`;
    if (s.status !== "success") return refuse(formId, s.reply());
    const result = cancelInterview(db, actor, {
      applicationId,
      interviewId: s.value.interviewId,
    });
    if (!result.ok) return refuse(formId, s.reply({ formErrors: result.formErrors }), 409);
    await deliverOutbox(db);
    return done(applicationId, "cancelled");
  }

  if (intent === "attach_scorecard") {
    const s = parseWithZod(formData, { schema: AttachScorecardSchema });
    const formId = `attach-${formData.get("interviewId")}`;
    if (s.status !== "success") return refuse(formId, s.reply());
    if (!attachScorecard(db, actor, { applicationId, interviewId: s.value.interviewId }))
      return refuse(
        formId,
        s.reply({
          formErrors: [
            "Write your scorecard on the review page first, then attach it to the interview.",
          ],
        }),
        409,
      );
    return done(applicationId, "attached");
  }

  if (intent === "approve_offer" || intent === "send_offer") {
    const s = parseWithZod(formData, { schema: OfferStepSchema });
    const formId = `offer-step-${formData.get("offerId")}`;
    if (s.status !== "success") return refuse(formId, s.reply());
    if (intent === "approve_offer" && !hasRole(user, "admin"))
      return refuse(formId, s.reply({ formErrors: ["Only an admin can approve an offer."] }), 403);
    const step = intent === "approve_offer" ? approveOffer : sendOffer;
    const result = step(db, actor, { applicationId, offerId: s.value.offerId });
    if (!result.ok) return refuse(formId, s.reply({ formErrors: [result.message] }), 409);
    if (intent === "send_offer") await deliverOutbox(db);
    return done(applicationId, intent === "approve_offer" ? "approved" : "sent");
  }

  if (intent === "return_offer") {
    const s = parseWithZod(formData, { schema: ReturnOfferSchema });
    const formId = `offer-step-${formData.get("offerId")}`;
    if (s.status !== "success") return refuse(formId, s.reply());
    if (!hasRole(user, "admin"))
      return refuse(
        formId,
        s.reply({ formErrors: ["Only an admin can send an offer back."] }),
        403,
      );
    const result = returnOffer(db, actor, {
      applicationId,
      offerId: s.value.offerId,
      reason: s.value.reason,
    });
    if (!result.ok) return refuse(formId, s.reply({ formErrors: [result.message] }), 409);
    await deliverOutbox(db);
    return done(applicationId, "returned");
  }

  throw new Response("That request could not be understood.", { status: 400 });
}

/** Drafts an offer with its optional PDF; any refusal deletes the stored PDF. */
async function draftOfferAction(
  db: DB,
  actor: Actor,
  applicationId: number,
  { formData, upload, problem }: Extract<HiringBody, { kind: "form" }>,
) {
  const s = parseWithZod(formData, { schema: OfferSchema });
  const pdfError = problem ? { pdf: [PDF_PROBLEMS[problem]] } : undefined;
  if (s.status !== "success" || pdfError) {
    await deleteStoredFile(upload?.storageName);
    return refuse(
      "offer",
      s.reply({
        fieldErrors: pdfError,
        formErrors: upload
          ? ["The PDF was fine but was not kept: please choose it again."]
          : undefined,
      }),
      uploadProblemStatus(problem),
    );
  }
  const { intent: _, durationMonths, pdf: _pdf, ...v } = s.value;
  let result: ReturnType<typeof draftOffer>;
  try {
    result = draftOffer(db, actor, {
      ...v,
      durationMonths: durationMonths ?? null,
      applicationId,
      pdf: upload,
    });
  } catch (error) {
    await deleteStoredFile(upload?.storageName);
    throw error;
  }
  if (!result.ok) {
    await deleteStoredFile(upload?.storageName);
    return refuse(
      "offer",
      s.reply({ fieldErrors: result.fieldErrors, formErrors: [result.message] }),
    );
  }
  return done(applicationId, "drafted");
}
