/**
 * Edit a lab: name, city, country and Markdown description (the slug stays,
 * so public links keep working). Admins only, in the loader and the action.
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
import { LabForm, LabSchema } from "~/components/recruit/directory-forms";
import { getLabForAdmin, saveLab } from "~/models/directory-admin.server";
import { countryOptions } from "~/utils/countries";
import { getDb } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import { requireFormData } from "~/utils/form-data.server";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.lab.name}` : "Edit lab", "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const lab = getLabForAdmin(getDb(), requireId(params.id));
  invariantResponse(lab, "Lab not found", { status: 404 });
  return {
    lab: { id: lab.id, slug: lab.slug, name: lab.name },
    values: {
      name: lab.name,
      city: lab.city,
      country: lab.country,
      description: lab.description,
      address: lab.address,
      latitude: lab.latitude,
      longitude: lab.longitude,
      timeZone: lab.timeZone,
    },
    descriptionHtml: renderMarkdown(lab.description),
    countries: countryOptions(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const db = getDb();
  const lab = getLabForAdmin(db, requireId(params.id));
  invariantResponse(lab, "Lab not found", { status: 404 });
  const submission = parseWithZod(await requireFormData(request), { schema: LabSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveLab(db, lab.id, submission.value, {
    userId: admin.id,
    ip: getClientIp(context),
  });
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.errors }), { status: 400 });
  return redirect(`/admin/labs/${lab.id}?saved=1`);
}

export default function EditLab() {
  const { lab, values, descriptionHtml, countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Edit {lab.name}</h1>
        <p className="meta-line">
          <Link to={`/labs/${lab.slug}`}>Public page</Link> · /labs/{lab.slug}
        </p>
      </header>
      {params.get("created") || params.get("saved") ? (
        <p className="notice" role="status">
          {params.get("created") ? "Lab added. It is listed on the public labs page." : "Saved."}
        </p>
      ) : null}
      <LabForm
        countries={countries}
        defaultValue={values}
        lastResult={lastResult}
        submitLabel="Save lab"
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
            <h1>Lab not found</h1>
          </div>
        ),
      }}
    />
  );
}
