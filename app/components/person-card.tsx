import { Link } from "@remix-run/react";
import { initials } from "~/utils/misc";

export type PersonCardData = {
  slug: string;
  name: string;
  title: string;
  labName: string;
  areas: Array<{ slug: string; name: string }>;
};

/** Initials in a circle; photos come later. Decorative: the name is always next to it. */
export function Avatar({ name, large = false }: { name: string; large?: boolean }) {
  return (
    <span className={large ? "avatar avatar--large" : "avatar"} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

/**
 * A researcher in a list: avatar, name linking to the profile, title, lab and
 * area tags. `headingLevel` keeps the page's heading outline in order.
 */
export function PersonCard({
  person,
  headingLevel = 3,
}: {
  person: PersonCardData;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card person-card">
      <Avatar name={person.name} />
      <div>
        <Heading className="person-card__name">
          <Link to={`/people/${person.slug}`}>{person.name}</Link>
        </Heading>
        <p className="meta-line">{person.title}</p>
        <p className="meta-line">{person.labName}</p>
        {person.areas.length > 0 ? (
          <ul className="tags" aria-label={`Research areas of ${person.name}`}>
            {person.areas.map((a) => (
              <li key={a.slug}>
                <span className="tag">{a.name}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}

/** A list of person cards in the design system's grid. */
export function PersonGrid({
  people,
  headingLevel = 3,
}: {
  people: PersonCardData[];
  headingLevel?: 2 | 3;
}) {
  return (
    <ul className="grid plain-list person-grid">
      {people.map((p) => (
        <li key={p.slug}>
          <PersonCard person={p} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
