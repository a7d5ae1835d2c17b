/**
 * Emails of the hiring steps after review: interview invitations (with their
 * iCalendar part), updates and cancellations, and offers. Built only from what
 * the candidate may see — never interviewer notes, scorecards or internal
 * stage names.
 */
import { ORG_NAME } from "~/utils/site";
import type { Email } from "~/utils/mailer.server";

/** The same sign-off as the pipeline's emails. */
const SIGN_OFF = `— ${ORG_NAME} careers`;

export const INTERVIEW_KIND_LABELS = {
  screen: "Screening call",
  technical: "Technical interview",
  talk: "Research talk",
  panel: "Panel interview",
} as const;

export type InterviewMailFacts = {
  to: string;
  candidateName: string;
  openingTitle: string;
  kind: keyof typeof INTERVIEW_KIND_LABELS;
  /** "Thursday 10 December 2026, 14:00–15:00 (Europe/Zurich)". */
  when: string;
  place: string;
  note: string;
  link: string;
  calendar: string;
};

function interviewLines(f: InterviewMailFacts) {
  const lines = [`What: ${INTERVIEW_KIND_LABELS[f.kind]}`, `When: ${f.when}`, `Where: ${f.place}`];
  if (f.note) lines.push("", "A note from the hiring team:", f.note);
  return lines;
}

export function interviewInvitationEmail(
  f: InterviewMailFacts & { change: "new" | "moved" },
): Email {
  const label = INTERVIEW_KIND_LABELS[f.kind];
  const lines = [
    `Hello ${f.candidateName},`,
    "",
    f.change === "new"
      ? `The hiring team would like to invite you to an interview for "${f.openingTitle}" at ${ORG_NAME}.`
      : `Your interview for "${f.openingTitle}" at ${ORG_NAME} has changed. The new details are below; the attached invitation updates the one in your calendar.`,
    "",
    ...interviewLines(f),
    "",
    `If the time does not suit you, propose other times from your application page: ${f.link}`,
    "",
    SIGN_OFF,
  ];
  return {
    to: f.to,
    subject:
      f.change === "new"
        ? `Interview invitation: ${label} for ${f.openingTitle}`
        : `Interview updated: ${label} for ${f.openingTitle}`,
    text: lines.join("\n"),
    calendar: f.calendar,
  };
}

export function interviewCancelledEmail(f: InterviewMailFacts): Email {
  const label = INTERVIEW_KIND_LABELS[f.kind];
  return {
    to: f.to,
    subject: `Interview cancelled: ${label} for ${f.openingTitle}`,
    text: [
      `Hello ${f.candidateName},`,
      "",
      `The ${label.toLowerCase()} for "${f.openingTitle}" planned for ${f.when} has been cancelled. The attached notice removes it from your calendar. The hiring team will be in touch if they would like to find another time.`,
      "",
      `Your application: ${f.link}`,
      "",
      SIGN_OFF,
    ].join("\n"),
    calendar: f.calendar,
  };
}

export function offerSentEmail(f: {
  to: string;
  candidateName: string;
  openingTitle: string;
  offerTitle: string;
  expires: string;
  link: string;
}): Email {
  return {
    to: f.to,
    subject: `An offer from ${ORG_NAME}: ${f.offerTitle}`,
    text: [
      `Hello ${f.candidateName},`,
      "",
      `We are delighted to offer you the position of ${f.offerTitle}, following your application for "${f.openingTitle}".`,
      "",
      `Read the offer and accept or decline it on your application page before ${f.expires}:`,
      f.link,
      "",
      "Take the time you need and ask the hiring team any questions you have.",
      "",
      SIGN_OFF,
    ].join("\n"),
  };
}
