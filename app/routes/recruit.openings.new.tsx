/**
 * Create an opening (as a draft). The form and its schema are in
 * components/recruit/opening-form.tsx; rules that need the database are in
 * models/opening-admin.server.ts. "Preview description" re-renders the form
 * with the Markdown rendered on the server (works without JavaScript).
 */
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
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OpeningForm, OpeningFormSchema, rowGapProblem } from "~/components/recruit/opening-form";
import {
  checkOpening,
  emptyOpeningValues,
  getFormChoices,
  previewOf,
  saveOpening,
} from "~/models/opening-admin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";

export const meta: MetaFunction = () => [{ title: pageTitle("New opening", "Recruiting") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  return { ...getFormChoices(getDb()), values: emptyOpeningValues() };
}

export async function action({ request }: ActionFunctionArgs) {
  requireRole(request, "recruiter");
  const db = getDb();
  const formData = await requireFormData(request);
  const submission = parseWithZod(formData, { schema: OpeningFormSchema });
  const gap = rowGapProblem(formData);
  if (gap)
    return data({ ...submission.reply({ formErrors: [gap] }), preview: null }, { status: 400 });
  if (submission.status !== "success")
    return data({ ...submission.reply(), preview: null }, { status: 400 });
  const v = submission.value;
  if (v.intent === "preview") return data({ ...submission.reply(), preview: previewOf(v) });
  const checked = checkOpening(db, null, v);
  if (!checked.ok)
    return data(
      { ...submission.reply({ fieldErrors: checked.errors }), preview: null },
      { status: 400 },
    );
  const { id } = saveOpening(db, null, checked.value);
  return redirect(`/recruit/openings/${id}/edit?created=1`);
}

export default function NewOpening() {
  const { labs, areas, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/recruit/openings">Openings</Link>
        </p>
        <h1>New opening</h1>
        <p className="lede">It is saved as a draft; publish it when it is ready.</p>
      </header>
      <OpeningForm
        values={values}
        lastResult={lastResult}
        preview={lastResult?.preview}
        labs={labs}
        areas={areas}
        submitLabel="Create opening"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
