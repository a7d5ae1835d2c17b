/**
 * The staff hiring page's action, one branch per form (`intent`). Each
 * answers 400 with the form's errors and nothing stored, or redirects back
 * with a notice. Role checks: every branch is staff-only (the route checked
 * requireRole("recruiter") first); approving an offer also needs an admin.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { hasRole } from "~/auth/auth.server";
import type { Role } from "../../../db/schema";
import {
  AttachScorecardSchema,
  CancelInterviewSchema,
  InterviewSchema,
  OfferSchema,
  OfferStepSchema,
} from "~/components/hiring/schemas";
import {
  attachScorecard,
  cancelInterview,
  rescheduleInterview,
  scheduleInterview,
} from "~/models/interview.server";
import { approveOffer, draftOffer, sendOffer } from "~/models/offer.server";
import type { Actor } from "~/models/pipeline.server";
import type { DB } from "~/utils/db.server";
import { zonedTimeToUtc } from "~/utils/ical.server";
import { deliverOutbox } from "~/utils/mailer.server";

type Reply = SubmissionResult<string[]>;

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
  formData: FormData,
) {
  const intent = String(formData.get("intent") ?? "");

  if (intent === "schedule" || intent === "reschedule") {
    const s = parseWithZod(formData, { schema: InterviewSchema });
    const formId = intent === "schedule" ? "schedule" : `interview-${formData.get("interviewId")}`;
    if (s.status !== "success") return refuse(formId, s.reply());
    const v = s.value;
    const startsAt = zonedTimeToUtc(v.start, v.timeZone);
    const endsAt = zonedTimeToUtc(v.end, v.timeZone);
    if (startsAt === null || endsAt === null) {
      const missing = `That time does not exist in ${v.timeZone} (the clocks change then).`;
      return refuse(
        formId,
        s.reply({
          fieldErrors: {
            ...(startsAt === null ? { start: [missing] } : {}),
            ...(endsAt === null ? { end: [missing] } : {}),
          },
        }),
      );
    }
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

  if (intent === "draft_offer") {
    const s = parseWithZod(formData, { schema: OfferSchema });
    if (s.status !== "success") return refuse("offer", s.reply());
    const { intent: _, durationMonths, ...v } = s.value;
    const result = draftOffer(db, actor, {
      ...v,
      durationMonths: durationMonths ?? null,
      applicationId,
    });
    if (!result.ok)
      return refuse(
        "offer",
        s.reply({ fieldErrors: result.fieldErrors, formErrors: [result.message] }),
      );
    return done(applicationId, "drafted");
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

  throw new Response("That request could not be understood.", { status: 400 });
}
