/**
 * Emails about an application. Candidate emails carry only what the candidate
 * may see (opening title, public status, links); never stage names, notes or
 * staff detail.
 */
import { defineEmail, firstNameOf, outgoing, SAMPLE, SIGN_OFF } from "./kind";

type Candidate = { name: string; email: string };
type Opening = { title: string };

const candidateFields = {
  "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
  "candidate.firstName": { description: "The first word of their name", sample: SAMPLE.firstName },
  "opening.title": { description: "The title of the role", sample: SAMPLE.opening },
  "application.url": {
    description: "Link to the candidate's page for this application",
    sample: SAMPLE.applicationUrl,
    type: "url",
  },
} as const;

export const APPLICATION_EMAILS = {
  "application.received": defineEmail({
    description: "Sent to a candidate when their application arrives.",
    audience: "candidate",
    fields: candidateFields,
    defaults: {
      en: {
        subject: "We received your application: {{opening.title}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          'Thank you for applying for {{opening.title}} at {{org.name}}. Your application has arrived and its status is now "Received".',
          "",
          "The hiring team reviews new applications in the order they come in. Every time the status changes, we will email you; you can also follow it at any time here:",
          "{{application.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "application.withdrawn": defineEmail({
    description: "Sent to a candidate when they withdraw an application.",
    audience: "candidate",
    fields: candidateFields,
    defaults: {
      en: {
        subject: "You withdrew your application: {{opening.title}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          "This confirms that you withdrew your application for {{opening.title}}. The hiring team has been told, and nothing further will happen with it.",
          "",
          "If this was a mistake, you are welcome to apply again while the role is open. The application's history stays here:",
          "{{application.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "application.withdrawnStaff": defineEmail({
    description: "Sent to each recruiter and admin when a candidate withdraws an application.",
    audience: "staff",
    fields: {
      "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
      "opening.title": { description: "The title of the role", sample: SAMPLE.opening },
      "review.url": {
        description: "Link to the application's review page",
        sample: "https://careers.example.org/recruit/applications/42",
        type: "url",
      },
    },
    defaults: {
      en: {
        subject: "Application withdrawn: {{candidate.name}} for {{opening.title}}",
        body: [
          "{{candidate.name}} withdrew their application for {{opening.title}}.",
          "",
          "The application is kept with its history: {{review.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
} as const;

function candidateValues(candidate: Candidate, opening: Opening, applicationUrl: string) {
  return {
    "candidate.name": candidate.name,
    "candidate.firstName": firstNameOf(candidate.name),
    "opening.title": opening.title,
    "application.url": applicationUrl,
  };
}

export function applicationReceivedEmail(input: {
  candidate: Candidate;
  opening: Opening;
  applicationUrl: string;
}) {
  const { candidate, opening, applicationUrl } = input;
  return outgoing(APPLICATION_EMAILS, "application.received", {
    to: candidate.email,
    values: candidateValues(candidate, opening, applicationUrl),
  });
}

export function applicationWithdrawnEmail(input: {
  candidate: Candidate;
  opening: Opening;
  applicationUrl: string;
}) {
  const { candidate, opening, applicationUrl } = input;
  return outgoing(APPLICATION_EMAILS, "application.withdrawn", {
    to: candidate.email,
    values: candidateValues(candidate, opening, applicationUrl),
  });
}

/** To each recruiter/admin: a candidate withdrew (staff may see the candidate's name). */
export function applicationWithdrawnStaffEmail(input: {
  to: string;
  candidate: Candidate;
  opening: Opening;
  reviewUrl: string;
}) {
  const { to, candidate, opening, reviewUrl } = input;
  return outgoing(APPLICATION_EMAILS, "application.withdrawnStaff", {
    to,
    values: {
      "candidate.name": candidate.name,
      "opening.title": opening.title,
      "review.url": reviewUrl,
    },
  });
}
