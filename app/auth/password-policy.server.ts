/**
 * The password policy (OWASP ASVS 6.2 / NIST SP 800-63B): the shape rules of
 * ./password-rules (8–128 code points after NFC, no control characters, not
 * only spaces); no composition rules; refused when it is one of the 10,000
 * most common passwords, or one with only the small changes people make to
 * pass composition rules (capitals, digits, a year or symbols around it,
 * leetspeak such as `p@ssw0rd`), or the account's own email address. All
 * offline: nothing leaves the server.
 *
 * common-passwords.txt: the first 10,000 distinct entries (lower-cased, in
 * frequency order) of `passwords.json` in the npm package
 * @zxcvbn-ts/language-common 4.1.3 (MIT licence, © 2012-2016 Dan Wheeler and
 * Dropbox, Inc., © 2021 @zxcvbn-ts). See app/auth/README.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { codePointLength, normalizePassword, passwordShapeProblem } from "./password-rules";

export { codePointLength };

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

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
  "+": "t",
};
/** Leetspeak read back as letters; `one` is what "1" stands for ("i" or "l"). */
function unleet(value: string, one: "i" | "l"): string {
  return value.replace(/[0134578@$!|+9]/g, (c) => (c === "1" ? one : LEET[c]));
}
/** Without the digits, years and symbols people add before or after a word. */
function core(value: string): string {
  return value.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
}
/** A core shorter than this is not compared ("ass", "mad" are in the list as words). */
const MIN_CORE = 4;

/**
 * The forms of a password to look up in the list: as typed (lower-cased and
 * trimmed), without what was added around it, and read as leetspeak.
 */
function guessableForms(password: string): string[] {
  const lower = normalizePassword(password).toLowerCase().trim();
  const forms = new Set([lower]);
  for (const base of [lower, core(lower)]) {
    for (const one of ["i", "l"] as const) {
      const letters = unleet(base, one);
      forms.add(letters);
      forms.add(core(letters));
    }
    forms.add(base);
  }
  return [...forms].filter((f) => f === lower || codePointLength(f) >= MIN_CORE);
}

const COMMON_PASSWORD =
  "This is one of the most commonly used passwords, or one with only small changes (capitals, a number or year, symbols for letters). Choose one that is harder to guess: a few unrelated words work well.";

/**
 * What is wrong with a new password, or null when it is acceptable.
 * `email` is the account's (normalised) email address, when known.
 */
export function passwordProblem(password: string, email?: string | null): string | null {
  const shape = passwordShapeProblem(password);
  if (shape) return shape;
  const list = commonPasswords();
  if (guessableForms(password).some((form) => list.has(form))) return COMMON_PASSWORD;
  const lower = normalizePassword(password).toLowerCase();
  if (email && lower === email.normalize("NFC").toLowerCase()) {
    return "Do not use your email address as your password.";
  }
  return null;
}
