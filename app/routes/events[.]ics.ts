/** /events.ics — a subscribable iCalendar feed of upcoming events (each in its own time zone). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listCalendarEvents } from "~/models/event.server";
import { eventsCalendar } from "~/models/event-publishing.server";
import { getDb } from "~/utils/db.server";
import { getBrand } from "~/utils/site";
import { calendarContentType } from "~/utils/ical.server";

export function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const body = eventsCalendar(origin, listCalendarEvents(getDb(), { now: Date.now() }), {
    name: `${getBrand().name} events`,
    feed: true,
  });
  return new Response(body, {
    headers: {
      "Content-Type": calendarContentType(body),
      "Content-Disposition": 'inline; filename="events.ics"',
      "Cache-Control": "public, max-age=900",
    },
  });
}
