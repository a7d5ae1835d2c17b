/** Edit or delete a program (the slug stays). Admins only; every change is audited. */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgramForm, ProgramSchema } from "~/components/events/program-form";
import { deleteProgram, getProgramFormValues, saveProgram } from "~/models/program.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.program.name}` : "Edit program", "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const found = getProgramFormValues(getDb(), requireId(params.id));
  invariantResponse(found, "Program not found", { status: 404 });
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const id = requireId(params.id);
  invariantResponse(getProgramFormValues(db, id), "Program not found", { status: 404 });
  const actor = { userId: user.id, ip: getClientIp(context) };
  const formData = await requireFormData(request);
  if (formData.get("intent") === "delete") {
    deleteProgram(db, id, actor);
    return redirect("/admin/programs?deleted=1");
  }
  const submission = parseWithZod(formData, { schema: ProgramSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveProgram(db, id, submission.value, actor);
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.errors }), { status: 400 });
  return redirect(`/admin/programs/${id}?saved=1`);
}

export default function EditProgram() {
  const { program, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Edit {program.name}</h1>
        <p className="meta-line">
          <Link to={`/programs/${program.slug}`}>Public page</Link> · /programs/{program.slug}
        </p>
      </header>
      {params.get("created") || params.get("saved") ? (
        <p className="notice" role="status">
          {params.get("created") ? "Program added." : "Saved."}
        </p>
      ) : null}
      <ProgramForm defaultValue={values} lastResult={lastResult} submitLabel="Save program" />
      <Form method="post" className="form-section">
        <h2>Delete this program</h2>
        <p>Its open roles stay on the careers site, without a program.</p>
        <button type="submit" name="intent" value="delete" className="button button--danger">
          Delete program
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container">
            <h1>Program not found</h1>
          </div>
        ),
      }}
    />
  );
}
