/** Add a lab to the directory. Admins only; the form and its schema are in directory-forms.tsx. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { NewResourcePage } from "~/components/admin/resource-pages";
import { LABS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LabForm, LabSchema } from "~/components/recruit/directory-forms";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { saveLab } from "~/models/directory-admin.server";
import { countryOptions } from "~/utils/countries";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(LABS.addLabel, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return { countries: countryOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  return saveResourceForm(
    await requireFormData(request),
    LabSchema,
    (value) => saveLab(getDb(), null, value, adminActor(admin, context)),
    (id) => `${LABS.path}/${id}?created=1`,
  );
}

export default function NewLab() {
  const { countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <NewResourcePage resource={LABS}>
      <LabForm countries={countries} lastResult={lastResult} submitLabel={LABS.addLabel} />
    </NewResourcePage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
