/** Admin list of tools, datasets and models. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { EditLink, ResourceList } from "~/components/admin/resource-pages";
import { TOOLS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listToolsForAdmin } from "~/models/tool.server";
import { getDb } from "~/utils/db.server";
import { TOOL_KIND_LABELS } from "~/utils/outputs";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(TOOLS.metaTitle, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return {
    rows: listToolsForAdmin(getDb()).map((t) => ({
      ...t,
      kindLabel: TOOL_KIND_LABELS[t.kind],
      updated: formatStaffDate(t.updatedAt),
    })),
  };
}

export default function AdminTools() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <ResourceList
      resource={TOOLS}
      rows={rows}
      columns={[
        {
          header: "Name",
          cell: (t) => (
            <EditLink resource={TOOLS} id={t.id}>
              {t.name}
            </EditLink>
          ),
        },
        { header: "Kind", cell: (t) => t.kindLabel },
        { header: "Licence", cell: (t) => t.license },
        { header: "Maintainers", num: true, cell: (t) => t.maintainers },
        { header: "Featured", cell: (t) => (t.featured ? "Yes" : "No") },
        { header: "Updated", cell: (t) => t.updated },
      ]}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
