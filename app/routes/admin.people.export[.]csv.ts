/**
 * Every researcher as CSV, in the columns /admin/people/import reads, so the
 * file can be edited in a spreadsheet and imported again (importing it
 * unchanged changes nothing). Formula-safe (app/utils/csv.ts), with a UTF-8
 * byte-order mark so Excel shows accented names as written. Admins only: it
 * carries the staff-only emails.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { exportPeopleRows } from "~/models/people-csv.server";
import { toCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return new Response(`\uFEFF${toCsv(exportPeopleRows(getDb()))}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="people.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
