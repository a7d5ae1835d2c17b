/**
 * The hiring-team picker's search: researchers whose name contains `q`, as
 * JSON (id, name, title, lab, photo). Staff only, like the editor it serves.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { searchTeamPeople } from "~/models/opening-form-values.server";
import { getDb } from "~/utils/db.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const people = q.length > 100 ? [] : searchTeamPeople(getDb(), q);
  return Response.json({ people }, { headers: { "Cache-Control": "private, no-store" } });
}
