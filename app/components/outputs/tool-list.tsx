import { Link } from "@remix-run/react";
import { TOOL_KIND_LABELS } from "~/utils/outputs";

export type ToolCardData = {
  slug: string;
  name: string;
  kind: keyof typeof TOOL_KIND_LABELS;
  summary: string;
  license: string;
  areas: Array<{ slug: string; name: string }>;
};

/** Tools, datasets and models as cards: name (a link), kind, licence, summary and areas. */
export function ToolList({
  tools,
  headingLevel = 3,
}: {
  tools: ToolCardData[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="tool-grid">
      {tools.map((t) => (
        <li key={t.slug} className="card tool-card">
          <p className="tool-card__kind">
            <span className={`kind-badge kind-badge--${t.kind}`}>{TOOL_KIND_LABELS[t.kind]}</span>
            <span className="muted small">{t.license}</span>
          </p>
          <Heading className="tool-card__name">
            <Link to={`/tools/${t.slug}`}>{t.name}</Link>
          </Heading>
          <p>{t.summary}</p>
          {t.areas.length > 0 ? (
            <ul className="tags" aria-label={`Research areas of ${t.name}`}>
              {t.areas.map((a) => (
                <li key={a.slug}>
                  <Link className="tag" to={`/areas/${a.slug}`}>
                    {a.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The home page's featured tools (its loader passes `listFeaturedTools`). */
export function FeaturedTools({ tools }: { tools: ToolCardData[] }) {
  if (tools.length === 0) return null;
  return (
    <section aria-labelledby="featured-tools-heading">
      <div className="section-header">
        <h2 id="featured-tools-heading">Tools, datasets and models</h2>
        <Link to="/tools">Everything we share</Link>
      </div>
      <ToolList tools={tools} />
    </section>
  );
}

/** A profile's "Tools and datasets" section and a link to the person's publications. */
export function ProfileOutputs({
  person,
  tools,
}: {
  person: { slug: string; name: string };
  tools: ToolCardData[];
}) {
  return (
    <section aria-labelledby="tools-heading">
      <div className="section-header">
        <h2 id="tools-heading">Tools, datasets and models</h2>
        <Link to={`/publications?author=${person.slug}`}>Search {person.name}’s publications</Link>
      </div>
      {tools.length > 0 ? (
        <ToolList tools={tools} />
      ) : (
        <p className="muted">{person.name} does not maintain a listed tool, dataset or model.</p>
      )}
    </section>
  );
}
