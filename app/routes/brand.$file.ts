/**
 * /brand/<file> — the organisation's images:
 * - logo-<hash>.svg|png and card-<hash>.png: the logo as uploaded (sanitised),
 *   rasterised, and on a 1200×630 canvas; the hash is the file's own.
 * - og-<kind>-<artwork>.png and mark-<artwork>.png: the share card of a kind of
 *   public page and the default mark, drawn from the brand
 *   (app/utils/share-card.server.ts); the hash is of what they show.
 * Every address is content-hashed, so each is cached for a year and a change
 * gives new addresses; an address that is not current is a 404.
 * Public: the logo is on every page. Opened on its own, an SVG is a document:
 * the server gives it a policy under which nothing in it runs or loads
 * (LOGO_SVG_CSP in app/utils/security-headers.server.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { brandOf, findLogoFile, getSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { drawnImage } from "~/utils/share-card.server";
import { storedFileResponse } from "~/utils/uploads.server";

const YEAR = "public, max-age=31536000, immutable";

export async function loader({ params }: LoaderFunctionArgs) {
  const settings = getSettings(getDb());
  const name = params.file ?? "";
  const file = findLogoFile(settings, name);
  if (file)
    return storedFileResponse(file.storageName, {
      contentType: file.contentType,
      cacheControl: YEAR,
    });
  const logo = settings.logo
    ? {
        storageName: settings.logo.png.storageName,
        width: settings.logo.width,
        height: settings.logo.height,
      }
    : null;
  const drawn = drawnImage(brandOf(settings), logo, name);
  invariantResponse(drawn, "Not found", { status: 404 });
  const body = new Uint8Array(await drawn);
  return new Response(body, {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(body.byteLength),
      "Cache-Control": YEAR,
    },
  });
}
