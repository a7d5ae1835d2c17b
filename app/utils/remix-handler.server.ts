/**
 * Remix behind Express: turns Express's request into a fetch `Request` for
 * Remix's handler and writes the `Response` back, in place of
 * `@remix-run/express`'s adapter.
 *
 * Almost every Remix response is held whole in memory: a rendered page
 * (app/entry.server.tsx collects the document before answering), a resource
 * route's string, a redirect. Such a body is sent with its length in one
 * write, compressed in one call sized to it (app/utils/compress.server.ts),
 * instead of being pumped chunk by chunk from a web stream through a zlib
 * stream, which cost a page render more than a tenth of its CPU (decision
 * 0012). A body that really streams (a file download, single-fetch data) is
 * copied as it comes, and the `compression` middleware compresses it.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
} from "@remix-run/node";
import {
  MIN_COMPRESS_BYTES,
  compress,
  isCompressibleType,
  negotiateEncoding,
} from "./compress.server";

export type RemixHandlerOptions = {
  build: ServerBuild;
  getLoadContext: (req: ExpressRequest) => Record<string, unknown>;
};

export function createRemixHandler({ build, getLoadContext }: RemixHandlerOptions) {
  const handle = createRequestHandler(build, build.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handle(toFetchRequest(req, res), getLoadContext(req));
      await sendResponse(req, res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The fetch Request for an Express request. Its signal aborts when the client
 * goes away before the answer is written, so loaders can stop early.
 */
export function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // `req.protocol` and the Host header as sent ("trust proxy" is off): the URL the client used.
  const url = `${req.protocol}://${req.headers.host ?? "localhost"}${req.originalUrl}`;
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url, init);
}

/** Writes a fetch Response to Express's response. */
export async function sendResponse(
  req: ExpressRequest,
  res: ExpressResponse,
  response: Response,
): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  // Cookies add to any an earlier middleware set (the LiteFS replica router's).
  const cookies = ([] as string[]).concat((res.getHeader("Set-Cookie") as string[] | string) ?? []);
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") cookies.push(value);
    else res.setHeader(name, value);
  }
  if (cookies.length) res.setHeader("Set-Cookie", cookies);

  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // The client may already have left (during a slow loader): stop reading then,
  // so a file or an upstream connection behind the stream is closed.
  const gone = res.destroyed
    ? Promise.resolve()
    : new Promise<void>((resolve) => res.once("close", resolve));
  const stop = () => void reader.cancel().catch(() => {});
  void gone.then(() => {
    if (!res.writableFinished) stop();
  });

  const eventStream = /^text\/event-stream/i.test(String(res.getHeader("Content-Type") ?? ""));
  const first = await reader.read();
  if (first.done) {
    res.end();
    return;
  }
  // A body held in memory comes out of its stream in one chunk, and a second
  // read reports the end at once (before the event loop turns). A stream that
  // has more, or has nothing yet, is sent as it comes.
  const secondRead = reader.read();
  const second = eventStream
    ? PENDING
    : await Promise.race([
        secondRead,
        new Promise<typeof PENDING>((r) => setImmediate(r, PENDING)),
      ]);
  if (second !== PENDING && second.done) {
    await sendWhole(req, res, toBuffer(first.value));
    return;
  }
  // A real stream: copy it as it arrives (the compression middleware may
  // compress it), and stop reading if the client leaves.
  res.flushHeaders();
  res.write(first.value);
  let next = second === PENDING ? secondRead : Promise.resolve(second);
  for (;;) {
    const { value, done } = await next;
    if (done) break;
    if (res.destroyed) return stop();
    // Wait for room, or for the client to leave (never rejects: nothing left to leak).
    if (!res.write(value))
      await Promise.race([new Promise((resolve) => res.once("drain", resolve)), gone]);
    // Flush what the compression middleware holds, so streamed data reaches the client now.
    (res as ExpressResponse & { flush?: () => void }).flush?.();
    next = reader.read();
  }
  res.end();
}

const PENDING = Symbol("pending");

function toBuffer(chunk: unknown): Buffer {
  if (ArrayBuffer.isView(chunk))
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk));
}

async function sendWhole(req: ExpressRequest, res: ExpressResponse, body: Buffer) {
  let encoding: "br" | "gzip" | "identity" = "identity";
  const compressibleBody =
    body.length >= MIN_COMPRESS_BYTES &&
    !res.hasHeader("Content-Encoding") &&
    isCompressibleType(res.getHeader("Content-Type") as string | undefined) &&
    !/\bno-transform\b/.test(String(res.getHeader("Cache-Control") ?? ""));
  if (compressibleBody) {
    res.vary("Accept-Encoding");
    encoding = negotiateEncoding(req.headers["accept-encoding"]);
  }
  const sent = encoding === "identity" ? body : await compress(body, encoding);
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  // Also tells the compression middleware that the body is final (and small
  // bodies below its threshold stay as they are).
  res.setHeader("Content-Length", sent.length);
  res.end(req.method === "HEAD" ? undefined : sent);
}
