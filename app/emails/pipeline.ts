/**
 * Emails a candidate receives when their application's public status changes.
 * They are built only from what the candidate may see: the public status
 * label, the "what happens next" text and the public message. Internal stage
 * names, notes, ratings, reasons and reviewer names are never passed in, so
 * they cannot leak.
 */
import {
  CANDIDATE_STATUS_LABELS,
  WHAT_HAPPENS_NEXT,
  type CandidateStatus,
} from "~/models/public-status";
import { ORG_NAME } from "~/utils/site";
import type { Email } from "~/utils/mailer.server";

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

export function statusChangedEmail(input: {
  to: string;
  candidateName: string;
  openingTitle: string;
  status: CandidateStatus;
  publicMessage?: string | null;
  /** Absolute or site-relative link to the candidate's application page. */
  link: string;
}): Email {
  const label = CANDIDATE_STATUS_LABELS[input.status];
  const lines = [
    `Hello ${input.candidateName},`,
    "",
    `There is an update on your application for "${input.openingTitle}" at ${ORG_NAME}.`,
    `Status: ${label}`,
    "",
  ];
  if (input.publicMessage) lines.push(input.publicMessage, "");
  lines.push(
    WHAT_HAPPENS_NEXT[input.status],
    "",
    `Follow your application: ${input.link}`,
    "",
    `— ${ORG_NAME} careers`,
  );
  return {
    to: input.to,
    subject: `Your application for ${input.openingTitle}: ${label}`,
    text: lines.join("\n"),
  };
}
