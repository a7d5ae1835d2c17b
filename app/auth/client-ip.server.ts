/**
 * The client's address, for throttling and the audit log.
 *
 * app/express-app.server.ts passes it into Remix's load context: Express's
 * `req.ip`, which is the socket's peer unless TRUST_PROXY names the proxy in
 * front (then the address that proxy reports in X-Forwarded-For), or the
 * address a LiteFS replica signed when it forwarded the request
 * (app/utils/replica.server.ts). A client cannot forge either
 * (docs/decisions/0003-client-ip-and-throttling.md, docs/deploy.md).
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
