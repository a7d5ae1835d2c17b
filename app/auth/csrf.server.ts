/**
 * CSRF defence, before any action runs (app/express-app.server.ts puts it in
 * front of Remix): a state-changing request (anything but GET, HEAD, OPTIONS)
 * must carry an `Origin` equal to ours — PUBLIC_ORIGIN when it is set, else
 * the origin the request was made to as a trusted proxy reports it
 * (app/utils/proxy.server.ts). When `Origin` is absent, its `Referer` must be
 * ours. A foreign or missing origin is refused with 403. SameSite=Lax session
 * cookies are the second layer.
 *
 * A browser sends `Origin: null` for a form posted from a page whose
 * Referrer-Policy is `no-referrer` (our token pages: password reset, referee
 * upload). Such a post is accepted only with `Sec-Fetch-Site: same-origin`, a
 * header no page can set, which the browser adds when the form was ours.
 *
 * Remix then checks actions once more, comparing `Origin` with the Host header
 * — and answers a mismatch, or an `Origin` it cannot parse, with a bare 500.
 * `originCheck` answers those first, with a 400 that says what is wrong (a
 * proxy that forwards another host name, or `host:443`), and takes the
 * vouched-for `null` away so Remix never sees it.
 */
import type { RequestHandler } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** GET, HEAD and OPTIONS change nothing and are never refused as cross-site. */
function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function isSameOriginHeaders({
  method,
  origin,
  referer,
  fetchSite,
  expectedOrigin,
}: {
  method: string;
  origin: string | null | undefined;
  referer: string | null | undefined;
  /** The `Sec-Fetch-Site` header. */
  fetchSite?: string | null;
  expectedOrigin: string;
}): boolean {
  if (isSafeMethod(method)) return true;
  if (origin === "null") return fetchSite === "same-origin";
  if (origin != null) return origin === expectedOrigin;
  if (!referer) return false;
  try {
    return new URL(referer).origin === expectedOrigin;
  } catch {
    return false;
  }
}

const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** `scheme://host[:port]` as a browser writes it in `Origin`, or null when `host` is not a host. */
export function originOf(protocol: "http" | "https", host: string): string | null {
  if (!HOST.test(host)) return null;
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

function refuse(res: Parameters<RequestHandler>[1], status: number, message: string) {
  res.status(status).type("text/plain").send(message);
}

/**
 * Express middleware: the CSRF check, then the host check Remix would make,
 * with clear refusals. `publicOrigin` is PUBLIC_ORIGIN (without a trailing slash).
 */
export function originCheck({ publicOrigin }: { publicOrigin?: string }): RequestHandler {
  return (req, res, next) => {
    // Reads need no origin: Remix checks only actions.
    if (req.method === "GET" || req.method === "HEAD") return next();
    const host = req.headers.host ?? "";
    const origin = req.headers.origin;
    if (!isSafeMethod(req.method)) {
      const protocol = req.protocol.toLowerCase();
      if (protocol !== "http" && protocol !== "https") {
        return refuse(
          res,
          400,
          `The forwarded protocol ${JSON.stringify(protocol)} is not http or https.`,
        );
      }
      const expected = publicOrigin ?? originOf(protocol, host);
      if (expected === null) {
        return refuse(res, 400, `The Host header ${JSON.stringify(host)} is not a host name.`);
      }
      const sameOrigin = isSameOriginHeaders({
        method: req.method,
        origin,
        referer: req.headers.referer,
        fetchSite: req.get("sec-fetch-site"),
        expectedOrigin: expected,
      });
      if (!sameOrigin) return refuse(res, 403, "Cross-site request refused.");
    }
    if (origin === undefined) return next();
    if (origin === "null") {
      // Vouched for above (or a safe method): Remix would read "null" as a host and fail.
      delete req.headers.origin;
      return next();
    }
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return refuse(res, 400, "The Origin header is not an origin.");
    }
    if (originHost !== host) {
      return refuse(
        res,
        400,
        `This request was sent from ${origin}, but reached this site for the host ${JSON.stringify(host)}. ` +
          "A proxy in front of this site must forward the host name the browser used, without a port it did not show (docs/deploy.md).",
      );
    }
    next();
  };
}
