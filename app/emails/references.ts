/**
 * Emails about reference letters. A referee's email names only the candidate
 * and the role (never anything from the application) and holds the one link
 * to upload the letter; it is never logged. The candidate's confirmation says
 * a letter arrived, never what it says.
 */
import { formatDate } from "~/utils/time";
import { defineEmail, firstNameOf, outgoing, SAMPLE, SIGN_OFF } from "./kind";

type Referee = { name: string; email: string };

const requestFields = {
  "referee.name": { description: "The referee's name", sample: "Grace Hopper" },
  "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
  "opening.title": { description: "The title of the role", sample: SAMPLE.opening },
  "upload.url": {
    description: "The one-time link where the referee uploads the letter, without an account",
    sample: "https://careers.example.org/referee?token=sample",
    type: "url",
  },
  "upload.expires": {
    description: "The last day the link works",
    sample: "15 December 2026",
  },
} as const;

const LETTER_TERMS =
  "Your letter is read by the hiring team only; the candidate is told that it arrived, never what it says.";

export const REFERENCE_EMAILS = {
  "reference.request": defineEmail({
    description: "Sent to a referee a candidate named, asking for a reference letter.",
    audience: "referee",
    fields: requestFields,
    defaults: {
      en: {
        subject: "Reference letter request for {{candidate.name}}",
        body: [
          "Hello {{referee.name}},",
          "",
          "{{candidate.name}} has applied for the {{opening.title}} role at {{org.name}} and named you as a referee.",
          "",
          "You can upload your letter as a PDF file here, without an account:",
          "{{upload.url}}",
          "",
          `The link works once and until {{upload.expires}}. ${LETTER_TERMS}`,
          "",
          "If you did not expect this email, you can ignore it.",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "reference.reminder": defineEmail({
    description: "Sent to a referee when the candidate asks us to remind them.",
    audience: "referee",
    fields: requestFields,
    defaults: {
      en: {
        subject: "Reminder: reference letter for {{candidate.name}}",
        body: [
          "Hello {{referee.name}},",
          "",
          "{{candidate.name}} asked us to remind you of their request for a reference letter for the {{opening.title}} role at {{org.name}}.",
          "",
          "You can upload your letter as a PDF file here, without an account:",
          "{{upload.url}}",
          "",
          `The link works once and until {{upload.expires}}. It replaces any earlier link we sent you. ${LETTER_TERMS}`,
          "",
          "If you did not expect this email, you can ignore it.",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "reference.received": defineEmail({
    description: "Sent to a candidate when one of their referees has uploaded a letter.",
    audience: "candidate",
    fields: {
      "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
      "candidate.firstName": {
        description: "The first word of their name",
        sample: SAMPLE.firstName,
      },
      "referee.name": { description: "The referee's name", sample: "Grace Hopper" },
      "opening.title": { description: "The title of the role", sample: SAMPLE.opening },
      "application.url": {
        description: "Link to the candidate's page for this application",
        sample: SAMPLE.applicationUrl,
        type: "url",
      },
    },
    defaults: {
      en: {
        subject: "Reference letter received: {{opening.title}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          "{{referee.name}} has sent their reference letter for your application for {{opening.title}}. It goes to the hiring team only.",
          "",
          "You can follow your letters on your application page:",
          "{{application.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
} as const;

/** To a referee: a candidate asked them for a letter (also used for a reminder). */
export function referenceRequestEmail(input: {
  referee: Referee;
  candidateName: string;
  openingTitle: string;
  uploadUrl: string;
  expiresAt: number;
  reminder?: boolean;
}) {
  const { referee, candidateName, openingTitle, uploadUrl, expiresAt, reminder } = input;
  return outgoing(REFERENCE_EMAILS, reminder ? "reference.reminder" : "reference.request", {
    to: referee.email,
    values: {
      "referee.name": referee.name,
      "candidate.name": candidateName,
      "opening.title": openingTitle,
      "upload.url": uploadUrl,
      "upload.expires": formatDate(expiresAt),
    },
  });
}

/** To the candidate: a referee's letter arrived (nothing of its content). */
export function letterReceivedEmail(input: {
  candidate: { name: string; email: string };
  refereeName: string;
  openingTitle: string;
  applicationUrl: string;
}) {
  const { candidate, refereeName, openingTitle, applicationUrl } = input;
  return outgoing(REFERENCE_EMAILS, "reference.received", {
    to: candidate.email,
    values: {
      "candidate.name": candidate.name,
      "candidate.firstName": firstNameOf(candidate.name),
      "referee.name": refereeName,
      "opening.title": openingTitle,
      "application.url": applicationUrl,
    },
  });
}
