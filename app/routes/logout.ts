/**
 * /logout — POST only: deletes the session on the server and clears the
 * cookie. A GET (a link, a prefetch, an <img> on another site) changes nothing
 * and is sent home. The server's Origin check (app/server.ts) stops other sites
 * from posting here.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSession } from "~/auth/auth.server";
import { audit } from "~/auth/audit.server";
import { getClientIp } from "~/auth/client-ip.server";
import { clearSessionCookie, invalidateSession } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";

export function loader() {
  return redirect("/");
}

export function action({ request, context }: ActionFunctionArgs) {
  const current = getSession(request);
  if (current) {
    invalidateSession(getDb(), current.session.id);
    audit(getDb(), {
      action: "auth.sign_out",
      actorUserId: current.user.id,
      ip: getClientIp(context),
    });
  }
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}
