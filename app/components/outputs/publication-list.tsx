export type PublicationListItem = {
  id: number;
  title: string;
  venue: string;
  year: number;
  typeLabel: string;
  href: string | null;
  authorNames: string[];
  atriumAuthors: Array<{ slug: string; name: string }>;
};

/**
 * Publications with their authors: Atrium authors link to their profiles,
 * outside authors are plain names. Each has its own BibTeX link.
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
            </p>
            <p className="meta-line">
              {p.venue} · {p.year} · {p.typeLabel} ·{" "}
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
