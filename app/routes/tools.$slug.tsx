import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PublicationList } from "~/components/outputs/publication-list";
import { publicationUrl } from "~/utils/scholarly-article";
import { listPublicationsByIds } from "~/models/publication.server";
import { getToolBySlug } from "~/models/tool.server";
import { safeHttpUrl } from "~/utils/schema-org";
import { JsonLd } from "~/components/json-ld";
import { toolJsonLd } from "~/utils/schema-org";
import { getDb } from "~/utils/db.server";
import { markdownExcerpt, renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import {
  isSpdxId,
  PUBLICATION_TYPE_LABELS,
  SPDX_LICENSES,
  spdxUrl,
  TOOL_KIND_LABELS,
} from "~/utils/outputs";
import { venueLine } from "~/utils/publication-entry";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { formatDate, isoDate } from "~/utils/time";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import outputStyles from "~/styles/outputs.css";
import { siteOrigin } from "~/utils/origin.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: outputStyles },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const db = getDb();
  const tool = getToolBySlug(db, params.slug);
  invariantResponse(tool, "Not found", { status: 404 });
  const origin = siteOrigin(request);
  const url = `${origin}/tools/${tool.slug}`;
  const publications = listPublicationsByIds(db, tool.publicationIds);
  const repositoryUrl = safeHttpUrl(tool.repositoryUrl);
  const documentationUrl = safeHttpUrl(tool.documentationUrl);
  return {
    tool: {
      slug: tool.slug,
      name: tool.name,
      kind: tool.kind,
      kindLabel: TOOL_KIND_LABELS[tool.kind],
      summary: tool.summary,
      descriptionHtml: renderMarkdown(tool.description),
      repositoryUrl,
      documentationUrl,
      license: {
        id: tool.license,
        name: isSpdxId(tool.license) ? SPDX_LICENSES[tool.license] : tool.license,
        href: isSpdxId(tool.license) ? spdxUrl(tool.license) : null,
      },
      lab: tool.labSlug ? { slug: tool.labSlug, name: tool.labName ?? "" } : null,
      areas: tool.areas,
      maintainers: tool.maintainers,
      updated: formatDate(tool.updatedAt),
      updatedIso: isoDate(tool.updatedAt),
    },
    publications: publications.map((p) => ({
      id: p.id,
      title: p.title,
      venue: p.venue,
      year: p.year,
      typeLabel: PUBLICATION_TYPE_LABELS[p.type],
      citation: venueLine(p),
      moreAuthors: p.moreAuthors,
      href: publicationUrl(p),
      authorNames: p.authorNames,
      atriumAuthors: p.atriumAuthors,
    })),
    seo: {
      url,
      description: tool.summary || markdownExcerpt(tool.description, 200),
    },
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return [{ title: pageTitle("Not found", "Tools") }];
  return [
    { title: pageTitle(data.tool.name, "Tools") },
    ...shareMeta(args, {
      title: data.tool.name,
      description: data.seo.description,
      card: "tools",
      canonical: data.seo.url,
    }),
  ];
};

/** Dataset or SoftwareSourceCode for the page, from the facts its loader sent to show. */
export function toolPageJsonLd({ tool, publications, seo }: SerializeFrom<typeof loader>) {
  const origin = new URL(seo.url).origin;
  return toolJsonLd(origin, {
    name: tool.name,
    kind: tool.kind,
    summary: tool.summary,
    url: seo.url,
    repositoryUrl: tool.repositoryUrl,
    documentationUrl: tool.documentationUrl,
    license: tool.license.id,
    areas: tool.areas.map((a) => a.name),
    maintainers: tool.maintainers.map((m) => ({ name: m.name, url: `${origin}/people/${m.slug}` })),
    citations: publications.map((p) => ({ title: p.title, url: p.href })),
    dateModified: tool.updatedIso,
  });
}

export default function ToolPage() {
  const data = useLoaderData<typeof loader>();
  const { tool, publications } = data;
  return (
    <div className="container">
      <JsonLd data={toolPageJsonLd(data)} />
      <header className="page-header">
        <p className="meta-line">
          <Link to="/tools">Tools, datasets and models</Link>
        </p>
        <h1>{tool.name}</h1>
        <p className="lede">{tool.summary}</p>
        <p className="tool-card__kind">
          <span className={`kind-badge kind-badge--${tool.kind}`}>{tool.kindLabel}</span>
        </p>
      </header>
      <div className="two-col">
        <div>
          {/* renderMarkdown escapes raw HTML and drops unsafe link protocols. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: tool.descriptionHtml }} />
          <section aria-labelledby="related-heading">
            <h2 id="related-heading">Related publications</h2>
            {publications.length > 0 ? (
              <PublicationList items={publications} headingLevel={3} />
            ) : (
              <p className="muted">No publication is linked to {tool.name} yet.</p>
            )}
          </section>
        </div>
        <aside className="stack" aria-label={`About ${tool.name}`}>
          <dl className="definition-list tool-facts">
            {tool.repositoryUrl ? (
              <>
                <dt>{tool.kind === "dataset" ? "Download" : "Repository"}</dt>
                <dd>
                  <a href={tool.repositoryUrl} rel="noopener noreferrer">
                    {tool.repositoryUrl.replace(/^https?:\/\//, "")}
                  </a>
                </dd>
              </>
            ) : null}
            {tool.documentationUrl ? (
              <>
                <dt>Documentation</dt>
                <dd>
                  <a href={tool.documentationUrl} rel="noopener noreferrer">
                    {tool.documentationUrl.replace(/^https?:\/\//, "")}
                  </a>
                </dd>
              </>
            ) : null}
            <dt>Licence</dt>
            <dd>
              {tool.license.href ? (
                <a href={tool.license.href} rel="noopener noreferrer">
                  {tool.license.name}
                </a>
              ) : (
                tool.license.name
              )}{" "}
              <span className="muted">({tool.license.id})</span>
            </dd>
            {tool.lab ? (
              <>
                <dt>Lab</dt>
                <dd>
                  <Link to={`/labs/${tool.lab.slug}`}>{tool.lab.name}</Link>
                </dd>
              </>
            ) : null}
            <dt>Last updated</dt>
            <dd>{tool.updated}</dd>
          </dl>
          {tool.areas.length > 0 ? (
            <ul className="tags" aria-label="Research areas">
              {tool.areas.map((a) => (
                <li key={a.slug}>
                  <Link className="tag" to={`/areas/${a.slug}`}>
                    {a.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <section aria-labelledby="maintainers-heading">
            <h2 id="maintainers-heading">Maintainers</h2>
            {tool.maintainers.length > 0 ? (
              <ul className="plain-list">
                {tool.maintainers.map((m) => (
                  <li key={m.slug}>
                    <Link to={`/people/${m.slug}`}>{m.name}</Link>
                    <span className="muted">
                      {" "}
                      · {m.title}
                      {m.status === "alumni" ? " (alumni)" : ""}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No maintainer is listed.</p>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>We could not find that tool</h1>
            <p>
              <Link to="/tools" className="button">
                See every tool, dataset and model
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
