/**
 * GET /admin/email-templates/:kind/preview?subject=…&body=… — a draft
 * rendered with the kind's sample values, as JSON (subject, text part and
 * what is wrong with it), for the editor's live preview while typing. The
 * HTML part has its own address (…/html), shown in a sandboxed frame.
 * Admins only; stores nothing.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { isEmailKind } from "~/emails/registry";
import { renderEmailPreview } from "~/emails/templates.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { DraftSchema } from "~/components/settings/email-template-schema";

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const kind = params.kind ?? "";
  invariantResponse(isEmailKind(kind), "Not found", { status: 404 });
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: DraftSchema });
  if (submission.status !== "success")
    return Response.json({ errors: submission.error }, { status: 400 });
  const { email, problems } = renderEmailPreview(getDb(), { kind, draft: submission.value });
  return Response.json(
    { subject: email.subject, text: email.text, problems },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
