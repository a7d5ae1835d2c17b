/**
 * Emails of the hiring steps after review: interview invitations (with their
 * iCalendar object), updates and cancellations, and offers. Built only from
 * what the candidate may see — never interviewer notes, scorecards or
 * internal stage names.
 */
import { INTERVIEW_KIND_LABELS } from "~/lib/hiring-options";
import { defineEmail, firstNameOf, outgoing, SAMPLE, SIGN_OFF } from "./kind";

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

const interviewFields = {
  "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
  "candidate.firstName": { description: "The first word of their name", sample: SAMPLE.firstName },
  "opening.title": { description: "The title of the role", sample: SAMPLE.opening },
  "interview.kind": { description: "What kind of interview it is", sample: "Technical interview" },
  "interview.when": {
    description: "Day, time and time zone of the interview",
    sample: "Thursday 10 December 2026, 14:00–15:00 (Europe/Zurich)",
  },
  "interview.place": {
    description: "Where it happens, as the hiring team wrote it (never a link)",
    sample: "Room 4.12, Northlight Zurich",
  },
  "interview.note": {
    description: "The hiring team's note for the candidate, when there is one",
    sample: "Please bring a short summary of your thesis.",
    type: "multiline",
    optional: true,
  },
  "application.url": {
    description: "Link to the candidate's page for this application",
    sample: SAMPLE.applicationUrl,
    type: "url",
  },
} as const;

const interviewDetails = [
  "What: {{interview.kind}}",
  "When: {{interview.when}}",
  "Where: {{interview.place}}",
  "",
  "A note from the hiring team:",
  "{{interview.note}}",
];

/** What staff are told about an offer waiting for, or given, approval. */
const offerReviewFields = {
  "staff.name": {
    description: "The name of the staff member the message is for",
    sample: "Grace Hopper",
  },
  "drafter.name": { description: "Who drafted the offer", sample: "Rita Recruiter" },
  "approver.name": { description: "Who approved the offer", sample: "Alan Admin" },
  "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
  "opening.title": { description: "The title of the role", sample: SAMPLE.opening },
  "offer.title": { description: "The position offered", sample: "Research Scientist" },
  "offer.url": {
    description: "Link to the offer on the application's hiring page",
    sample: "https://careers.example.org/recruit/applications/42/hiring",
    type: "url",
  },
} as const;

export const HIRING_EMAILS = {
  "interview.invitation": defineEmail({
    description:
      "Sent to a candidate when an interview is scheduled, with a calendar invitation attached.",
    audience: "candidate",
    fields: interviewFields,
    defaults: {
      en: {
        subject: "Interview invitation: {{interview.kind}} for {{opening.title}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          'The hiring team would like to invite you to an interview for "{{opening.title}}" at {{org.name}}.',
          "",
          ...interviewDetails,
          "",
          "If the time does not suit you, propose other times from your application page: {{application.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "interview.updated": defineEmail({
    description:
      "Sent to a candidate when an interview moves or changes, with the updated calendar invitation.",
    audience: "candidate",
    fields: interviewFields,
    defaults: {
      en: {
        subject: "Interview updated: {{interview.kind}} for {{opening.title}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          'Your interview for "{{opening.title}}" at {{org.name}} has changed. The new details are below; the attached invitation updates the one in your calendar.',
          "",
          ...interviewDetails,
          "",
          "If the time does not suit you, propose other times from your application page: {{application.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "interview.cancelled": defineEmail({
    description:
      "Sent to a candidate when an interview is cancelled, with a calendar cancellation attached.",
    audience: "candidate",
    fields: interviewFields,
    defaults: {
      en: {
        subject: "Interview cancelled: {{interview.kind}} for {{opening.title}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          'Your interview for "{{opening.title}}" ({{interview.kind}}), planned for {{interview.when}}, has been cancelled. The attached notice removes it from your calendar. The hiring team will be in touch if they would like to find another time.',
          "",
          "Your application: {{application.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "offer.sent": defineEmail({
    description: "Sent to a candidate when an approved offer is sent to them.",
    audience: "candidate",
    fields: {
      "candidate.name": { description: "The candidate's full name", sample: SAMPLE.name },
      "candidate.firstName": {
        description: "The first word of their name",
        sample: SAMPLE.firstName,
      },
      "opening.title": {
        description: "The title of the role they applied for",
        sample: SAMPLE.opening,
      },
      "offer.title": {
        description: "The position offered",
        sample: "Research Scientist (Level 2)",
      },
      "offer.expires": {
        description: "The date until which they can accept",
        sample: "1 December 2026",
      },
      "application.url": {
        description: "Link to the candidate's page for this application, where they answer",
        sample: SAMPLE.applicationUrl,
        type: "url",
      },
    },
    defaults: {
      en: {
        subject: "An offer from {{org.name}}: {{offer.title}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          'We are delighted to offer you the position of {{offer.title}}, following your application for "{{opening.title}}".',
          "",
          "Read the offer and accept or decline it on your application page before {{offer.expires}}:",
          "{{application.url}}",
          "",
          "Take the time you need and ask the hiring team any questions you have.",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "offer.approvalRequested": defineEmail({
    description:
      "Sent to every admin but the drafter when an offer is drafted: it waits for one of them to approve it.",
    audience: "staff",
    fields: offerReviewFields,
    defaults: {
      en: {
        subject: "An offer waits for your approval: {{candidate.name}}, {{opening.title}}",
        body: [
          "Hello {{staff.name}},",
          "",
          '{{drafter.name}} drafted an offer to {{candidate.name}} for "{{opening.title}}": {{offer.title}}. It can only be sent once an admin other than the drafter approves it.',
          "",
          "Read and approve it here: {{offer.url}}",
          "",
          "Offers waiting for approval are also listed on the admin overview.",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "offer.approved": defineEmail({
    description: "Sent to the person who drafted an offer when an admin approves it.",
    audience: "staff",
    fields: offerReviewFields,
    defaults: {
      en: {
        subject: "Offer approved: {{candidate.name}}, {{opening.title}}",
        body: [
          "Hello {{staff.name}},",
          "",
          '{{approver.name}} approved your offer to {{candidate.name}} for "{{opening.title}}": {{offer.title}}. It is ready to send.',
          "",
          "Send it here: {{offer.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "offer.returned": defineEmail({
    description:
      "Sent to the person who drafted an offer when an admin sends it back with a reason instead of approving it.",
    audience: "staff",
    fields: {
      ...offerReviewFields,
      "approver.name": { description: "Who sent the offer back", sample: "Alan Admin" },
      "offer.returnReason": {
        description: "Why the offer was sent back, as the approver wrote it",
        sample: "The salary is below the band for this grade; please check with HR.",
      },
    },
    defaults: {
      en: {
        subject: "Offer sent back: {{candidate.name}}, {{opening.title}}",
        body: [
          "Hello {{staff.name}},",
          "",
          '{{approver.name}} sent your offer to {{candidate.name}} for "{{opening.title}}" back without approving it: {{offer.title}}.',
          "",
          "Their reason: {{offer.returnReason}}",
          "",
          "Draft a corrected offer here: {{offer.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
} as const;

function interviewValues(f: InterviewMailFacts) {
  return {
    "candidate.name": f.candidateName,
    "candidate.firstName": firstNameOf(f.candidateName),
    "opening.title": f.openingTitle,
    "interview.kind": INTERVIEW_KIND_LABELS[f.kind],
    "interview.when": f.when,
    "interview.place": f.place,
    "interview.note": f.note,
    "application.url": f.link,
  };
}

export function interviewInvitationEmail(f: InterviewMailFacts & { change: "new" | "moved" }) {
  return outgoing(
    HIRING_EMAILS,
    f.change === "new" ? "interview.invitation" : "interview.updated",
    { to: f.to, values: interviewValues(f), calendar: f.calendar },
  );
}

export function interviewCancelledEmail(f: InterviewMailFacts) {
  return outgoing(HIRING_EMAILS, "interview.cancelled", {
    to: f.to,
    values: interviewValues(f),
    calendar: f.calendar,
  });
}

export function offerSentEmail(f: {
  to: string;
  candidateName: string;
  openingTitle: string;
  offerTitle: string;
  expires: string;
  link: string;
}) {
  return outgoing(HIRING_EMAILS, "offer.sent", {
    to: f.to,
    values: {
      "candidate.name": f.candidateName,
      "candidate.firstName": firstNameOf(f.candidateName),
      "opening.title": f.openingTitle,
      "offer.title": f.offerTitle,
      "offer.expires": f.expires,
      "application.url": f.link,
    },
  });
}

/** The facts of an offer for the approval messages to staff. */
export type OfferReviewFacts = {
  to: string;
  staffName: string;
  drafterName: string;
  approverName: string | null;
  candidateName: string;
  openingTitle: string;
  offerTitle: string;
  link: string;
};

function offerReviewValues(f: OfferReviewFacts) {
  return {
    "staff.name": f.staffName,
    "drafter.name": f.drafterName,
    "approver.name": f.approverName ?? "",
    "candidate.name": f.candidateName,
    "opening.title": f.openingTitle,
    "offer.title": f.offerTitle,
    "offer.url": f.link,
  };
}

export function offerApprovalRequestedEmail(f: OfferReviewFacts) {
  return outgoing(HIRING_EMAILS, "offer.approvalRequested", {
    to: f.to,
    values: offerReviewValues(f),
  });
}

export function offerReturnedEmail(f: OfferReviewFacts & { reason: string }) {
  return outgoing(HIRING_EMAILS, "offer.returned", {
    to: f.to,
    values: { ...offerReviewValues(f), "offer.returnReason": f.reason },
  });
}

export function offerApprovedEmail(f: OfferReviewFacts) {
  return outgoing(HIRING_EMAILS, "offer.approved", { to: f.to, values: offerReviewValues(f) });
}
