export type PublicationListItem = {
  id: number;
  title: string;
  venue: string;
  year: number;
  typeLabel: string;
  /** Where it appeared, as venueLine() writes it ("In Proceedings of …, pp. 1–10"). */
  citation: string;
  /** The author list ended in "and others". */
  moreAuthors: boolean;
  href: string | null;
  authorNames: string[];
  atriumAuthors: Array<{ slug: string; name: string }>;
};

/**
 * Publications with their authors: Atrium authors link to their profiles,
 * outside authors are plain names, a list cut short ends "et al.". The venue
 * reads as a citation: a journal with its volume and pages, a paper "In" its
 * proceedings. Each has its own BibTeX link.
 */
export function PublicationList({
  items,
  headingLevel = 2,
}: {
  items: PublicationListItem[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="output-list">
      {items.map((p) => {
        const atrium = new Map(p.atriumAuthors.map((a) => [a.name, a.slug]));
        return (
          <li key={p.id} className="output-item">
            <Heading className="output-item__title">
              {p.href ? (
                <a href={p.href} rel="noopener noreferrer">
                  {p.title}
                </a>
              ) : (
                p.title
              )}
            </Heading>
            <p className="output-item__authors">
              {p.authorNames.map((name, i) => {
                const slug = atrium.get(name);
                return (
                  <span key={`${name}-${i}`}>
                    {i > 0 ? ", " : null}
                    {slug ? <Link to={`/people/${slug}`}>{name}</Link> : name}
                  </span>
                );
              })}
              {p.moreAuthors ? (p.authorNames.length > 0 ? " et al." : "et al.") : null}
            </p>
            <p className="meta-line">
              {p.citation ? <>{p.citation} · </> : null}
              {p.year} · {p.typeLabel} ·{" "}
              <a href={`/publications/${p.id}/bibtex`} download>
                BibTeX<span className="visually-hidden"> for “{p.title}”</span>
              </a>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
import { Link } from "@remix-run/react";
