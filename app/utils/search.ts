/**
 * Turns what a person typed into a safe FTS5 MATCH expression.
 *
 * Users never write FTS syntax: quotes, operators (`NEAR(`, `AND`, `*`, `:`),
 * and column filters are stripped, each remaining word becomes a quoted
 * phrase, and the last word gets a prefix match so results appear as a name
 * is typed. Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string | null | undefined, maxTerms = 8): string | null {
  if (!input) return null;
  const words = input
    .slice(0, 200)
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, maxTerms);
  if (words.length === 0) return null;
  // A prefix search on a single character would scan every term; only prefix 2+ characters.
  return words
    .map((w, i) => (i === words.length - 1 && [...w].length >= 2 ? `"${w}"*` : `"${w}"`))
    .join(" ");
}

/** Clamps a `page` query parameter to 1..max; junk becomes 1. */
export function parsePage(value: string | null | undefined, max = 10_000): number {
  if (!value || !/^\d{1,6}$/.test(value)) return 1;
  const n = Number(value);
  return Math.min(Math.max(n, 1), max);
}

/** Trims a free-text query parameter to something reasonable to echo back. */
export function parseQuery(value: string | null | undefined): string {
  return (value ?? "").slice(0, 200).trim();
}
