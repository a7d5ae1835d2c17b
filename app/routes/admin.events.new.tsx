/** Add an event. Admins only; the form and its schema are in components/events/event-form.tsx. */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventForm, EventSchema } from "~/components/events/event-form";
import { eventFormOptions, saveEvent } from "~/models/event.server";
import { getDb } from "~/utils/db.server";
import { timeZoneNames } from "~/utils/time";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Add event", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return { ...eventFormOptions(getDb()), timeZones: timeZoneNames() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: EventSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveEvent(getDb(), null, submission.value, {
    userId: user.id,
    ip: getClientIp(context),
  });
  if (!saved.ok)
    return data(submission.reply({ fieldErrors: saved.errors, formErrors: saved.formErrors }), {
      status: 400,
    });
  return redirect(`/admin/events/${saved.id}?created=1`);
}

export default function NewEvent() {
  const { labs, areas, timeZones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Add event</h1>
      </header>
      <EventForm
        lastResult={lastResult}
        labs={labs}
        areas={areas}
        timeZones={timeZones}
        defaultValue={{ kind: "talk", timeZone: "UTC" }}
        submitLabel="Add event"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
