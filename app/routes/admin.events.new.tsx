/** Add an event. Admins only; the form and its schema are in components/events/event-form.tsx. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { NewResourcePage } from "~/components/admin/resource-pages";
import { EVENTS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventForm, EventSchema } from "~/components/events/event-form";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { eventFormOptions, saveEvent } from "~/models/event-admin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import { timeZoneNames } from "~/utils/time";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(EVENTS.addLabel, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return { ...eventFormOptions(getDb()), timeZones: timeZoneNames() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  // Times are wall-clock times in the chosen zone: saveEvent converts them and
  // refuses a skipped hour or an end before the start as field errors, an event
  // with no place at all as a form error.
  return saveResourceForm(
    await requireFormData(request),
    EventSchema,
    (value) => saveEvent(getDb(), null, value, adminActor(user, context)),
    (id) => `${EVENTS.path}/${id}?created=1`,
  );
}

export default function NewEvent() {
  const { labs, areas, timeZones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <NewResourcePage resource={EVENTS}>
      <EventForm
        lastResult={lastResult}
        labs={labs}
        areas={areas}
        timeZones={timeZones}
        defaultValue={{ kind: "talk", timeZone: "UTC" }}
        submitLabel={EVENTS.addLabel}
      />
    </NewResourcePage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
