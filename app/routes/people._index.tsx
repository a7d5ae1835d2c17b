import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { PersonGrid } from "~/components/person-card";
import { listAreaOptions } from "~/models/area.server";
import { listLabOptions } from "~/models/lab.server";
import { listResearchers } from "~/models/researcher.server";
import { plural } from "~/utils/misc";
import { parsePage, parseQuery, toFtsQuery } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import { getDb } from "~/utils/db.server";

const PER_PAGE = 20;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: directoryStyles }];

export const meta: MetaFunction = (args) => [
  { title: pageTitle("People") },
  ...shareMeta(args, {
    title: "People",
    description:
      "Search the researchers of our labs by name, title, research area or what they work on.",
    card: "people",
  }),
];

/**
 * The URL is the whole state of this page (so results can be shared), and
 * anything in it may be junk: every parameter falls back to "not given"
 * instead of failing. Unknown area/lab slugs are ignored later.
 */
const optionalSlug = z
  .string()
  .refine((v) => isSlug(v))
  .optional()
  .catch(undefined);
const PeopleSearchSchema = z.object({
  q: z.string().catch("").transform(parseQuery),
  area: optionalSlug,
  lab: optionalSlug,
  page: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => parsePage(v)),
});

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = PeopleSearchSchema.parse({
    q: url.searchParams.get("q") ?? "",
    area: url.searchParams.get("area") || undefined,
    lab: url.searchParams.get("lab") || undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  const areas = listAreaOptions(getDb());
  const labs = listLabOptions(getDb());
  const area = areas.find((a) => a.slug === params.area);
  const lab = labs.find((l) => l.slug === params.lab);

  const result = listResearchers(getDb(), {
    ftsQuery: toFtsQuery(params.q),
    areaId: area?.id,
    labId: lab?.id,
    page: params.page,
    perPage: PER_PAGE,
  });
  return {
    filters: { q: params.q, area: area?.slug ?? "", lab: lab?.slug ?? "" },
    areas: areas.map(({ slug, name }) => ({ slug, name })),
    labs: labs.map(({ slug, name }) => ({ slug, name })),
    ...result,
  };
}

export default function PeopleIndex() {
  const data = useLoaderData<typeof loader>();
  const { filters } = data;
  const hasFilters = Boolean(filters.q || filters.area || filters.lab);
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/people";

  return (
    <div className="container">
      <header className="page-header">
        <h1>People</h1>
        <p className="lede">
          Researchers and engineers across our labs. Search by name, title or topic, or narrow the
          list to a research area or lab.
        </p>
      </header>

      <SearchForm filters={filters} areas={data.areas} labs={data.labs} />

      <p className="results-summary" role="status" aria-live="polite" aria-busy={searching}>
        {plural(data.total, "person", "people")}
        {data.pageCount > 1 ? ` · page ${data.page} of ${data.pageCount}` : null}
      </p>

      {data.people.length > 0 ? (
        <>
          <PersonGrid people={data.people} headingLevel={2} />
          <Pagination page={data.page} pageCount={data.pageCount} label="People pages" />
        </>
      ) : (
        <div className="empty-state">
          <h2>No one matches {hasFilters ? "these filters" : "yet"}</h2>
          {hasFilters ? (
            <p>
              Try fewer or different words, or{" "}
              <Link to="/people">clear the search and filters</Link>.
            </p>
          ) : (
            <p>The directory is empty for now.</p>
          )}
        </div>
      )}
    </div>
  );
}

type Option = { slug: string; name: string };

/**
 * A plain GET form: without JavaScript it submits like any form. With
 * JavaScript, changing a filter or pausing while typing submits it too, so
 * results follow the typing (the last word is matched as a prefix).
 */
function SearchForm({
  filters,
  areas,
  labs,
}: {
  filters: { q: string; area: string; lab: string };
  areas: Option[];
  labs: Option[];
}) {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const formRef = useRef<HTMLFormElement>(null);

  // Keep the fields in step with the URL (after back/forward or "clear"), but
  // never under the person's fingers: the focused field keeps what they typed.
  // Not on the first run: the server rendered these very values, and a choice
  // made before the page's JavaScript arrived must survive hydration.
  const shownFilters = useRef(filters);
  useEffect(() => {
    const form = formRef.current;
    if (!form || shownFilters.current === filters) return;
    shownFilters.current = filters;
    for (const [name, value] of Object.entries(filters)) {
      const el = form.elements.namedItem(name);
      if (
        (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) &&
        el !== document.activeElement
      ) {
        el.value = value;
      }
    }
  }, [filters]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // A pending search must not fire after the person went somewhere else
  // (e.g. "clear the search and filters"): a navigation that is not this
  // form's own submission cancels it.
  const navigation = useNavigation();
  useEffect(() => {
    if (navigation.state !== "idle" && !navigation.formData) clearTimeout(timer.current);
  }, [navigation.state, navigation.formData]);

  const submitSoon = (form: HTMLFormElement, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => submit(form, { replace: true, preventScrollReset: true }),
      delay,
    );
  };

  return (
    <Form
      ref={formRef}
      method="get"
      action="/people"
      role="search"
      aria-label="Find people"
      className="search-form people-search"
      onChange={(event) => {
        const target = event.target as HTMLElement;
        submitSoon(event.currentTarget, target.tagName === "SELECT" ? 0 : 300);
      }}
      // Pressing "Search" submits now; the pending automatic search is superseded.
      onSubmit={() => clearTimeout(timer.current)}
    >
      <div className="field">
        <label htmlFor="people-q">Search people</label>
        <input
          id="people-q"
          type="search"
          name="q"
          defaultValue={filters.q}
          maxLength={200}
          placeholder="Name, title or topic"
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor="people-area">Research area</label>
        <select id="people-area" name="area" defaultValue={filters.area}>
          <option value="">All areas</option>
          {areas.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="people-lab">Lab</label>
        <select id="people-lab" name="lab" defaultValue={filters.lab}>
          <option value="">All labs</option>
          {labs.map((l) => (
            <option key={l.slug} value={l.slug}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        Search
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
