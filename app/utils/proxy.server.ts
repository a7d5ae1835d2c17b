/**
 * Reverse proxies: which `X-Forwarded-*` headers to believe (TRUST_PROXY),
 * and one view of "where did this request come from" for everything that
 * asks — Express's `req.protocol` and `req.ip`, the URL Remix sees, the CSRF
 * check, the page cache's key.
 *
 * TRUST_PROXY is Express's `trust proxy` setting: a hop count ("1" behind
 * one proxy: Fly.io, Render, Heroku) or a list of addresses, CIDR ranges and
 * the names `loopback`, `linklocal`, `uniquelocal` (nginx or Caddy on the same
 * machine: "loopback"). Unset, no proxy is trusted: the socket's peer is the
 * client and the Host header is the address it used (docs/deploy.md).
 *
 * `forwardedHeaders` runs first in the Express stack and leaves each request
 * with one host: a trusted proxy's `X-Forwarded-Host` becomes the Host header,
 * and a request from anyone else loses its `X-Forwarded-Host` and
 * `X-Forwarded-Proto` (a client may write them; they mean nothing from it).
 * Remix's adapter builds the request URL from the Host header and
 * `req.protocol`, and Remix's own action check compares `Origin` with that
 * host, so neither can disagree with what the rest of the app was told.
 */
import type { IncomingMessage } from "node:http";
import net from "node:net";
import type { RequestHandler } from "express";

/** Express's compiled `trust proxy` function: is the hop at `address`, `i` hops away, a proxy we trust? */
export type TrustProxy = (address: string | undefined, i: number) => boolean;

/** Express's `trust proxy` value: a hop count or a list of addresses, ranges and names. */
export type TrustProxySetting = number | string[] | false;

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * Parses TRUST_PROXY ("1", "loopback", "10.0.0.0/8, fd00::/8"); null when the
 * value is neither a hop count nor a list of addresses and ranges.
 */
export function parseTrustProxy(value: string | undefined): TrustProxySetting | null {
  const text = (value ?? "").trim();
  if (text === "" || text === "0") return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? hops : null;
  }
  const items = text.split(",").map((item) => item.trim());
  for (const item of items) {
    if (NAMED_RANGES.has(item)) continue;
    const [address, bits, ...rest] = item.split("/");
    const family = net.isIP(address);
    if (family === 0 || rest.length) return null;
    if (bits === undefined) continue;
    const max = family === 4 ? 32 : 128;
    if (!/^\d+$/.test(bits) || Number(bits) > max) return null;
  }
  return items;
}

/** The first value of a header a proxy may have made a list of ("https, http"). */
function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const comma = value.indexOf(",");
  return (comma === -1 ? value : value.slice(0, comma)).trim() || undefined;
}

/**
 * The scheme and host a request was made to, as the app must see them: from
 * a trusted proxy's headers, else from the connection and its Host header.
 * The same answer `forwardedHeaders` leaves Express and Remix with, so the
 * page cache can key a request before Express has seen it.
 */
export function requestProtocolAndHost(
  req: IncomingMessage,
  trust: TrustProxy,
): { protocol: string; host: string } {
  const socketProtocol = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  const host = req.headers.host ?? "";
  if (!trust(req.socket.remoteAddress, 0)) return { protocol: socketProtocol, host };
  return {
    protocol: firstValue(req.headers["x-forwarded-proto"])?.toLowerCase() ?? socketProtocol,
    host: firstValue(req.headers["x-forwarded-host"]) ?? host,
  };
}

let warnedUntrusted = false;

/** Express middleware: one host per request, forwarded headers only from trusted proxies. */
export function forwardedHeaders(trust: TrustProxy): RequestHandler {
  return (req, _res, next) => {
    const headers = req.headers;
    if (trust(req.socket.remoteAddress, 0)) {
      const forwardedHost = firstValue(headers["x-forwarded-host"]);
      if (forwardedHost) headers.host = forwardedHost;
    } else {
      if (headers["x-forwarded-proto"] && !warnedUntrusted) {
        // The usual sign of a proxy in front that TRUST_PROXY does not name: every form would
        // then be refused as cross-site, since the browser's origin is https and ours http.
        warnedUntrusted = true;
        console.warn(
          `[proxy] ignoring X-Forwarded-* headers from ${req.socket.remoteAddress}: set TRUST_PROXY if a proxy in front of Atrium sends them (docs/deploy.md)`,
        );
      }
      delete headers["x-forwarded-proto"];
    }
    delete headers["x-forwarded-host"];
    next();
  };
}
