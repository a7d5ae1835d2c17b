import type { ApplicationStatus, EventType, PublicStatus } from "./enums";

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
  if (app.status === "rejected") return "not_selected";
  if (app.status === "hired") return "hired";
  return app.stagePublicStatus;
}

/** What a stage's public status is called, for candidates and for staff choosing it. */
export const PUBLIC_STATUS_LABELS = {
  received: "Received",
  in_review: "In review",
  interviewing: "Interviewing",
  offer: "Offer",
  hired: "Hired",
  not_selected: "Not selected",
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
  hired:
    "You were hired: congratulations! The hiring team's message is with the news, and we sent it to you by email too. They will be in touch about your start.",
  not_selected:
    "The hiring team decided not to move forward with this application. Their message is with the decision, and we sent it to you by email too. You are welcome to apply to other roles.",
  withdrawn:
    "You withdrew this application. Nothing further will happen with it; you are welcome to apply to other roles.",
};

/** The events a candidate sees on their timeline (and is emailed about). */
export type CandidateEventKind = Extract<
  EventType,
  "submitted" | "moved" | "rejected" | "hired" | "withdrawn" | "opening_closed"
>;

const MOVED_LINES: Record<PublicStatus, string> = {
  received: "Your application is back in the queue of new applications.",
  in_review: "The hiring team started reviewing your application.",
  interviewing: "You were invited to interview.",
  offer: "We have made you an offer.",
  // A move never hires or ends an application; these read right for events
  // recorded before it could not.
  hired: "You were hired: congratulations, and welcome!",
  not_selected: "We decided not to move forward with your application.",
};

/**
 * What happened, in one sentence addressed to the candidate: the timeline
 * line on their application page and the first line of the email about it.
 * `status` is the public status the event led to (for moves).
 */
export function candidateEventLine(kind: CandidateEventKind, status: PublicStatus | null): string {
  switch (kind) {
    case "submitted":
      return "You submitted your application and we received it.";
    case "moved":
      return status ? MOVED_LINES[status] : "Your application moved forward.";
    case "rejected":
      return "We decided not to move forward with your application.";
    case "hired":
      return "You were hired: congratulations, and welcome!";
    case "withdrawn":
      return "You withdrew your application.";
    case "opening_closed":
      return "The role closed, so your application ended.";
  }
}
