/** /events/:slug/calendar.ics — "Add to calendar": one VEVENT in the event's own time zone. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listCalendarEvents } from "~/models/event.server";
import { eventsCalendar } from "~/models/event-publishing.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { isSlug } from "~/utils/slug";
import { calendarContentType } from "~/utils/ical.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const [event] = listCalendarEvents(getDb(), { slug: params.slug });
  invariantResponse(event, "Not found", { status: 404 });
  const body = eventsCalendar(new URL(request.url).origin, [event], { name: event.title });
  return new Response(body, {
    headers: {
      "Content-Type": calendarContentType(body),
      "Content-Disposition": `attachment; filename="${event.slug}.ics"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
