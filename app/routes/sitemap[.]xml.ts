/**
 * /sitemap.xml — every public page with absolute URLs on the origin the
 * request came to: the whole list when it fits in one file, else an index of
 * its parts, each served here too as /sitemap.xml?part=<name> (pages,
 * people-N, careers-N; app/utils/sitemap.server.ts). The parts stay at the
 * site's root because a sitemap may only list URLs under its own folder.
 * An unknown part, or one past the end, is a 404.
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
  const url = new URL(request.url);
  const db = getDb();
  const now = Date.now();
  const part = url.searchParams.get("part");
  if (part !== null) {
    const entries = sitemapFiles(db, now)
      .find((f) => f.name === part)
      ?.entries();
    // Past the end, or emptied by a write since the index was read: not a sitemap.
    if (!entries?.length) throw new Response("No such sitemap", { status: 404 });
    return xmlResponse(renderUrlset(url.origin, entries));
  }
  const entries = wholeSitemap(db, now);
  return xmlResponse(
    entries ? renderUrlset(url.origin, entries) : renderIndex(url.origin, sitemapFiles(db, now)),
  );
}
