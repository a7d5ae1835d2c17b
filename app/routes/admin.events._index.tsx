/** Admin list of events, latest first. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { EditLink, ResourceList } from "~/components/admin/resource-pages";
import { EVENTS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EVENT_KIND_LABELS } from "~/lib/event-labels";
import { listEventsForAdmin } from "~/models/event-admin.server";
import { getDb } from "~/utils/db.server";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(EVENTS.metaTitle, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const result = listEventsForAdmin(
    getDb(),
    parsePage(new URL(request.url).searchParams.get("page")),
  );
  return {
    ...result,
    rows: result.rows.map((r) => ({ ...r, day: formatStaffDate(r.startsAt, r.timeZone) })),
  };
}

export default function AdminEvents() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <ResourceList
      resource={EVENTS}
      rows={rows}
      total={total}
      paging={{ page, pageCount }}
      columns={[
        {
          header: "Title",
          cell: (e) => (
            <EditLink resource={EVENTS} id={e.id}>
              {e.title}
            </EditLink>
          ),
        },
        { header: "Kind", cell: (e) => EVENT_KIND_LABELS[e.kind] },
        { header: "Date", cell: (e) => e.day },
        { header: "Time zone", cell: (e) => e.timeZone },
      ]}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
