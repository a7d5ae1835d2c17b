/**
 * Publications as reference managers read them: BibTeX, written by the one
 * writer (app/utils/bibtex-write.ts) from what the directory stores. The
 * ScholarlyArticle JSON-LD is in app/utils/scholarly-article.ts, shared with
 * the browser.
 */
import { writeBibtex, type BibtexEntry } from "~/utils/bibtex-write";
import { entryTypeOf, splitDisplayName } from "~/utils/publication-entry";
import type { PublicationForExport } from "./publication.server";

/**
 * A publication's citation key: the one it was imported with, or one made
 * from the first author's family name, the year and the publication's id
 * ("lovelace2024-17"). Both are unique across the directory (stored keys by
 * a unique index, made ones by the id, and a stored key never has the made
 * shape), and neither changes from one export to the next (a made key only
 * if someone edits the first author or the year).
 */
export function citationKey(
  p: Pick<PublicationForExport, "id" | "year" | "authorNames" | "authorList" | "citationKey">,
): string {
  if (p.citationKey) return p.citationKey;
  const first = p.authorList?.[0];
  const family =
    first?.family ??
    first?.literal?.split(/\s+/)[0] ??
    (p.authorNames[0] ? splitDisplayName(p.authorNames[0]).family : undefined) ??
    "";
  const ascii = family
    .normalize("NFKD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
  return `${ascii || "atrium"}${p.year}-${p.id}`;
}

function toEntry(p: PublicationForExport): BibtexEntry {
  const authors = p.authorList ?? p.authorNames.map(splitDisplayName);
  return {
    key: citationKey(p),
    entryType: entryTypeOf(p),
    title: p.title,
    authors,
    moreAuthors: p.moreAuthors,
    venue: p.venue,
    year: p.year,
    month: p.month,
    pages: p.pages,
    doi: p.doi?.trim().match(/(10\.\d{4,9}\/\S+)$/)?.[1] ?? null,
    url: p.url && /^https?:\/\/\S+$/i.test(p.url) ? p.url : null,
    eprint: p.eprint,
    eprintType: p.eprintType,
    extra: p.extra,
  };
}

/** BibTeX for `items` (one entry each), as text/x-bibtex. */
export function toBibtex(items: PublicationForExport[]): string {
  return writeBibtex(items.map(toEntry));
}
