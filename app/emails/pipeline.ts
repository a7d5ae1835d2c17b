/**
 * Emails a candidate receives when staff act on their application: one
 * subject and opening line per kind of event (invited to interview, offer,
 * not moving forward, hired, role closed…). They are built only from what
 * the candidate may see: the opening title, the public status, the public
 * message. Internal stage names, notes, ratings, reasons and reviewer names
 * are never passed in, so they cannot leak. An email stands on its own: it
 * never points at "the timeline below" or any other part of a page.
 */
import type { PublicStatus } from "../../db/schema";
import { candidateEventLine, CANDIDATE_STATUS_LABELS } from "~/models/public-status";
import { ORG_NAME } from "~/utils/site";
import type { Email } from "~/utils/mailer.server";
import { SIGN_OFF } from "./sign-off";

/** Added to every rejection, before any message the hiring team wrote. */
export const DEFAULT_REJECTION_MESSAGE =
  "Thank you for the time and care you put into your application. After careful consideration, the hiring team has decided not to move forward with it. We are grateful for your interest and hope you will consider other roles with us.";

export const DEFAULT_HIRED_MESSAGE =
  "Congratulations — the hiring team is delighted to welcome you. They will be in touch about the next steps.";

export const DEFAULT_CLOSING_MESSAGE =
  "This role has now closed and we are no longer hiring for it. Thank you sincerely for applying and for your interest in our work; we hope you will consider other roles with us.";

/** The public message of a rejection: the respectful default plus the team's own words, if any. */
export function rejectionMessage(custom: string | null | undefined): string {
  const extra = custom?.trim();
  return extra
    ? `${DEFAULT_REJECTION_MESSAGE}\n\nA message from the hiring team:\n${extra}`
    : DEFAULT_REJECTION_MESSAGE;
}

/** What staff did, as the candidate's email describes it. */
export type PipelineEmailEvent =
  | { kind: "moved"; status: PublicStatus }
  | { kind: "rejected" }
  | { kind: "hired" }
  | { kind: "opening_closed" };

function subjectOf(event: PipelineEmailEvent, title: string): string {
  switch (event.kind) {
    case "moved":
      return {
        received: `Your application for ${title} is waiting for review`,
        in_review: `Your application for ${title} is being reviewed`,
        interviewing: `Invitation to interview: ${title}`,
        offer: `An offer for ${title}`,
        // Moves never hire or end an application (a hire is its own event),
        // but every status has its words.
        hired: `Welcome to ${ORG_NAME}: ${title}`,
        not_selected: `Your application for ${title}: we will not move forward`,
      }[event.status];
    case "rejected":
      return `Your application for ${title}: we will not move forward`;
    case "hired":
      return `Welcome to ${ORG_NAME}: ${title}`;
    case "opening_closed":
      return `${title} has closed`;
  }
}

const NEXT_STEPS: Partial<Record<PublicStatus, string>> = {
  received: "The hiring team reviews applications in the order they come in.",
  in_review:
    "The team is reading your application and materials. If they would like to talk, they will invite you to an interview; either way you will hear from us.",
  interviewing:
    "The team will contact you to arrange the conversations. Afterwards they gather feedback and decide on next steps.",
  offer:
    "Expect a call or an email with the details. Take the time you need and ask any questions you have.",
};

/** What the candidate's application shows after the event: a hire is "Hired", an ending "Not selected". */
function statusAfter(event: PipelineEmailEvent): PublicStatus {
  switch (event.kind) {
    case "moved":
      return event.status;
    case "hired":
      return "hired";
    case "rejected":
    case "opening_closed":
      return "not_selected";
  }
}

/** The email about one staff action on an application. */
export function pipelineEmail(input: {
  to: string;
  candidateName: string;
  openingTitle: string;
  event: PipelineEmailEvent;
  publicMessage?: string | null;
  /** Absolute link to the candidate's application page. */
  link: string;
}): Email {
  const { event } = input;
  const status = event.kind === "moved" ? event.status : null;
  const lines = [
    `Hello ${input.candidateName},`,
    "",
    `${candidateEventLine(event.kind, status)} This is about your application for "${input.openingTitle}" at ${ORG_NAME}.`,
    `Status: ${CANDIDATE_STATUS_LABELS[statusAfter(event)]}`,
    "",
  ];
  if (input.publicMessage) lines.push(input.publicMessage, "");
  const next = status ? NEXT_STEPS[status] : undefined;
  if (next) lines.push(next, "");
  lines.push(`Your application, with everything that happened so far: ${input.link}`, "", SIGN_OFF);
  return { to: input.to, subject: subjectOf(event, input.openingTitle), text: lines.join("\n") };
}
