import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OpenRoleList } from "~/components/open-role-list";
import { Pagination } from "~/components/pagination";
import { PersonGrid } from "~/components/person-card";
import { getAreaBySlug } from "~/models/area.server";
import { listOpenRoles } from "~/models/directory-openings.server";
import { listResearchers } from "~/models/researcher.server";
import { DirectoryEvents } from "~/components/events/directory-events";
import { listUpcomingEvents, toEventListEntry } from "~/models/event.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse, plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import { getDb } from "~/utils/db.server";

const PER_PAGE = 24;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: directoryStyles }];

export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const area = getAreaBySlug(getDb(), params.slug);
  invariantResponse(area, "Not found", { status: 404 });
  // `page` is clamped: junk becomes 1, past the end becomes the last page.
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  return {
    area: { slug: area.slug, name: area.name, summary: area.summary },
    descriptionHtml: renderMarkdown(area.description),
    people: listResearchers(getDb(), { areaId: area.id, page, perPage: PER_PAGE }),
    openRoles: listOpenRoles(getDb(), { areaId: area.id, limit: 10 }),
    events: listUpcomingEvents(getDb(), { now: Date.now(), areaId: area.id }).map(toEventListEntry),
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return [{ title: pageTitle("Research area not found") }];
  return [
    { title: pageTitle(data.area.name, "Research areas") },
    ...shareMeta(args, {
      title: data.area.name,
      description: data.area.summary,
      card: "areas",
      canonical: `/areas/${data.area.slug}`,
    }),
  ];
};

export default function AreaPage() {
  const { area, descriptionHtml, people, openRoles, events } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/areas">Research areas</Link>
        </p>
        <h1>{area.name}</h1>
        <p className="lede">{area.summary}</p>
      </header>
      <div className="two-col">
        {/* renderMarkdown escapes raw HTML and drops unsafe link protocols. */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
        <section aria-labelledby="roles-heading">
          <h2 id="roles-heading">Open roles in {area.name}</h2>
          <OpenRoleList roles={openRoles} empty="No open roles in this area right now." />
          <p>
            <Link to={`/careers?area=${area.slug}`}>All open roles in {area.name}</Link>
          </p>
        </section>
      </div>
      <DirectoryEvents
        events={events}
        heading={`Upcoming events in ${area.name}`}
        moreHref={`/events?area=${area.slug}`}
        empty="No upcoming events in this area."
      />
      <section aria-labelledby="people-heading">
        <div className="section-header">
          <h2 id="people-heading">People in {area.name}</h2>
          <p className="muted">{plural(people.total, "researcher")}</p>
        </div>
        {people.people.length > 0 ? (
          <>
            <PersonGrid people={people.people} />
            <Pagination
              page={people.page}
              pageCount={people.pageCount}
              label={`Pages of people in ${area.name}`}
            />
          </>
        ) : (
          <p className="muted">Nobody is listed in this area yet.</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>We could not find that research area</h1>
            <p className="lede">It may have been renamed. Here are all of our research areas.</p>
            <p>
              <Link to="/areas" className="button">
                See research areas
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
