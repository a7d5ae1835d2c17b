/** Admin list of labs with how many people and open roles each has. Admins only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { EditLink, ResourceList } from "~/components/admin/resource-pages";
import { LABS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listLabsForAdmin } from "~/models/directory-admin.server";
import { countryName } from "~/utils/countries";
import { getDb } from "~/utils/db.server";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(LABS.metaTitle, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const list = listLabsForAdmin(getDb(), parsePage(new URL(request.url).searchParams.get("page")));
  return { ...list, rows: list.rows.map((l) => ({ ...l, country: countryName(l.country) })) };
}

export default function AdminLabs() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <ResourceList
      resource={LABS}
      rows={rows}
      total={total}
      paging={{ page, pageCount }}
      columns={[
        {
          header: "Name",
          cell: (l) => (
            <EditLink resource={LABS} id={l.id}>
              {l.name}
            </EditLink>
          ),
        },
        { header: "City", cell: (l) => l.city },
        { header: "Country", cell: (l) => l.country },
        { header: "Current researchers", num: true, cell: (l) => l.people },
        { header: "Open roles", num: true, cell: (l) => l.openings },
      ]}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
