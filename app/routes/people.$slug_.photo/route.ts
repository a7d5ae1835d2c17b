/**
 * A researcher's photo, public (profiles are public). The path comes from the
 * files table's server-generated name, and the type from the bytes checked at
 * upload. Cached briefly; a new upload gets a new file, so `?v=` busting is optional.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { isSlug } from "~/utils/slug";
import { storedFileResponse } from "~/utils/uploads.server";
import { getResearcherPhoto } from "./queries.server";

export async function loader({ params }: LoaderFunctionArgs) {
  invariantResponse(isSlug(params.slug), "Not found", { status: 404 });
  const row = getResearcherPhoto(getDb(), params.slug);
  invariantResponse(row, "No photo", { status: 404 });
  return storedFileResponse(row.storageName, {
    contentType: row.contentType,
    cacheControl: "public, max-age=300",
  });
}
