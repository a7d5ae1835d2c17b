/**
 * Every stored file goes through this module: résumés, reference letters and
 * offer PDFs (PDF), researcher photos (JPEG, PNG, WebP) and the organisation's
 * logo (SVG or PNG, sanitised and rasterised by uploads/logo.server.ts). Each upload is
 *
 * 1. received from its multipart body, with caps (uploads/multipart.server.ts);
 * 2. scanned by ClamAV when CLAMAV_SOCKET is set (uploads/clamav.server.ts):
 *    an infected file is refused, and so is every file while the scanner
 *    cannot be reached (fail closed);
 * 3. checked for what it must be (uploads/pdf.server.ts, uploads/image.server.ts);
 * 4. stored under a new server-generated name through the one UploadStorage
 *    (storage/: UPLOADS_DIR with fsync, or the UPLOADS_URL bucket), durably,
 *    before the transaction that points to it commits.
 *
 * A crash leaves at most a `.part` file or a file no row points to; the
 * sweep (sweep.server.ts) removes both. The uploader's file name is display
 * text only. Files are never served from public/: downloads go through routes
 * that check who asks, and read the file through the same storage.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { getEnv, resolvePath } from "./env.server";
import { getUploadStorage, type PutBody } from "./storage/index.server";
import { pingClamd, ScannerUnavailable, scanWithClamd } from "./uploads/clamav.server";
import { sniffImage, type ImageType } from "./uploads/image.server";
import {
  decodeTextPart,
  httpError,
  MAX_TEXT_FILE_BYTES,
  readMultipart,
  REQUEST_OVERHEAD_BYTES,
  type TextPart,
} from "./uploads/multipart.server";
import { attachmentDisposition, displayFileName } from "./uploads/names";
import { MAX_LOGO_BYTES } from "./uploads/logo.server";
import { pdfProblem } from "./uploads/pdf.server";

export { parseTextUpload, type TextPart } from "./uploads/multipart.server";
export type { ImageType } from "./uploads/image.server";

export const MAX_RESUME_BYTES = 5 * 1024 * 1024;
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const MAX_REQUEST_BYTES = MAX_RESUME_BYTES + REQUEST_OVERHEAD_BYTES;
const MAX_PHOTO_REQUEST_BYTES = MAX_PHOTO_BYTES + REQUEST_OVERHEAD_BYTES;
const STORAGE_NAME = /^[a-f0-9]{32}\.(pdf|jpg|png|webp|svg|csv)$/;
type Extension = "pdf" | "jpg" | "png" | "webp" | "svg" | "csv";
const CONTENT_TYPES: Record<Extension, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  svg: "image/svg+xml",
  csv: "text/csv",
};

/** A file that passed every check and is now stored. */
export type StoredUpload = {
  storageName: string;
  originalName: string;
  contentType: "application/pdf";
  size: number;
  sha256: string;
};

/**
 * Why a chosen file was not accepted (reported beside the field): a 400 for
 * the file itself, a 503 when it could not be scanned (uploadProblemStatus).
 */
export type UploadProblem = "not_pdf" | "unsafe_pdf" | "empty" | "infected" | "scan_failed";

/** The words for the malware scan's refusals, the same beside every file field. */
export const SCAN_PROBLEMS = {
  infected:
    "Our malware scan found something harmful in that file, so it was not kept. Please choose a clean copy.",
  scan_failed:
    "We could not check that file for malware just now, so it was not kept. Please try again in a few minutes.",
} as const satisfies Partial<Record<UploadProblem, string>>;

/** The status a refused upload is answered with: the scanner being down is ours, not the file's. */
export function uploadProblemStatus(problem: UploadProblem | null | undefined): 400 | 503 {
  return problem === "scan_failed" ? 503 : 400;
}

export type ParsedUpload = {
  /** The text fields (file parts are never in it). */
  formData: FormData;
  /** The accepted file, or null when none was chosen or it was refused. */
  upload: StoredUpload | null;
  problem: UploadProblem | null;
  /** With a `textField`: the text file sent beside the PDF (see parseResumeUpload). */
  textFile?: TextPart;
};

/**
 * The local folder of uploads: where files are received before they are
 * stored (`.part` files, swept when abandoned), and where they are stored
 * unless UPLOADS_URL names a bucket.
 */
export function uploadsDir(): string {
  return resolvePath(getEnv().UPLOADS_DIR);
}

function assertStorageName(storageName: string): string {
  if (!STORAGE_NAME.test(storageName)) throw new Error("Invalid storage name");
  return storageName;
}

/**
 * Stores a checked file (bytes, or a fsynced `.part` file in uploadsDir())
 * durably under a new generated name and resolves to that name. Await it
 * before the transaction that records the file.
 */
export async function writeStoredFile(body: Uint8Array | { file: string }, ext: Extension) {
  const storageName = `${randomBytes(16).toString("hex")}.${ext}`;
  await getUploadStorage().put(storageName, body satisfies PutBody, {
    contentType: CONTENT_TYPES[ext],
  });
  return storageName;
}

/**
 * Deletes a stored file (no error when it is already gone). On local disk it
 * is gone when this returns (callers may ignore the promise). In a bucket the
 * promise settles when the delete is done; a failed delete is logged and
 * never rejects: the row is already gone, so the sweep removes the object later.
 */
export function deleteStoredFile(storageName: string | null | undefined): Promise<void> {
  if (!storageName) return Promise.resolve();
  return getUploadStorage()
    .delete(assertStorageName(storageName))
    .catch((error: unknown) => {
      console.warn(
        `[uploads] could not delete a stored file (the sweep will retry): ${error instanceof Error ? error.message : String(error)}`,
      );
    });
}

/** The bytes of a stored file, or null when it is missing. */
export async function readStoredFile(storageName: string): Promise<Buffer | null> {
  const stored = await getUploadStorage().get(assertStorageName(storageName));
  if (!stored) return null;
  return Buffer.concat((await stored.body.toArray()) as Buffer[]);
}

/**
 * A stored file as the answer to a download: read whole (uploads are at most
 * a few megabytes), so a missing or unreadable file is a clean 404 before any
 * byte is sent, and the answer carries its length. Never cached unless
 * `cacheControl` says so; the server's security headers (nosniff, the CSP,
 * who may frame it) are on it as on every response
 * (app/utils/security-headers.server.ts).
 */
export async function storedFileResponse(
  storageName: string,
  options: {
    contentType: string;
    /** A download name for Content-Disposition; none for a file shown in place (a photo). */
    filename?: string;
    disposition?: "attachment" | "inline";
    cacheControl?: string;
  },
): Promise<Response> {
  const bytes = await readStoredFile(storageName);
  if (!bytes) throw httpError(404, "File not found");
  const headers = new Headers({
    "Content-Type": options.contentType,
    "Content-Length": String(bytes.byteLength),
    "Cache-Control": options.cacheControl ?? "private, no-store",
  });
  if (options.filename !== undefined)
    headers.set(
      "Content-Disposition",
      attachmentDisposition(options.filename, options.disposition ?? "attachment"),
    );
  return new Response(new Uint8Array(bytes), { headers });
}

/** A download of a stored PDF, never rendered inline and never cached. */
export function fileDownloadResponse(file: { storageName: string; originalName: string }) {
  return storedFileResponse(file.storageName, {
    contentType: "application/pdf",
    filename: file.originalName,
  });
}

/**
 * The malware scan of one received file: null when it may go on (clean, or
 * no scanner configured), otherwise why it is refused. A scanner that cannot
 * be reached or answers with an error refuses the file.
 */
async function scanProblem(source: Uint8Array | { file: string }): Promise<UploadProblem | null> {
  const socket = getEnv().CLAMAV_SOCKET;
  if (!socket) return null;
  try {
    const verdict = await scanWithClamd(resolvePath(socket), source);
    if (verdict.kind === "clean") return null;
    console.warn(`[uploads] refused a file the malware scan reported as ${verdict.signature}`);
    return "infected";
  } catch (error) {
    if (!(error instanceof ScannerUnavailable)) throw error;
    console.warn(`[uploads] refused a file that could not be scanned: ${error.message}`);
    return "scan_failed";
  }
}

/** Whether uploads are scanned: "off" (no CLAMAV_SOCKET), "on", or "unreachable" (refused until it answers). */
export async function uploadScanning(): Promise<"off" | "on" | "unreachable"> {
  const socket = getEnv().CLAMAV_SOCKET;
  if (!socket) return "off";
  return (await pingClamd(resolvePath(socket))) ? "on" : "unreachable";
}

/**
 * Parses a multipart form whose file field `fileField` holds a PDF (a résumé,
 * a reference letter, an offer). Throws a 400 Response for a request that is
 * not multipart (or is malformed) and a 413 Response for one that is too
 * large, leaving no file behind. Any other file field is drained and dropped.
 * An accepted file is stored durably when this returns.
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
    spoolDir: uploadsDir(),
    textFile: textField ? { field: textField, maxBytes: MAX_TEXT_FILE_BYTES } : undefined,
  });
  const textFile = textField ? decodeTextPart(text) : undefined;
  if (!file) return { formData, upload: null, problem: null, textFile };
  const refused = (problem: UploadProblem | null) => ({
    formData,
    upload: null,
    problem,
    textFile,
  });
  try {
    // A browser sends an empty part with an empty name when no file was chosen.
    if (file.size === 0) return refused(file.filename ? "empty" : null);
    // Received in memory (most files): checked there and written durably once.
    // A larger one is in its fsynced `.part` file, which the storage moves or copies.
    const source = file.bytes ?? { file: file.tempPath! };
    const problem =
      (await scanProblem(source)) ??
      pdfProblem(file.bytes ?? (await fs.promises.readFile(file.tempPath!)));
    if (problem) return refused(problem);
    const storageName = await writeStoredFile(source, "pdf");
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
    if (file.tempPath) fs.rmSync(file.tempPath, { force: true });
  }
}

export type PhotoUpload =
  | { ok: true; formData: FormData; bytes: Uint8Array; originalName: string; type: ImageType }
  | { ok: false; status: 400 | 413 | 503; formData: FormData | null; error: string };

/**
 * Reads a multipart photo upload (field "photo", at most 2 MB, the whole body
 * at most 2.5 MB — both cut off while streaming), scanned like every upload.
 * Returns the form data and either the checked image or a message for the field.
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
  const scanned = await scanProblem(bytes);
  if (scanned === "infected" || scanned === "scan_failed")
    return {
      ok: false,
      status: uploadProblemStatus(scanned),
      formData,
      error: SCAN_PROBLEMS[scanned],
    };
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

export type LogoUpload =
  | { ok: true; formData: FormData; bytes: Uint8Array }
  | { ok: false; status: 400 | 413 | 503; formData: FormData | null; error: string };

/**
 * Reads a multipart logo upload (field "logo", at most 1 MB), scanned like
 * every upload. What the file is (SVG or PNG) and whether it can be drawn is
 * checked by processLogo (uploads/logo.server.ts).
 */
export async function parseLogoUpload(request: Request): Promise<LogoUpload> {
  let received: Awaited<ReturnType<typeof readMultipart>>;
  try {
    received = await readMultipart(request, {
      fileField: "logo",
      maxFileBytes: MAX_LOGO_BYTES,
      maxRequestBytes: MAX_LOGO_BYTES + REQUEST_OVERHEAD_BYTES,
      fileTooLarge: "Choose a logo of at most 1 MB",
      requestTooLarge: "Choose a logo of at most 1 MB",
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
    return { ok: false, status: 400, formData, error: "Choose an SVG or PNG file" };
  const bytes = new Uint8Array(file.bytes);
  const scanned = await scanProblem(bytes);
  if (scanned === "infected" || scanned === "scan_failed")
    return {
      ok: false,
      status: uploadProblemStatus(scanned),
      formData,
      error: SCAN_PROBLEMS[scanned],
    };
  return { ok: true, formData, bytes };
}

/** Largest people-import spreadsheet: 10,000 rows with long bios fit well within it. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;

export type CsvUpload =
  | { ok: true; formData: FormData; bytes: Uint8Array; originalName: string }
  | { ok: false; status: 400 | 413 | 503; formData: FormData | null; error: string };

/**
 * Reads a multipart spreadsheet upload (field "file", at most 5 MB; a larger
 * body is cut off while streaming, never read whole), scanned like every
 * upload. What is in it is checked by the caller (app/utils/csv-read.server.ts).
 */
export async function parseCsvUpload(request: Request): Promise<CsvUpload> {
  const limit = `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB. Split it into smaller files.`;
  let received: Awaited<ReturnType<typeof readMultipart>>;
  try {
    received = await readMultipart(request, {
      fileField: "file",
      maxFileBytes: MAX_CSV_BYTES,
      maxRequestBytes: MAX_CSV_BYTES + REQUEST_OVERHEAD_BYTES,
      fileTooLarge: limit,
      requestTooLarge: limit,
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
    return { ok: false, status: 400, formData, error: "Choose a CSV file" };
  const bytes = new Uint8Array(file.bytes);
  const scanned = await scanProblem(bytes);
  if (scanned === "infected" || scanned === "scan_failed")
    return {
      ok: false,
      status: uploadProblemStatus(scanned),
      formData,
      error: SCAN_PROBLEMS[scanned],
    };
  return { ok: true, formData, bytes, originalName: displayFileName(file.filename, "people.csv") };
}
