/**
 * Texts of the emails about a person's own account. A reset link carries a
 * secret token: it goes in this email and nowhere else (never a log).
 */
import type { Email } from "~/utils/mailer.server";
import { ORG_NAME } from "~/utils/site";
import { SIGN_OFF } from "./sign-off";

export function passwordResetEmail(input: {
  user: { name: string; email: string };
  resetUrl: string;
}): Email {
  const { user, resetUrl } = input;
  return {
    to: user.email,
    subject: `Reset your ${ORG_NAME} password`,
    text: [
      `Hello ${user.name},`,
      "",
      `Someone (hopefully you) asked to reset the password of your ${ORG_NAME} account.`,
      "To choose a new password, open this link within the next hour:",
      "",
      resetUrl,
      "",
      "The link works once. If you did not ask for this, you can ignore this email: your password stays as it is.",
      "",
      SIGN_OFF,
    ].join("\n"),
  };
}
