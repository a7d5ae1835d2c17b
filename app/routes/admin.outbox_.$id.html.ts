/**
 * /admin/outbox/:id/html (admins only) — the HTML part of one outbox message,
 * for the outbox page's preview frame. The message's own inline styles need a
 * policy of their own (app pages allow no inline style), so it is served here
 * under a policy that allows those styles and nothing else: no scripts, no
 * requests, no forms, a sandbox with an opaque origin, framed only by our own
 * pages. Secrets in its links (reset and referee tokens) are hidden as on the
 * page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOutboxHtml, redactSecrets } from "~/auth/admin.server";
import { requireRole } from "~/auth/auth.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";

/** The policy of a message preview: its inline styles and data: images, nothing else. */
export const EMAIL_PREVIEW_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "sandbox",
].join("; ");

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const html = getOutboxHtml(getDb(), requireId(params.id));
  invariantResponse(html, "Not found", { status: 404 });
  return new Response(redactSecrets(html), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": EMAIL_PREVIEW_CSP,
      "X-Frame-Options": "SAMEORIGIN",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "private, no-store",
    },
  });
}
