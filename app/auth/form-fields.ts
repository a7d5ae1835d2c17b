/**
 * The field schemas the account forms share. Not a .server module: route
 * modules build their form schemas from these at module level, and that code
 * also runs in the browser bundle.
 */
import { z } from "zod";
import { safeRedirect } from "./redirect";

/** A zod error message that says why a field is not plain text. */
function textError(requiredMessage: string) {
  return (issue: { input?: unknown }) => {
    if (issue.input === undefined) return requiredMessage;
    if (Array.isArray(issue.input)) return "This field was sent more than once. Send it once.";
    return "This field must be text.";
  };
}

/** A required text field: trimmed, NFC-normalised, with messages for missing, duplicated and non-text input. */
export function textField(requiredMessage: string) {
  return z
    .string({ error: textError(requiredMessage) })
    .trim()
    .normalize("NFC")
    .min(1, { error: requiredMessage, abort: true });
}

// Control characters and bidirectional overrides (which can disguise a name) are refused.
// eslint-disable-next-line no-control-regex
const ODD_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A person's name: 1–100 characters, no control or direction-changing characters. */
export const NameSchema = textField("Enter your name.")
  .max(100, { error: "Use at most 100 characters.", abort: true })
  .refine(
    (v) => !ODD_CHARACTERS.test(v),
    "Use letters, spaces and punctuation only (no control characters).",
  );

/** An email address: trimmed, NFC, lower-cased, at most 254 characters. */
export const EmailSchema = textField("Enter your email address.")
  .toLowerCase()
  .max(254, { error: "Use at most 254 characters.", abort: true })
  .pipe(z.email("Enter a valid email address, like name@example.com."));

/** A password as typed (not trimmed: spaces count). The policy is checked separately. */
export function passwordField(requiredMessage = "Enter your password.") {
  return (
    z
      .string({ error: textError(requiredMessage) })
      .min(1, { error: requiredMessage, abort: true })
      // Longer than any acceptable password: refuse before hashing megabytes.
      .max(1000, { error: "Use at most 128 characters.", abort: true })
  );
}

/** `redirectTo`: whatever was sent, reduced to a same-origin path ("/" otherwise). */
export const RedirectToSchema = z.unknown().transform((v) => safeRedirect(v));
