/**
 * POST /auth/orcid — "Sign in with ORCID" (intent `sign-in`, from sign-in,
 * sign-up and the apply form), and a signed-in candidate's `link` and
 * `unlink` from /account. Signing in and linking send the browser to ORCID
 * (app/auth/oidc.server.ts); the answer comes back to /auth/orcid/callback.
 * POST only, behind the server's Origin check; a GET goes to /login.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireCandidate } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { startFlow } from "~/auth/oidc.server";
import { unlinkOrcid } from "~/auth/orcid.server";
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
  const form = await requireFormData(request);
  const intent = form.get("intent");
  // Linking and unlinking are a candidate's own; signing in is open to anyone.
  const user = intent === "link" || intent === "unlink" ? requireCandidate(request) : null;
  const db = getDb();
  const ip = getClientIp(context);
  if (user && intent === "unlink") {
    unlinkOrcid(db, user.id, ip);
    return redirect("/account?orcid=unlinked");
  }
  const redirectTo = user ? "/account" : safeRedirect(form.get("redirectTo"));
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
    started = await startFlow(db, "orcid", request, { redirectTo, linkUserId: user?.id ?? null });
  } catch {
    started = null;
  }
  if (!started)
    return redirect(
      user
        ? "/account?orcid=unavailable"
        : `/login?${new URLSearchParams({ redirectTo, error: "orcid" })}`,
    );
  return redirect(started.url, { headers: { "Set-Cookie": started.cookie } });
}
