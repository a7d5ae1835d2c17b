/**
 * Resume uploads: multipart parsing with a streaming, size-capped file handler,
 * and the download response for a stored file.
 *
 * A file part is streamed to a temporary file under UPLOADS_DIR (never into
 * memory), counted and hashed as it arrives, and cut off with a 413 the moment
 * it passes the limit. It must start with `%PDF-`. Only then is it renamed to
 * its final, server-generated name; the uploader's file name is kept as
 * display text only. Files are never served from public/: downloads go
 * through routes that check who is asking.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { getEnv, resolvePath } from "./env.server";

export const MAX_RESUME_BYTES = 5 * 1024 * 1024;
/** Cap for each text field (a 10,000-character cover letter is at most ~40 KB of UTF-8). */
export const MAX_TEXT_FIELD_BYTES = 64 * 1024;
/** Headers, boundaries and text fields on top of the file. */
const REQUEST_OVERHEAD_BYTES = 512 * 1024;
export const MAX_REQUEST_BYTES = MAX_RESUME_BYTES + REQUEST_OVERHEAD_BYTES;
const MAX_PARTS = 200;
const PDF_MAGIC = Buffer.from("%PDF-", "ascii");
const STORAGE_NAME = /^[a-f0-9]{32}\.pdf$/;

/** A file that passed every check and now lives under UPLOADS_DIR. */
export type StoredUpload = {
  storageName: string;
  originalName: string;
  contentType: "application/pdf";
  size: number;
  sha256: string;
};

/** Why a chosen file was not accepted (reported beside the field, with a 400). */
export type UploadProblem = "not_pdf" | "empty";

export type ParsedUpload = {
  formData: FormData;
  /** The accepted file, or null when none was chosen or it was refused. */
  upload: StoredUpload | null;
  problem: UploadProblem | null;
};

export function uploadsDir(): string {
  return resolvePath(getEnv().UPLOADS_DIR);
}

/** Absolute path of a stored file; refuses anything that is not a generated name. */
export function storedFilePath(storageName: string): string {
  if (!STORAGE_NAME.test(storageName)) throw new Error("Invalid storage name");
  return path.join(uploadsDir(), storageName);
}

/** Deletes a stored file (no error when it is already gone). */
export function deleteStoredFile(storageName: string | null | undefined) {
  if (!storageName) return;
  fs.rmSync(storedFilePath(storageName), { force: true });
}

/**
 * The uploader's file name as safe display text: no directories, no control
 * or bidi-override characters, at most 120 characters, never empty.
 */
export function displayFileName(name: string | null | undefined): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!clean) return "resume.pdf";
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

/**
 * Parses a multipart form whose file field `fileField` holds a PDF resume.
 * Throws a 400 Response for a request that is not multipart (or is malformed)
 * and a 413 Response for one that is too large, leaving no file behind.
 * Any other file field is drained and dropped.
 */
export async function parseResumeUpload(
  request: Request,
  fileField = "resume",
): Promise<ParsedUpload> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) {
    throw httpError(400, "This form must be sent as multipart/form-data.");
  }
  // Refuse an announced oversize body before reading a byte of it.
  const announced = Number(request.headers.get("Content-Length") ?? "0");
  if (Number.isFinite(announced) && announced > MAX_REQUEST_BYTES) {
    throw httpError(413, "The upload is larger than 5 MB.");
  }

  const dir = uploadsDir();
  fs.mkdirSync(dir, { recursive: true });
  let upload: StoredUpload | null = null;
  let problem: UploadProblem | null = null;
  let parts = 0;
  let drained = 0;

  // One handler for every part (a composed chain would hand an already-read
  // file part on to the next handler when this one returns nothing).
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (++parts > MAX_PARTS) throw httpError(413, "Too many form fields.");
    if (typeof filename !== "string") return readTextPart(name, data);
    if (name !== fileField || upload || problem) {
      // Drain a file part we do not want, counted too: a chunked body has no
      // Content-Length, and unwanted parts must not let it grow without limit.
      for await (const chunk of data) {
        drained += chunk.byteLength;
        if (drained > MAX_REQUEST_BYTES) throw httpError(413, "The upload is larger than 5 MB.");
      }
      return undefined;
    }
    const result = await streamToDisk(dir, data, filename);
    if ("problem" in result) problem = result.problem;
    else upload = result;
    return undefined;
  };

  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData, upload, problem };
  } catch (error) {
    deleteStoredFile((upload as StoredUpload | null)?.storageName);
    if (error instanceof Response) throw error;
    if (error instanceof MaxPartSizeExceededError)
      throw httpError(413, "A form field is too long.");
    // The multipart parser throws plain errors for malformed bodies.
    throw httpError(400, "The form could not be read. Please try again.");
  }
}

/** A text field, capped at MAX_TEXT_FIELD_BYTES while it streams. */
async function readTextPart(name: string, data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > MAX_TEXT_FIELD_BYTES) throw new MaxPartSizeExceededError(name, MAX_TEXT_FIELD_BYTES);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Streams one file part to a temporary file, counting and hashing as it goes.
 * Past the limit it deletes the partial file and throws a 413 Response, which
 * stops the parser from reading the rest of the request.
 */
async function streamToDisk(
  dir: string,
  data: AsyncIterable<Uint8Array>,
  filename: string,
): Promise<StoredUpload | { problem: UploadProblem | null }> {
  const id = randomBytes(16).toString("hex");
  const tempPath = path.join(dir, `.${id}.part`);
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const fd = fs.openSync(tempPath, "wx", 0o600);
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > MAX_RESUME_BYTES) throw httpError(413, "The resume is larger than 5 MB.");
      if (headBytes < PDF_MAGIC.length) {
        head.push(Buffer.from(chunk));
        headBytes += chunk.byteLength;
      }
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tempPath, { force: true });
    throw error;
  }
  fs.closeSync(fd);

  // A browser sends an empty part with an empty name when no file was chosen.
  if (size === 0) {
    fs.rmSync(tempPath, { force: true });
    return { problem: filename ? "empty" : null };
  }
  if (!Buffer.concat(head).subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    fs.rmSync(tempPath, { force: true });
    return { problem: "not_pdf" };
  }
  const storageName = `${id}.pdf`;
  fs.renameSync(tempPath, storedFilePath(storageName));
  return {
    storageName,
    originalName: displayFileName(filename),
    contentType: "application/pdf",
    size,
    sha256: hash.digest("hex"),
  };
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
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await fs.promises.readFile(storedFilePath(file.storageName)));
  } catch {
    throw httpError(404, "File not found");
  }
  return new Response(body, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(body.byteLength),
      "Content-Disposition": attachmentDisposition(file.originalName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
