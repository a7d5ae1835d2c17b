import { Link } from "@remix-run/react";
import { Portrait } from "~/components/portrait";

export type PersonCardData = {
  slug: string;
  name: string;
  title: string;
  labName: string;
  hasPhoto?: boolean;
  areas: Array<{ slug: string; name: string }>;
};

/**
 * The person's photo when an admin uploaded one, otherwise their generated
 * portrait (see portrait.tsx). Decorative (empty alt / aria-hidden): the name is
 * always next to it. Initials (`initials()` in utils/misc) remain the fallback
 * where an image does not fit.
 */
export function Avatar({
  slug,
  hasPhoto = false,
  large = false,
}: {
  slug: string;
  hasPhoto?: boolean;
  large?: boolean;
}) {
  const className = large ? "avatar avatar--large" : "avatar";
  const size = large ? 96 : 52;
  if (hasPhoto) {
    return (
      <img src={`/people/${slug}/photo`} alt="" width={size} height={size} className={className} />
    );
  }
  return <Portrait slug={slug} size={size} className={`${className} avatar--portrait`} />;
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
      <Avatar slug={person.slug} hasPhoto={person.hasPhoto} />
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
  featured = false,
}: {
  people: PersonCardData[];
  headingLevel?: 2 | 3;
  /** A fixed 1/2/3-column grid, so a count divisible by 6 always fills its rows. */
  featured?: boolean;
}) {
  return (
    <ul className={`grid plain-list person-grid${featured ? " person-grid--featured" : ""}`}>
      {people.map((p) => (
        <li key={p.slug}>
          <PersonCard person={p} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
