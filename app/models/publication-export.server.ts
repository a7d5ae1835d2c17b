/**
 * Publications as other programs read them: BibTeX (written by citation-js
 * from CSL-JSON, so escaping of TeX specials, accents and braces is its
 * well-tested job, not ours). The ScholarlyArticle JSON-LD is in
 * app/utils/scholarly-article.ts, shared with the browser.
 */
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import type { PublicationType } from "../../db/schema";
import { publicationUrl } from "~/utils/scholarly-article";
import type { PublicationItem } from "./publication.server";

const CSL_TYPES: Record<PublicationType, string> = {
  article: "article-journal",
  inproceedings: "paper-conference",
  preprint: "article",
  book: "book",
  thesis: "thesis",
  report: "report",
};

/** Splits "Ada Lovelace" into CSL's given/family; one-word names stay whole. */
function cslName(name: string) {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { literal: name.trim() };
  return { given: parts.slice(0, -1).join(" "), family: parts[parts.length - 1] };
}

/** A stable, readable citation key: first author's family name, year, id ("lovelace2024-17"). */
export function citationKey(p: Pick<PublicationItem, "id" | "year" | "authorNames">): string {
  const first = p.authorNames[0]?.trim().split(/\s+/).at(-1) ?? "atrium";
  const ascii = first
    .normalize("NFKD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
  return `${ascii || "atrium"}${p.year}-${p.id}`;
}

function toCsl(p: PublicationItem) {
  const url = publicationUrl(p);
  const doi = p.doi?.trim().match(/(10\.\d{4,9}\/\S+)$/)?.[1];
  return {
    id: citationKey(p),
    "citation-key": citationKey(p),
    type: CSL_TYPES[p.type],
    title: p.title,
    author: p.authorNames.map(cslName),
    ...(p.type === "article" || p.type === "inproceedings" || p.type === "preprint"
      ? { "container-title": p.venue }
      : { publisher: p.venue }),
    issued: { "date-parts": [[p.year]] },
    ...(doi ? { DOI: doi } : {}),
    ...(url ? { URL: url } : {}),
  };
}

/** BibTeX for `items` (one entry each), as text/x-bibtex. */
export function toBibtex(items: PublicationItem[]): string {
  if (items.length === 0) return "";
  return new Cite(items.map(toCsl)).format("bibtex", { format: "text" }) as string;
}
