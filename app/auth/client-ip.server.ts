/**
 * The client's IP address, for throttling and the audit log.
 *
 * app/express-app.server.ts passes Express's `req.ip` into Remix's load context. Express
 * is not told to trust a proxy, so that is the socket's peer address and a
 * client cannot forge it with `X-Forwarded-For`. Behind a reverse proxy every
 * request would come from the proxy's address: then set Express's
 * `trust proxy` to the proxy's address (see docs/decisions/0003-client-ip-and-throttling.md).
 */
import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server saw it (set in app/express-app.server.ts). */
    clientIp?: string;
  }
}

/** The client's address, or "unknown" when the request did not come through app/server.ts. */
export function getClientIp(context: AppLoadContext | undefined): string {
  const ip = context?.clientIp;
  if (typeof ip !== "string" || ip.length === 0) return "unknown";
  // IPv4 clients of a dual-stack socket appear as "::ffff:1.2.3.4".
  return ip.replace(/^::ffff:/, "").slice(0, 64);
}
