/**
 * The one BibTeX reader, for every import (a candidate's profile, the apply
 * form, an admin's import for a researcher). Parsing is Better BibTeX's
 * parser (@retorquere/bibtex-parser): @string macros and concatenation,
 * @comment and @preamble, crossref inheritance, LaTeX accents, commands and
 * math to Unicode, name parts (von, Jr.). This module turns what it returns
 * into ImportedPublication: plain text, one venue per entry type, the fields
 * Atrium has no column for kept in `extra`, and a problem with a line number
 * for every entry it could not read.
 *
 * The parser runs in a worker thread with a time limit (bibtex-parse.server.ts);
 * a file that takes too long is refused.
 */
import {
  parseInWorker,
  type RawCreator as Creator,
  type RawEntry,
  type RawValue,
} from "./bibtex-parse.server";
import {
  MAX_AUTHORS,
  MAX_EXTRA_FIELDS,
  MAX_EXTRA_LENGTH,
  venueField,
  type ImportedPublication,
  type PublicationExtra,
  type PublicationName,
} from "./publication-entry";

export type ReadProblem = { line: number | null; message: string };

export type BibtexRead =
  | { ok: true; entries: ImportedPublication[]; problems: ReadProblem[] }
  | { ok: false; error: string };

/** Entries a file may hold (crossref targets and @string lines not counted). */
export const MAX_BIBTEX_ENTRIES = 500;
const DEFAULT_TIME_LIMIT_MS = 20_000;

// ── text ──

// The parser marks up what LaTeX formats (italics, small caps, links,
// sub/superscripts it has no Unicode for); Atrium stores plain text.
const MARKUP =
  /<\/?(?:i|b|code|br|p|li|ul|ol|blockquote|h[1-6])>|<span (?:style="font-variant:small-caps;"|class="nocase")>|<\/span>|<a href="[^"]*">|<\/a>/g;
// Characters the text rules refuse (form-fields.ts): control, invisible and direction-changing.
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** Plain, NFC, one-line text from a parsed value. */
function plain(value: string): string {
  return (
    value
      .replace("LᴬT<sub>E</sub>X", "LaTeX")
      .replace(/<(sup|sub)>(.*?)<\/\1>/g, (_m, tag: string, inner: string) =>
        tag === "sup" ? `^${inner}` : `_${inner}`,
      )
      .replace(MARKUP, "")
      // An accent on nothing (\^{}, \~{}) is the character itself, not a
      // combining mark on the space the parser puts before it.
      .replace(/(?:^| )\u0302/g, "^")
      .replace(/(?:^| )\u0303/g, "~")
      // A dotless i or j under an accent ({\'\i}) is the dotted letter with it.
      .replace(/ı(?=\p{M})/gu, "i")
      .replace(/ȷ(?=\p{M})/gu, "j")
      .normalize("NFC")
      .replace(UNSTORABLE, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function textOf(value: RawValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return plain(value);
  if (value.every((v) => typeof v === "string")) return plain((value as string[]).join(" and "));
  return "";
}

// ── names ──

const isOthers = (c: Creator) => {
  const whole = (c.name ?? [c.firstName, c.prefix, c.lastName].filter(Boolean).join(" "))
    .trim()
    .toLowerCase();
  return whole === "others" || whole === "et al." || whole === "et al" || whole === "al. et";
};

function nameOf(c: Creator): PublicationName | null {
  if (c.name !== undefined) {
    const literal = cut(plain(c.name), 300);
    return literal ? { literal } : null;
  }
  let family = cut(plain(c.lastName ?? ""), 200);
  let given = cut(plain(c.firstName ?? ""), 200);
  // DBLP tells namesakes apart with a number after the name ("Wei Zhang 0001"):
  // the number is not the family name.
  if (/^\d{4}$/.test(family) && given) {
    const words = given.split(" ");
    family = words.pop()!;
    given = words.join(" ");
  }
  const prefix = cut(plain(c.prefix ?? ""), 100);
  const suffix = cut(plain(c.suffix ?? ""), 50);
  if (!family) return given ? { family: given } : null;
  return {
    ...(given ? { given } : {}),
    ...(prefix ? { prefix } : {}),
    family,
    ...(suffix ? { suffix } : {}),
  };
}

/** A name list; "and others" (or a stray "et al.") becomes the flag, never a person. */
function namesOf(value: RawValue | undefined): { names: PublicationName[]; more: boolean } {
  if (!Array.isArray(value)) return { names: [], more: false };
  let more = false;
  const names: PublicationName[] = [];
  for (const c of value) {
    if (typeof c === "string") continue;
    if (isOthers(c)) more = true;
    else {
      const n = nameOf(c);
      if (n) names.push(n);
    }
  }
  if (names.length > MAX_AUTHORS) return { names: names.slice(0, MAX_AUTHORS), more: true };
  return { names, more };
}

const isCreators = (v: RawValue): v is Creator[] =>
  Array.isArray(v) && v.length > 0 && v.some((x) => typeof x === "object");

// ── fields ──

/** "10.1000/xyz" (bare, lower case) from a DOI, a doi: prefix or a doi.org URL; or null. */
export function normaliseDoi(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const bare = value
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, "")
    .toLowerCase();
  return /^10\.\d{4,9}\/\S+$/.test(bare) ? bare.slice(0, 200) : null;
}

const MONTHS = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
] as const;

function monthOf(value: string): number | null {
  const v = value.trim().toLowerCase();
  const n = Number(v.match(/^\d{1,2}/)?.[0]);
  if (n >= 1 && n <= 12) return n;
  const i = MONTHS.findIndex((m) => v.startsWith(m));
  return i >= 0 ? i + 1 : null;
}

const ARXIV_ID = /(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/;

/** Fields that become columns, or that no export should carry (local file paths, private notes). */
const NOT_EXTRA = new Set([
  "title",
  "author",
  "year",
  "month",
  "pages",
  "doi",
  "url",
  "eprint",
  "eprinttype",
  "archiveprefix",
  "arxivid",
  "crossref",
  "file",
  "owner",
  "timestamp",
  "groups",
  "annote",
  "annotation",
  "mendeley-groups",
  "mendeley-tags",
  "pdf",
  "local-url",
]);

/** Where the venue is found when the entry type's own field is missing (first match wins). */
const VENUE_FALLBACKS = [
  "journal",
  "journaltitle",
  "booktitle",
  "publisher",
  "howpublished",
  "school",
  "institution",
  "organization",
];

type Line = (input: string | undefined) => number | null;

function toPublication(
  entry: RawEntry,
  lineOf: Line,
  problems: ReadProblem[],
): ImportedPublication | null {
  let entryType = entry.type.toLowerCase();
  if (entryType === "conference") entryType = "inproceedings";
  if (!/^[a-z]{1,30}$/.test(entryType)) entryType = "misc";
  const fields = new Map(Object.entries(entry.fields).map(([k, v]) => [k.toLowerCase(), v]));
  const line = lineOf(entry.input);
  const label = entry.key ? `“${entry.key}”` : `@${entry.type}`;
  const title = cut(textOf(fields.get("title")), 500);
  if (!title) {
    problems.push({
      line,
      message: `${line ? `Line ${line}: the` : "The"} entry ${label} has no title, so it was left out.`,
    });
    return null;
  }
  const { names: authors, more: moreAuthors } = namesOf(fields.get("author"));

  const yearText = textOf(fields.get("year")) || textOf(fields.get("date"));
  const yearNumber = Number(yearText.match(/^\d{4}/)?.[0]);
  const year = yearNumber >= 1000 && yearNumber <= 2200 ? yearNumber : null;
  // BibLaTeX's date ("2021-05-03") gives the month when there is no month field.
  const monthText = textOf(fields.get("month")) || textOf(fields.get("date")).slice(5, 7);
  const month = monthText ? monthOf(monthText) : null;

  const pages = cut(textOf(fields.get("pages")), 100) || null;
  const urlText = typeof fields.get("url") === "string" ? (fields.get("url") as string).trim() : "";
  const url = /^https?:\/\/\S+$/i.test(urlText) && urlText.length <= 500 ? urlText : null;
  const doi = normaliseDoi(textOf(fields.get("doi"))) ?? normaliseDoi(url ?? "");

  // The venue lives in the type's own field; a file that put it elsewhere
  // (a @misc with a publisher) gives it from the first field that has one.
  const own = venueField(entryType);
  const venueFrom = [own, ...VENUE_FALLBACKS].find((f) => textOf(fields.get(f)));
  const venue = venueFrom ? cut(textOf(fields.get(venueFrom)), 300) : "";

  // An e-print from its fields, a Mendeley arxivId, Google Scholar's
  // "arXiv preprint arXiv:…" journal or an arxiv.org link.
  let eprint = textOf(fields.get("eprint")) || textOf(fields.get("arxivid")) || null;
  let eprintType =
    (textOf(fields.get("eprinttype")) || textOf(fields.get("archiveprefix"))).toLowerCase() || null;
  if (!eprint) {
    const fromVenue = /arxiv/i.test(venue) ? venue.match(ARXIV_ID)?.[1] : undefined;
    const fromUrl = url?.match(/arxiv\.org\/(?:abs|pdf)\/([^\s?#]+?)(?:\.pdf)?$/i)?.[1];
    eprint = fromVenue ?? fromUrl ?? null;
    if (eprint) eprintType = "arxiv";
  } else if (!eprintType && (textOf(fields.get("arxivid")) || ARXIV_ID.test(eprint))) {
    eprintType = "arxiv";
  }
  if (eprintType && !/^[a-z][a-z0-9-]{0,29}$/.test(eprintType)) eprintType = null;

  const extra: PublicationExtra = {};
  for (const [name, value] of fields) {
    if (Object.keys(extra).length >= MAX_EXTRA_FIELDS) break;
    if (NOT_EXTRA.has(name) || name === venueFrom) continue;
    if (!/^[a-z][a-z0-9_.:-]{0,39}$/.test(name)) continue;
    if (isCreators(value)) {
      const { names, more } = namesOf(value);
      if (names.length) extra[name] = more ? [...names, { literal: "others" }] : names;
      continue;
    }
    const text =
      name === "keywords" && Array.isArray(value)
        ? plain((value as string[]).join(", "))
        : textOf(value);
    if (text) extra[name] = cut(text, MAX_EXTRA_LENGTH);
  }

  const key = entry.key?.trim() ?? "";
  return {
    title,
    authors,
    moreAuthors,
    entryType,
    venue,
    year,
    month,
    pages,
    doi,
    url,
    eprint: eprint ? cut(eprint.replace(/^arxiv:/i, ""), 100) : null,
    eprintType: eprint ? eprintType : null,
    citationKey: /^[^\s,{}()"#%'=\\~]{1,100}$/.test(key) ? key : null,
    extra,
  };
}

/**
 * Why an entry could not be read, in words: an unclosed brace, quote or $
 * is what the parser's "Token mismatch", "Unterminated …", "Runaway key" and
 * "Unclosed math" come from; its own message follows, without its position.
 */
function reason(error: string, chunk: string | undefined): string {
  const bare = cut(
    error
      .replace(/\s+at line \d+, column \d+.*$/s, "")
      .replace(/\s+/g, " ")
      .trim(),
    120,
  );
  const key = chunk?.match(/^@\s*\w+\s*[{(]\s*([^,\s]+)/)?.[1];
  const what = key ? `the entry “${key}”` : "an entry";
  return /unterminated|mismatch|runaway|unclosed/i.test(bare)
    ? `${what} has a brace, quote or $ that is not closed (${bare})`
    : `${what}: ${bare}`;
}

/**
 * Reads a BibTeX file into publications. Entries the parser could not read,
 * entries without a title and @proceedings (or any entry) that others only
 * crossref are not offered; each unreadable one is a problem with its line.
 * The file is refused only when it yields no publication at all, with the
 * first problem's line in the message.
 */
export async function readBibtex(
  text: string,
  { timeLimitMs = DEFAULT_TIME_LIMIT_MS }: { timeLimitMs?: number } = {},
): Promise<BibtexRead> {
  const source = text.replace(/^\uFEFF/, "");
  const headers = [...source.matchAll(/@\s*([A-Za-z]+)\s*[{(]/g)].filter(
    (m) => !/^(?:comment|string|preamble)$/i.test(m[1]),
  ).length;
  if (headers > MAX_BIBTEX_ENTRIES + 100)
    return {
      ok: false,
      error: `Import at most ${MAX_BIBTEX_ENTRIES} publications at a time.`,
    };
  // A digit then "%" is a percentage ("50% of"), not the start of a TeX
  // comment that would cut the title there; "%20" in a URL stays as it is.
  const input = source.replace(/(?<=\d)%(?![0-9A-Fa-f]{2})/g, "\\%");

  const answer = await parseInWorker(input, timeLimitMs);
  if ("timedOut" in answer) {
    const seconds = Math.max(1, Math.round(timeLimitMs / 1000));
    return {
      ok: false,
      error: `Reading this file took longer than ${seconds} second${seconds === 1 ? "" : "s"}. Split it into smaller files and import them one at a time.`,
    };
  }
  if ("failed" in answer)
    return {
      ok: false,
      error: `The file could not be read as BibTeX (${cut(answer.failed, 120)}).`,
    };

  const lineOf: Line = (chunk) => {
    if (!chunk) return null;
    const at = input.indexOf(chunk);
    return at < 0 ? null : input.slice(0, at).split("\n").length;
  };
  const problems: ReadProblem[] = answer.library.errors.map((e) => {
    const chunk = e.input?.trim();
    const line = lineOf(chunk);
    return {
      line,
      message: `${line ? `Line ${line}` : "An entry"} could not be read: ${reason(e.error, chunk)}.`,
    };
  });
  // An entry that others crossref is where they inherit from (a proceedings
  // volume), not a publication of its own.
  const targets = new Set(
    answer.library.entries.flatMap((e) => {
      const ref = e.fields.crossref;
      return typeof ref === "string" ? [ref.trim().toLowerCase()] : [];
    }),
  );
  const entries: ImportedPublication[] = [];
  for (const e of answer.library.entries) {
    if (targets.has(e.key.toLowerCase()) || (e.crossref?.donated.length ?? 0) > 0) continue;
    // The parser keeps what it got of an entry it could not finish, with no
    // source text; its error (above) says where. Half an entry is not offered.
    if (!e.input) continue;
    // BibLaTeX's data containers hold fields for other entries, not a publication.
    if (/^(?:xdata|set)$/i.test(e.type)) continue;
    const p = toPublication(e, lineOf, problems);
    if (p) entries.push(p);
  }
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  if (entries.length === 0) {
    const first = problems[0];
    return {
      ok: false,
      error: first
        ? `No BibTeX entries with a title were found. ${first.message}`
        : "No BibTeX entries with a title were found. Check that the file is BibTeX (@article{…}).",
    };
  }
  if (entries.length > MAX_BIBTEX_ENTRIES)
    return { ok: false, error: `Import at most ${MAX_BIBTEX_ENTRIES} publications at a time.` };
  return { ok: true, entries, problems };
}
