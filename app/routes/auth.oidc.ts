/**
 * POST /auth/oidc — "Sign in with {organisation}": starts a staff sign-in at
 * the organisation's identity provider (app/auth/oidc.server.ts) and sends
 * the browser there. POST only, behind the server's Origin check, so another
 * site cannot start a sign-in in someone's browser; a GET goes to /login.
 * When the provider cannot be reached, /login says so.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getClientIp } from "~/auth/client-ip.server";
import { startFlow } from "~/auth/oidc.server";
import {
  consumeRateLimit,
  describeWait,
  OUTSIDE_SIGN_IN_LIMIT,
  retryAfter,
} from "~/auth/throttle.server";
import { requireFormData } from "~/utils/form-data.server";
import { getDb } from "~/utils/db.server";
import { safeRedirect } from "~/utils/redirect";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled start (429) keeps its Retry-After.
export const headers = keepRetryAfter();

export function loader() {
  return redirect("/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Anyone may start a sign-in: the provider and the callback decide who gets in.
  const form = await requireFormData(request);
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const db = getDb();
  const ip = getClientIp(context);
  // Each start stores a flow row and calls the provider: a network gets a fair number an hour.
  const wait = consumeRateLimit(db, OUTSIDE_SIGN_IN_LIMIT, ip);
  if (wait > 0)
    return new Response(
      `Too many sign-ins were started from your network. Please try again in ${describeWait(wait)}.`,
      {
        status: 429,
        headers: { "Content-Type": "text/plain; charset=utf-8", ...retryAfter(wait) },
      },
    );
  let started;
  try {
    started = await startFlow(db, "staff", request, { redirectTo });
  } catch {
    started = null;
  }
  // The sign-in page says the provider cannot be reached (or is not set up).
  if (!started) return redirect(`/login?${new URLSearchParams({ redirectTo, error: "sso" })}`);
  return redirect(started.url, { headers: { "Set-Cookie": started.cookie } });
}
