/**
 * /admin/users/:id/enrolment (admins only) — make an enrolment link for a
 * recruiter or admin: the only way staff set up two-factor authentication
 * (app/auth/enrolment.server.ts). The link is shown here once, to hand over
 * in person or by a channel the admin trusts; it works once, for three days,
 * and any earlier link of that person stops working. Audited.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { enrolmentPath, issueEnrolmentLink } from "~/auth/enrolment.server";
import { getSessionsSummary, isStaffRole } from "~/auth/mfa.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse } from "~/utils/misc";
import { publicOrigin } from "~/utils/origin.server";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { formatDate } from "~/utils/time";
import authStyles from "~/styles/auth.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Enrolment link", "Admin") }];
// The answer carries a one-time link: never cached.
export const headers = () => ({ "Cache-Control": "private, no-store" });

const IssueSchema = z.object({ intent: z.literal("issue") });

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const summary = getSessionsSummary(getDb(), requireId(params.id));
  invariantResponse(summary, "That user does not exist.", { status: 404 });
  return {
    user: summary.user,
    twoFactor: summary.twoFactor,
    staff: isStaffRole(summary.user.role),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const userId = requireId(params.id);
  const submission = parseWithZod(await requireFormData(request), { schema: IssueSchema });
  if (submission.status !== "success")
    return data({ reply: submission.reply(), link: null }, { status: 400 });
  const result = issueEnrolmentLink(
    getDb(),
    { userId, actorUserId: admin.id },
    { ip: getClientIp(context) },
  );
  invariantResponse(result.kind !== "not_found", "That user does not exist.", { status: 404 });
  if (result.kind === "not_staff" || result.kind === "deactivated") {
    const message =
      result.kind === "not_staff"
        ? "Only recruiters and admins use enrolment links. Change their role first."
        : "This account is deactivated. Reactivate it first.";
    return data(
      { reply: submission.reply({ formErrors: [message] }), link: null },
      { status: 400 },
    );
  }
  return {
    reply: submission.reply({ resetForm: true }),
    link: {
      url: `${publicOrigin(request)}${enrolmentPath(result.token)}`,
      expiresAt: result.expiresAt,
    },
  };
}

export default function EnrolmentLinkPage() {
  const { user, twoFactor, staff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form] = useForm({ id: "issue-link", lastResult: result?.reply });
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Enrolment link for {user.name}</h1>
        <p>
          <Link to="/admin/users">Back to users</Link>
        </p>
      </header>
      {result?.link ? (
        <section className="card stack" aria-labelledby="link-heading">
          <h2 id="link-heading">The link</h2>
          <p role="status">
            Give this link to {user.name} yourself (in person, or by a channel you trust). It is
            shown only now, works once, and expires on {formatDate(result.link.expiresAt)}.
          </p>
          <p className="otpauth-uri">
            <code>{result.link.url}</code>
          </p>
        </section>
      ) : null}
      <p>
        {user.email} is {user.role === "admin" ? "an admin" : `a ${user.role}`}. Two-factor
        authentication is {twoFactor ? "on" : "not set up yet"}.
      </p>
      {staff ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <p>
            Recruiters and admins set up their authenticator app only through such a link, after
            confirming their password (or choosing one, for an account made with{" "}
            <code>npm run create-admin</code>). Making a new link ends any earlier one;{" "}
            {twoFactor
              ? "using it replaces their current authenticator and signs them out everywhere."
              : "using it signs them in."}
          </p>
          <div className="button-row">
            <button type="submit" name="intent" value="issue" className="button">
              Make an enrolment link
            </button>
          </div>
        </Form>
      ) : (
        <p>Only recruiters and admins use enrolment links. Change their role first.</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
