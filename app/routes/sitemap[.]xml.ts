/**
 * /sitemap.xml — every public page with absolute URLs on the origin the
 * request came to: the whole list when it fits in one file, else an index of
 * the files under /sitemaps/ (app/utils/sitemap.server.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/utils/db.server";
import {
  renderIndex,
  renderUrlset,
  sitemapFiles,
  wholeSitemap,
  xmlResponse,
} from "~/utils/sitemap.server";

export function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const db = getDb();
  const now = Date.now();
  const entries = wholeSitemap(db, now);
  return xmlResponse(
    entries ? renderUrlset(origin, entries) : renderIndex(origin, sitemapFiles(db, now)),
  );
}
