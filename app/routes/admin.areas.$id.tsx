/**
 * Edit a research area: name, slug, summary, Markdown description and
 * position. Admins only, in the loader and the action. Renaming reaches the
 * people and careers searches through database triggers (0004_area_rename_fts.sql).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AreaForm, AreaSchema } from "~/components/recruit/directory-forms";
import { getAreaForAdmin, saveArea } from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import { requireFormData } from "~/utils/form-data.server";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.area.name}` : "Edit research area", "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const area = getAreaForAdmin(getDb(), requireId(params.id));
  invariantResponse(area, "Research area not found", { status: 404 });
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
  invariantResponse(area, "Research area not found", { status: 404 });
  const submission = parseWithZod(await requireFormData(request), { schema: AreaSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveArea(db, area.id, submission.value, {
    userId: admin.id,
    ip: getClientIp(context),
  });
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.errors }), { status: 400 });
  return redirect(`/admin/areas/${area.id}?saved=1`);
}

export default function EditArea() {
  const { area, values, descriptionHtml } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Edit {area.name}</h1>
        <p className="meta-line">
          <Link to={`/areas/${area.slug}`}>Public page</Link> · /areas/{area.slug}
        </p>
      </header>
      {params.get("created") || params.get("saved") ? (
        <p className="notice" role="status">
          {params.get("created")
            ? "Research area added. It is listed on the public research areas page."
            : "Saved."}
        </p>
      ) : null}
      <AreaForm
        defaultValue={values}
        lastResult={lastResult}
        submitLabel="Save research area"
        isNew={false}
      />
      <section aria-labelledby="preview-h" className="form-section">
        <h2 id="preview-h">Saved description, as visitors see it</h2>
        {/* renderMarkdown is the safe renderer: no raw HTML, safe links only. */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
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
            <h1>Research area not found</h1>
          </div>
        ),
      }}
    />
  );
}
