/**
 * Texts of the emails about an application. Candidate emails carry only what
 * the candidate may see (opening title, public status, links); never stage
 * names, notes or staff detail.
 */
import type { Email } from "~/utils/mailer.server";
import { ORG_NAME } from "~/utils/site";
import { SIGN_OFF } from "./sign-off";

type Candidate = { name: string; email: string };
type Opening = { title: string };

export function applicationReceivedEmail(input: {
  candidate: Candidate;
  opening: Opening;
  applicationUrl: string;
}): Email {
  const { candidate, opening, applicationUrl } = input;
  return {
    to: candidate.email,
    subject: `We received your application: ${opening.title}`,
    text: [
      `Hello ${candidate.name},`,
      "",
      `Thank you for applying for ${opening.title} at ${ORG_NAME}. Your application has arrived and its status is now "Received".`,
      "",
      "The hiring team reviews new applications in the order they come in. Every time the status changes, we will email you; you can also follow it at any time here:",
      applicationUrl,
      "",
      SIGN_OFF,
    ].join("\n"),
  };
}

export function applicationWithdrawnEmail(input: {
  candidate: Candidate;
  opening: Opening;
  applicationUrl: string;
}): Email {
  const { candidate, opening, applicationUrl } = input;
  return {
    to: candidate.email,
    subject: `You withdrew your application: ${opening.title}`,
    text: [
      `Hello ${candidate.name},`,
      "",
      `This confirms that you withdrew your application for ${opening.title}. The hiring team has been told, and nothing further will happen with it.`,
      "",
      "If this was a mistake, you are welcome to apply again while the role is open. The application's history stays here:",
      applicationUrl,
      "",
      SIGN_OFF,
    ].join("\n"),
  };
}

/** To each recruiter/admin: a candidate withdrew (staff may see the candidate's name). */
export function applicationWithdrawnStaffEmail(input: {
  to: string;
  candidate: Candidate;
  opening: Opening;
  reviewUrl: string;
}): Email {
  const { to, candidate, opening, reviewUrl } = input;
  return {
    to,
    subject: `Application withdrawn: ${candidate.name} for ${opening.title}`,
    text: [
      `${candidate.name} withdrew their application for ${opening.title}.`,
      "",
      `The application is kept with its history: ${reviewUrl}`,
      "",
      SIGN_OFF,
    ].join("\n"),
  };
}
