/**
 * /admin/users/:id/sessions (admins only) — sign a user out everywhere
 * (OWASP ASVS 7.4.5): every session and pending two-factor sign-in of theirs
 * ends at once, and the audit log records who did it. Logic:
 * endUserSessions() in app/auth/mfa.server.ts.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { getFormProps, useForm } from "@conform-to/react";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { endUserSessions, getSessionsSummary } from "~/auth/staff-sessions.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse, plural } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("End sessions", "Admin") }];

const EndSessionsSchema = z.object({ intent: z.literal("end-sessions") });

export function loader({ request, params }: LoaderFunctionArgs) {
  const admin = requireRole(request, "admin");
  const summary = getSessionsSummary(getDb(), requireId(params.id));
  invariantResponse(summary, "That user does not exist.", { status: 404 });
  const ended = new URL(request.url).searchParams.get("ended");
  return { ...summary, self: summary.user.id === admin.id, ended: ended !== null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const targetUserId = requireId(params.id);
  const submission = parseWithZod(await requireFormData(request), { schema: EndSessionsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = endUserSessions(
    getDb(),
    { actorUserId: admin.id, targetUserId },
    { ip: getClientIp(context) },
  );
  invariantResponse(result.kind === "ok", "That user does not exist.", { status: 404 });
  return redirect(`/admin/users/${targetUserId}/sessions?ended=1`);
}

export default function EndSessionsPage() {
  const { user, sessions, twoFactor, self, ended } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ id: "end-sessions", lastResult });
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Sessions of {user.name}</h1>
        <p>
          <Link to="/admin/users">Back to users</Link>
        </p>
      </header>
      {ended ? (
        <p className="notice" role="status">
          All sessions of {user.email} have ended.
        </p>
      ) : null}
      <p>
        {user.email} has {plural(sessions, "active session")}. Two-factor authentication is{" "}
        {twoFactor ? "on" : "off"}.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <p>
          Ending their sessions signs them out on every device at once; they can sign in again with
          their password{twoFactor ? " and a code" : ""}.
          {self ? " This includes your own session on this device." : ""}
        </p>
        <div className="button-row">
          <button
            type="submit"
            name="intent"
            value="end-sessions"
            className="button button--danger"
          >
            End all sessions
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
