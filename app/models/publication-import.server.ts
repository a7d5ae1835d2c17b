/**
 * Publication import, offline: a BibTeX file or paste (parsed with
 * citation-js, which resolves @string macros, skips @comment and turns LaTeX
 * accents such as {\"u} into "ü") or an ORCID works export (the public API v3
 * "works" JSON: `group[].work-summary[]`, or a `bulk[].work` list). Entries
 * become one shape; duplicates (same DOI, or same folded title and year) are
 * merged within the file and against what is already stored, never doubled.
 */
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { and, eq } from "drizzle-orm";
import { candidatePublications, publications } from "../../db/schema";
import type { DB, Writer } from "~/utils/db.server";
import { normaliseText, textProblem } from "~/utils/form-fields";

export type ImportedPublication = {
  title: string;
  authors: string;
  venue: string;
  year: number | null;
  doi: string | null;
  url: string | null;
};

export type ParseResult =
  | { ok: true; entries: ImportedPublication[]; format: "bibtex" | "orcid" }
  | { ok: false; error: string };

export const MAX_ENTRIES = 500;
const LIMITS = { title: 500, authors: 1000, venue: 300, url: 500 };

/** A DOI as stored: bare, lower-cased ("10.1000/xyz"), or null. */
export function normaliseDoi(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const bare = value
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, "")
    .toLowerCase();
  return /^10\.\d{4,9}\/\S+$/.test(bare) ? bare.slice(0, 200) : null;
}

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
  return Number.isInteger(n) && n >= 1800 && n <= 2200 ? n : null;
}

function entry(raw: {
  title: unknown;
  authors: unknown;
  venue: unknown;
  year: unknown;
  doi: unknown;
  url: unknown;
}): ImportedPublication | null {
  const title = clean(raw.title, LIMITS.title);
  if (!title) return null;
  return {
    title,
    authors: clean(raw.authors, LIMITS.authors),
    venue: clean(raw.venue, LIMITS.venue),
    year: cleanYear(raw.year),
    doi: normaliseDoi(raw.doi),
    url: cleanUrl(raw.url),
  };
}

type CslName = { given?: string; family?: string; literal?: string };
type CslItem = {
  title?: string;
  author?: CslName[];
  "container-title"?: string;
  publisher?: string;
  issued?: { "date-parts"?: Array<Array<number | string>> };
  DOI?: string;
  URL?: string;
};

function parseBibtex(text: string): ImportedPublication[] | null {
  let items: CslItem[];
  try {
    const options = { forceType: "@biblatex/text" } as ConstructorParameters<typeof Cite>[1];
    items = new Cite(text, options).data as CslItem[];
  } catch {
    return null;
  }
  return items
    .map((item) =>
      entry({
        title: item.title,
        authors: (item.author ?? [])
          .map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(" "))
          .join(", "),
        venue: item["container-title"] ?? item.publisher,
        year: item.issued?.["date-parts"]?.[0]?.[0],
        doi: item.DOI,
        url: item.URL,
      }),
    )
    .filter((e): e is ImportedPublication => e !== null);
}

type OrcidValue = { value?: unknown } | null | undefined;
type OrcidWork = {
  title?: { title?: OrcidValue } | null;
  "journal-title"?: OrcidValue;
  "publication-date"?: { year?: OrcidValue } | null;
  "external-ids"?: {
    "external-id"?: Array<{ "external-id-type"?: string; "external-id-value"?: string }>;
  } | null;
  url?: OrcidValue;
  contributors?: { contributor?: Array<{ "credit-name"?: OrcidValue }> } | null;
};

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
  return works
    .map((w) =>
      entry({
        title: w.title?.title?.value,
        authors: (w.contributors?.contributor ?? [])
          .map((c) => c["credit-name"]?.value)
          .filter((n) => typeof n === "string")
          .join(", "),
        venue: w["journal-title"]?.value,
        year: w["publication-date"]?.year?.value,
        doi: w["external-ids"]?.["external-id"]?.find(
          (x) => x["external-id-type"]?.toLowerCase() === "doi",
        )?.["external-id-value"],
        url: w.url?.value,
      }),
    )
    .filter((e): e is ImportedPublication => e !== null);
}

/**
 * Parses an upload or paste: JSON is read as an ORCID works export, anything
 * else as BibTeX. Empty input, input with no entries and malformed JSON are
 * refused with a message; duplicates inside the file are merged.
 */
export function parsePublications(text: string): ParseResult {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { ok: false, error: "The file is empty." };
  let format: "bibtex" | "orcid";
  let entries: ImportedPublication[] | null;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    format = "orcid";
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
  } else {
    format = "bibtex";
    entries = parseBibtex(trimmed);
    if (!entries || entries.length === 0)
      return {
        ok: false,
        error:
          "No BibTeX entries with a title were found. Check that the file is BibTeX (@article{…}).",
      };
  }
  if (entries.length === 0) return { ok: false, error: "The export lists no works with a title." };
  if (entries.length > MAX_ENTRIES)
    return { ok: false, error: `Import at most ${MAX_ENTRIES} publications at a time.` };
  return { ok: true, entries: mergeDuplicates(entries), format };
}

function keysOf(p: Pick<ImportedPublication, "title" | "year" | "doi">): string[] {
  const keys = [`t:${foldTitle(p.title)}|${p.year ?? ""}`];
  if (p.doi) keys.push(`d:${p.doi}`);
  return keys;
}

/** Fills what `into` lacks from `from` (the first occurrence wins where both have a value). */
function merge(into: ImportedPublication, from: ImportedPublication): ImportedPublication {
  return {
    title: into.title,
    authors: into.authors || from.authors,
    venue: into.venue || from.venue,
    year: into.year ?? from.year,
    doi: into.doi ?? from.doi,
    url: into.url ?? from.url,
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

function matchExisting(existing: Existing[]) {
  const index = new Map<string, Existing>();
  for (const row of existing) for (const k of keysOf(row)) index.set(k, row);
  return (p: ImportedPublication) =>
    keysOf(p)
      .map((k) => index.get(k))
      .find(Boolean) ?? null;
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
    const row = find(e) as (typeof existing)[number] | null;
    if (row) {
      tx.update(candidatePublications)
        .set({
          authors: row.authors || e.authors,
          venue: row.venue || e.venue,
          year: row.year ?? e.year,
          doi: row.doi ?? e.doi,
          url: row.url ?? e.url,
        })
        .where(eq(candidatePublications.id, row.id))
        .run();
      merged++;
    } else {
      const inserted = tx
        .insert(candidatePublications)
        .values({ userId, ...e, normTitle: foldTitle(e.title) })
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
 * Saves chosen entries to a researcher's public list (admins): entries
 * without a year are skipped (the directory groups by year), duplicates of
 * stored rows fill their missing venue, URL or DOI.
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
    const row = matchExisting(rows)(e) as (typeof rows)[number] | null;
    if (row) {
      tx.update(publications)
        .set({ venue: row.venue || e.venue, url: row.url ?? e.url, doi: row.doi ?? e.doi })
        .where(eq(publications.id, row.id))
        .run();
      merged++;
    } else if (e.year === null) {
      skipped++;
    } else {
      tx.insert(publications)
        .values({
          researcherId,
          title: e.title,
          venue: e.venue,
          year: e.year,
          url: e.url,
          doi: e.doi,
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
