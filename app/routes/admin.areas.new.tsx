/** Add a research area. Admins only; validation and the unique name/slug rules in directory-admin.server.ts. */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AreaForm, type AreaFormValues } from "~/components/recruit/directory-forms";
import {
  AREA_FIELDS,
  AreaSchema,
  formValues,
  saveArea,
  type FieldErrors,
} from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import { requireFormData } from "~/utils/form-data.server";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Add research area", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return null;
}

type ActionData = { values: AreaFormValues; errors: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: AreaSchema });
  const values = formValues(AREA_FIELDS, submission.payload);
  if (submission.status !== "success") {
    return data<ActionData>(
      { values, errors: (submission.reply().error ?? {}) as FieldErrors },
      { status: 400 },
    );
  }
  const saved = saveArea(getDb(), null, submission.value);
  if (!saved.ok) return data<ActionData>({ values, errors: saved.errors }, { status: 400 });
  return redirect(`/admin/areas/${saved.id}?created=1`);
}

const EMPTY: AreaFormValues = { name: "", slug: "", summary: "", description: "", position: "" };

export default function NewArea() {
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Add research area</h1>
      </header>
      <AreaForm
        key={JSON.stringify(actionData?.values ?? null)}
        values={actionData?.values ?? EMPTY}
        errors={actionData?.errors}
        submitLabel="Add research area"
        isNew
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
