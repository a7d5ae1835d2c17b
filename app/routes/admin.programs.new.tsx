/** Add a program. Admins only; the form and its schema are in components/events/program-form.tsx. */
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
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgramForm, ProgramSchema } from "~/components/events/program-form";
import { saveProgram } from "~/models/program.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Add program", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return {};
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: ProgramSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = saveProgram(getDb(), null, submission.value, {
    userId: user.id,
    ip: getClientIp(context),
  });
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.errors }), { status: 400 });
  return redirect(`/admin/programs/${saved.id}?created=1`);
}

export default function NewProgram() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Add program</h1>
      </header>
      <ProgramForm
        lastResult={lastResult}
        defaultValue={{ kind: "internship" }}
        submitLabel="Add program"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
