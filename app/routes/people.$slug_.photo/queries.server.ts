import { eq } from "drizzle-orm";
import { files, researchers } from "../../../db/schema";
import type { DB } from "~/utils/db.server";

/** The stored photo of the researcher at `slug`, or undefined when there is none. */
export function getResearcherPhoto(db: DB, slug: string) {
  const row = db
    .select({ storageName: files.storageName, contentType: files.contentType, kind: files.kind })
    .from(researchers)
    .innerJoin(files, eq(files.id, researchers.photoFileId))
    .where(eq(researchers.slug, slug))
    .get();
  return row?.kind === "photo" ? row : undefined;
}
