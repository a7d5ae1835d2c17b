/**
 * Reading multipart bodies: busboy parses them (RFC 7578 names, quoted values
 * that contain `;` or `=`, `filename*`), streamed with caps on each text
 * field, on the file and on the whole body (413 with a message, nothing left
 * behind). The one file part a form expects is received in memory, or, past
 * IN_MEMORY_FILE_BYTES when the caller allows it, streamed to a `.part` file
 * in the spool folder and fsynced there, so a slow multi-megabyte upload does
 * not sit in memory. What the file is and where it ends up is decided by the
 * caller (app/utils/uploads.server.ts).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import busboy from "busboy";
import { tempFileIn } from "../storage/local.server";

/** Cap for each text field (a 10,000-character cover letter is at most ~40 KB of UTF-8). */
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
/** Headers, boundaries and text fields on top of the file. */
export const REQUEST_OVERHEAD_BYTES = 512 * 1024;
const MAX_PARTS = 200;
/** Most bytes of a text file read into memory (publication lists). */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

/** A plain-text error answer; thrown as a Response, so a route that does not catch it answers with it. */
export function httpError(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** A file part as it arrived: in a `.part` file (résumés) or in memory (photos). */
export type ReceivedFile = {
  filename: string;
  size: number;
  sha256: string;
  /** The fsynced `.part` file holding it (larger files), or null when it is in `bytes`. */
  tempPath: string | null;
  bytes: Buffer | null;
};

export type MultipartRules = {
  fileField: string;
  maxFileBytes: number;
  maxRequestBytes: number;
  fileTooLarge: string;
  requestTooLarge: string;
  /** Where a file past IN_MEMORY_FILE_BYTES is received; without it the file stays in memory. */
  spoolDir?: string;
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
export async function readMultipart(
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
 * A file up to this size is received in memory, checked there and written
 * once (one open, write, fsync, close); a larger one streams to its `.part`
 * file as it arrives, so a slow multi-megabyte upload does not sit in memory.
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
      if (rules.spoolDir && size > IN_MEMORY_FILE_BYTES) {
        fs.mkdirSync(rules.spoolDir, { recursive: true });
        tempPath = tempFileIn(rules.spoolDir);
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

/** The optional text file beside a résumé: its text (null: none chosen) or what is wrong with it. */
export type TextPart = { ok: true; text: string | null } | { ok: false; error: string };

export function decodeTextPart(part: ReceivedText | null): TextPart {
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
