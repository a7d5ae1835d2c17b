/**
 * /applications/:id/offers/:offerId/pdf — the candidate downloads the PDF of
 * an offer on one of their own applications, once it was sent to them. A
 * draft or an approved, unsent offer, anyone else's application, an offer
 * without a PDF, or junk ids are all the same 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { getOfferPdfForCandidate } from "~/models/offer-lists.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { getId } from "~/utils/route-params";
import { fileDownloadResponse } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const applicationId = getId(params.id);
  const offerId = getId(params.offerId);
  const file =
    applicationId && offerId
      ? getOfferPdfForCandidate(getDb(), { candidateId: user.id, applicationId, offerId })
      : null;
  invariantResponse(file, "Not found", { status: 404 });
  return fileDownloadResponse(file);
}
