/**
 * The password policy (OWASP ASVS 2.1 / NIST SP 800-63B): length counted in
 * Unicode code points after NFC normalisation, 8 to 128; no composition rules;
 * refused when it is one of the 10,000 most common passwords or the account's
 * own email address.
 *
 * common-passwords.txt: the first 10,000 distinct entries (lower-cased, in
 * frequency order) of `passwords.json` in the npm package
 * @zxcvbn-ts/language-common 4.1.3 (MIT licence, © 2012-2016 Dan Wheeler and
 * Dropbox, Inc., © 2021 @zxcvbn-ts). See app/auth/README.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rules";

export { PASSWORD_MAX, PASSWORD_MIN };

/** The project root: walk up from this module (app/auth, or build/ once bundled) to package.json. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error("Could not find the project root (package.json) from " + import.meta.url);
}

let common: Set<string> | undefined;

/** The common-password list, read once per process. */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(path.join(projectRoot(), "app", "auth", "common-passwords.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}

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

/**
 * What is wrong with a new password, or null when it is acceptable.
 * `email` is the account's (normalised) email address, when known.
 */
export function passwordProblem(password: string, email?: string | null): string | null {
  const value = normalizePassword(password);
  const length = codePointLength(value);
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    return "Do not use control characters (such as tabs or line breaks).";
  const lower = value.toLowerCase();
  if (commonPasswords().has(lower)) {
    return "This is one of the most commonly used passwords. Choose one that is harder to guess.";
  }
  if (email && lower === email.normalize("NFC").toLowerCase()) {
    return "Do not use your email address as your password.";
  }
  return null;
}
