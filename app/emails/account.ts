/**
 * Emails about a person's own account: the welcome after sign-up, the
 * password-reset link, and the invitation that links a researcher's profile
 * to an account. A reset link carries a secret token: it goes in this
 * email and nowhere else (never a log; the outbox page hides it).
 */
import { defineEmail, firstNameOf, outgoing, SAMPLE, SIGN_OFF } from "./kind";

export const ACCOUNT_EMAILS = {
  "account.welcome": defineEmail({
    description:
      "Sent when someone creates a candidate account, on the sign-up page or while applying.",
    audience: "account",
    fields: {
      "candidate.name": { description: "The new account holder's full name", sample: SAMPLE.name },
      "candidate.firstName": {
        description: "The first word of their name",
        sample: SAMPLE.firstName,
      },
      "careers.url": {
        description: "Link to the open roles",
        sample: "https://careers.example.org/careers",
        type: "url",
      },
      "account.url": {
        description: "Link to their account page",
        sample: "https://careers.example.org/account",
        type: "url",
      },
      "forgotPassword.url": {
        description: "Link to the page that sends a password-reset link",
        sample: "https://careers.example.org/forgot-password",
        type: "url",
      },
    },
    defaults: {
      en: {
        subject: "Welcome to {{org.name}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          "Your {{org.name}} account is ready. With it you can apply to research roles and follow each application until a decision.",
          "",
          "The roles open now:",
          "{{careers.url}}",
          "",
          "Your account, where you can change your password, turn on two-factor sign-in, download your data or delete the account:",
          "{{account.url}}",
          "",
          "If you did not create this account, someone typed your address by mistake. Reset its password here and then delete it from the account page:",
          "{{forgotPassword.url}}",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "account.passwordReset": defineEmail({
    description: "Sent when someone asks for a password-reset link for an existing account.",
    audience: "account",
    fields: {
      "user.name": { description: "The account holder's full name", sample: SAMPLE.name },
      "user.firstName": { description: "The first word of their name", sample: SAMPLE.firstName },
      "reset.url": {
        description: "The one-time link that lets them choose a new password (valid for an hour)",
        sample: "https://careers.example.org/reset-password?token=sample",
        type: "url",
      },
    },
    defaults: {
      en: {
        subject: "Reset your {{org.name}} password",
        body: [
          "Hello {{user.name}},",
          "",
          "Someone (hopefully you) asked to reset the password of your {{org.name}} account.",
          "To choose a new password, open this link within the next hour:",
          "",
          "{{reset.url}}",
          "",
          "The link works once. If you did not ask for this, you can ignore this email: your password stays as it is.",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "account.researcherInvitation": defineEmail({
    description:
      "Sent when an admin invites a researcher to link their directory profile to an account, to the staff email on the profile.",
    audience: "staff",
    fields: {
      "researcher.name": {
        description: "The researcher's name as on their profile",
        sample: SAMPLE.name,
      },
      "inviter.name": {
        description: "The admin who sent the invitation",
        sample: "Priya Natarajan",
      },
      "invitation.url": {
        description:
          "The one-time link that links the profile to an account (valid for seven days)",
        sample: "https://careers.example.org/invitation?token=sample",
        type: "url",
      },
    },
    defaults: {
      en: {
        subject: "Link your {{org.name}} profile to an account",
        body: [
          "Hello {{researcher.name}},",
          "",
          "{{inviter.name}} invited you to link your profile in the {{org.name}} directory to an account, so that you can sign in as yourself — for example to review candidates when you are on a hiring team.",
          "",
          "To accept, open this link within the next seven days:",
          "",
          "{{invitation.url}}",
          "",
          "If you already have an account with this address, sign in when asked and your profile is linked to it. Otherwise you choose a password and the account is created.",
          "",
          "If you did not expect this, you can ignore this email.",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
  "account.orcidEmailVerification": defineEmail({
    description:
      "Sent when someone signs in with ORCID for the first time and gives the email address their account will use: the link proves the address before the account exists.",
    audience: "account",
    fields: {
      "candidate.name": {
        description: "The name ORCID gave (or the one typed in)",
        sample: SAMPLE.name,
      },
      "orcid.id": {
        description: "The ORCID iD they signed in with",
        sample: "0000-0002-1825-0097",
      },
      "verify.url": {
        description:
          "The one-time link that confirms the address (valid for one hour, in the same browser)",
        sample: "https://careers.example.org/auth/orcid/verify?token=sample",
        type: "url",
      },
    },
    defaults: {
      en: {
        subject: "Confirm your email address for {{org.name}}",
        body: [
          "Hello {{candidate.name}},",
          "",
          "You signed in to {{org.name}} with your ORCID iD {{orcid.id}} and asked us to use this email address for your account.",
          "",
          "To confirm it, open this link within the next hour, in the browser where you signed in with ORCID:",
          "",
          "{{verify.url}}",
          "",
          "If this was not you, you can ignore this email: no account is created without the link.",
          "",
          SIGN_OFF,
        ].join("\n"),
      },
    },
  }),
} as const;

/** To someone signing up with ORCID: the link that proves their email address. */
export function orcidEmailVerificationEmail(input: {
  to: string;
  name: string;
  orcid: string;
  verifyUrl: string;
}) {
  return outgoing(ACCOUNT_EMAILS, "account.orcidEmailVerification", {
    to: input.to,
    values: {
      "candidate.name": input.name,
      "orcid.id": input.orcid,
      "verify.url": input.verifyUrl,
    },
  });
}

/** To a new account holder: welcome, and where to go next. `origin` is the public address. */
export function welcomeEmail(input: { user: { name: string; email: string }; origin: string }) {
  const { user, origin } = input;
  return outgoing(ACCOUNT_EMAILS, "account.welcome", {
    to: user.email,
    values: {
      "candidate.name": user.name,
      "candidate.firstName": firstNameOf(user.name),
      "careers.url": `${origin}/careers`,
      "account.url": `${origin}/account`,
      "forgotPassword.url": `${origin}/forgot-password`,
    },
  });
}

export function passwordResetEmail(input: {
  user: { name: string; email: string };
  resetUrl: string;
}) {
  const { user, resetUrl } = input;
  return outgoing(ACCOUNT_EMAILS, "account.passwordReset", {
    to: user.email,
    values: {
      "user.name": user.name,
      "user.firstName": firstNameOf(user.name),
      "reset.url": resetUrl,
    },
  });
}

/** To a researcher's staff email: the link that connects their profile to an account. */
export function researcherInvitationEmail(input: {
  researcher: { name: string };
  to: string;
  inviterName: string;
  invitationUrl: string;
}) {
  return outgoing(ACCOUNT_EMAILS, "account.researcherInvitation", {
    to: input.to,
    values: {
      "researcher.name": input.researcher.name,
      "inviter.name": input.inviterName,
      "invitation.url": input.invitationUrl,
    },
  });
}
