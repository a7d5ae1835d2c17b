/**
 * Emails a candidate receives when staff act on their application: one kind
 * per event (moved to a public status, not moving forward, hired, role
 * closed), each with its own subject and opening line. They are built only
 * from what the candidate may see: the opening title and the public message.
 * Internal stage names, notes, ratings, reasons and reviewer names are never
 * passed in, so they cannot leak. An email stands on its own: it never points
 * at "the timeline below" or any other part of a page.
 */
import type { PublicStatus } from "~/lib/enums";
import {
  CANDIDATE_STATUS_LABELS,
  candidateEventLine,
  type CandidateEventKind,
} from "~/lib/public-status";
import { defineEmail, firstNameOf, outgoing, SAMPLE, SIGN_OFF, type TemplateText } from "./kind";

/** Added to every rejection, before any message the hiring team wrote. */
const DEFAULT_REJECTION_MESSAGE =
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

const fields = {
  "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
  "candidate.firstName": { description: "The first word of their name", sample: SAMPLE.firstName },
  "opening.title": { description: "The title of the role", sample: SAMPLE.opening },
  message: {
    description:
      "The message to the candidate that comes with this step (the hiring team's words or the standard text), when there is one",
    sample: "Thank you for the conversations so far; we look forward to the next one.",
    type: "multiline",
    optional: true,
  },
  "application.url": {
    description: "Link to the candidate's page for this application",
    sample: SAMPLE.applicationUrl,
    type: "url",
  },
} as const;

/** The default body of a step: what happened, where it stands, the message, what comes next. */
function stepBody(event: CandidateEventKind, status: PublicStatus | null, next?: string) {
  return [
    "Hello {{candidate.name}},",
    "",
    `${candidateEventLine(event, status)} This is about your application for "{{opening.title}}" at {{org.name}}.`,
    `Status: ${CANDIDATE_STATUS_LABELS[status ?? (event === "hired" ? "hired" : "not_selected")]}`,
    "",
    "{{message}}",
    "",
    ...(next ? [next, ""] : []),
    "Your application, with everything that happened so far: {{application.url}}",
    "",
    SIGN_OFF,
  ].join("\n");
}

function step(
  description: string,
  subject: string,
  event: CandidateEventKind,
  status: PublicStatus | null,
  next?: string,
) {
  const en: TemplateText = { subject, body: stepBody(event, status, next) };
  return defineEmail({ description, audience: "candidate", fields, defaults: { en } });
}

export const PIPELINE_EMAILS = {
  "pipeline.received": step(
    "Sent when staff move an application back among the new ones (public status Received).",
    "Your application for {{opening.title}} is waiting for review",
    "moved",
    "received",
    "The hiring team reviews applications in the order they come in.",
  ),
  "pipeline.inReview": step(
    "Sent when staff move an application to a stage shown as In review.",
    "Your application for {{opening.title}} is being reviewed",
    "moved",
    "in_review",
    "The team is reading your application and materials. If they would like to talk, they will invite you to an interview; either way you will hear from us.",
  ),
  "pipeline.interviewing": step(
    "Sent when staff move an application to a stage shown as Interviewing.",
    "Invitation to interview: {{opening.title}}",
    "moved",
    "interviewing",
    "The team will contact you to arrange the conversations. Afterwards they gather feedback and decide on next steps.",
  ),
  "pipeline.offer": step(
    "Sent when staff move an application to a stage shown as Offer.",
    "An offer for {{opening.title}}",
    "moved",
    "offer",
    "Expect a call or an email with the details. Take the time you need and ask any questions you have.",
  ),
  "pipeline.rejected": step(
    "Sent when staff decide not to move forward with an application.",
    "Your application for {{opening.title}}: we will not move forward",
    "rejected",
    null,
  ),
  "pipeline.hired": step(
    "Sent when a candidate is hired.",
    "Welcome to {{org.name}}: {{opening.title}}",
    "hired",
    null,
  ),
  "pipeline.openingClosed": step(
    "Sent to every active applicant when a role closes and they are told.",
    "{{opening.title}} has closed",
    "opening_closed",
    null,
  ),
} as const;

const MOVED_KINDS = {
  received: "pipeline.received",
  in_review: "pipeline.inReview",
  interviewing: "pipeline.interviewing",
  offer: "pipeline.offer",
  // A move never hires or ends an application (those are their own events),
  // but every status has its email.
  hired: "pipeline.hired",
  not_selected: "pipeline.rejected",
} as const satisfies Record<PublicStatus, keyof typeof PIPELINE_EMAILS>;

function kindOf(event: PipelineEmailEvent): keyof typeof PIPELINE_EMAILS {
  switch (event.kind) {
    case "moved":
      return MOVED_KINDS[event.status];
    case "rejected":
      return "pipeline.rejected";
    case "hired":
      return "pipeline.hired";
    case "opening_closed":
      return "pipeline.openingClosed";
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
}) {
  return outgoing(PIPELINE_EMAILS, kindOf(input.event), {
    to: input.to,
    values: {
      "candidate.name": input.candidateName,
      "candidate.firstName": firstNameOf(input.candidateName),
      "opening.title": input.openingTitle,
      message: input.publicMessage,
      "application.url": input.link,
    },
  });
}
