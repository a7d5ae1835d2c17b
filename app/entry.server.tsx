import type { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";
import { installBrand } from "~/brand.server";
import { getEnv } from "~/utils/env.server";
import { hasSessionCookie } from "~/utils/session-cookie.server";

// Fail fast on a bad configuration: the server refuses to start with a clear message.
getEnv();
// Page titles, structured data and emails name the organisation from its settings.
installBrand();

const ABORT_DELAY = 5_000;

/**
 * A signed-in person's answers are never stored by caches. (The security
 * headers are the server's: app/utils/security-headers.server.ts.)
 */
function keepPrivate(request: Request, headers: Headers) {
  if (hasSessionCookie(request.headers.get("Cookie"))) {
    headers.set("Cache-Control", "private, no-store");
    headers.append("Vary", "Cookie");
  }
}

const END_OF_DOCUMENT = Buffer.from("</body></html>");

/**
 * The finished document from React's chunks, made well-formed:
 * - React 18's Node renderer copies text into 2 KB buffers, and when a
 *   character of several bytes does not fit at a buffer's end it hands over
 *   the whole buffer with the unused bytes still zero, then starts the next
 *   with that character: the page would carry NUL bytes, shown as U+FFFD.
 *   A chunk never legitimately ends in NUL, so those bytes are dropped.
 * - Remix renders its data scripts (single fetch) after the document
 *   element, so they would follow `</html>` (a parse error). They move to the
 *   end of `<body>`, where the parser would put them anyway.
 */
export function assembleDocument(chunks: Uint8Array[]): Buffer<ArrayBuffer> {
  const parts = chunks.map((chunk) => {
    let end = chunk.byteLength;
    while (end > 0 && chunk[end - 1] === 0) end--;
    return end === chunk.byteLength ? chunk : chunk.subarray(0, end);
  });
  const html = Buffer.concat(parts);
  const close = html.lastIndexOf(END_OF_DOCUMENT);
  if (close === -1 || close + END_OF_DOCUMENT.length === html.length) return html;
  return Buffer.concat([
    html.subarray(0, close),
    html.subarray(close + END_OF_DOCUMENT.length),
    END_OF_DOCUMENT,
  ]);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The nonce of this response's Content-Security-Policy (set by the server before Remix ran).
  const nonce = loadContext.cspNonce ?? "";
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
        // Wait for everything: pages are small, and crawlers and no-JS users get whole
        // documents, sent as one body with its length.
        onAllReady() {
          clearTimeout(timer);
          // React writes the finished document synchronously into this sink and ends it.
          const chunks: Uint8Array[] = [];
          const sink = {
            write(chunk: Uint8Array) {
              chunks.push(chunk);
              return true;
            },
            end() {
              const html = assembleDocument(chunks);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Length", String(html.length));
              keepPrivate(request, responseHeaders);
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
  keepPrivate(request, response.headers);
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
