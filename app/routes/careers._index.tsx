import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OPENING_KINDS } from "~/lib/enums";
import { OpeningCard } from "~/components/opening-card";
import { Field, SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { getOpeningFilterOptions, searchOpenings } from "~/models/opening.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { parsePage, parseQuery } from "~/utils/search";
import { OPENING_KIND_LABELS, pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import careersStyles from "~/styles/careers.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: careersStyles }];

/**
 * The URL is the whole state of this page, and anything in it may be junk:
 * each parameter falls back to "not given" instead of failing, so a bad link
 * still renders a useful page (never a 400 or 500).
 */
const slugParam = z
  .string()
  .refine((v) => isSlug(v))
  .optional()
  .catch(undefined);
const CareersSearchSchema = z.object({
  q: z.string().optional().catch(undefined).transform(parseQuery),
  area: slugParam,
  lab: slugParam,
  kind: z.enum(OPENING_KINDS).optional().catch(undefined),
  page: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => parsePage(v)),
});

export function loader({ request }: LoaderFunctionArgs) {
  const params = CareersSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = searchOpenings(getDb(), {
    q: params.q,
    areaSlug: params.area,
    labSlug: params.lab,
    kind: params.kind,
    page: params.page,
  });
  return { ...result, filters: params, options: getOpeningFilterOptions(getDb()) };
}

export const meta: MetaFunction = (args) => [
  { title: pageTitle("Careers") },
  ...shareMeta(args, {
    title: "Careers",
    description: "Open research roles: scientists, postdocs, interns, fellows and engineers.",
    card: "careers",
  }),
];

export default function CareersIndex() {
  const { items, total, page, pageCount, filters, options } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.area || filters.lab || filters.kind);
  return (
    <div className="container">
      <header className="page-header">
        <h1>Careers</h1>
        <p className="lede">
          Join researchers and engineers working on open problems in science and technology. Every
          role names the team you would join.
        </p>
      </header>

      {/* A plain GET form: filters live in the URL and it works without JavaScript. */}
      <Form
        method="get"
        className="search-form search-form--3 careers-filters"
        role="search"
        aria-label="Search open roles"
      >
        <Field
          label="Search roles"
          inputProps={{ type: "search", name: "q", defaultValue: filters.q, maxLength: 200 }}
        />
        <SelectField
          label="Research area"
          selectProps={{ name: "area", defaultValue: filters.area ?? "" }}
        >
          <option value="">All areas</option>
          {options.areas.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Lab" selectProps={{ name: "lab", defaultValue: filters.lab ?? "" }}>
          <option value="">All labs</option>
          {options.labs.map((l) => (
            <option key={l.slug} value={l.slug}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Kind of role"
          selectProps={{ name: "kind", defaultValue: filters.kind ?? "" }}
        >
          <option value="">All kinds</option>
          {OPENING_KINDS.map((k) => (
            <option key={k} value={k}>
              {OPENING_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          Search roles
        </button>
      </Form>

      <p className="results-summary" role="status">
        {plural(total, "open role")}
        {filtered ? " match your search" : ""}
        {pageCount > 1 ? ` · page ${page} of ${pageCount}` : ""}
      </p>

      {items.length > 0 ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="visually-hidden">
            Open roles
          </h2>
          <ul className="result-list">
            {items.map((opening) => (
              <li key={opening.slug}>
                <OpeningCard opening={opening} />
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} label="Open roles pages" />
        </section>
      ) : (
        <div className="empty-state">
          <h2>No open roles found</h2>
          {filtered ? (
            <p>
              Try fewer words or other filters, or <Link to="/careers">see every open role</Link>.
            </p>
          ) : (
            <p>There are no open roles right now. Please check back soon.</p>
          )}
        </div>
      )}
    </div>
  );
}
