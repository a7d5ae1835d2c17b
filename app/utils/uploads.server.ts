/**
 * Every file on disk goes through this module: résumés (PDF) and researcher
 * photos (JPEG, PNG, WebP) are parsed out of multipart bodies here, written,
 * read and deleted here, under the one `uploadsDir()`.
 *
 * Multipart bodies are parsed by busboy (RFC 7578 names, quoted values that
 * contain `;` or `=`, `filename*`), streamed with caps on each text field, on
 * the file and on the whole body (413 with a message, nothing left behind).
 * A résumé is received in memory (up to IN_MEMORY_FILE_BYTES; a larger one
 * streams to `.<id>.part` and is fsynced), checked (magic bytes, `%%EOF`
 * trailer, no JavaScript, embedded files or launch actions), written to a
 * `.part` file and fsynced, then renamed to its final, server-generated name
 * and the folder fsynced (one folder fsync shared by the renames that finished
 * before it started) — all before the transaction that points to it commits.
 * A crash leaves at most a `.part` file or a file no row points to;
 * `listStoredFiles()` and `TEMP_SUFFIX` let the sweep find both. The uploader's file name is display text only. Files are
 * never served from public/: downloads go through routes that check who asks.
 *
 * Where stored files live: UPLOADS_DIR by default (everything above, on local
 * disk, unchanged), or with UPLOADS_URL=s3://bucket/prefix an S3-compatible
 * bucket through the storage interface (app/utils/storage/). Then a checked
 * résumé is put to the bucket (private, no ACL) from memory, or from its
 * fsynced `.part` file in UPLOADS_DIR when it was too large to keep in
 * memory, before the transaction that points to it commits; reads stream
 * from the bucket through the same authorised routes.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import busboy from "busboy";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { getEnv, resolvePath } from "./env.server";
import { getUploadStorage, type UploadStorage } from "./storage/index.server";
import { coalesced, type Runs } from "./coalesce";

export const MAX_RESUME_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** Cap for each text field (a 10,000-character cover letter is at most ~40 KB of UTF-8). */
export const MAX_TEXT_FIELD_BYTES = 64 * 1024;
/** Headers, boundaries and text fields on top of the file. */
const REQUEST_OVERHEAD_BYTES = 512 * 1024;
export const MAX_REQUEST_BYTES = MAX_RESUME_BYTES + REQUEST_OVERHEAD_BYTES;
export const MAX_PHOTO_REQUEST_BYTES = MAX_PHOTO_BYTES + REQUEST_OVERHEAD_BYTES;
const MAX_PARTS = 200;
/** Suffix of a file still being written; anything with it is garbage once its request is over. */
export const TEMP_SUFFIX = ".part";
const PDF_MAGIC = Buffer.from("%PDF-", "ascii");
const STORAGE_NAME = /^[a-f0-9]{32}\.(pdf|jpg|png|webp)$/;

/** A file that passed every check and now lives under UPLOADS_DIR. */
export type StoredUpload = {
  storageName: string;
  originalName: string;
  contentType: "application/pdf";
  size: number;
  sha256: string;
};

/** Why a chosen file was not accepted (reported beside the field, with a 400). */
export type UploadProblem = "not_pdf" | "unsafe_pdf" | "empty";

export type ParsedUpload = {
  /** The text fields (file parts are never in it). */
  formData: FormData;
  /** The accepted file, or null when none was chosen or it was refused. */
  upload: StoredUpload | null;
  problem: UploadProblem | null;
  /** With a `textField`: the text file sent beside the PDF (see parseResumeUpload). */
  textFile?: TextPart;
};

/** The one folder every uploaded file lives in. */
export function uploadsDir(): string {
  return resolvePath(getEnv().UPLOADS_DIR);
}

/** Absolute path of a stored file; refuses anything that is not a generated name. */
export function storedFilePath(storageName: string): string {
  if (!STORAGE_NAME.test(storageName)) throw new Error("Invalid storage name");
  return path.join(uploadsDir(), storageName);
}

/** The bucket when UPLOADS_URL is set; null when stored files live in uploadsDir(). */
function remoteStorage(): UploadStorage | null {
  return getEnv().UPLOADS_URL ? getUploadStorage() : null;
}

const CONTENT_TYPES = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
} as const;

/**
 * Deletes a stored file (no error when it is already gone). On local disk it
 * is gone when this returns (callers may ignore the promise). In a bucket the
 * promise settles when the delete is done; a failed delete is logged and
 * never rejects: the row is already gone, so the sweep removes the object later.
 */
export function deleteStoredFile(storageName: string | null | undefined): Promise<void> {
  if (!storageName) return Promise.resolve();
  const file = storedFilePath(storageName); // refuses anything that is not a generated name
  const remote = remoteStorage();
  if (!remote) {
    fs.rmSync(file, { force: true });
    return Promise.resolve();
  }
  return remote.delete(storageName).catch((error: unknown) => {
    console.warn(
      `[uploads] could not delete a stored object (the sweep will retry): ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

/** The bytes of a stored file, or null when it is missing. */
export async function readStoredFile(storageName: string): Promise<Buffer | null> {
  const remote = remoteStorage();
  if (remote) {
    const stream = await remote.get(storedName(storageName));
    if (!stream) return null;
    return Buffer.concat((await stream.toArray()) as Buffer[]);
  }
  try {
    return await fs.promises.readFile(storedFilePath(storageName));
  } catch {
    return null;
  }
}

/**
 * A stored file as a response body: the bytes with their length from local
 * disk, or a stream from the bucket (length unknown, so chunked). Null when missing.
 */
export async function storedFileBody(storageName: string): Promise<{
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
  size: number | null;
} | null> {
  const remote = remoteStorage();
  if (!remote) {
    const bytes = await readStoredFile(storageName);
    return bytes ? { body: new Uint8Array(bytes), size: bytes.byteLength } : null;
  }
  const stream = await remote.get(storedName(storageName));
  if (!stream) return null;
  return { body: Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, size: null };
}

function storedName(storageName: string): string {
  if (!STORAGE_NAME.test(storageName)) throw new Error("Invalid storage name");
  return storageName;
}

/**
 * What is in the local uploads folder (`.part` files always live there; with
 * UPLOADS_URL the stored files are in the bucket, listed by the storage's `list`):
 * `stored` are final names (compare with the rows that point to them),
 * `partial` are `.part` files still being written or abandoned. Each comes
 * with its modification time in milliseconds.
 */
export function listStoredFiles(): {
  stored: Array<{ name: string; mtimeMs: number }>;
  partial: Array<{ name: string; mtimeMs: number }>;
} {
  const dir = uploadsDir();
  const stored: Array<{ name: string; mtimeMs: number }> = [];
  const partial: Array<{ name: string; mtimeMs: number }> = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { stored, partial };
  }
  for (const name of names) {
    const isPart = name.endsWith(TEMP_SUFFIX);
    if (!isPart && !STORAGE_NAME.test(name)) continue;
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(path.join(dir, name)).mtimeMs;
    } catch {
      continue;
    }
    (isPart ? partial : stored).push({ name, mtimeMs });
  }
  return { stored, partial };
}

/** Deletes a `.part` file by its name from listStoredFiles (for the sweep). */
export function deletePartialFile(name: string) {
  if (!/^\.[a-f0-9]{32}\.part$/.test(name)) throw new Error("Invalid partial file name");
  fs.rmSync(path.join(uploadsDir(), name), { force: true });
}

/**
 * fsync a folder, so a rename inside it survives a crash. Awaited, never
 * skipped; it runs on libuv's thread pool so the few milliseconds the disk
 * takes do not stop the process from serving other requests meanwhile.
 */
async function fsyncDir(dir: string) {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes every rename that finished in `dir` before this call durable: one
 * folder fsync covers all of them, so concurrent uploads share it (a group
 * commit for renames, issue 11). A caller never relies on an fsync that
 * started before it was called: while one runs, the next starts when it ends
 * and serves every caller that arrived meanwhile. A failed fsync rejects
 * every caller it would have served.
 */
const syncDir = coalesced(new Map<string, Runs>(), fsyncDir);

function tempPathFor(id: string) {
  return path.join(uploadsDir(), `.${id}${TEMP_SUFFIX}`);
}

const fsOpen = promisify(fs.open);
const fsWrite = promisify(
  (
    fd: number,
    buffer: Uint8Array,
    offset: number,
    length: number,
    callback: (error: NodeJS.ErrnoException | null, written: number) => void,
  ) => fs.write(fd, buffer, offset, length, null, callback),
);
const fsFsync = promisify(fs.fsync);
const fsClose = promisify(fs.close);

/** Creates `file` for writing (never an existing one), creating its folder first if it is missing. */
async function openNew(file: string, dir: string): Promise<number> {
  try {
    return await fsOpen(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    fs.mkdirSync(dir, { recursive: true });
    return await fsOpen(file, "wx", 0o600);
  }
}

/**
 * Writes `bytes` durably under a new generated name with extension `ext`:
 * `.part` file, fsync, rename, fsync of the folder (or one put to the bucket
 * with UPLOADS_URL). Resolves to the storage name. Await it before the
 * transaction that records the file.
 */
export async function writeStoredFile(
  bytes: Uint8Array,
  ext: "pdf" | "jpg" | "png" | "webp",
): Promise<string> {
  const remote = remoteStorage();
  if (remote) {
    const storageName = `${randomBytes(16).toString("hex")}.${ext}`;
    await remote.put(storageName, bytes, { contentType: CONTENT_TYPES[ext] });
    return storageName;
  }
  const dir = uploadsDir();
  const id = randomBytes(16).toString("hex");
  const temp = tempPathFor(id);
  // fs's callback functions, not a FileHandle: the same thread-pool work
  // without a FileHandle object and its promise plumbing per call; nothing
  // here runs on the event loop (a create in a folder where renames and a
  // folder fsync are under way can wait for the folder's lock).
  const fd = await openNew(temp, dir);
  try {
    // write(2) may write less than asked: loop until every byte is in.
    for (let at = 0; at < bytes.byteLength;)
      at += await fsWrite(fd, bytes, at, bytes.byteLength - at);
    await fsFsync(fd);
  } catch (error) {
    await fsClose(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  await fsClose(fd);
  const storageName = `${id}.${ext}`;
  await fs.promises.rename(temp, storedFilePath(storageName));
  await syncDir(dir);
  return storageName;
}

/**
 * The uploader's file name as safe display text: no directories, no control
 * or bidi-override characters, at most 120 characters, never empty.
 */
export function displayFileName(name: string | null | undefined, fallback = "resume.pdf"): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!clean) return fallback;
  if (clean.length <= 120) return clean;
  const ext = path.extname(clean).slice(0, 10);
  return clean.slice(0, 120 - ext.length) + ext;
}

function httpError(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** A file part as it arrived: in a `.part` file (résumés) or in memory (photos). */
type ReceivedFile = {
  filename: string;
  size: number;
  sha256: string;
  tempPath: string | null;
  bytes: Buffer | null;
};

type MultipartRules = {
  fileField: string;
  maxFileBytes: number;
  maxRequestBytes: number;
  fileTooLarge: string;
  requestTooLarge: string;
  sink: "disk" | "memory";
  /** A second, optional file part kept in memory (a small text file beside the PDF). */
  textFile?: { field: string; maxBytes: number };
};

/** The optional text file part: its bytes, or `tooLarge` (drained past the cap, not kept). */
export type ReceivedText = { filename: string; bytes: Buffer | null; tooLarge: boolean };

/**
 * Streams a multipart body through busboy. Text fields land in a FormData
 * (each capped); the first part named `fileField` is kept (to a `.part` file
 * or in memory), any other file part is drained. The whole body is counted
 * as it is read, so a chunked body without Content-Length is capped too.
 * Throws a 400 Response for a body that is not multipart or is malformed and
 * a 413 Response past a cap, with nothing left on disk.
 */
async function readMultipart(
  request: Request,
  rules: MultipartRules,
): Promise<{ formData: FormData; file: ReceivedFile | null; text: ReceivedText | null }> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) {
    throw httpError(400, "This form must be sent as multipart/form-data.");
  }
  // Refuse an announced oversize body before reading a byte of it.
  const announced = Number(request.headers.get("Content-Length") ?? "0");
  if (Number.isFinite(announced) && announced > rules.maxRequestBytes) {
    throw httpError(413, rules.requestTooLarge);
  }
  if (!request.body) throw httpError(400, "The form could not be read. Please try again.");

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as raw UTF-8 (RFC 7578 §4.2).
      defParamCharset: "utf8",
      limits: {
        fieldSize: MAX_TEXT_FIELD_BYTES,
        fieldNameSize: 200,
        parts: MAX_PARTS,
      },
    });
  } catch {
    throw httpError(400, "The form could not be read. Please try again.");
  }

  const formData = new FormData();
  let file: ReceivedFile | null = null;
  let text: ReceivedText | null = null;
  let fileStarted = false;
  let failure: Response | null = null;
  const tempPaths: string[] = [];
  const openStreams = new Set<NodeJS.ReadableStream & { destroy(): void }>();
  const pending: Promise<void>[] = [];
  const wakeUps: Array<() => void> = [];
  let onFailure = () => {};
  const failed = new Promise<void>((resolve) => (onFailure = resolve));
  const fail = (response: Response) => {
    failure ??= response;
    for (const stream of openStreams) stream.destroy();
    for (const wake of wakeUps.splice(0)) wake();
    onFailure();
  };

  const finished = new Promise<void>((resolve) => {
    parser.on("close", () => resolve());
    parser.on("error", () => {
      fail(httpError(400, "The form could not be read. Please try again."));
      resolve();
    });
  });
  parser.on("field", (name, value, info) => {
    if (info.nameTruncated || info.valueTruncated)
      fail(httpError(413, "A form field is too long."));
    else formData.append(name, value);
  });
  parser.on("partsLimit", () => fail(httpError(413, "Too many form fields.")));
  parser.on("file", (name, stream, info) => {
    // Errors surface through `failure`; a stream error must never go unhandled.
    stream.on("error", () => {});
    if (!failure && rules.textFile && name === rules.textFile.field && !text) {
      const cap = rules.textFile.maxBytes;
      const received: ReceivedText = {
        filename: info.filename ?? "",
        bytes: null,
        tooLarge: false,
      };
      text = received;
      const chunks: Buffer[] = [];
      let size = 0;
      pending.push(
        new Promise<void>((resolve) => {
          stream.on("data", (chunk: Buffer) => {
            size += chunk.byteLength;
            // Past the cap the rest is drained (the body cap still counts it) and nothing kept.
            if (size > cap) received.tooLarge = true;
            else chunks.push(chunk);
          });
          stream.on("end", () => {
            if (!received.tooLarge) received.bytes = Buffer.concat(chunks);
            resolve();
          });
          stream.on("error", () => resolve());
          stream.on("close", () => resolve());
        }),
      );
      return;
    }
    if (failure || name !== rules.fileField || fileStarted) {
      // Unwanted file parts are drained; the body cap still counts their bytes.
      stream.resume();
      return;
    }
    fileStarted = true;
    openStreams.add(stream);
    pending.push(
      receiveFile(stream, info.filename ?? "", rules, tempPaths).then(
        (received) => {
          openStreams.delete(stream);
          file = received;
        },
        (error: unknown) => {
          openStreams.delete(stream);
          fail(error instanceof Response ? error : httpError(400, "The upload could not be read."));
        },
      ),
    );
  });

  const reader = request.body.getReader();
  let total = 0;
  try {
    while (!failure) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > rules.maxRequestBytes) {
        // Parse up to the cap, so the message can say which part was too large: while
        // the file is still arriving, it is the file.
        parser.write(value.subarray(0, value.byteLength - (total - rules.maxRequestBytes)));
        fail(httpError(413, openStreams.size > 0 ? rules.fileTooLarge : rules.requestTooLarge));
        break;
      }
      if (!parser.write(value) && !failure) {
        await new Promise<void>((resolve) => {
          wakeUps.push(resolve);
          parser.once("drain", resolve);
        });
      }
    }
    if (!failure) {
      parser.end();
      // A failing file part stops the parser short of "close".
      await Promise.race([finished, failed]);
    }
  } catch {
    fail(httpError(400, "The form could not be read. Please try again."));
  }
  await Promise.allSettled(pending);
  if (failure) {
    parser.destroy();
    // The client is usually still sending: read and drop the rest of a body
    // that is only a little over the cap, so it receives the 4xx page rather
    // than a reset connection. A far larger body is cut off.
    await drainBody(reader, total, rules.maxRequestBytes + DRAIN_SLACK_BYTES);
    void reader.cancel().catch(() => {});
    for (const temp of tempPaths) fs.rmSync(temp, { force: true });
    throw failure;
  }
  return { formData, file, text };
}

/** How far past its cap a refused body is still read (and dropped) rather than cut off. */
const DRAIN_SLACK_BYTES = 512 * 1024;

async function drainBody(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  alreadyRead: number,
  limit: number,
) {
  let total = alreadyRead;
  try {
    while (total <= limit) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
    }
  } catch {
    // The client went away: nothing left to drain.
  }
}

/**
 * A résumé up to this size is received in memory, checked there and written
 * once (one open, write, fsync, close: issue 11); a larger one streams to its
 * `.part` file as it arrives, so a slow multi-megabyte upload does not sit in
 * memory.
 */
export const IN_MEMORY_FILE_BYTES = 1024 * 1024;

/** Receives one file part, counting and hashing; past the cap it throws a 413 Response. */
async function receiveFile(
  stream: NodeJS.ReadableStream,
  filename: string,
  rules: MultipartRules,
  tempPaths: string[],
): Promise<ReceivedFile> {
  const hash = createHash("sha256");
  let size = 0;
  let chunks: Buffer[] = [];
  let handle: fs.promises.FileHandle | null = null;
  let tempPath: string | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > rules.maxFileBytes) throw httpError(413, rules.fileTooLarge);
      hash.update(chunk);
      if (handle) {
        await handle.write(chunk);
        continue;
      }
      chunks.push(chunk);
      if (rules.sink === "disk" && size > IN_MEMORY_FILE_BYTES) {
        fs.mkdirSync(uploadsDir(), { recursive: true });
        tempPath = tempPathFor(randomBytes(16).toString("hex"));
        tempPaths.push(tempPath);
        handle = await fs.promises.open(tempPath, "wx", 0o600);
        await handle.writeFile(Buffer.concat(chunks));
        chunks = [];
      }
    }
    if (handle) await handle.sync();
  } finally {
    await handle?.close();
  }
  return {
    filename,
    size,
    sha256: hash.digest("hex"),
    tempPath,
    bytes: handle ? null : Buffer.concat(chunks),
  };
}

const ACTIVE_CONTENT = /\/(?:JS|JavaScript|EmbeddedFiles?|Launch)(?=[\s()<>[\]{}/%]|$)/;
/** Most decompressed bytes looked at per file (a guard against zip bombs). */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

/** PDF names may spell letters as #xx (`/J#61vaScript`). */
function decodeNames(text: string) {
  // Most PDFs have no `#` at all: skip the scan of the whole text then.
  if (!text.includes("#")) return text;
  return text.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * Whether bytes[start, end) begin with a zlib header (RFC 1950) that
 * zlib.inflateSync would accept: deflate method, a window of at most 32 KB,
 * the header checksum, no preset dictionary. Anything else it refuses at once.
 */
function hasZlibHeader(bytes: Buffer, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const cmf = bytes[start];
  const flg = bytes[start + 1];
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && !(flg & 0x20);
}

/**
 * Why a file cannot be stored as a résumé PDF, or null when it can: it must
 * start with `%PDF-`, end with a `%%EOF` trailer (in its last 1 KB), and
 * contain no JavaScript, embedded files or launch actions, in the plain
 * objects or in Flate-compressed streams (object streams can hide them).
 */
export function pdfProblem(bytes: Buffer): "not_pdf" | "unsafe_pdf" | null {
  if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return "not_pdf";
  if (!bytes.subarray(Math.max(0, bytes.length - 1024)).includes("%%EOF")) return "not_pdf";
  const text = bytes.toString("latin1");
  let outside = "";
  let at = 0;
  let inflated = 0;
  const streamStart = /stream\r?\n/g;
  for (let m = streamStart.exec(text); m; m = streamStart.exec(text)) {
    if (m.index > 0 && text[m.index - 1] === "d") continue; // "endstream\n"
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    outside += text.slice(at, m.index) + " ";
    at = end;
    streamStart.lastIndex = end + "endstream".length;
    if (inflated >= MAX_INFLATED_BYTES) continue;
    // Not zlib data (an image, another filter, an uncompressed stream): inflate
    // would throw on the header, and a thrown error with its stack costs more
    // than the whole check of a typical résumé.
    if (!hasZlibHeader(bytes, start, end)) continue;
    try {
      const body = zlib.inflateSync(bytes.subarray(start, end), {
        maxOutputLength: MAX_INFLATED_BYTES - inflated,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
      inflated += body.byteLength;
      if (ACTIVE_CONTENT.test(decodeNames(body.toString("latin1")))) return "unsafe_pdf";
    } catch {
      // Not Flate data (an image, another filter): nothing to look into.
    }
  }
  outside += text.slice(at);
  return ACTIVE_CONTENT.test(decodeNames(outside)) ? "unsafe_pdf" : null;
}

/**
 * Parses a multipart form whose file field `fileField` holds a PDF résumé.
 * Throws a 400 Response for a request that is not multipart (or is malformed)
 * and a 413 Response for one that is too large, leaving no file behind.
 * Any other file field is drained and dropped. An accepted file is durable on
 * disk under its final name (or in the bucket) when this returns.
 */
export async function parseResumeUpload(
  request: Request,
  fileField = "resume",
  noun = "resume",
  /** A second file field read as UTF-8 text (at most MAX_TEXT_FILE_BYTES, never stored). */
  textField?: string,
): Promise<ParsedUpload> {
  const { formData, file, text } = await readMultipart(request, {
    fileField,
    maxFileBytes: MAX_RESUME_BYTES,
    maxRequestBytes: MAX_REQUEST_BYTES + (textField ? MAX_TEXT_FILE_BYTES : 0),
    fileTooLarge: `The ${noun} is larger than 5 MB.`,
    requestTooLarge: textField
      ? "The files are larger than 6 MB together."
      : "The upload is larger than 5 MB.",
    sink: "disk",
    textFile: textField ? { field: textField, maxBytes: MAX_TEXT_FILE_BYTES } : undefined,
  });
  const textFile = textField ? decodeTextPart(text) : undefined;
  if (!file) return { formData, upload: null, problem: null, textFile };
  const tempPath = file.tempPath;
  try {
    // A browser sends an empty part with an empty name when no file was chosen.
    if (file.size === 0)
      return { formData, upload: null, problem: file.filename ? "empty" : null, textFile };
    let storageName: string;
    if (file.bytes) {
      // Received in memory: checked before it touches the disk, then written durably once.
      const problem = pdfProblem(file.bytes);
      if (problem) return { formData, upload: null, problem, textFile };
      storageName = await writeStoredFile(file.bytes, "pdf");
    } else {
      const problem = pdfProblem(await fs.promises.readFile(tempPath!));
      if (problem) return { formData, upload: null, problem, textFile };
      storageName = `${path.basename(tempPath!).slice(1, 33)}.pdf`;
      const remote = remoteStorage();
      if (remote) {
        await remote.put(storageName, fs.createReadStream(tempPath!), {
          contentType: "application/pdf",
        });
      } else {
        await fs.promises.rename(tempPath!, storedFilePath(storageName));
        await syncDir(uploadsDir());
      }
    }
    return {
      formData,
      upload: {
        storageName,
        originalName: displayFileName(file.filename),
        contentType: "application/pdf",
        size: file.size,
        sha256: file.sha256,
      },
      problem: null,
      textFile,
    };
  } finally {
    if (tempPath) fs.rmSync(tempPath, { force: true });
  }
}

/** The optional text file beside a résumé: its text (null: none chosen) or what is wrong with it. */
export type TextPart = { ok: true; text: string | null } | { ok: false; error: string };

function decodeTextPart(part: ReceivedText | null): TextPart {
  if (!part || (!part.filename && !part.bytes?.length)) return { ok: true, text: null };
  if (part.tooLarge)
    return {
      ok: false,
      error: `Choose a file of at most ${Math.round(MAX_TEXT_FILE_BYTES / 1024)} KB.`,
    };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(part.bytes!) };
  } catch {
    return { ok: false, error: "The file is not UTF-8 text." };
  }
}

/** Most bytes of a text file read into memory (publication lists). */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type TextUpload =
  | { ok: true; formData: FormData; text: string | null }
  | { ok: false; formData: FormData | null; error: string };

/**
 * Reads a multipart form whose file field `fileField` holds a small text file
 * (BibTeX, JSON), kept in memory and never stored. The text is null when no
 * file was chosen. Too large, not UTF-8 or unreadable: `ok: false` with a
 * message for the field (the caller answers 400).
 */
export async function parseTextUpload(
  request: Request,
  fileField: string,
  maxBytes = MAX_TEXT_FILE_BYTES,
): Promise<TextUpload> {
  const limit = `Choose a file of at most ${Math.round(maxBytes / 1024)} KB.`;
  let received: Awaited<ReturnType<typeof readMultipart>>;
  try {
    received = await readMultipart(request, {
      fileField,
      maxFileBytes: maxBytes,
      maxRequestBytes: maxBytes + REQUEST_OVERHEAD_BYTES,
      fileTooLarge: limit,
      requestTooLarge: limit,
      sink: "memory",
    });
  } catch (error) {
    if (error instanceof Response && error.status === 413)
      return { ok: false, formData: null, error: await error.text() };
    return { ok: false, formData: null, error: "The upload could not be read; please try again." };
  }
  const { formData, file } = received;
  if (!file?.bytes || (file.size === 0 && !file.filename))
    return { ok: true, formData, text: null };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
    return { ok: true, formData, text };
  } catch {
    return { ok: false, formData, error: "The file is not UTF-8 text." };
  }
}

/** The image type of a file from its first bytes, or null when it is not JPEG, PNG or WebP. */
export function sniffImage(
  bytes: Uint8Array,
): { ext: "jpg" | "png" | "webp"; contentType: string } | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return { ext: "jpg", contentType: "image/jpeg" };
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ext: "png", contentType: "image/png" };
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8))
    return { ext: "webp", contentType: "image/webp" };
  return null;
}

export type PhotoUpload =
  | {
      ok: true;
      formData: FormData;
      bytes: Uint8Array;
      originalName: string;
      type: NonNullable<ReturnType<typeof sniffImage>>;
    }
  | { ok: false; status: 400 | 413; formData: FormData | null; error: string };

/**
 * Reads a multipart photo upload (field "photo", at most 2 MB, the whole body
 * at most 2.5 MB — both cut off while streaming). Returns the form data and
 * either the checked image or a message for the field.
 */
export async function parsePhotoUpload(request: Request): Promise<PhotoUpload> {
  let received: Awaited<ReturnType<typeof readMultipart>>;
  try {
    received = await readMultipart(request, {
      fileField: "photo",
      maxFileBytes: MAX_PHOTO_BYTES,
      maxRequestBytes: MAX_PHOTO_REQUEST_BYTES,
      fileTooLarge: "Choose a photo of at most 2 MB",
      requestTooLarge: "Choose a photo of at most 2 MB",
      sink: "memory",
    });
  } catch (error) {
    if (error instanceof Response && error.status === 413)
      return { ok: false, status: 413, formData: null, error: await error.text() };
    return {
      ok: false,
      status: 400,
      formData: null,
      error: "The upload could not be read; please try again",
    };
  }
  const { formData, file } = received;
  if (!file?.bytes || file.size === 0)
    return { ok: false, status: 400, formData, error: "Choose a photo to upload" };
  const bytes = new Uint8Array(file.bytes);
  const type = sniffImage(bytes);
  if (!type)
    return {
      ok: false,
      status: 400,
      formData,
      error: "The photo must be a JPEG, PNG or WebP image",
    };
  return { ok: true, formData, bytes, originalName: displayFileName(file.filename, "photo"), type };
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(
  name: string,
  type: "attachment" | "inline" = "attachment",
): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A download of a stored PDF, never rendered inline and never cached. */
export async function fileDownloadResponse(file: { storageName: string; originalName: string }) {
  const stored = await storedFileBody(file.storageName);
  if (!stored) throw httpError(404, "File not found");
  return new Response(stored.body, {
    headers: {
      "Content-Type": "application/pdf",
      ...(stored.size === null ? {} : { "Content-Length": String(stored.size) }),
      "Content-Disposition": attachmentDisposition(file.originalName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
