/**
 * schema.org ScholarlyArticle JSON-LD for a publication as a list shows it.
 * Shared by server and browser: /publications builds its JSON-LD block from
 * the items it already sends (app/routes/publications._index), so the block
 * is not sent a second time in the page's loader data.
 */
import type { Person, ScholarlyArticle, WithContext } from "schema-dts";
import { absoluteUrl, organization } from "./schema-org";

/** https://doi.org/… for a DOI ("10.5555/x" or a doi.org URL), or null. */
export function doiUrl(doi: string | null): string | null {
  const id = doi?.trim().match(/(10\.\d{4,9}\/\S+)$/)?.[1];
  return id ? `https://doi.org/${id}` : null;
}

/** The publication's own link: its URL when it is http(s), else its DOI's. */
export function publicationUrl(p: { url: string | null; doi: string | null }): string | null {
  if (p.url && /^https?:\/\/\S+$/i.test(p.url)) return p.url;
  return doiUrl(p.doi);
}

export type ArticleFields = {
  title: string;
  venue: string;
  year: number;
  /** Every author as printed. */
  authorNames: string[];
  /** The Atrium authors among them, with their profiles. */
  atriumAuthors: Array<{ slug: string; name: string }>;
  /** publicationUrl(). */
  href: string | null;
  /** doiUrl(). */
  doiHref: string | null;
  areaName: string | null;
};

/** One ScholarlyArticle; `origin` makes the authors' profile URLs absolute. */
export function scholarlyArticleJsonLd(
  p: ArticleFields,
  origin: string,
): WithContext<ScholarlyArticle> {
  const atrium = new Map(p.atriumAuthors.map((a) => [a.name, a.slug]));
  return {
    "@context": "https://schema.org",
    "@type": "ScholarlyArticle",
    headline: p.title,
    name: p.title,
    datePublished: String(p.year),
    author: p.authorNames.map((name): Person => {
      const slug = atrium.get(name);
      return {
        "@type": "Person",
        name,
        url: slug ? absoluteUrl(origin, `/people/${slug}`) : undefined,
        affiliation: slug ? organization(origin) : undefined,
      };
    }),
    isPartOf: { "@type": "PublicationIssue", name: p.venue },
    url: p.href ?? undefined,
    sameAs: p.doiHref ?? undefined,
    about: p.areaName ?? undefined,
  };
}
