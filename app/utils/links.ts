/**
 * The rules for the external links a researcher profile shows, as plain
 * functions: the profile form's schema (researcher-form.tsx) and the model
 * that copies a hired candidate's links (researcher-admin.server.ts) apply
 * the same ones.
 */

export const MAX_LINK_LENGTH = 300;

/** A full http(s) address without white space, at most 300 characters. */
export function isWebAddress(value: string): boolean {
  return value.length <= MAX_LINK_LENGTH && /^https?:\/\/[^\s]+$/i.test(value);
}

/** An ORCID iD written as 0000-0002-1825-0097 (the last character may be X). */
export function isOrcidId(value: string): boolean {
  return /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(value);
}

/**
 * Whether an ORCID iD's last character is the ISO 7064 mod 11-2 check
 * character of its fifteen digits, as ORCID issues them: a typo in a copied
 * iD (one wrong or two swapped digits) fails it.
 */
export function hasOrcidChecksum(value: string): boolean {
  if (!isOrcidId(value)) return false;
  const digits = value.replace(/-/g, "");
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits[15] === (check === 10 ? "X" : String(check));
}

const SOCIAL_SITES: Array<[RegExp, string]> = [
  [/(^|\.)linkedin\.com$/, "LinkedIn"],
  [/(^|\.)github\.com$/, "GitHub"],
  [/(^|\.)gitlab\.com$/, "GitLab"],
  [/(^|\.)(x|twitter)\.com$/, "X"],
  [/(^|\.)bsky\.app$/, "Bluesky"],
  [/(^|\.)(youtube\.com|youtu\.be)$/, "YouTube"],
  [/(^|\.)instagram\.com$/, "Instagram"],
  [/(^|\.)facebook\.com$/, "Facebook"],
  [/(^|\.)huggingface\.co$/, "Hugging Face"],
  [/(^|\.)threads\.net$/, "Threads"],
];

/**
 * The name to show for one of the organisation's profiles elsewhere: the
 * site's name when it is a well-known one, "Mastodon" for a fediverse
 * handle (/@name), otherwise the host name.
 */
export function socialLabel(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const host = parsed.hostname.replace(/^www\./, "");
  for (const [pattern, label] of SOCIAL_SITES) if (pattern.test(host)) return label;
  if (/^\/@[^/]+\/?$/.test(parsed.pathname)) return "Mastodon";
  return host;
}
