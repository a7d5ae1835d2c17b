/** Admin list of programs in display order. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { EditLink, ResourceList } from "~/components/admin/resource-pages";
import { PROGRAMS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PROGRAM_KIND_LABELS } from "~/lib/event-labels";
import { listProgramsForAdmin } from "~/models/program.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(PROGRAMS.metaTitle, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return { rows: listProgramsForAdmin(getDb()) };
}

export default function AdminPrograms() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <ResourceList
      resource={PROGRAMS}
      rows={rows}
      columns={[
        {
          header: "Name",
          cell: (p) => (
            <EditLink resource={PROGRAMS} id={p.id}>
              {p.name}
            </EditLink>
          ),
        },
        { header: "Kind", cell: (p) => PROGRAM_KIND_LABELS[p.kind] },
        { header: "Address", cell: (p) => `${PROGRAMS.publicPath}/${p.slug}` },
      ]}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
