/**
 * The checks a PDF passes before it is stored (résumés, reference letters,
 * offer PDFs): it is a PDF, it is whole, and it carries nothing that runs.
 */
import zlib from "node:zlib";

const PDF_MAGIC = Buffer.from("%PDF-", "ascii");
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
