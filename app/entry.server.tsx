import type { Writable } from "node:stream";
import { randomBytes } from "node:crypto";
import type { EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";
import { installBrand } from "~/utils/brand.server";
import { getEnv } from "~/utils/env.server";
import { hasSessionCookie } from "~/auth/session.server";

// Fail fast on a bad configuration: the server refuses to start with a clear message.
getEnv();
// Page titles, structured data and emails name the organisation from its settings.
installBrand();

const ABORT_DELAY = 5_000;

/** Headers every response gets; authenticated responses are never stored by caches. */
function applySecurityHeaders(request: Request, headers: Headers, nonce?: string) {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  // Browsers ignore HSTS over plain http (local runs); over https it keeps visitors on https.
  headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (nonce) {
    headers.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join("; "),
    );
  }
  if (hasSessionCookie(request)) {
    headers.set("Cache-Control", "private, no-store");
    headers.append("Vary", "Cookie");
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  return new Promise<Response>((resolve, reject) => {
    let didError = false;
    let abortRender = () => {};
    const timer = setTimeout(() => abortRender(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        // Wait for everything: pages are small, and crawlers and no-JS users get whole documents.
        // The document is then sent as one body with its length: one write through compression
        // and the socket instead of React's many small chunks through three streams.
        onAllReady() {
          clearTimeout(timer);
          // React writes the finished document synchronously into this sink and ends it:
          // a plain collector instead of a Node Writable, whose buffering and callbacks
          // React's hundreds of small chunks would each pay for.
          const chunks: Uint8Array[] = [];
          const sink = {
            write(chunk: Uint8Array) {
              chunks.push(chunk);
              return true;
            },
            end() {
              const html = Buffer.concat(chunks);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Length", String(html.length));
              applySecurityHeaders(request, responseHeaders, nonce);
              resolve(
                new Response(html, {
                  headers: responseHeaders,
                  status: didError ? 500 : responseStatusCode,
                }),
              );
            },
            on() {
              return sink;
            },
          };
          pipe(sink as unknown as Writable);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          didError = true;
          console.error(error);
        },
      },
    );
    abortRender = abort;
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  applySecurityHeaders(request, response.headers);
  return response;
};

/** Logs unexpected server errors (never request bodies, cookies or tokens); aborted requests are not errors. */
export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and expected HTTP errors (404, 405) are not server faults.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  const url = new URL(request.url);
  console.error(
    `[error] ${request.method} ${url.pathname}`,
    error instanceof Error ? error.stack : error,
  );
}
