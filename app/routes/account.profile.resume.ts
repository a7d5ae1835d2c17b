/** /account/profile/resume — downloads the signed-in candidate's current profile resume. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { getCandidateProfile } from "~/models/application.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { fileDownloadResponse } from "~/utils/uploads.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { resume } = getCandidateProfile(getDb(), user.id);
  invariantResponse(resume, "Not found", { status: 404 });
  return fileDownloadResponse({ storageName: resume.storageName, originalName: resume.name });
}
