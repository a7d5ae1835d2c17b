/**
 * /recruit/applications/:id/offers/:offerId/pdf — staff download the PDF of
 * an offer (any status). Recruiters and admins only; an offer of another
 * application, one without a PDF, or junk ids are 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { getOfferPdfForStaff } from "~/models/offer-lists.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { fileDownloadResponse } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const file = getOfferPdfForStaff(getDb(), requireId(params.id), requireId(params.offerId));
  invariantResponse(file, "Not found", { status: 404 });
  return fileDownloadResponse(file);
}
