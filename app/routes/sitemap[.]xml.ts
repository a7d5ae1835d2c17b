import type { LoaderFunctionArgs } from "@remix-run/node";
import { listListedOpeningsForSitemap } from "~/models/opening.server";
import { listDirectoryForSitemap, listOutputsForSitemap } from "~/models/sitemap.server";
import { getDb } from "~/utils/db.server";
import { isoDate } from "~/utils/site";

type Entry = { path: string; updatedAt?: number };

/** The pages that exist without any record behind them. */
const STATIC_PATHS = ["/", "/people", "/areas", "/labs", "/careers", "/events", "/programs"];

/**
 * Every public page, with absolute URLs on the origin the request came to.
 * One query per table (models/sitemap.server.ts) and a string built in one
 * pass keep it cheap with 10,000 researchers (well under the sitemap limit of
 * 50,000 URLs).
 */
export function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const directory = listDirectoryForSitemap(getDb());
  const { people, areas, labs: labRows } = directory;

  const entries: Entry[] = [
    ...STATIC_PATHS.map((path) => ({ path })),
    ...people.map((r) => ({ path: `/people/${r.slug}`, updatedAt: r.updatedAt })),
    ...areas.map((r) => ({ path: `/areas/${r.slug}`, updatedAt: r.updatedAt })),
    ...labRows.map((r) => ({ path: `/labs/${r.slug}`, updatedAt: r.updatedAt })),
    ...directory.events.map((r) => ({ path: `/events/${r.slug}`, updatedAt: r.updatedAt })),
    ...directory.programs.map((r) => ({ path: `/programs/${r.slug}`, updatedAt: r.updatedAt })),
    ...listOutputsForSitemap(getDb()),
    ...listListedOpeningsForSitemap(getDb()).map((r) => ({
      path: `/careers/${r.slug}`,
      updatedAt: r.updatedAt,
    })),
  ];
  return new Response(renderSitemap(origin, entries), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}

function renderSitemap(origin: string, entries: Entry[]): string {
  const urls = entries.map(({ path, updatedAt }) => {
    const lastmod = updatedAt ? `<lastmod>${isoDate(updatedAt)}</lastmod>` : "";
    return `<url><loc>${escapeXml(origin + path)}</loc>${lastmod}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}

/** Escapes the five XML special characters (slugs are safe today; the origin may not be). */
function escapeXml(value: string): string {
  return value.replace(
    /[<>&'"]/g,
    (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[c]};`,
  );
}
