import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { PublicationList } from "~/components/outputs/publication-list";
import {
  type ArticleFields,
  doiUrl,
  publicationUrl,
  scholarlyArticleJsonLd,
} from "~/utils/scholarly-article";
import { listPublicationYears, searchPublications } from "~/models/publication.server";
import { JsonLd } from "~/components/json-ld";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { venueLine } from "~/utils/publication-entry";
import { PUBLICATION_TYPE_LABELS } from "~/utils/outputs";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import directoryStyles from "~/styles/directory.css";
import outputStyles from "~/styles/outputs.css";
import { parsePublicationSearch, searchQueryString } from "~/handlers/publication-search.server";

const PER_PAGE = 20;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: outputStyles },
];

export const meta: MetaFunction = (args) => [
  { title: pageTitle("Publications") },
  ...shareMeta(args, {
    title: "Publications",
    description:
      "Search our researchers' papers by title, venue or author; filter by area, lab, year and type; export BibTeX.",
    card: "publications",
  }),
];

export function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const url = new URL(request.url);
  const search = parsePublicationSearch(db, url.searchParams);
  const result = searchPublications(db, {
    ...search.filters,
    page: search.page,
    perPage: PER_PAGE,
  });
  return {
    state: search.state,
    author: search.author,
    areas: search.areas,
    labs: search.labs,
    years: listPublicationYears(db),
    exportHref: `/publications.bib${searchQueryString(search.state)}`,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    items: result.items.map((p) => ({
      id: p.id,
      title: p.title,
      venue: p.venue,
      year: p.year,
      typeLabel: PUBLICATION_TYPE_LABELS[p.type],
      citation: venueLine(p),
      moreAuthors: p.moreAuthors,
      href: publicationUrl(p),
      doiHref: doiUrl(p.doi),
      areaName: p.areaName,
      authorNames: p.authorNames,
      atriumAuthors: p.atriumAuthors,
    })),
    // For the authors' absolute profile URLs in the JSON-LD, which the page builds from the items.
    origin: url.origin,
  };
}

export default function PublicationsIndex() {
  const data = useLoaderData<typeof loader>();
  const { state } = data;
  const filtered = Object.values(state).some(Boolean);
  return (
    <div className="container">
      {data.items.length > 0 ? <JsonLd data={articlesJsonLd(data.items, data.origin)} /> : null}
      <header className="page-header">
        <h1>Publications</h1>
        <p className="lede">
          Papers, articles and reports by our researchers and their co-authors.
          {data.author ? (
            <>
              {" "}
              Showing work by <Link to={`/people/${data.author.slug}`}>{data.author.name}</Link>.
            </>
          ) : null}
        </p>
      </header>

      <Form
        method="get"
        action="/publications"
        role="search"
        aria-label="Find publications"
        className="search-form output-search"
      >
        {state.author ? <input type="hidden" name="author" value={state.author} /> : null}
        <div className="field output-search__q">
          <label htmlFor="pub-q">Search title, venue or author</label>
          <input
            id="pub-q"
            type="search"
            name="q"
            defaultValue={state.q}
            maxLength={200}
            autoComplete="off"
          />
        </div>
        <Select
          id="pub-area"
          name="area"
          label="Research area"
          value={state.area}
          all="All areas"
          options={data.areas.map((a) => [a.slug, a.name])}
        />
        <Select
          id="pub-lab"
          name="lab"
          label="Lab"
          value={state.lab}
          all="All labs"
          options={data.labs.map((l) => [l.slug, l.name])}
        />
        <Select
          id="pub-year"
          name="year"
          label="Year"
          value={state.year}
          all="Any year"
          options={data.years.map((y) => [String(y), String(y)])}
        />
        <Select
          id="pub-type"
          name="type"
          label="Type"
          value={state.type}
          all="Any type"
          options={Object.entries(PUBLICATION_TYPE_LABELS)}
        />
        <button type="submit" className="button">
          Search
        </button>
      </Form>

      <div className="section-header">
        <p className="results-summary" role="status">
          {plural(data.total, "publication")}
          {data.pageCount > 1 ? ` · page ${data.page} of ${data.pageCount}` : null}
        </p>
        {data.total > 0 ? (
          <a href={data.exportHref} download className="button button--ghost button--small">
            Download {data.total > 1000 ? "the first 1,000" : "these"} as BibTeX
          </a>
        ) : null}
      </div>

      {data.items.length > 0 ? (
        <>
          <PublicationList items={data.items} />
          <Pagination page={data.page} pageCount={data.pageCount} label="Publication pages" />
        </>
      ) : (
        <div className="empty-state">
          <h2>No publications match {filtered ? "these filters" : "yet"}</h2>
          {filtered ? (
            <p>
              Try fewer or different words, or{" "}
              <Link to="/publications">clear the search and filters</Link>.
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}

function Select({
  id,
  name,
  label,
  value,
  all,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  all: string;
  options: Array<[string, string]>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** The page's entries as ScholarlyArticle JSON-LD, built from the items on the server and in the browser alike. */
export function articlesJsonLd(items: ArticleFields[], origin: string) {
  return items.map((p) => scholarlyArticleJsonLd(p, origin));
}
