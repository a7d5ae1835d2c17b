/**
 * Sitemaps (sitemaps.org protocol). An organisation whose public pages fit in
 * one file gets one `<urlset>` at /sitemap.xml. A larger one gets a
 * `<sitemapindex>` there, naming /sitemap.xml?part=pages (every page outside
 * the people and careers sections), ?part=people-N and ?part=careers-N, each
 * at most SITEMAP_FILE_URLS long. (At the root: a sitemap may only list URLs
 * under its own folder, so parts under /sitemaps/ would not count.) The protocol
 * allows 50,000 URLs per file; a smaller file keeps each one quick to build
 * (one file for a large directory held a process for too long).
 */
import { countListedOpenings, listListedOpeningsForSitemap } from "~/models/opening.server";
import {
  countSitemapPeople,
  listSitemapPages,
  listSitemapPeople,
  type SitemapEntry,
} from "~/models/sitemap.server";
import type { DB } from "~/utils/db.server";
import { PUBLIC_CACHE_CONTROL } from "~/utils/page-cache.server";
import { isoDate } from "~/utils/time";

export const SITEMAP_FILE_URLS = 10_000;

export type SitemapFile = { name: string; entries: () => SitemapEntry[] };

/**
 * The sitemap's parts, in the order an index lists them: one part ("all")
 * when every page fits in one file, else "pages", "people-N" and "careers-N".
 * Entries are read only for the part asked for.
 */
export function sitemapParts(db: DB, now: number): SitemapFile[] {
  const pages = listSitemapPages(db);
  const people = countSitemapPeople(db);
  const careers = countListedOpenings(db, now);
  const openings = (offset: number, limit: number) =>
    listListedOpeningsForSitemap(db, now, offset, limit).map((r) => ({
      path: `/careers/${r.slug}`,
      updatedAt: r.updatedAt,
    }));
  if (pages.length + people + careers <= SITEMAP_FILE_URLS)
    return [
      {
        name: "all",
        entries: () => [...pages, ...listSitemapPeople(db, 0, people), ...openings(0, careers)],
      },
    ];
  const slices = (
    section: string,
    total: number,
    read: (offset: number, limit: number) => SitemapEntry[],
  ) =>
    Array.from({ length: Math.ceil(total / SITEMAP_FILE_URLS) }, (_, i) => ({
      name: `${section}-${i + 1}`,
      entries: () => read(i * SITEMAP_FILE_URLS, SITEMAP_FILE_URLS),
    }));
  return [
    { name: "pages", entries: () => pages },
    ...slices("people", people, (offset, limit) => listSitemapPeople(db, offset, limit)),
    ...slices("careers", careers, openings),
  ];
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

export function renderUrlset(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map(({ path, updatedAt }) => {
    const lastmod = updatedAt ? `<lastmod>${isoDate(updatedAt)}</lastmod>` : "";
    return `<url><loc>${escapeXml(origin + path)}</loc>${lastmod}</url>`;
  });
  return [XML_HEAD, `<urlset ${NS}>`, ...urls, "</urlset>", ""].join("\n");
}

export function renderIndex(origin: string, files: SitemapFile[]): string {
  const items = files.map(
    (f) => `<sitemap><loc>${escapeXml(`${origin}/sitemap.xml?part=${f.name}`)}</loc></sitemap>`,
  );
  return [XML_HEAD, `<sitemapindex ${NS}>`, ...items, "</sitemapindex>", ""].join("\n");
}

export function xmlResponse(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      // As the page cache answers it: the index and its parts change together.
      "Cache-Control": PUBLIC_CACHE_CONTROL,
    },
  });
}

/** Escapes the five XML special characters (slugs are safe today; the origin may not be). */
function escapeXml(value: string): string {
  return value.replace(
    /[<>&'"]/g,
    (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[c]};`,
  );
}
