/**
 * Edit a research area: name, slug, summary, Markdown description and
 * position. Admins only, in the loader and the action. Renaming reaches the
 * people and careers searches through database triggers (0004_area_rename_fts.sql).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import {
  DescriptionPreview,
  EditResourcePage,
  ResourceErrorBoundary,
} from "~/components/admin/resource-pages";
import { AREAS } from "~/components/admin/resources";
import { AreaForm, AreaSchema } from "~/components/recruit/directory-forms";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { getAreaForAdmin, saveArea } from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.area.name}` : AREAS.editTitle, "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const area = getAreaForAdmin(getDb(), requireId(params.id));
  invariantResponse(area, AREAS.notFound, { status: 404 });
  return {
    area: { id: area.id, slug: area.slug, name: area.name },
    values: {
      name: area.name,
      slug: area.slug,
      summary: area.summary,
      description: area.description,
      position: area.position,
    },
    descriptionHtml: renderMarkdown(area.description),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const db = getDb();
  const area = getAreaForAdmin(db, requireId(params.id));
  invariantResponse(area, AREAS.notFound, { status: 404 });
  return saveResourceForm(
    await requireFormData(request),
    AreaSchema,
    (value) => saveArea(db, area.id, value, adminActor(admin, context)),
    (id) => `${AREAS.path}/${id}?saved=1`,
  );
}

export default function EditArea() {
  const { area, values, descriptionHtml } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <EditResourcePage
      resource={AREAS}
      name={area.name}
      slug={area.slug}
      after={<DescriptionPreview html={descriptionHtml} />}
    >
      <AreaForm
        defaultValue={values}
        lastResult={lastResult}
        submitLabel="Save research area"
        isNew={false}
      />
    </EditResourcePage>
  );
}

export function ErrorBoundary() {
  return <ResourceErrorBoundary resource={AREAS} />;
}
