/**
 * /about — the organisation in its own words (its research lens, values and
 * a quote: Markdown an admin writes at /admin/settings/about, rendered
 * safely), its research directions (the research areas) and its numbers
 * (from the count tables). A block left blank is left out.
 */
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { organisationNumbers } from "~/models/about.server";
import { listAreasWithCounts } from "~/models/area.server";
import { getSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { markdownExcerpt, renderMarkdown } from "~/utils/markdown.server";
import { plural } from "~/utils/misc";
import { getBrand, pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import aboutStyles from "~/styles/about.css";
import directoryStyles from "~/styles/directory.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: aboutStyles },
];

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: pageTitle("About") },
  ...shareMeta(args, {
    title: `About ${getBrand().name}`,
    description: args.data?.description || `Who we are and what we work on at ${getBrand().name}.`,
    card: "about",
    canonical: "/about",
  }),
];

export function loader() {
  const db = getDb();
  const settings = getSettings(db);
  return {
    name: settings.name,
    description: markdownExcerpt(settings.aboutLens, 200),
    lensHtml: settings.aboutLens ? renderMarkdown(settings.aboutLens) : null,
    valuesHtml: settings.aboutValues ? renderMarkdown(settings.aboutValues) : null,
    quote: settings.aboutQuote ? { text: settings.aboutQuote, by: settings.aboutQuoteBy } : null,
    areas: listAreasWithCounts(db),
    numbers: organisationNumbers(db, Date.now()),
  };
}

const formatCount = (n: number) => n.toLocaleString("en-GB");

export default function About() {
  const { name, lensHtml, valuesHtml, quote, areas, numbers } = useLoaderData<typeof loader>();
  const figures = [
    { n: numbers.researchers, one: "researcher", many: "researchers", to: "/people" },
    { n: numbers.labs, one: "lab", many: "labs", to: "/labs" },
    { n: numbers.publications, one: "publication", many: "publications", to: "/publications" },
    { n: numbers.openRoles, one: "open role", many: "open roles", to: "/careers" },
  ];
  return (
    <div className="container about">
      <header className="page-header about__header">
        <p className="about__eyebrow">About us</p>
        <h1>{name}</h1>
      </header>

      {lensHtml ? (
        <section className="about__lens" aria-labelledby="lens-heading">
          <h2 id="lens-heading">Our research lens</h2>
          <div className="prose about__lead" dangerouslySetInnerHTML={{ __html: lensHtml }} />
        </section>
      ) : null}

      <section aria-labelledby="numbers-heading" className="about__numbers">
        <h2 id="numbers-heading">{name} in numbers</h2>
        <ul className="figures">
          {figures.map((f) => (
            <li key={f.to} className="figure">
              <Link to={f.to} className="figure__link">
                <span className="figure__n">{formatCount(f.n)}</span>{" "}
                <span className="figure__label">{f.n === 1 ? f.one : f.many}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {areas.length ? (
        <section aria-labelledby="directions-heading">
          <div className="section-header">
            <h2 id="directions-heading">Our research directions</h2>
            <Link to="/areas">All research areas</Link>
          </div>
          <ol className="area-list about__directions">
            {areas.map((a) => (
              <li key={a.slug} className="card">
                <h3>
                  <Link to={`/areas/${a.slug}`}>{a.name}</Link>
                </h3>
                <p>{a.summary}</p>
                <p className="meta-line">{plural(a.peopleCount, "researcher")}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {valuesHtml ? (
        <section aria-labelledby="values-heading" className="about__values">
          <h2 id="values-heading">What we value</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: valuesHtml }} />
        </section>
      ) : null}

      {quote ? (
        <figure className="about__quote">
          <blockquote>
            <p>{quote.text}</p>
          </blockquote>
          {quote.by ? <figcaption>{quote.by}</figcaption> : null}
        </figure>
      ) : null}

      <p className="button-row about__next">
        <Link to="/people" className="button">
          Meet the people
        </Link>
        <Link to="/careers" className="button button--ghost">
          Careers in research
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
