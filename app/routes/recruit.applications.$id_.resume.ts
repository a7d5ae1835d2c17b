/**
 * The resume of an application, for staff only: inline (for the review
 * page's <iframe>) or, with ?download=1, as an attachment. The file is read
 * through the upload storage (local folder or bucket) by its server-generated
 * storage name, never by anything from the request. PDFs only; no caching;
 * nosniff (as on every response) so a browser never guesses.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { getApplicationResumeFile } from "~/models/application-staff.server";
import { requireId } from "~/utils/route-params";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { storedFileResponse } from "~/utils/uploads.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const row = getApplicationResumeFile(getDb(), requireId(params.id));
  invariantResponse(row, "No resume", { status: 404 });
  const download = new URL(request.url).searchParams.get("download") === "1";
  return storedFileResponse(row.storageName, {
    contentType: "application/pdf",
    filename: row.originalName || "resume.pdf",
    // Only our own review page may frame the inline view: the server's
    // security headers say so for this URL (app/utils/security-headers.server.ts).
    disposition: download ? "attachment" : "inline",
  });
}
