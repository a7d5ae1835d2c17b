/** Add a tool, dataset or model. Admins only; the form and schema are in components/outputs/tool-form.tsx. */
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
import { ToolForm, ToolSchema } from "~/components/outputs/tool-form";
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
export const meta: MetaFunction = () => [{ title: pageTitle("Add tool", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return {
    labs: listLabOptions(getDb()),
    areas: listAreaOptions(getDb()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: ToolSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveTool(getDb(), null, submission.value, {
    userId: user.id,
    ip: getClientIp(context),
  });
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.errors }), { status: 400 });
  return redirect(`/admin/tools/${saved.id}?created=1`);
}

export default function NewTool() {
  const { labs, areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Add a tool, dataset or model</h1>
      </header>
      <ToolForm lastResult={lastResult} submitLabel="Add" labs={labs} areas={areas} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
