/** Add a research area. Admins only; the form and its schema are in directory-forms.tsx. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { NewResourcePage } from "~/components/admin/resource-pages";
import { AREAS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AreaForm, AreaSchema } from "~/components/recruit/directory-forms";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { saveArea } from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(AREAS.addLabel, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return {};
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  return saveResourceForm(
    await requireFormData(request),
    AreaSchema,
    (value) => saveArea(getDb(), null, value, adminActor(admin, context)),
    (id) => `${AREAS.path}/${id}?created=1`,
  );
}

export default function NewArea() {
  const lastResult = useActionData<typeof action>();
  return (
    <NewResourcePage resource={AREAS}>
      <AreaForm lastResult={lastResult} submitLabel={AREAS.addLabel} isNew />
    </NewResourcePage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
