import type { ApplicationStatus, PublicStatus } from "../../db/schema";

/**
 * What a candidate sees of an application's state. Internal stage names never
 * leave the server: the candidate sees the public status their stage maps to,
 * or how the application ended.
 */
export type CandidateStatus = PublicStatus | "withdrawn";

export function candidateStatusOf(app: {
  status: ApplicationStatus;
  stagePublicStatus: PublicStatus;
}): CandidateStatus {
  if (app.status === "withdrawn") return "withdrawn";
  if (app.status === "rejected" || app.status === "hired") return "decision";
  return app.stagePublicStatus;
}

/** What a stage's public status is called, for candidates and for staff choosing it. */
export const PUBLIC_STATUS_LABELS = {
  received: "Received",
  in_review: "In review",
  interviewing: "Interviewing",
  offer: "Offer",
  decision: "Decision",
} as const satisfies Record<PublicStatus, string>;

export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  ...PUBLIC_STATUS_LABELS,
  withdrawn: "Withdrawn",
};

/** What happens next, per status, in plain words for the candidate. */
export const WHAT_HAPPENS_NEXT: Record<CandidateStatus, string> = {
  received:
    "Your application has arrived. The hiring team reviews new applications in the order they come in; you will get an email the moment its status changes.",
  in_review:
    "The hiring team is reading your application and materials. If they would like to talk, they will invite you to an interview; either way you will hear from us.",
  interviewing:
    "You are in the interview stage. The team will contact you to arrange conversations; afterwards they gather feedback and decide on next steps.",
  offer:
    "The team would like to make you an offer. Expect a call or email with the details; take the time you need and ask any questions.",
  decision:
    "A decision has been made on this application. You will find the message from the hiring team in the timeline below and in your email.",
  withdrawn:
    "You withdrew this application. Nothing further will happen with it; you are welcome to apply to other roles.",
};
