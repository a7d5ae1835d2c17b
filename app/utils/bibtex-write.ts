/**
 * The one BibTeX writer, for every export (/publications.bib,
 * /publications/:id/bibtex). Text stays UTF-8 (BibLaTeX with biber, and
 * BibTeX with inputenc, read it as it is): "R²", "Ångström" and CJK titles
 * are written as they are, never dropped or flattened. Only TeX's special
 * characters are escaped, with commands whose braces balance (BibTeX counts
 * braces even after a backslash). Fields without a value are left out, the
 * venue goes in the field its entry type reads ("journal" for an article,
 * "booktitle" for a paper in proceedings, …), and names are written
 * "von Last, Jr., First" so every parser gets the parts back.
 */
import { venueField, type PublicationExtra, type PublicationName } from "./publication-entry";

export type BibtexEntry = {
  /** Unique within the file; the caller makes it (see publication-export.server.ts). */
  key: string;
  /** Lower-case BibTeX entry type. */
  entryType: string;
  title: string;
  authors: PublicationName[];
  moreAuthors: boolean;
  venue: string;
  year: number | null;
  month: number | null;
  pages: string | null;
  doi: string | null;
  url: string | null;
  eprint: string | null;
  eprintType: string | null;
  extra: PublicationExtra;
};

const SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  $: "\\$",
  "&": "\\&",
  "%": "\\%",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  // The accent on nothing: both \textasciicircum{} and this are LaTeX, but more readers know this.
  "^": "\\^{}",
  // In TeX's default font encoding these three print as "¡", "¿" and "—".
  "<": "$<$",
  ">": "$>$",
  "|": "$|$",
};

/** Whether the braces in `value` pair up (BibTeX counts them even after a backslash). */
function bracesPair(value: string): boolean {
  let depth = 0;
  for (const c of value) {
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

/** Text as TeX reads it back unchanged: specials escaped, "--" kept from becoming a dash. */
export function texText(value: string): string {
  const paired = bracesPair(value);
  return value
    .replace(/[\\{}$&%#_~^<>|]/g, (c) => {
      if (c === "{") return paired ? "\\{" : "\\textbraceleft{}";
      if (c === "}") return paired ? "\\}" : "\\textbraceright{}";
      return SPECIALS[c];
    })
    .replace(/-(?=-)/g, "-{}");
}

/** A value TeX reads verbatim (URL, DOI): only braces, which would end the field, are encoded. */
function verbatim(value: string): string {
  return value.replace(/\{/g, "%7B").replace(/\}/g, "%7D");
}

/**
 * A title with the words whose capitals must survive a style's change of
 * case ("DNA", "iPhone", "GPT-4") protected by braces; other text as is.
 */
function titleText(title: string): string {
  return title
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s*$/.test(word)) return word;
      const letters = word.replace(/^[^\p{L}\p{N}]+/u, "");
      return /\p{Lu}/u.test(letters.slice(1)) ? `{${texText(word)}}` : texText(word);
    })
    .join("");
}

/** One name part: braced when it holds what would split it (" and ", a comma). */
function namePart(part: string): string {
  const escaped = texText(part);
  return /\sand\s|,/i.test(part) ? `{${escaped}}` : escaped;
}

/** "van der Berg, Jr., Jan", or "{World Health Organization}" for a literal name. */
export function bibtexName(n: PublicationName): string {
  if (n.literal) return n.literal === "others" ? "others" : `{${texText(n.literal)}}`;
  const last = [n.prefix, n.family].filter(Boolean).map((p) => namePart(p!));
  const parts = [last.join(" ")];
  if (n.suffix) parts.push(namePart(n.suffix));
  if (n.given) parts.push(namePart(n.given));
  // "Jr." needs the three-part form, even without a given name.
  if (n.suffix && !n.given) parts.push("");
  return parts.join(", ");
}

function nameList(names: PublicationName[], more: boolean): string {
  const list = names.map(bibtexName);
  if (more) list.push("others");
  return list.join(" and ");
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Fields whose value is read verbatim (no TeX): links and identifiers. */
const VERBATIM = new Set(["url", "doi", "eprint", "urlraw", "pdf", "verba", "verbb", "verbc"]);

/** Fields an export writes from columns; an `extra` of the same name is not written twice. */
const FROM_COLUMNS = new Set([
  "author",
  "title",
  "year",
  "month",
  "pages",
  "doi",
  "eprint",
  "eprinttype",
  "archiveprefix",
  "url",
  "crossref",
]);

/** `extra` fields written right after the author and venue, and after the date, in this order. */
const AFTER_VENUE = ["editor"];
const AFTER_DATE = [
  "volume",
  "number",
  "series",
  "edition",
  "chapter",
  "publisher",
  "address",
  "location",
  "organization",
  "institution",
  "school",
  "isbn",
  "issn",
];

function writeEntry(e: BibtexEntry): string {
  const fields: Array<[string, string]> = [];
  const add = (name: string, value: string | null | undefined, bare = false) => {
    if (value === null || value === undefined || value.trim() === "") return;
    fields.push([name, bare ? value : `{${value}}`]);
  };
  const venueName = venueField(e.entryType);
  const extra = new Map(
    Object.entries(e.extra).filter(([name]) => name !== venueName && !FROM_COLUMNS.has(name)),
  );
  const addExtra = (name: string) => {
    const value = extra.get(name);
    extra.delete(name);
    if (value === undefined) return;
    if (typeof value === "string")
      return add(name, VERBATIM.has(name) ? verbatim(value) : texText(value));
    const people = value.filter((n) => n.literal !== "others");
    add(name, nameList(people, people.length < value.length));
  };

  if (e.authors.length || e.moreAuthors) add("author", nameList(e.authors, e.moreAuthors));
  add("title", titleText(e.title));
  add(venueName, texText(e.venue));
  AFTER_VENUE.forEach(addExtra);
  add("year", e.year === null ? null : String(e.year));
  // The month macro (jan…dec), which BibTeX and BibLaTeX styles both print in their language.
  if (e.month !== null) add("month", MONTHS[e.month - 1], true);
  AFTER_DATE.forEach(addExtra);
  add("pages", e.pages === null ? null : texText(e.pages).replace(/\s*[–—]\s*/g, "--"));
  [...extra.keys()].forEach(addExtra);
  add("doi", e.doi === null ? null : verbatim(e.doi));
  if (e.eprint) {
    const archive = e.eprintType ?? "arxiv";
    add("eprint", verbatim(e.eprint));
    // BibLaTeX's name; its alias archivePrefix as well would be a duplicate field to biber.
    add("eprinttype", archive);
  }
  add("url", e.url === null ? null : verbatim(e.url));
  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join(",\n");
  return `@${e.entryType}{${e.key},\n${body}\n}\n`;
}

/** A .bib file of `entries`, one blank line between them. */
export function writeBibtex(entries: BibtexEntry[]): string {
  return entries.map(writeEntry).join("\n");
}
