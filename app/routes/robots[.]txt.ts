import type { LoaderFunctionArgs } from "@remix-run/node";

/** Private areas crawlers have no business in (they require an account anyway). */
const DISALLOWED = [
  "/account",
  "/applications",
  "/recruit",
  "/admin",
  "/login",
  "/signup",
  "/logout",
  "/forgot-password",
  "/reset-password",
  "/careers/*/apply",
];

/** robots.txt: public pages are open to crawlers; the sitemap is named by absolute URL. */
export function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const body = [
    "User-agent: *",
    "Allow: /",
    ...DISALLOWED.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
