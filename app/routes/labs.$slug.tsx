import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OpenRoleList } from "~/components/open-role-list";
import { Pagination } from "~/components/pagination";
import { PersonGrid } from "~/components/person-card";
import { listOpenRoles } from "~/models/directory-openings.server";
import { getLabBySlug } from "~/models/lab.server";
import { listResearchers } from "~/models/researcher.server";
import { DirectoryEvents } from "~/components/events/directory-events";
import { listUpcomingEvents, toEventListEntry } from "~/models/event.server";
import { markdownExcerpt, renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse, plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import { getDb } from "~/utils/db.server";

const PER_PAGE = 24;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: directoryStyles }];

export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const lab = getLabBySlug(getDb(), params.slug);
  invariantResponse(lab, "Not found", { status: 404 });
  // `page` is clamped: junk becomes 1, past the end becomes the last page.
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  return {
    lab: { slug: lab.slug, name: lab.name, city: lab.city, country: lab.country },
    summary: markdownExcerpt(lab.description, 160),
    descriptionHtml: renderMarkdown(lab.description),
    people: listResearchers(getDb(), { labId: lab.id, page, perPage: PER_PAGE }),
    openRoles: listOpenRoles(getDb(), { labId: lab.id, limit: 10 }),
    events: listUpcomingEvents(getDb(), { now: Date.now(), labId: lab.id }).map(toEventListEntry),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: pageTitle("Lab not found") }];
  return [
    { title: pageTitle(data.lab.name, "Labs") },
    {
      name: "description",
      content:
        data.summary || `${data.lab.name}, our lab in ${data.lab.city}, ${data.lab.country}.`,
    },
  ];
};

export default function LabPage() {
  const { lab, descriptionHtml, people, openRoles, events } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/labs">Labs and locations</Link>
        </p>
        <h1>{lab.name}</h1>
        <p className="lede">
          {lab.city}, {lab.country}
        </p>
      </header>
      <div className="two-col">
        {/* renderMarkdown escapes raw HTML and drops unsafe link protocols. */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
        <section aria-labelledby="roles-heading">
          <h2 id="roles-heading">Open roles at {lab.name}</h2>
          <OpenRoleList roles={openRoles} empty="No open roles at this lab right now." />
          <p>
            <Link to={`/careers?lab=${lab.slug}`}>All open roles at {lab.name}</Link>
          </p>
        </section>
      </div>
      <DirectoryEvents
        events={events}
        heading={`Upcoming events at ${lab.name}`}
        moreHref={`/events?lab=${lab.slug}`}
        empty="No upcoming events at this lab."
      />
      <section aria-labelledby="people-heading">
        <div className="section-header">
          <h2 id="people-heading">People at {lab.name}</h2>
          <p className="muted">{plural(people.total, "researcher")}</p>
        </div>
        {people.people.length > 0 ? (
          <>
            <PersonGrid people={people.people} />
            <Pagination
              page={people.page}
              pageCount={people.pageCount}
              label={`Pages of people at ${lab.name}`}
            />
          </>
        ) : (
          <p className="muted">Nobody is listed at this lab yet.</p>
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
            <h1>We could not find that lab</h1>
            <p className="lede">It may have moved or been renamed. Here are all of our labs.</p>
            <p>
              <Link to="/labs" className="button">
                See labs and locations
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
