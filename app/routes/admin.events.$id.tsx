/**
 * Edit or delete an event (the slug stays, so public links keep working).
 * Admins only, in the loader and the action; every change is audited.
 */
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import {
  DeleteForm,
  EditResourcePage,
  ResourceErrorBoundary,
} from "~/components/admin/resource-pages";
import { EVENTS } from "~/components/admin/resources";
import { EventForm, EventSchema } from "~/components/events/event-form";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import {
  deleteEvent,
  eventFormOptions,
  getEventFormValues,
  saveEvent,
} from "~/models/event-admin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { timeZoneNames } from "~/utils/time";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.event.title}` : EVENTS.editTitle, "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const db = getDb();
  const found = getEventFormValues(db, requireId(params.id));
  invariantResponse(found, EVENTS.notFound, { status: 404 });
  // A stored zone the runtime lists under another name stays offered, so saving keeps it.
  return { ...found, ...eventFormOptions(db), timeZones: timeZoneNames(found.values.timeZone) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const id = requireId(params.id);
  invariantResponse(getEventFormValues(db, id), EVENTS.notFound, { status: 404 });
  const actor = adminActor(user, context);
  const formData = await requireFormData(request);
  if (formData.get("intent") === "delete") {
    deleteEvent(db, id, actor);
    return redirect(`${EVENTS.path}?deleted=1`);
  }
  return saveResourceForm(
    formData,
    EventSchema,
    (value) => saveEvent(db, id, value, actor),
    () => `${EVENTS.path}/${id}?saved=1`,
  );
}

export default function EditEvent() {
  const { event, values, labs, areas, timeZones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <EditResourcePage
      resource={EVENTS}
      name={event.title}
      slug={event.slug}
      after={
        <DeleteForm
          heading="Delete this event"
          text="It disappears from the site and from subscribed calendars at their next refresh."
          button="Delete event"
        />
      }
    >
      <EventForm
        defaultValue={values}
        lastResult={lastResult}
        labs={labs}
        areas={areas}
        timeZones={timeZones}
        submitLabel="Save event"
      />
    </EditResourcePage>
  );
}

export function ErrorBoundary() {
  return <ResourceErrorBoundary resource={EVENTS} />;
}
