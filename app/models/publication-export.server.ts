/**
 * Publications as other programs read them: BibTeX (written by citation-js
 * from CSL-JSON, so escaping of TeX specials, accents and braces is its
 * well-tested job, not ours) and schema.org ScholarlyArticle JSON-LD.
 */
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import type { PublicationType } from "../../db/schema";
import { ORG_NAME } from "~/utils/site";
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

/** https://doi.org/… for a DOI ("10.5555/x" or a doi.org URL), or null. */
export function doiUrl(doi: string | null): string | null {
  const id = doi?.trim().match(/(10\.\d{4,9}\/\S+)$/)?.[1];
  return id ? `https://doi.org/${id}` : null;
}

/** The publication's own link: its URL when it is http(s), else its DOI's. */
export function publicationUrl(p: Pick<PublicationItem, "url" | "doi">): string | null {
  if (p.url && /^https?:\/\/\S+$/i.test(p.url)) return p.url;
  return doiUrl(p.doi);
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

/** schema.org ScholarlyArticle for one publication; `origin` makes the authors' profile URLs absolute. */
export function scholarlyArticleJsonLd(p: PublicationItem, origin: string) {
  const atrium = new Map(p.atriumAuthors.map((a) => [a.name, a.slug]));
  const url = publicationUrl(p);
  return {
    "@context": "https://schema.org",
    "@type": "ScholarlyArticle",
    headline: p.title,
    name: p.title,
    datePublished: String(p.year),
    author: p.authorNames.map((name) => {
      const slug = atrium.get(name);
      return slug
        ? {
            "@type": "Person",
            name,
            url: `${origin}/people/${slug}`,
            affiliation: { "@type": "Organization", name: ORG_NAME },
          }
        : { "@type": "Person", name };
    }),
    isPartOf: { "@type": "PublicationIssue", name: p.venue },
    ...(url ? { url } : {}),
    ...(doiUrl(p.doi) ? { sameAs: doiUrl(p.doi) } : {}),
    ...(p.areaName ? { about: p.areaName } : {}),
  };
}
