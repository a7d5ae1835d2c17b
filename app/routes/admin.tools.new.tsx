/** Add a tool, dataset or model. Admins only; the form and schema are in components/outputs/tool-form.tsx. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { NewResourcePage } from "~/components/admin/resource-pages";
import { TOOLS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ToolForm, ToolSchema } from "~/components/outputs/tool-form";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { listAreaOptions } from "~/models/area.server";
import { listLabOptions } from "~/models/lab.server";
import { saveTool } from "~/models/tool.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import outputStyles from "~/styles/outputs.css";

export const links = () => [
  { rel: "stylesheet", href: recruitStyles },
  { rel: "stylesheet", href: outputStyles },
];
export const meta: MetaFunction = () => [{ title: pageTitle(TOOLS.addLabel, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return {
    labs: listLabOptions(getDb()),
    areas: listAreaOptions(getDb()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  return saveResourceForm(
    await requireFormData(request),
    ToolSchema,
    (value) => saveTool(getDb(), null, value, adminActor(user, context)),
    (id) => `${TOOLS.path}/${id}?created=1`,
  );
}

export default function NewTool() {
  const { labs, areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <NewResourcePage resource={TOOLS}>
      <ToolForm lastResult={lastResult} submitLabel="Add" labs={labs} areas={areas} />
    </NewResourcePage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
