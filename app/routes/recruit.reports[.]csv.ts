/** CSV export of /recruit/reports (?opening=<id> or all), formula-safe (app/utils/csv.ts). Staff only. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { getReport, reportRows, reportScope } from "~/models/reports.server";
import { toCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { getId } from "~/utils/route-params";
import { slugify } from "~/utils/slug";

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const db = getDb();
  const opening = reportScope(db, getId(new URL(request.url).searchParams.get("opening")));
  const report = getReport(db, opening?.id ?? null);
  const name = `report-${opening ? slugify(opening.title) || opening.id : "all-openings"}.csv`;
  return new Response(toCsv(reportRows(report, opening?.title ?? "All openings")), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
