/**
 * Create an opening (as a draft). The form and its schema are in
 * components/recruit/opening-form.tsx; rules that need the database are in
 * models/opening-admin.server.ts; the action is shared with the edit page
 * (app/handlers/opening-form.server.ts).
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OpeningForm } from "~/components/recruit/opening-form";
import { handleOpeningForm } from "~/handlers/opening-form.server";
import { emptyOpeningValues, getFormChoices } from "~/models/opening-form-values.server";
import editorStyles from "~/styles/editor.css";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction = () => [{ title: pageTitle("New opening", "Recruiting") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  return { ...getFormChoices(getDb()), values: emptyOpeningValues() };
}

export async function action({ request }: ActionFunctionArgs) {
  requireRole(request, "recruiter");
  const out = handleOpeningForm(getDb(), await requireFormData(request), null);
  if (out.kind === "saved") return redirect(`/recruit/openings/${out.id}/edit?created=1`);
  return data(out.body, { status: out.status });
}

export default function NewOpening() {
  const { labs, areas, programs, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container editor-page">
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
        labs={labs}
        areas={areas}
        programs={programs}
        submitLabel="Create opening"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
