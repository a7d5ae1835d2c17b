/**
 * One publication as the imports read it and the pages show it, shared by the
 * server (the BibTeX reader and writer, the models) and the browser (the
 * review list, citations on profiles and /publications). Not a .server module.
 *
 * Names keep their parts (given, "van der", family, "Jr.") so that an export
 * writes "van der Berg, Jan" and a display writes "Jan van der Berg"; a list
 * that ended in "and others" keeps that as a flag, shown as "et al.".
 */
import { z } from "zod";
import type { PublicationExtra, PublicationName } from "../../db/schema";
import type { PublicationType } from "~/lib/enums";
import { textProblem } from "./form-fields";

export type { PublicationExtra, PublicationName };

/** Authors kept per publication; a longer list keeps the first ones and "et al.". */
export const MAX_AUTHORS = 100;
/** Fields kept in `extra` per publication, and the length of each. */
export const MAX_EXTRA_FIELDS = 40;
export const MAX_EXTRA_LENGTH = 5000;

/** One line of plain text, as every stored text (see form-fields.ts). */
const plain = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => textProblem(v) === null, { message: "Text with control characters." });

const NameSchema = z
  .object({
    given: plain(200).optional(),
    prefix: plain(100).optional(),
    family: plain(200).optional(),
    suffix: plain(50).optional(),
    literal: plain(300).optional(),
  })
  .refine((n) => Boolean(n.family || n.literal), { message: "A name needs a family name." });

/** A publication read from a file, before it is saved (and as the review form posts it back). */
export const ImportedPublicationSchema = z.object({
  title: plain(500).min(1),
  authors: z.array(NameSchema).max(MAX_AUTHORS),
  moreAuthors: z.boolean(),
  /** Lower-case BibTeX entry type ("article", "inproceedings", "phdthesis", …). */
  entryType: z.string().regex(/^[a-z]{1,30}$/),
  venue: plain(300),
  year: z.number().int().min(1000).max(2200).nullable(),
  month: z.number().int().min(1).max(12).nullable(),
  pages: plain(100).nullable(),
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/)
    .max(200)
    .nullable(),
  url: z
    .string()
    .regex(/^https?:\/\/\S+$/i)
    .max(500)
    .nullable(),
  eprint: plain(100).nullable(),
  eprintType: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,29}$/)
    .nullable(),
  citationKey: z
    .string()
    .regex(/^[^\s,{}()"#%'=\\~]{1,100}$/)
    .nullable(),
  extra: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_.:-]{0,39}$/),
      z.union([plain(MAX_EXTRA_LENGTH), z.array(NameSchema).max(MAX_AUTHORS)]),
    )
    .refine((e) => Object.keys(e).length <= MAX_EXTRA_FIELDS, {
      message: `At most ${MAX_EXTRA_FIELDS} extra fields.`,
    }),
});

export type ImportedPublication = z.infer<typeof ImportedPublicationSchema>;

// The zod shape and the table's JSON column type must stay the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameName: Same<z.infer<typeof NameSchema>, PublicationName> = true;
void sameName;

// ── names ──

const EAST_ASIAN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * "Jan van der Berg", "Juan de la Cruz Jr.", "World Health Organization";
 * a Chinese, Japanese or Korean name family name first ("山田 太郎").
 */
export function displayName(n: PublicationName): string {
  if (n.literal) return n.literal;
  if (n.family && EAST_ASIAN.test(n.family) && (!n.given || EAST_ASIAN.test(n.given)))
    return [n.family, n.given].filter(Boolean).join(" ");
  const name = [n.given, n.prefix, n.family].filter(Boolean).join(" ");
  return n.suffix ? `${name} ${n.suffix}` : name;
}

const SUFFIXES = /^(?:jr|sr|jnr|snr|[IVX]{2,4})\.?$/i;

/**
 * Name parts of a name written "Given von Family Suffix" (the way BibTeX
 * reads a name without a comma): the lower-case words before the last
 * capitalised run are the particle ("Ludwig van Beethoven", "Jean de La
 * Fontaine"). For lists that were stored as printed names only.
 */
export function splitDisplayName(name: string): PublicationName {
  const words = name.trim().split(/\s+/).filter(Boolean);
  let suffix: string | undefined;
  if (words.length > 2 && SUFFIXES.test(words[words.length - 1])) {
    suffix = words.pop();
    words[words.length - 1] = words[words.length - 1].replace(/,$/, "");
  }
  if (words.length === 0) return { literal: name.trim() };
  if (words.length === 1) return { family: words[0], ...(suffix ? { suffix } : {}) };
  const isLower = (w: string) => /^\p{Ll}/u.test(w);
  // The particle starts at the first lower-case word after the first word and
  // runs while words are lower case; the family name is everything after it.
  const start = words.findIndex((w, i) => i > 0 && i < words.length - 1 && isLower(w));
  let given: string[];
  let prefix: string[] = [];
  let family: string[];
  if (start > 0) {
    let end = start;
    while (end < words.length - 1 && isLower(words[end])) end++;
    given = words.slice(0, start);
    prefix = words.slice(start, end);
    family = words.slice(end);
  } else {
    given = words.slice(0, -1);
    family = words.slice(-1);
  }
  return {
    given: given.join(" "),
    ...(prefix.length ? { prefix: prefix.join(" ") } : {}),
    family: family.join(" "),
    ...(suffix ? { suffix } : {}),
  };
}

/** Authors as shown: "A, B and C" style is left to the page; this is the list plus "et al.". */
export function authorLine(names: string[], moreAuthors: boolean): string {
  if (names.length === 0) return moreAuthors ? "et al." : "";
  return moreAuthors ? `${names.join(", ")} et al.` : names.join(", ");
}

// ── entry types ──

/** The field that holds the venue for each entry type (BibTeX names; BibLaTeX reads them too). */
const VENUE_FIELDS: Record<string, string> = {
  article: "journal",
  periodical: "journal",
  inproceedings: "booktitle",
  incollection: "booktitle",
  inbook: "booktitle",
  inreference: "booktitle",
  bookinbook: "booktitle",
  suppbook: "booktitle",
  suppcollection: "booktitle",
  book: "publisher",
  mvbook: "publisher",
  collection: "publisher",
  mvcollection: "publisher",
  proceedings: "publisher",
  reference: "publisher",
  manual: "organization",
  booklet: "howpublished",
  phdthesis: "school",
  mastersthesis: "school",
  thesis: "institution",
  techreport: "institution",
  report: "institution",
  unpublished: "note",
  online: "organization",
  dataset: "publisher",
};

/** The BibTeX field an entry of `entryType` keeps its venue in ("journal", "booktitle", …). */
export function venueField(entryType: string): string {
  return VENUE_FIELDS[entryType] ?? "howpublished";
}

const PREPRINT_VENUE =
  /\b(?:arxiv|corr|biorxiv|medrxiv|chemrxiv|ssrn|preprints?|techrxiv|psyarxiv)\b/i;

/** The directory's category (the /publications type filter) for a BibTeX entry. */
export function categoryOf(p: {
  entryType: string;
  venue: string;
  eprint: string | null;
}): PublicationType {
  const preprintVenue = p.venue === "" || PREPRINT_VENUE.test(p.venue);
  switch (p.entryType) {
    case "article":
    case "periodical":
      return p.eprint && preprintVenue ? "preprint" : "article";
    case "inproceedings":
    case "conference":
    case "proceedings":
    case "mvproceedings":
      return "inproceedings";
    case "book":
    case "mvbook":
    case "inbook":
    case "bookinbook":
    case "suppbook":
    case "incollection":
    case "collection":
    case "mvcollection":
    case "booklet":
      return "book";
    case "phdthesis":
    case "mastersthesis":
    case "thesis":
      return "thesis";
    case "techreport":
    case "report":
      return "report";
    default:
      return p.entryType === "unpublished" ||
        p.entryType === "preprint" ||
        p.eprint ||
        (p.venue && PREPRINT_VENUE.test(p.venue))
        ? "preprint"
        : "other";
  }
}

/** The entry type a publication entered by hand (no BibTeX type) is written as. */
export function entryTypeOf(p: { entryType: string; type: PublicationType }): string {
  if (p.entryType) return p.entryType;
  const byCategory: Record<PublicationType, string> = {
    article: "article",
    inproceedings: "inproceedings",
    preprint: "misc",
    book: "book",
    thesis: "phdthesis",
    report: "techreport",
    other: "misc",
  };
  return byCategory[p.type];
}

// ── citations as shown ──

export type CitationParts = {
  entryType: string;
  type: PublicationType;
  venue: string;
  pages: string | null;
  volume?: string | null;
  number?: string | null;
  eprint: string | null;
  eprintType: string | null;
};

/** "arXiv:2101.00001" for an arXiv e-print, else "pubmed:123", or null. */
export function eprintLabel(eprint: string | null, eprintType: string | null): string | null {
  if (!eprint) return null;
  if (!eprintType || eprintType === "arxiv") return `arXiv:${eprint.replace(/^arxiv:/i, "")}`;
  return `${eprintType}:${eprint}`;
}

/**
 * Where a publication appeared, as a reader expects it: a journal with its
 * volume, issue and pages ("Nature 521(7553), 436–444"), a paper "In" its
 * proceedings, a thesis or report with its institution, a preprint by its
 * e-print id. "" when nothing is known.
 */
export function venueLine(p: CitationParts): string {
  const eprint = eprintLabel(p.eprint, p.eprintType);
  const type = entryTypeOf(p);
  const pages = p.pages ? (/[-–,]/.test(p.pages) ? `pp. ${p.pages}` : `p. ${p.pages}`) : null;
  switch (venueField(type)) {
    case "journal": {
      if (!p.venue) return eprint ?? "";
      const issue = `${p.volume ?? ""}${p.number ? `(${p.number})` : ""}`;
      const journal = [p.venue, issue].filter(Boolean).join(" ");
      return [journal, p.pages].filter(Boolean).join(", ");
    }
    case "booktitle":
      return p.venue ? [`In ${p.venue}`, pages].filter(Boolean).join(", ") : "";
    case "school":
    case "institution":
      if (p.type === "thesis") {
        const kind = type === "mastersthesis" ? "Master’s thesis" : "PhD thesis";
        return [kind, p.venue].filter(Boolean).join(", ");
      }
      return [p.type === "report" ? "Technical report" : "", p.venue, p.number ?? ""]
        .filter(Boolean)
        .join(", ");
    default:
      return [p.venue, eprint && !p.venue.includes(p.eprint ?? "") ? eprint : null]
        .filter(Boolean)
        .join(", ");
  }
}

/** A stored or imported publication, as far as its citation line needs it. */
export type CitationSource = {
  authorList: PublicationName[] | null;
  /** The printed list, for rows stored before name parts were kept. */
  authors: string;
  moreAuthors: boolean;
  entryType: string;
  venue: string;
  pages: string | null;
  eprint: string | null;
  eprintType: string | null;
  extra: PublicationExtra;
};

/** The author line and the venue line of a publication, as lists show them. */
export function citationOf(p: CitationSource): { authors: string; venue: string } {
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  const names = p.authorList?.map(displayName);
  return {
    authors: names
      ? authorLine(names, p.moreAuthors)
      : [p.authors, p.moreAuthors ? "et al." : ""].filter(Boolean).join(" "),
    venue: venueLine({
      ...p,
      type: categoryOf(p),
      volume: text(p.extra.volume),
      number: text(p.extra.number),
    }),
  };
}
