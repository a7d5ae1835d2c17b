/**
 * Choices and formatting shared by the interview and offer server code and
 * their forms and pages (safe for the browser bundle: no database here).
 */
import type { InterviewKind } from "~/lib/enums";
import { INTERVIEW_KIND_LABELS } from "~/emails/hiring";

export { INTERVIEW_KIND_LABELS };

export const INTERVIEW_KIND_OPTIONS = (Object.keys(INTERVIEW_KIND_LABELS) as InterviewKind[]).map(
  (value) => ({ value, label: INTERVIEW_KIND_LABELS[value] }),
);

export const OFFER_STATUS_LABELS = {
  draft: "Draft — waiting for approval",
  approved: "Approved — ready to send",
  sent: "Sent — waiting for the candidate",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
} as const;
