/**
 * Texts of the emails about reference letters. A referee's email names only
 * the candidate and the role (never anything from the application) and holds
 * the one link to upload the letter; it is never logged. The candidate's
 * confirmation says a letter arrived, never what it says.
 */
import type { Email } from "~/utils/mailer.server";
import { ORG_NAME } from "~/utils/site";
import { formatDate } from "~/utils/time";

type Referee = { name: string; email: string };

/** To a referee: a candidate asked them for a letter (also used for a reminder). */
export function referenceRequestEmail(input: {
  referee: Referee;
  candidateName: string;
  openingTitle: string;
  uploadUrl: string;
  expiresAt: number;
  reminder?: boolean;
}): Email {
  const { referee, candidateName, openingTitle, uploadUrl, expiresAt, reminder } = input;
  return {
    to: referee.email,
    subject: reminder
      ? `Reminder: reference letter for ${candidateName}`
      : `Reference letter request for ${candidateName}`,
    text: [
      `Hello ${referee.name},`,
      "",
      reminder
        ? `${candidateName} asked us to remind you of their request for a reference letter for the ${openingTitle} role at ${ORG_NAME}.`
        : `${candidateName} has applied for the ${openingTitle} role at ${ORG_NAME} and named you as a referee.`,
      "",
      "You can upload your letter as a PDF file here, without an account:",
      uploadUrl,
      "",
      `The link works once and until ${formatDate(expiresAt)}.${reminder ? " It replaces any earlier link we sent you." : ""} Your letter is read by the hiring team only; the candidate is told that it arrived, never what it says.`,
      "",
      "If you did not expect this email, you can ignore it.",
      "",
      `— The ${ORG_NAME} careers team`,
    ].join("\n"),
  };
}

/** To the candidate: a referee's letter arrived (nothing of its content). */
export function letterReceivedEmail(input: {
  candidate: { name: string; email: string };
  refereeName: string;
  openingTitle: string;
  applicationUrl: string;
}): Email {
  const { candidate, refereeName, openingTitle, applicationUrl } = input;
  return {
    to: candidate.email,
    subject: `Reference letter received: ${openingTitle}`,
    text: [
      `Hello ${candidate.name},`,
      "",
      `${refereeName} has sent their reference letter for your application for ${openingTitle}. It goes to the hiring team only.`,
      "",
      "You can follow your letters on your application page:",
      applicationUrl,
      "",
      `— The ${ORG_NAME} careers team`,
    ].join("\n"),
  };
}
