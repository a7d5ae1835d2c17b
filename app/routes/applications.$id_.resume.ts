/**
 * /applications/:id/resume — downloads the resume sent with one of the
 * signed-in candidate's own applications. Anyone else's id (or junk) is 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { getApplicationResumeForCandidate } from "~/models/candidate-applications.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { getId } from "~/utils/route-params";
import { fileDownloadResponse } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = getId(params.id);
  const file = id ? getApplicationResumeForCandidate(getDb(), user.id, id) : null;
  invariantResponse(file, "Not found", { status: 404 });
  return fileDownloadResponse(file);
}
