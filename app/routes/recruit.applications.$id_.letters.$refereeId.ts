/**
 * /recruit/applications/:id/letters/:refereeId — staff download a reference
 * letter. Recruiters and admins only (with their second factor); a letter of
 * another application, or junk ids, is 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { getLetterFileForStaff } from "~/models/reference-letters.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { fileDownloadResponse } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const file = getLetterFileForStaff(getDb(), requireId(params.id), requireId(params.refereeId));
  invariantResponse(file, "Not found", { status: 404 });
  return fileDownloadResponse(file);
}
