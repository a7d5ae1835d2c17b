/**
 * The field schemas every form builds on, and the one text normaliser every
 * stored text goes through. Not a .server module: route modules build their
 * form schemas from these at module level, and Conform runs the same schemas
 * in the browser.
 *
 * Text rules (one place, for every field):
 * - NFC normalisation, surrounding white space trimmed;
 * - NUL and other C0/C1 control characters refused;
 * - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
 *   zero-width characters (U+200B–U+200F, U+2060, U+FEFF) refused, since they
 *   disguise what staff read;
 * - line breaks only in multi-line fields (CR LF and CR become LF there).
 */
import { z } from "zod";
import { safeRedirect } from "~/utils/redirect";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\n\r\u2028\u2029\u0085]/;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** Why `value` cannot be stored as text, or null when it can. */
export function textProblem(value: string, { multiline = false } = {}): string | null {
  if (CONTROL.test(value) || (!multiline && /\t/.test(value)))
    return "Remove control characters (such as NUL or tab) from this field.";
  if (!multiline && LINE_BREAK.test(value)) return "Keep this field on one line.";
  if (INVISIBLE.test(value))
    return "Remove invisible or direction-changing characters from this field.";
  return null;
}

/** NFC, trimmed, and (multi-line) with every line break as LF. */
export function normaliseText(value: string, { multiline = false } = {}): string {
  const nfc = value.normalize("NFC");
  return (multiline ? nfc.replace(/\r\n?/g, "\n") : nfc).trim();
}

/** A zod error message that says why a field is not plain text. */
function textError(requiredMessage: string) {
  return (issue: { input?: unknown }) => {
    if (issue.input === undefined) return requiredMessage;
    if (Array.isArray(issue.input)) return "This field was sent more than once. Send it once.";
    return "This field must be text.";
  };
}

type TextOptions = { min?: number; max?: number; multiline?: boolean };

/** Normalised text with the shared rules; empty input stays "" (see `textField` for required). */
function cleanText(
  requiredMessage: string,
  { min = 0, max = 200, multiline = false }: TextOptions,
) {
  return z
    .string({ error: textError(requiredMessage) })
    .transform((v) => normaliseText(v, { multiline }))
    .superRefine((v, ctx) => {
      const problem = textProblem(v, { multiline });
      if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
      else if (v.length > max)
        ctx.addIssue({ code: "custom", message: `Use at most ${max} characters.`, abort: true });
      else if (v.length > 0 && v.length < min)
        ctx.addIssue({ code: "custom", message: `Use at least ${min} characters.`, abort: true });
    });
}

/**
 * A required text field: normalised, one line unless `multiline`, at most
 * `max` characters (default 200), with messages for missing, duplicated and
 * non-text input.
 */
export function textField(requiredMessage: string, options: TextOptions = {}) {
  return cleanText(requiredMessage, options).refine((v) => v.length > 0, {
    message: requiredMessage,
  });
}

/**
 * An optional text field: a missing or blank field is "". Conform sends an
 * empty input as undefined, so the default keeps the value a string.
 */
export function optionalTextField(options: TextOptions = {}) {
  return cleanText("", options).optional().default("");
}

// Full stops as mail clients read them in host names (ASCII, ideographic, full-width, half-width).
const DOT = "[.\\u3002\\uff0e\\uff61]";
const LINK_SHAPES = [
  /:\/\//, // a scheme: https://, ftp://
  /\bwww\d*\s*[.\u3002\uff0e\uff61]/i,
  /@/, // an email address becomes a mailto: link
  /\b(?:https?|ftp|mailto)\s*:/i,
  /\d{1,3}[.]\d{1,3}[.]\d{1,3}[.]\d{1,3}/, // an IPv4 address
  // A host name: letters or digits, a full stop with no space after it, two or more letters.
  new RegExp(`[\\p{L}\\p{N}-]${DOT}[\\p{L}]{2,}`, "u"),
];

/**
 * True when `value` holds something a mail client would turn into a link: a
 * URL, an email address, or a host name such as "example.com". Names that
 * reach other people's inboxes (a candidate's, a referee's) must not carry a
 * link of the candidate's choosing.
 */
export function hasLink(value: string): boolean {
  return LINK_SHAPES.some((shape) => shape.test(value));
}

/** The refusal for a name with a link in it, with the way out for "Dr.Smith". */
export const NAME_LINK_MESSAGE =
  "A name cannot contain a web address or an email address. If this is a name, put a space after each full stop (“Dr. Smith”).";

/**
 * A person's name as other people read it (in emails too): the text rules,
 * at most `max` characters, and no link (hasLink).
 */
export function personNameField(requiredMessage: string, max = 100) {
  return textField(requiredMessage, { max }).refine((v) => !hasLink(v), {
    message: NAME_LINK_MESSAGE,
  });
}

/** A person's name: 1–100 characters under the shared text rules, without links. */
export const NameSchema = personNameField("Enter your name.");

/** An email address: trimmed, NFC, lower-cased, at most 254 characters. */
export const EmailSchema = textField("Enter your email address.", { max: 254 })
  .transform((v) => v.toLowerCase())
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
export const RedirectToSchema = z
  .unknown()
  .optional()
  .transform((v) => safeRedirect(v));
