/**
 * The parts of the password policy that need no server (so Conform can check
 * them in the browser too): length counted in Unicode code points after NFC,
 * 8 to 128; no control characters; not only spaces. The common-password check
 * is app/auth/password-policy.server.ts.
 */
import type { z } from "zod";
import { passwordField } from "~/utils/form-fields";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Normalises a password the same way for hashing, verifying and checking (NFC). */
export function normalizePassword(password: string): string {
  return password.normalize("NFC");
}

/** Number of Unicode code points (an emoji counts once, not twice). */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** What is wrong with the shape of a new password, or null. */
export function passwordShapeProblem(password: string): string | null {
  const value = normalizePassword(password);
  const length = codePointLength(value);
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    return "Do not use control characters (such as tabs or line breaks).";
  if (value.trim() === "") return "A password of only spaces is easy to guess. Add some words.";
  return null;
}

/**
 * A new password field: required, then `check` (the shape rules in the
 * browser; the server passes the whole policy, passwordProblem).
 */
export function newPasswordField(
  requiredMessage: string,
  check: (password: string) => string | null = passwordShapeProblem,
) {
  return passwordField(requiredMessage).superRefine((value, ctx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

const PASSWORDS_DIFFER = "The two passwords do not match.";

/**
 * Adds "the two passwords match" to a form schema, reported with the other
 * fields' errors (not only once they are all valid).
 */
export function confirmingPassword<T extends z.ZodObject>(
  schema: T,
  { password, confirm }: { password: string; confirm: string },
) {
  return schema.refine((value: Record<string, unknown>) => value[password] === value[confirm], {
    path: [confirm],
    message: PASSWORDS_DIFFER,
    when: ({ value }) => {
      const v = value as Record<string, unknown> | undefined;
      return typeof v?.[password] === "string" && typeof v?.[confirm] === "string";
    },
  });
}
