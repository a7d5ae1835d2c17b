/**
 * Edit or delete a tool, dataset or model (the slug stays, so public links
 * keep working). Admins only, in the loader and the action; both writes are
 * audited. The delete form is a second form on the page (intent "delete").
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
import { TOOLS } from "~/components/admin/resources";
import { ToolForm, ToolSchema } from "~/components/outputs/tool-form";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { listAreaOptions } from "~/models/area.server";
import { listLabOptions } from "~/models/lab.server";
import {
  deleteTool,
  getToolForAdmin,
  listPublicationChoices,
  saveTool,
} from "~/models/tool.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import outputStyles from "~/styles/outputs.css";

export const links = () => [
  { rel: "stylesheet", href: recruitStyles },
  { rel: "stylesheet", href: outputStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.tool.name}` : TOOLS.editTitle, "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const db = getDb();
  const found = getToolForAdmin(db, requireId(params.id));
  invariantResponse(found, TOOLS.notFound, { status: 404 });
  const { tool, areaIds, maintainers, publicationIds } = found;
  return {
    tool: { id: tool.id, slug: tool.slug, name: tool.name },
    labs: listLabOptions(db),
    areas: listAreaOptions(db),
    publications: listPublicationChoices(
      db,
      maintainers.map((m) => m.id),
    ),
    values: {
      name: tool.name,
      kind: tool.kind,
      summary: tool.summary,
      description: tool.description,
      repositoryUrl: tool.repositoryUrl ?? "",
      documentationUrl: tool.documentationUrl ?? "",
      license: tool.license,
      labId: tool.labId ? String(tool.labId) : "",
      areaIds: areaIds.map(String),
      maintainers: maintainers.map((m) => m.slug).join("\n"),
      publicationIds: publicationIds.map(String),
      featured: tool.featured,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const id = requireId(params.id);
  const actor = adminActor(user, context);
  const formData = await requireFormData(request);
  if (formData.get("intent") === "delete") {
    invariantResponse(deleteTool(db, id, actor), TOOLS.notFound, { status: 404 });
    return redirect(`${TOOLS.path}?deleted=1`);
  }
  invariantResponse(getToolForAdmin(db, id), TOOLS.notFound, { status: 404 });
  return saveResourceForm(
    formData,
    ToolSchema,
    (value) => saveTool(db, id, value, actor),
    () => `${TOOLS.path}/${id}?saved=1`,
  );
}

export default function EditTool() {
  const { tool, labs, areas, publications, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <EditResourcePage
      resource={TOOLS}
      name={tool.name}
      slug={tool.slug}
      after={
        <DeleteForm
          heading={`Delete ${tool.name}`}
          text="Its public page disappears; its maintainers and papers are not touched."
          button={`Delete ${tool.name}`}
        />
      }
    >
      <ToolForm
        defaultValue={values}
        lastResult={lastResult}
        submitLabel="Save"
        labs={labs}
        areas={areas}
        publications={publications}
      />
    </EditResourcePage>
  );
}

export function ErrorBoundary() {
  return <ResourceErrorBoundary resource={TOOLS} />;
}
