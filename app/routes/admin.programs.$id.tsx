/** Edit or delete a program (the slug stays). Admins only; every change is audited. */
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
import { PROGRAMS } from "~/components/admin/resources";
import { ProgramForm, ProgramSchema } from "~/components/events/program-form";
import { adminActor, saveResourceForm } from "~/handlers/admin-resource.server";
import { deleteProgram, getProgramFormValues, saveProgram } from "~/models/program.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.program.name}` : PROGRAMS.editTitle, "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const found = getProgramFormValues(getDb(), requireId(params.id));
  invariantResponse(found, PROGRAMS.notFound, { status: 404 });
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const id = requireId(params.id);
  invariantResponse(getProgramFormValues(db, id), PROGRAMS.notFound, { status: 404 });
  const actor = adminActor(user, context);
  const formData = await requireFormData(request);
  if (formData.get("intent") === "delete") {
    deleteProgram(db, id, actor);
    return redirect(`${PROGRAMS.path}?deleted=1`);
  }
  return saveResourceForm(
    formData,
    ProgramSchema,
    (value) => saveProgram(db, id, value, actor),
    () => `${PROGRAMS.path}/${id}?saved=1`,
  );
}

export default function EditProgram() {
  const { program, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <EditResourcePage
      resource={PROGRAMS}
      name={program.name}
      slug={program.slug}
      after={
        <DeleteForm
          heading="Delete this program"
          text="Its open roles stay on the careers site, without a program."
          button="Delete program"
        />
      }
    >
      <ProgramForm defaultValue={values} lastResult={lastResult} submitLabel="Save program" />
    </EditResourcePage>
  );
}

export function ErrorBoundary() {
  return <ResourceErrorBoundary resource={PROGRAMS} />;
}
