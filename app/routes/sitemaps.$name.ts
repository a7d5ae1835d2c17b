/**
 * /sitemaps/<name>.xml — one file of a sitemap too large for one
 * (pages.xml, people-N.xml, careers-N.xml; app/utils/sitemap.server.ts).
 * An unknown name, or a slice past the end, is a 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/utils/db.server";
import { renderUrlset, sitemapFiles, xmlResponse } from "~/utils/sitemap.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const file = sitemapFiles(getDb(), Date.now()).find((f) => f.name === params.name);
  if (!file) throw new Response("No such sitemap", { status: 404 });
  return xmlResponse(renderUrlset(new URL(request.url).origin, file.entries()));
}
