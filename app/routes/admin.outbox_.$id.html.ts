/**
 * /admin/outbox/:id/html (admins only) — the HTML part of one outbox message,
 * for the outbox page's preview frame. The message's own inline styles need a
 * policy of their own (app pages allow no inline style): the server sends
 * this URL under one that allows those styles and nothing else — no scripts,
 * no requests, no forms, a sandbox with an opaque origin, framed only by our
 * own pages (EMAIL_PREVIEW_CSP, app/utils/security-headers.server.ts).
 * Secrets in its links (reset and referee tokens) are hidden as on the page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOutboxHtml, redactSecrets } from "~/auth/admin.server";
import { requireRole } from "~/auth/auth.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const html = getOutboxHtml(getDb(), requireId(params.id));
  invariantResponse(html, "Not found", { status: 404 });
  return new Response(redactSecrets(html), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "private, no-store",
    },
  });
}
