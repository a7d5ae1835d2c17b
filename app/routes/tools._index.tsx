import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { TOOL_KINDS } from "~/lib/enums";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ToolList } from "~/components/outputs/tool-list";
import { listAreaOptions } from "~/models/area.server";
import { listTools } from "~/models/tool.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { TOOL_KIND_LABELS } from "~/utils/outputs";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import directoryStyles from "~/styles/directory.css";
import outputStyles from "~/styles/outputs.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: outputStyles },
];

export const meta: MetaFunction = (args) => [
  { title: pageTitle("Tools, datasets and models") },
  ...shareMeta(args, {
    title: "Tools, datasets and models",
    description: "Datasets, models, libraries, APIs and services our researchers build and share.",
    card: "tools",
  }),
];

/** Junk in the URL is "not given", never an error. */
const FilterSchema = z.object({
  kind: z.enum(TOOL_KINDS).optional().catch(undefined),
  area: z.string().max(80).optional().catch(undefined),
});

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const f = FilterSchema.parse({
    kind: url.searchParams.get("kind") || undefined,
    area: url.searchParams.get("area") || undefined,
  });
  const areas = listAreaOptions(getDb());
  const area = areas.find((a) => a.slug === f.area);
  return {
    filters: { kind: f.kind ?? "", area: area?.slug ?? "" },
    areas: areas.map(({ slug, name }) => ({ slug, name })),
    tools: listTools(getDb(), { kind: f.kind, areaId: area?.id }),
  };
}

export default function ToolsIndex() {
  const { filters, areas, tools } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.kind || filters.area);
  return (
    <div className="container">
      <header className="page-header">
        <h1>Tools, datasets and models</h1>
        <p className="lede">
          What our researchers build and share: datasets, models, libraries, APIs and services, each
          with its licence, maintainers and the papers behind it.
        </p>
      </header>
      <Form
        method="get"
        action="/tools"
        className="search-form output-search"
        aria-label="Filter tools"
      >
        <div className="field">
          <label htmlFor="tool-kind">Kind</label>
          <select id="tool-kind" name="kind" defaultValue={filters.kind}>
            <option value="">Every kind</option>
            {Object.entries(TOOL_KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tool-area">Research area</label>
          <select id="tool-area" name="area" defaultValue={filters.area}>
            <option value="">All areas</option>
            {areas.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      <p className="results-summary" role="status">
        {plural(tools.length, "result")}
      </p>
      {tools.length > 0 ? (
        <ToolList tools={tools} headingLevel={2} />
      ) : (
        <div className="empty-state">
          <h2>Nothing matches {filtered ? "these filters" : "yet"}</h2>
          {filtered ? (
            <p>
              <Link to="/tools">Show every tool, dataset and model</Link>
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
