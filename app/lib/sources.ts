/**
 * One spelling per application source. The apply form offers fixed choices,
 * but older rows, imports and free text spell the careers site several ways
 * ("Our website", "careers site"…); reports and new applications use the
 * canonical choice. Browser-safe (no database).
 */

/**
 * "How did you hear about this role?" choices; "other" asks for free text.
 * They are stored as written, so they name no organisation (a rename would
 * split the reports); the first is CAREERS_SITE_SOURCE below.
 */
export const SOURCE_OPTIONS = [
  "Our careers site",
  "One of our researchers",
  "A conference, talk or paper",
  "A university or job board",
  "Social media",
  "A friend or colleague",
] as const;

/** The canonical choice; it names no organisation, so a rename leaves stored answers right. */
export const CAREERS_SITE_SOURCE = "Our careers site";

const key = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Spellings of the careers site, compared after `key` (also listed in the report_cache migration). */
const CAREERS_SITE_SPELLINGS = new Set(
  [
    "our website",
    "website",
    "the website",
    "careers site",
    "career site",
    "the careers site",
    "our careers site",
    "careers page",
    "careers website",
    "jobs page",
    // How the demo organisation's careers site was written before it was a setting.
    "northlight careers site",
    "northlight research careers site",
    "the northlight research careers site",
    CAREERS_SITE_SOURCE,
  ].map(key),
);

/** The canonical spelling of a source ("" stays ""); other text is only trimmed. */
export function normaliseSource(raw: string): string {
  const trimmed = raw.trim().replace(/\s+/g, " ");
  if (!trimmed) return "";
  return CAREERS_SITE_SPELLINGS.has(key(trimmed)) ? CAREERS_SITE_SOURCE : trimmed;
}
