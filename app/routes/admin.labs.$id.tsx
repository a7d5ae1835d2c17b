/**
 * Edit a lab: name, city, country and Markdown description (the slug stays,
 * so public links keep working). Admins only, in the loader and the action.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import {
  DescriptionPreview,
  EditResourcePage,
  ResourceErrorBoundary,
} from "~/components/admin/resource-pages";
import { LABS } from "~/components/admin/resources";
import { LabForm, LabSchema } from "~/components/recruit/directory-forms";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { getLabForAdmin, saveLab } from "~/models/directory-admin.server";
import { countryOptions } from "~/utils/countries";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.lab.name}` : LABS.editTitle, "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const lab = getLabForAdmin(getDb(), requireId(params.id));
  invariantResponse(lab, LABS.notFound, { status: 404 });
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
  invariantResponse(lab, LABS.notFound, { status: 404 });
  return saveResourceForm(
    await requireFormData(request),
    LabSchema,
    (value) => saveLab(db, lab.id, value, adminActor(admin, context)),
    (id) => `${LABS.path}/${id}?saved=1`,
  );
}

export default function EditLab() {
  const { lab, values, descriptionHtml, countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <EditResourcePage
      resource={LABS}
      name={lab.name}
      slug={lab.slug}
      after={<DescriptionPreview html={descriptionHtml} />}
    >
      <LabForm
        countries={countries}
        defaultValue={values}
        lastResult={lastResult}
        submitLabel="Save lab"
      />
    </EditResourcePage>
  );
}

export function ErrorBoundary() {
  return <ResourceErrorBoundary resource={LABS} />;
}
