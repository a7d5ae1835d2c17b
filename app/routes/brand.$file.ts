/**
 * /brand/logo-<hash>.svg|png and /brand/card-<hash>.png — the organisation's
 * logo as uploaded (sanitised), rasterised, and as a social card. The hash in
 * the name is the file's own, so each address is cached for a year and a new
 * logo gets new addresses; an address that is not the current logo's is a 404.
 * Public: the logo is on every page. Opened on its own, an SVG is a document:
 * the server gives it a policy under which nothing in it runs or loads
 * (LOGO_SVG_CSP in app/utils/security-headers.server.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findLogoFile, getSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { storedFileResponse } from "~/utils/uploads.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const file = findLogoFile(getSettings(getDb()), params.file ?? "");
  invariantResponse(file, "Not found", { status: 404 });
  return storedFileResponse(file.storageName, {
    contentType: file.contentType,
    cacheControl: "public, max-age=31536000, immutable",
  });
}
