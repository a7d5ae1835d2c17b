import { getEnv } from "./env.server";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
let warnedUntrustedHost = false;

/**
 * The origin of links that leave the site (emails): PUBLIC_ORIGIN when configured. Without it,
 * the request's own origin is trusted only on a loopback host (local runs and
 * tests): the origin comes from the Host header, which a client chooses, and a
 * forged one would mail the victim a link carrying their token to someone
 * else's site ("reset poisoning"). Any other host gets a harmless localhost
 * link and a warning to set PUBLIC_ORIGIN.
 */
export function publicOrigin(
  request: Request,
  env: { PUBLIC_ORIGIN?: string; PORT: number } = getEnv(),
): string {
  if (env.PUBLIC_ORIGIN) return env.PUBLIC_ORIGIN.replace(/\/+$/, "");
  const url = new URL(request.url);
  if (LOOPBACK_HOSTS.has(url.hostname)) return url.origin;
  if (!warnedUntrustedHost) {
    warnedUntrustedHost = true;
    console.warn(
      "[links] PUBLIC_ORIGIN is not set: links in emails point to localhost. Set PUBLIC_ORIGIN to this site's address.",
    );
  }
  return `http://localhost:${env.PORT}`;
}

/**
 * The origin of this site's own pages, for the absolute URLs that pages give
 * other programs (Open Graph, canonical links, structured data): PUBLIC_ORIGIN
 * when configured, else the request's own origin. A page may use the request's
 * host where an email may not: the page goes back to whoever sent that Host,
 * and the public page cache keeps each host's copy apart.
 */
export function siteOrigin(request: Request, env: { PUBLIC_ORIGIN?: string } = getEnv()): string {
  if (env.PUBLIC_ORIGIN) return env.PUBLIC_ORIGIN.replace(/\/+$/, "");
  return new URL(request.url).origin;
}
