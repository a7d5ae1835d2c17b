/**
 * Staff reads of one application that are not part of the pipeline's
 * changes (pipeline.server.ts) — for now, the stored resume file behind the
 * review page's viewer. Candidate-side reads live in application.server.ts.
 */
import { eq } from "drizzle-orm";
import { applications, files } from "../../db/schema";
import type { DB } from "~/utils/db.server";

/** The resume file row of an application, or undefined when it has none (or the file is not a resume). */
export function getApplicationResumeFile(db: DB, applicationId: number) {
  const row = db
    .select({
      storageName: files.storageName,
      originalName: files.originalName,
      size: files.size,
      kind: files.kind,
    })
    .from(applications)
    .innerJoin(files, eq(files.id, applications.resumeFileId))
    .where(eq(applications.id, applicationId))
    .get();
  return row && row.kind === "resume" ? row : undefined;
}
