/** Add a lab to the directory. Admins only; the form and its schema are in directory-forms.tsx. */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LabForm, LabSchema } from "~/components/recruit/directory-forms";
import { saveLab } from "~/models/directory-admin.server";
import { countryOptions } from "~/utils/countries";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Add lab", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return { countries: countryOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: LabSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveLab(getDb(), null, submission.value, {
    userId: admin.id,
    ip: getClientIp(context),
  });
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.errors }), { status: 400 });
  return redirect(`/admin/labs/${saved.id}?created=1`);
}

export default function NewLab() {
  const { countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Add lab</h1>
      </header>
      <LabForm countries={countries} lastResult={lastResult} submitLabel="Add lab" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
