/**
 * Response compression for bodies held whole in memory: the rendered pages,
 * data and resource responses that Remix hands over in one piece
 * (app/utils/remix-handler.server.ts) and the page cache's stored variants
 * (app/utils/page-cache.server.ts). One call per body, sized to it, instead
 * of a zlib stream per response.
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import compressible from "compressible";

export type Encoding = "br" | "gzip" | "identity";

/** Smaller bodies are sent as they are: compressing them saves less than the headers cost. */
export const MIN_COMPRESS_BYTES = 1024;

/** Above this, compression runs on the thread pool instead of blocking other requests. */
const SYNC_MAX_BYTES = 64 * 1024;

/**
 * Pages rendered for one request are compressed at the fastest levels (as
 * nginx does by default): brotli 1 costs a fifth of brotli 4 on a 40 KB page
 * for about 17 % more bytes. Pages stored in the page cache are compressed
 * once at a higher quality.
 */
const BROTLI_QUALITY = 1;
const GZIP_LEVEL = 1;

const brotliAsync = promisify(zlib.brotliCompress);
const gzipAsync = promisify(zlib.gzip);

function brotliOptions(size: number, quality: number): zlib.BrotliOptions {
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
      // A window no larger than the body: the encoder allocates and clears less.
      [zlib.constants.BROTLI_PARAM_LGWIN]: Math.max(
        zlib.constants.BROTLI_MIN_WINDOW_BITS,
        Math.min(zlib.constants.BROTLI_DEFAULT_WINDOW, Math.ceil(Math.log2(size + 1))),
      ),
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}

/** One body compressed once. */
export function compressSync(
  body: Buffer,
  encoding: "br" | "gzip",
  quality = encoding === "br" ? BROTLI_QUALITY : GZIP_LEVEL,
): Buffer {
  return encoding === "br"
    ? zlib.brotliCompressSync(body, brotliOptions(body.length, quality))
    : zlib.gzipSync(body, { level: quality });
}

/** compressSync for small bodies; large ones on the thread pool. */
export async function compress(body: Buffer, encoding: "br" | "gzip"): Promise<Buffer> {
  if (body.length <= SYNC_MAX_BYTES) return compressSync(body, encoding);
  return encoding === "br"
    ? brotliAsync(body, brotliOptions(body.length, BROTLI_QUALITY))
    : gzipAsync(body, { level: GZIP_LEVEL });
}

/** Whether a response of this type is worth compressing (text, JSON, XML, SVG…). */
export function isCompressibleType(contentType: string | null | undefined): boolean {
  return !!contentType && compressible(contentType) === true;
}

/**
 * The best of the offered encodings that an Accept-Encoding header allows
 * (q=0 refuses one; `*` stands for any not named), brotli before gzip.
 */
export function negotiateEncoding(
  acceptEncoding: string | undefined,
  offered: (encoding: "br" | "gzip") => boolean = () => true,
): Encoding {
  if (!acceptEncoding) return "identity";
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (offered("br") && ok("br")) return "br";
  if (offered("gzip") && ok("gzip")) return "gzip";
  return "identity";
}
