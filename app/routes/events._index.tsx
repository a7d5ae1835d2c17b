/**
 * /events: talks, seminars, workshops and conference appearances. Upcoming
 * first (soonest first), then past ones on their own tab (`?when=past`, latest
 * first). Filters by area, lab and kind live in the URL: a plain GET form, so
 * the page works without JavaScript.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EVENT_KINDS, type EventKind } from "~/lib/enums";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventList } from "~/components/events/event-list";
import { SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { EVENT_KIND_LABELS } from "~/lib/event-labels";
import { listEventFilterOptions, listEvents, toEventListEntry } from "~/models/event.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { isSlug } from "~/utils/slug";
import directoryStyles from "~/styles/directory.css";
import eventStyles from "~/styles/events.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: eventStyles },
  { rel: "alternate", type: "text/calendar", title: "Upcoming events", href: "/events.ics" },
];

export const meta: MetaFunction = (args) => [
  { title: pageTitle("Events and talks") },
  ...shareMeta(args, {
    title: "Events and talks",
    description: "Talks, seminars, workshops and conference appearances by our researchers.",
    card: "events",
  }),
];

export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const when = params.get("when") === "past" ? "past" : "upcoming";
  const slugOrNull = (v: string | null) => (v && isSlug(v) ? v : null);
  const kindParam = params.get("kind");
  const kind = EVENT_KINDS.includes(kindParam as EventKind) ? (kindParam as EventKind) : null;
  const filters = {
    area: slugOrNull(params.get("area")),
    lab: slugOrNull(params.get("lab")),
    kind,
  };
  const db = getDb();
  const result = listEvents(db, {
    when,
    ...filters,
    page: parsePage(params.get("page")),
    now: Date.now(),
  });
  return {
    when,
    filters,
    options: listEventFilterOptions(db),
    events: result.rows.map(toEventListEntry),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
  };
}

export default function EventsIndex() {
  const { when, filters, options, events, total, page, pageCount } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.area || filters.lab || filters.kind);
  const tabHref = (w: "upcoming" | "past") => {
    const p = new URLSearchParams();
    if (w === "past") p.set("when", "past");
    for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
    const qs = p.toString();
    return qs ? `/events?${qs}` : "/events";
  };
  return (
    <div className="container">
      <header className="page-header">
        <h1>Events and talks</h1>
        <p className="lede">
          Talks, seminars, workshops and conference appearances by our researchers and guests. Times
          are shown in the event&apos;s own time zone.
        </p>
        <p className="meta-line">
          <a href="/events.ics">Subscribe to upcoming events (iCalendar)</a>
        </p>
      </header>

      {/* A plain GET form: filters live in the URL and it works without JavaScript. */}
      <Form
        method="get"
        className="search-form search-form--events"
        role="search"
        aria-label="Filter events"
      >
        {when === "past" ? <input type="hidden" name="when" value="past" /> : null}
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
        <SelectField label="Kind" selectProps={{ name: "kind", defaultValue: filters.kind ?? "" }}>
          <option value="">All kinds</option>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {EVENT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          Filter events
        </button>
      </Form>

      <nav className="event-tabs" aria-label="Upcoming or past events">
        <Link to={tabHref("upcoming")} aria-current={when === "upcoming" ? "page" : undefined}>
          Upcoming
        </Link>
        <Link to={tabHref("past")} aria-current={when === "past" ? "page" : undefined}>
          Past events
        </Link>
      </nav>

      <p className="results-summary" role="status">
        {plural(total, when === "past" ? "past event" : "upcoming event")}
        {filtered ? " match your filters" : ""}
        {pageCount > 1 ? ` · page ${page} of ${pageCount}` : ""}
      </p>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="visually-hidden">
          {when === "past" ? "Past events" : "Upcoming events"}
        </h2>
        <EventList
          events={events}
          empty={
            filtered
              ? "No events match these filters. Try fewer filters."
              : when === "past"
                ? "No past events yet."
                : "No upcoming events are scheduled right now. See past events for recordings."
          }
        />
        <Pagination page={page} pageCount={pageCount} label="Pages of events" />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
