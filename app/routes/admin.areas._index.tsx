/** Admin list of research areas in display order, with how many people and open roles each has. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { EditLink, ResourceList } from "~/components/admin/resource-pages";
import { AREAS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listAreasForAdmin } from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(AREAS.metaTitle, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return listAreasForAdmin(getDb(), parsePage(new URL(request.url).searchParams.get("page")));
}

export default function AdminAreas() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <ResourceList
      resource={AREAS}
      rows={rows}
      total={total}
      paging={{ page, pageCount }}
      columns={[
        { header: "Position", num: true, cell: (a) => a.position },
        {
          header: "Name",
          cell: (a) => (
            <EditLink resource={AREAS} id={a.id}>
              {a.name}
            </EditLink>
          ),
        },
        { header: "Summary", cell: (a) => a.summary },
        { header: "Current researchers", num: true, cell: (a) => a.people },
        { header: "Open roles", num: true, cell: (a) => a.openings },
      ]}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
