/** Add a lab to the directory. Admins only; validation and the unique name/slug rules in directory-admin.server.ts. */
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
import { LabForm, type LabFormValues } from "~/components/recruit/directory-forms";
import {
  formValues,
  LAB_FIELDS,
  LabSchema,
  saveLab,
  type FieldErrors,
} from "~/models/directory-admin.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";
import { requireFormData } from "~/utils/form-data.server";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Add lab", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return null;
}

type ActionData = { values: LabFormValues; errors: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: LabSchema });
  const values = formValues(LAB_FIELDS, submission.payload);
  if (submission.status !== "success") {
    return data<ActionData>(
      { values, errors: (submission.reply().error ?? {}) as FieldErrors },
      { status: 400 },
    );
  }
  const saved = saveLab(getDb(), null, submission.value);
  if (!saved.ok) return data<ActionData>({ values, errors: saved.errors }, { status: 400 });
  return redirect(`/admin/labs/${saved.id}?created=1`);
}

const EMPTY: LabFormValues = { name: "", city: "", country: "", description: "" };

export default function NewLab() {
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Add lab</h1>
      </header>
      <LabForm
        key={JSON.stringify(actionData?.values ?? null)}
        values={actionData?.values ?? EMPTY}
        errors={actionData?.errors}
        submitLabel="Add lab"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
