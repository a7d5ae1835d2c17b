/**
 * GET /admin/email-templates/:kind/html[?subject=…&body=…] — the HTML part of
 * a message of this kind with sample values: the stored text, or the draft in
 * the query (the editor's preview frame). Its inline styles need a policy of
 * their own, so the server sends this URL under the email preview's policy
 * (no scripts, no requests, sandboxed, framed by our pages only;
 * EMAIL_PREVIEW_CSP in app/utils/security-headers.server.ts). Admins only.
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
  const query = new URL(request.url).searchParams;
  let draft;
  if (query.has("subject") || query.has("body")) {
    const submission = parseWithZod(query, { schema: DraftSchema });
    invariantResponse(submission.status === "success", "The draft is not a valid template.", {
      status: 400,
    });
    draft = submission.value;
  }
  const { email } = renderEmailPreview(getDb(), { kind, draft });
  return new Response(email.html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
