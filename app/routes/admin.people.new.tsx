/** Add a researcher to the directory. Admins only; validation in researcher-admin.server.ts. */
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
import {
  ResearcherForm,
  researcherValuesFromPayload,
  type ResearcherFormValues,
} from "~/components/recruit/researcher-form";
import {
  checkResearcherRefs,
  directoryChoices,
  ResearcherSchema,
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

type ActionData = { values: ResearcherFormValues; errors: Record<string, string[]> };

export async function action({ request }: ActionFunctionArgs) {
  requireRole(request, "admin");
  const db = getDb();
  const submission = parseWithZod(await requireFormData(request), { schema: ResearcherSchema });
  const values = researcherValuesFromPayload(submission.payload as Record<string, unknown>);
  if (submission.status !== "success") {
    return data<ActionData>(
      { values, errors: (submission.reply().error ?? {}) as Record<string, string[]> },
      { status: 400 },
    );
  }
  const errors = checkResearcherRefs(db, submission.value);
  if (Object.keys(errors).length) return data<ActionData>({ values, errors }, { status: 400 });
  const { id } = saveResearcher(db, null, submission.value);
  return redirect(`/admin/people/${id}?created=1`);
}

const EMPTY: ResearcherFormValues = {
  name: "",
  title: "",
  labId: "",
  areaIds: [],
  bio: "",
  homepageUrl: "",
  orcid: "",
  scholarUrl: "",
  githubUrl: "",
  status: "current",
  featured: false,
};

export default function NewResearcher() {
  const { labs, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/admin/people">People</Link>
        </p>
        <h1>Add researcher</h1>
      </header>
      <ResearcherForm
        key={JSON.stringify(actionData?.values ?? null)}
        values={actionData?.values ?? EMPTY}
        errors={actionData?.errors}
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
