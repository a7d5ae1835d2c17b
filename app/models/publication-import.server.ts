/**
 * Publication import, offline: a BibTeX file or paste (read by the one
 * BibTeX reader, app/utils/bibtex-read.server.ts) or an ORCID works export
 * (the public API v3 "works" JSON: `group[].work-summary[]`, or a
 * `bulk[].work` list). Entries become one shape, ImportedPublication, which
 * both lists store whole: a candidate's own list and a researcher's public
 * list get the same authors, entry type, venue, month, pages, e-print and
 * extra fields. Duplicates (same DOI, or same folded title and year) are
 * merged within the file and against what is already stored, never doubled.
 */
import { and, eq } from "drizzle-orm";
import { candidatePublications, publications } from "../../db/schema";
import { normaliseDoi, readBibtex, type ReadProblem } from "~/utils/bibtex-read.server";
import type { DB, Writer } from "~/utils/db.server";
import { normaliseText, textProblem } from "~/utils/form-fields";
import {
  categoryOf,
  displayName,
  splitDisplayName,
  type ImportedPublication,
  type PublicationExtra,
} from "~/utils/publication-entry";

export { normaliseDoi };
export type { ImportedPublication };

export type ParseResult =
  | {
      ok: true;
      entries: ImportedPublication[];
      format: "bibtex" | "orcid";
      /** Entries that could not be read or were left out, with their lines. */
      problems: ReadProblem[];
    }
  | { ok: false; error: string };

export const MAX_ENTRIES = 500;
const LIMITS = { title: 500, venue: 300, url: 500 };

/** A title folded for comparison: no accents, case, punctuation or extra spaces. */
export function foldTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function clean(value: unknown, max: number): string {
  if (typeof value !== "string" && typeof value !== "number") return "";
  // Stray braces from BibTeX protection ({DNA}) and any whitespace run become plain text.
  const text = normaliseText(String(value).replace(/[{}]/g, "").replace(/\s+/g, " "));
  if (textProblem(text)) return text.replace(/[\p{Cc}\p{Cf}]/gu, "").slice(0, max);
  return text.slice(0, max);
}

function cleanUrl(value: unknown): string | null {
  const url = clean(value, LIMITS.url);
  return /^https?:\/\/\S+$/i.test(url) ? url : null;
}

function cleanYear(value: unknown): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1000 && n <= 2200 ? n : null;
}

type OrcidValue = { value?: unknown } | null | undefined;
type OrcidWork = {
  type?: string | null;
  title?: { title?: OrcidValue } | null;
  "journal-title"?: OrcidValue;
  "publication-date"?: { year?: OrcidValue; month?: OrcidValue } | null;
  "external-ids"?: {
    "external-id"?: Array<{ "external-id-type"?: string; "external-id-value"?: string }>;
  } | null;
  url?: OrcidValue;
  contributors?: { contributor?: Array<{ "credit-name"?: OrcidValue }> } | null;
};

/** ORCID work types as BibTeX entry types (the rest are @misc). */
const ORCID_TYPES: Record<string, string> = {
  "journal-article": "article",
  "magazine-article": "article",
  "newspaper-article": "article",
  review: "article",
  "conference-paper": "inproceedings",
  "conference-abstract": "inproceedings",
  "conference-poster": "inproceedings",
  book: "book",
  "edited-book": "book",
  "book-chapter": "incollection",
  dissertation: "phdthesis",
  "dissertation-thesis": "phdthesis",
  report: "techreport",
  "working-paper": "techreport",
  preprint: "unpublished",
};

function orcidEntry(w: OrcidWork): ImportedPublication | null {
  const title = clean(w.title?.title?.value, LIMITS.title);
  if (!title) return null;
  const ids = w["external-ids"]?.["external-id"] ?? [];
  const id = (type: string) =>
    ids.find((x) => x["external-id-type"]?.toLowerCase() === type)?.["external-id-value"];
  const arxiv = clean(id("arxiv"), 100).replace(/^arxiv:/i, "") || null;
  const month = Number(w["publication-date"]?.month?.value);
  const venue = clean(w["journal-title"]?.value, LIMITS.venue);
  const entryType =
    (w.type && ORCID_TYPES[w.type.toLowerCase()]) ?? (w.type ? "misc" : venue ? "article" : "misc");
  return {
    title,
    authors: (w.contributors?.contributor ?? [])
      .map((c) => clean(c["credit-name"]?.value, 200))
      .filter(Boolean)
      .slice(0, 100)
      .map(splitDisplayName),
    moreAuthors: false,
    entryType,
    venue,
    year: cleanYear(w["publication-date"]?.year?.value),
    month: Number.isInteger(month) && month >= 1 && month <= 12 ? month : null,
    pages: null,
    doi: normaliseDoi(id("doi")),
    url: cleanUrl(w.url?.value),
    eprint: arxiv,
    eprintType: arxiv ? "arxiv" : null,
    citationKey: null,
    extra: {},
  };
}

function parseOrcid(json: unknown): ImportedPublication[] | null {
  if (!json || typeof json !== "object") return null;
  const doc = json as { group?: unknown; bulk?: unknown };
  let works: OrcidWork[];
  if (Array.isArray(doc.group)) {
    // ORCID groups versions of one work; the first summary stands for the group.
    works = doc.group
      .map((g: { "work-summary"?: OrcidWork[] }) => g?.["work-summary"]?.[0])
      .filter((w): w is OrcidWork => Boolean(w));
  } else if (Array.isArray(doc.bulk)) {
    works = doc.bulk
      .map((b: { work?: OrcidWork }) => b?.work)
      .filter((w): w is OrcidWork => Boolean(w));
  } else return null;
  return works.map(orcidEntry).filter((e): e is ImportedPublication => e !== null);
}

/**
 * Parses an upload or paste: JSON is read as an ORCID works export, anything
 * else as BibTeX. Empty input, input with no entries and malformed JSON are
 * refused with a message (for BibTeX, naming the line that failed);
 * duplicates inside the file are merged.
 */
export async function parsePublications(text: string): Promise<ParseResult> {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { ok: false, error: "The file is empty." };
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
    const read = await readBibtex(trimmed);
    if (!read.ok) return read;
    return {
      ok: true,
      entries: mergeDuplicates(read.entries),
      format: "bibtex",
      problems: read.problems,
    };
  }
  let entries: ImportedPublication[] | null;
  try {
    entries = parseOrcid(JSON.parse(trimmed));
  } catch {
    return { ok: false, error: "The file is not valid JSON (an ORCID works export)." };
  }
  if (!entries)
    return {
      ok: false,
      error: "The JSON is not an ORCID works export (it has no “group” or “bulk” list).",
    };
  if (entries.length === 0) return { ok: false, error: "The export lists no works with a title." };
  if (entries.length > MAX_ENTRIES)
    return { ok: false, error: `Import at most ${MAX_ENTRIES} publications at a time.` };
  return { ok: true, entries: mergeDuplicates(entries), format: "orcid", problems: [] };
}

function keysOf(p: { title: string; year: number | null; doi: string | null }): string[] {
  const keys = [`t:${foldTitle(p.title)}|${p.year ?? ""}`];
  if (p.doi) keys.push(`d:${p.doi}`);
  return keys;
}

/** Fills what `into` lacks from `from` (the first occurrence wins where both have a value). */
function merge(into: ImportedPublication, from: ImportedPublication): ImportedPublication {
  const hasAuthors = into.authors.length > 0 || into.moreAuthors;
  return {
    ...into,
    authors: hasAuthors ? into.authors : from.authors,
    moreAuthors: hasAuthors ? into.moreAuthors : from.moreAuthors,
    venue: into.venue || from.venue,
    year: into.year ?? from.year,
    month: into.month ?? from.month,
    pages: into.pages ?? from.pages,
    doi: into.doi ?? from.doi,
    url: into.url ?? from.url,
    eprint: into.eprint ?? from.eprint,
    eprintType: into.eprint ? into.eprintType : from.eprintType,
    citationKey: into.citationKey ?? from.citationKey,
    extra: { ...from.extra, ...into.extra },
  };
}

/** Merges entries that share a DOI or a folded title and year, keeping the first's order. */
export function mergeDuplicates(entries: ImportedPublication[]): ImportedPublication[] {
  const out: ImportedPublication[] = [];
  const index = new Map<string, number>();
  for (const e of entries) {
    const at = keysOf(e)
      .map((k) => index.get(k))
      .find((i) => i !== undefined);
    if (at === undefined) {
      out.push(e);
      for (const k of keysOf(e)) index.set(k, out.length - 1);
    } else {
      out[at] = merge(out[at], e);
      for (const k of keysOf(out[at])) index.set(k, at);
    }
  }
  return out;
}

type Existing = { id: number; title: string; year: number | null; doi: string | null };

function matchExisting<T extends Existing>(existing: T[]) {
  const index = new Map<string, T>();
  for (const row of existing) for (const k of keysOf(row)) index.set(k, row);
  return (p: ImportedPublication): T | null =>
    keysOf(p)
      .map((k) => index.get(k))
      .find(Boolean) ?? null;
}

/** The printed author list both tables keep for search and older readers ("; "-separated). */
export function printedAuthors(e: Pick<ImportedPublication, "authors">): string {
  return e.authors.map(displayName).join("; ");
}

/** The columns an imported entry fills, the same in both tables. */
function bibliographicValues(e: ImportedPublication) {
  return {
    title: e.title,
    authors: printedAuthors(e),
    authorList: e.authors,
    moreAuthors: e.moreAuthors,
    entryType: e.entryType,
    venue: e.venue,
    month: e.month,
    pages: e.pages,
    doi: e.doi,
    url: e.url,
    eprint: e.eprint,
    eprintType: e.eprintType,
    extra: e.extra,
  };
}

type StoredBibliographic = {
  authors: string;
  authorList: ImportedPublication["authors"] | null;
  moreAuthors: boolean;
  entryType: string;
  venue: string;
  month: number | null;
  pages: string | null;
  doi: string | null;
  url: string | null;
  eprint: string | null;
  eprintType: string | null;
  extra: PublicationExtra;
};

/** What a stored row lacks and the import has; what the row already says is kept. */
function fillMissing(row: StoredBibliographic, e: ImportedPublication) {
  const noAuthors = !row.authors && !row.authorList?.length && !row.moreAuthors;
  return {
    ...(noAuthors
      ? { authors: printedAuthors(e), authorList: e.authors, moreAuthors: e.moreAuthors }
      : {}),
    ...(row.entryType ? {} : { entryType: e.entryType }),
    venue: row.venue || e.venue,
    month: row.month ?? e.month,
    pages: row.pages ?? e.pages,
    doi: row.doi ?? e.doi,
    url: row.url ?? e.url,
    ...(row.eprint ? {} : { eprint: e.eprint, eprintType: e.eprintType }),
    extra: { ...e.extra, ...row.extra },
  };
}

/** Which parsed entries are already on the candidate's list (by index), for the review step. */
export function markCandidateDuplicates(db: DB, userId: number, entries: ImportedPublication[]) {
  const find = matchExisting(listCandidatePublications(db, userId));
  return entries.map((e) => find(e) !== null);
}

export function listCandidatePublications(db: DB, userId: number) {
  return db
    .select()
    .from(candidatePublications)
    .where(eq(candidatePublications.userId, userId))
    .orderBy(candidatePublications.year, candidatePublications.id)
    .all()
    .reverse();
}

/**
 * Saves chosen entries to a candidate's list in one transaction: duplicates
 * of stored rows fill their missing fields, new ones are inserted. Returns
 * how many were added and merged.
 */
export function saveCandidatePublications(
  db: DB,
  userId: number,
  chosen: ImportedPublication[],
): { added: number; merged: number } {
  return db.transaction((tx) => writeCandidatePublications(tx, userId, chosen));
}

/** saveCandidatePublications inside the caller's transaction (the apply form's import). */
export function writeCandidatePublications(
  tx: Writer,
  userId: number,
  chosen: ImportedPublication[],
): { added: number; merged: number } {
  const entries = mergeDuplicates(chosen);
  const existing = tx
    .select()
    .from(candidatePublications)
    .where(eq(candidatePublications.userId, userId))
    .all();
  let find = matchExisting(existing);
  let added = 0;
  let merged = 0;
  for (const e of entries) {
    const row = find(e);
    if (row) {
      tx.update(candidatePublications)
        .set({
          ...fillMissing(row, e),
          year: row.year ?? e.year,
          citationKey: row.citationKey ?? e.citationKey,
        })
        .where(eq(candidatePublications.id, row.id))
        .run();
      merged++;
    } else {
      const inserted = tx
        .insert(candidatePublications)
        .values({
          userId,
          ...bibliographicValues(e),
          year: e.year,
          citationKey: e.citationKey,
          normTitle: foldTitle(e.title),
        })
        .returning()
        .get();
      existing.push(inserted);
      find = matchExisting(existing);
      added++;
    }
  }
  return { added, merged };
}

/** Removes one publication from a candidate's own list (false when it is not theirs). */
export function removeCandidatePublication(db: DB, userId: number, id: number): boolean {
  return (
    db
      .delete(candidatePublications)
      .where(and(eq(candidatePublications.id, id), eq(candidatePublications.userId, userId)))
      .run().changes === 1
  );
}

/**
 * The imported citation key, when no publication has it yet. A key that ends
 * in "-" and digits is not kept: that is the shape of the keys exports make
 * for publications without one ("berg2021-17"), which must stay unique.
 */
function freeCitationKey(tx: Writer, key: string | null): string | null {
  if (!key || /-\d+$/.test(key)) return null;
  const taken = tx
    .select({ id: publications.id })
    .from(publications)
    .where(eq(publications.citationKey, key))
    .get();
  return taken ? null : key;
}

/**
 * Saves chosen entries to a researcher's public list (admins): entries
 * without a year are skipped (the directory groups by year), duplicates of
 * stored rows fill what they lack (authors, venue, pages, DOI, …).
 */
export function saveResearcherPublications(
  db: DB,
  researcherId: number,
  chosen: ImportedPublication[],
): { added: number; merged: number; skipped: number } {
  return db.transaction((tx) => writeResearcherPublications(tx, researcherId, chosen));
}

/** saveResearcherPublications inside the caller's transaction (with the admin's audit row). */
export function writeResearcherPublications(
  tx: Writer,
  researcherId: number,
  chosen: ImportedPublication[],
): { added: number; merged: number; skipped: number } {
  const entries = mergeDuplicates(chosen);
  let added = 0;
  let merged = 0;
  let skipped = 0;
  const existing = () =>
    tx.select().from(publications).where(eq(publications.researcherId, researcherId)).all();
  let rows = existing();
  for (const e of entries) {
    const row = matchExisting(rows)(e);
    if (row) {
      const filled = fillMissing(row, e);
      tx.update(publications)
        .set({
          ...filled,
          // A row entered by hand takes its category from the entry type it now has.
          ...(filled.entryType
            ? {
                type: categoryOf({
                  entryType: filled.entryType,
                  venue: filled.venue,
                  eprint: filled.eprint ?? row.eprint,
                }),
              }
            : {}),
        })
        .where(eq(publications.id, row.id))
        .run();
      merged++;
    } else if (e.year === null) {
      skipped++;
    } else {
      tx.insert(publications)
        .values({
          researcherId,
          ...bibliographicValues(e),
          year: e.year,
          type: categoryOf(e),
          citationKey: freeCitationKey(tx, e.citationKey),
        })
        .run();
      added++;
      rows = existing();
    }
  }
  return { added, merged, skipped };
}

/** Which parsed entries are already on a researcher's public list (by index), for the review step. */
export function markResearcherDuplicates(
  db: DB,
  researcherId: number,
  entries: ImportedPublication[],
) {
  const rows = db
    .select({
      id: publications.id,
      title: publications.title,
      year: publications.year,
      doi: publications.doi,
    })
    .from(publications)
    .where(eq(publications.researcherId, researcherId))
    .all();
  const find = matchExisting(rows);
  return entries.map((e) => find(e) !== null);
}
