/**
 * Edit or delete an event (the slug stays, so public links keep working).
 * Admins only, in the loader and the action; every change is audited.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventForm, EventSchema } from "~/components/events/event-form";
import {
  deleteEvent,
  eventFormOptions,
  getEventFormValues,
  saveEvent,
} from "~/models/event.server";
import { getDb } from "~/utils/db.server";
import { timeZoneNames } from "~/utils/time";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.event.title}` : "Edit event", "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const db = getDb();
  const found = getEventFormValues(db, requireId(params.id));
  invariantResponse(found, "Event not found", { status: 404 });
  return { ...found, ...eventFormOptions(db), timeZones: timeZoneNames(found.values.timeZone) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const id = requireId(params.id);
  invariantResponse(getEventFormValues(db, id), "Event not found", { status: 404 });
  const actor = { userId: user.id, ip: getClientIp(context) };
  const formData = await requireFormData(request);
  if (formData.get("intent") === "delete") {
    deleteEvent(db, id, actor);
    return redirect("/admin/events?deleted=1");
  }
  const submission = parseWithZod(formData, { schema: EventSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveEvent(db, id, submission.value, actor);
  if (!saved.ok)
    return data(submission.reply({ fieldErrors: saved.errors, formErrors: saved.formErrors }), {
      status: 400,
    });
  return redirect(`/admin/events/${id}?saved=1`);
}

export default function EditEvent() {
  const { event, values, labs, areas, timeZones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Edit {event.title}</h1>
        <p className="meta-line">
          <Link to={`/events/${event.slug}`}>Public page</Link> · /events/{event.slug}
        </p>
      </header>
      {params.get("created") || params.get("saved") ? (
        <p className="notice" role="status">
          {params.get("created") ? "Event added. It is listed on the events page." : "Saved."}
        </p>
      ) : null}
      <EventForm
        defaultValue={values}
        lastResult={lastResult}
        labs={labs}
        areas={areas}
        timeZones={timeZones}
        submitLabel="Save event"
      />
      <Form method="post" className="form-section">
        <h2>Delete this event</h2>
        <p>It disappears from the site and from subscribed calendars at their next refresh.</p>
        <button type="submit" name="intent" value="delete" className="button button--danger">
          Delete event
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container">
            <h1>Event not found</h1>
          </div>
        ),
      }}
    />
  );
}
