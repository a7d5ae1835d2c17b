/**
 * /account/export (POST) — "Export my data": the signed-in person's own
 * account, candidate profile and applications (candidate-visible events only)
 * as a JSON download. A GET goes back to /account.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { exportAccount } from "~/auth/account.server";
import { audit } from "~/auth/audit.server";
import { getClientIp } from "~/auth/client-ip.server";
import { getDb } from "~/utils/db.server";

export function loader() {
  return redirect("/account");
}

export function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const body = JSON.stringify(exportAccount(getDb(), user.id), null, 2);
  audit(getDb(), { action: "account.exported", actorUserId: user.id, ip: getClientIp(context) });
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="atrium-account-${user.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
