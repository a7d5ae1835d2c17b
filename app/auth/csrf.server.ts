/**
 * CSRF defence: a state-changing request (anything but GET, HEAD, OPTIONS)
 * must carry an `Origin` equal to our own; when `Origin` is absent, its
 * `Referer` must be ours. A foreign, `null` or missing origin is refused.
 * The server (app/server.ts) applies this to every request before Remix runs
 * any action; SameSite=Lax session cookies are the second layer.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** GET, HEAD and OPTIONS change nothing and are never refused. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function isSameOriginHeaders({
  method,
  origin,
  referer,
  expectedOrigin,
}: {
  method: string;
  origin: string | null | undefined;
  referer: string | null | undefined;
  expectedOrigin: string;
}): boolean {
  if (isSafeMethod(method)) return true;
  if (origin != null) return origin !== "null" && origin === expectedOrigin;
  if (!referer) return false;
  try {
    return new URL(referer).origin === expectedOrigin;
  } catch {
    return false;
  }
}

/** The same check on a fetch `Request` (whose URL carries the expected origin). */
export function isSameOriginRequest(request: Request): boolean {
  return isSameOriginHeaders({
    method: request.method,
    origin: request.headers.get("Origin"),
    referer: request.headers.get("Referer"),
    expectedOrigin: new URL(request.url).origin,
  });
}
