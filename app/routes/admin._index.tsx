/** /admin — admins start at the user list. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return redirect("/admin/users");
}
