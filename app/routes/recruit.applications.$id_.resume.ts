/**
 * The resume of an application, for staff only: inline (for the review
 * page's <iframe>) or, with ?download=1, as an attachment. The file path
 * comes from the files table's server-generated storage name, never from
 * the request. PDFs only; no caching; nosniff so a browser never guesses.
 */
import fs from "node:fs";
import path from "node:path";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { getApplicationResumeFile } from "~/models/application-staff.server";
import { requireId } from "~/utils/route-params";
import { getDb } from "~/utils/db.server";
import { getEnv, resolvePath } from "~/utils/env.server";
import { invariantResponse } from "~/utils/misc";
import { attachmentDisposition } from "~/utils/uploads.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const row = getApplicationResumeFile(getDb(), requireId(params.id));
  invariantResponse(row, "No resume", { status: 404 });
  const dir = resolvePath(getEnv().UPLOADS_DIR);
  const file = path.join(dir, path.basename(row.storageName));
  invariantResponse(path.dirname(file) === dir && fs.existsSync(file), "No resume", {
    status: 404,
  });

  const download = new URL(request.url).searchParams.get("download") === "1";
  const disposition = attachmentDisposition(
    row.originalName || "resume.pdf",
    download ? "attachment" : "inline",
  );
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": disposition,
      "Content-Length": String(fs.statSync(file).size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // The inline view is framed by our own review page only.
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'self'",
    },
  });
}
