/** Add a researcher to the directory. Admins only; the form and its schema are in researcher-form.tsx. */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  EMPTY_RESEARCHER,
  ResearcherForm,
  ResearcherSchema,
} from "~/components/recruit/researcher-form";
import {
  checkResearcherRefs,
  directoryChoices,
  saveResearcher,
} from "~/models/researcher-admin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Add researcher", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return directoryChoices(getDb());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const db = getDb();
  const submission = parseWithZod(await requireFormData(request), { schema: ResearcherSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const errors = checkResearcherRefs(db, submission.value);
  if (Object.keys(errors).length)
    return data(submission.reply({ fieldErrors: errors }), { status: 400 });
  const { id } = saveResearcher(db, null, submission.value, {
    userId: admin.id,
    ip: getClientIp(context),
  });
  return redirect(`/admin/people/${id}?created=1`);
}

export default function NewResearcher() {
  const { labs, areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/admin/people">People</Link>
        </p>
        <h1>Add researcher</h1>
      </header>
      <ResearcherForm
        values={EMPTY_RESEARCHER}
        lastResult={lastResult}
        labs={labs}
        areas={areas}
        submitLabel="Add researcher"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
