/**
 * Create an opening (as a draft). Input is validated in
 * app/models/opening-admin.server.ts; "Preview description" re-renders the
 * form with the Markdown rendered on the server (works without JavaScript).
 */
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
import { OpeningForm } from "~/components/recruit/opening-form";
import {
  emptyOpeningValues,
  getFormChoices,
  parseOpeningForm,
  previewOf,
  saveOpening,
  type OpeningActionData,
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
  const result = parseOpeningForm(db, await requireFormData(request), null);
  if (result.intent === "preview") {
    return data({
      values: result.values,
      errors: result.ok ? {} : result.errors,
      preview: previewOf(result.values),
    });
  }
  if (!result.ok)
    return data({ values: result.values, errors: result.errors, preview: null }, { status: 400 });
  const { id } = saveOpening(db, null, result.value);
  return redirect(`/recruit/openings/${id}/edit?created=1`);
}

export default function NewOpening() {
  const { labs, areas, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as OpeningActionData | undefined;
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
        key={JSON.stringify(actionData?.values ?? null)}
        values={actionData?.values ?? values}
        errors={actionData?.errors}
        preview={actionData?.preview}
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
