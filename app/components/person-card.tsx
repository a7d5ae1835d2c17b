import { Link } from "@remix-run/react";
import { initials } from "~/utils/misc";

export type PersonCardData = {
  slug: string;
  name: string;
  title: string;
  labName: string;
  hasPhoto?: boolean;
  areas: Array<{ slug: string; name: string }>;
};

/**
 * The person's photo when an admin uploaded one, otherwise their initials.
 * Decorative (empty alt): the name is always next to it.
 */
export function Avatar({
  name,
  photoSlug,
  large = false,
}: {
  name: string;
  /** The researcher's slug when they have a photo. */
  photoSlug?: string | null;
  large?: boolean;
}) {
  const className = large ? "avatar avatar--large" : "avatar";
  if (photoSlug) {
    const size = large ? 96 : 52;
    return (
      <img
        src={`/people/${photoSlug}/photo`}
        alt=""
        width={size}
        height={size}
        className={className}
      />
    );
  }
  return (
    <span className={className} aria-hidden="true">
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
      <Avatar name={person.name} photoSlug={person.hasPhoto ? person.slug : null} />
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
