/** Add a program. Admins only; the form and its schema are in components/events/program-form.tsx. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { NewResourcePage } from "~/components/admin/resource-pages";
import { PROGRAMS } from "~/components/admin/resources";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgramForm, ProgramSchema } from "~/components/events/program-form";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { saveProgram } from "~/models/program.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle(PROGRAMS.addLabel, "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return {};
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  return saveResourceForm(
    await requireFormData(request),
    ProgramSchema,
    (value) => saveProgram(getDb(), null, value, adminActor(user, context)),
    (id) => `${PROGRAMS.path}/${id}?created=1`,
  );
}

export default function NewProgram() {
  const lastResult = useActionData<typeof action>();
  return (
    <NewResourcePage resource={PROGRAMS}>
      <ProgramForm
        lastResult={lastResult}
        defaultValue={{ kind: "internship" }}
        submitLabel={PROGRAMS.addLabel}
      />
    </NewResourcePage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
