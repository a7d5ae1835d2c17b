/**
 * /sitemap.xml — every public page with absolute URLs on the origin the
 * request came to: the whole list when it fits in one file, else an index of
 * its parts, each served here too as /sitemap.xml?part=<name> (pages,
 * people-N, careers-N; sitemap.server.ts beside this route). The parts stay at the
 * site's root because a sitemap may only list URLs under its own folder.
 * An unknown part, or one past the end, is a 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/utils/db.server";
import {
  renderIndex,
  renderUrlset,
  sitemapParts,
  xmlResponse,
} from "~/routes/sitemap[.]xml/sitemap.server";
import { invariantResponse } from "~/utils/misc";

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parts = sitemapParts(getDb(), Date.now());
  const part = url.searchParams.get("part");
  if (part === null)
    return xmlResponse(
      parts.length === 1
        ? renderUrlset(url.origin, parts[0].entries())
        : renderIndex(url.origin, parts),
    );
  // Only an index names parts. Past the end, or emptied by a write since the index was read: 404.
  const entries = parts.length > 1 ? parts.find((f) => f.name === part)?.entries() : undefined;
  invariantResponse(entries?.length, "No such sitemap", { status: 404 });
  return xmlResponse(renderUrlset(url.origin, entries));
}
