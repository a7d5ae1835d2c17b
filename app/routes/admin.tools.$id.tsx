/**
 * Edit or delete a tool, dataset or model (the slug stays, so public links
 * keep working). Admins only, in the loader and the action; both writes are
 * audited. The delete form is a second form on the page (intent "delete").
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ToolForm, ToolSchema } from "~/components/outputs/tool-form";
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
  { title: pageTitle(data ? `Edit ${data.tool.name}` : "Edit tool", "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const db = getDb();
  const found = getToolForAdmin(db, requireId(params.id));
  invariantResponse(found, "Tool not found", { status: 404 });
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
  const actor = { userId: user.id, ip: getClientIp(context) };
  const formData = await requireFormData(request);
  if (formData.get("intent") === "delete") {
    invariantResponse(deleteTool(db, id, actor), "Tool not found", { status: 404 });
    return redirect("/admin/tools?deleted=1");
  }
  invariantResponse(getToolForAdmin(db, id), "Tool not found", { status: 404 });
  const submission = parseWithZod(formData, { schema: ToolSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveTool(db, id, submission.value, actor);
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.errors }), { status: 400 });
  return redirect(`/admin/tools/${id}?saved=1`);
}

export default function EditTool() {
  const { tool, labs, areas, publications, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Edit {tool.name}</h1>
        <p className="meta-line">
          <Link to={`/tools/${tool.slug}`}>Public page</Link> · /tools/{tool.slug}
        </p>
      </header>
      {params.get("created") || params.get("saved") ? (
        <p className="notice" role="status">
          {params.get("created") ? "Added. It is listed on the public tools page." : "Saved."}
        </p>
      ) : null}
      <ToolForm
        defaultValue={values}
        lastResult={lastResult}
        submitLabel="Save"
        labs={labs}
        areas={areas}
        publications={publications}
      />
      <section aria-labelledby="delete-h" className="form-section">
        <h2 id="delete-h">Delete {tool.name}</h2>
        <p>Its public page disappears; its maintainers and papers are not touched.</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button--danger">
            Delete {tool.name}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container">
            <h1>Tool not found</h1>
          </div>
        ),
      }}
    />
  );
}
