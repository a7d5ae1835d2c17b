/**
 * Choices and formatting shared by the interview and offer server code and
 * their forms and pages (safe for the browser bundle: no database here).
 */
import type { InterviewKind } from "./enums";

/** What each interview kind is called on pages and in the emails about it. */
export const INTERVIEW_KIND_LABELS = {
  screen: "Screening call",
  technical: "Technical interview",
  talk: "Research talk",
  panel: "Panel interview",
} as const satisfies Record<InterviewKind, string>;

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
  returned: "Sent back to its drafter",
} as const;
