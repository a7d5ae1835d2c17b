/**
 * Reading a spreadsheet's CSV file as people save it: the bytes are decoded
 * by a rule stated once, the delimiter found on the header line, and the
 * cells split by csv-parse (RFC 4180 quoting, line breaks inside quotes).
 *
 * Encodings, in this order:
 * - a byte-order mark decides: UTF-8 (EF BB BF), UTF-16 LE (FF FE) or BE (FE FF),
 *   and the rest must be valid in it;
 * - otherwise valid UTF-8 is UTF-8 (plain ASCII is both);
 * - otherwise Windows-1252 (decoded by hand, see decodeWindows1252), what Excel on Windows writes for "CSV (comma
 *   delimited)", unless a byte is one of the five Windows-1252 leaves
 *   unassigned (81, 8D, 8F, 90, 9D) or a control character: then the file is
 *   in some other encoding and guessing would store garbled names, so it is
 *   refused with a message saying how to save it.
 * A NUL anywhere means UTF-16 without its byte-order mark, refused the same way.
 *
 * Delimiters: comma, semicolon (Excel where the decimal separator is a
 * comma) or tab (Excel's "Unicode text"), whichever the header line has most
 * of outside quotes; Excel's `sep=;` first line is honoured.
 */
import { CsvError, parse } from "csv-parse/sync";

type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
type Delimiter = "," | ";" | "\t";

export type CsvRead =
  | { ok: true; encoding: CsvEncoding; delimiter: Delimiter; records: string[][] }
  | { ok: false; error: string };

const SAVE_AS = "Save it from your spreadsheet as “CSV UTF-8” (or CSV) and upload it again.";
// Bytes Windows-1252 leaves unassigned, and C0 controls other than tab, LF and CR.
// eslint-disable-next-line no-control-regex
const NOT_1252 = /[\x00-\x08\x0b\x0c\x0e-\x1f\x81\x8d\x8f\x90\x9d]/;

/**
 * The characters Windows-1252 puts at 0x80–0x9F (where ISO-8859-1 has C1
 * controls); the five unassigned bytes are refused before this is used.
 * Node 20's TextDecoder reads the "windows-1252" label as ISO-8859-1 (seen on
 * Node 20.20 here: 0x80 comes out as U+0080, not €), so the difference is
 * mapped by hand rather than trusted to it.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** The text of a CSV file's bytes and the encoding it was read in, or why it cannot be read. */
function decodeCsvBytes(
  bytes: Uint8Array,
): { ok: true; text: string; encoding: CsvEncoding } | { ok: false; error: string } {
  const [a, b, c] = bytes;
  let encoding: CsvEncoding | null = null;
  let start = 0;
  if (a === 0xef && b === 0xbb && c === 0xbf) [encoding, start] = ["utf-8", 3];
  else if (a === 0xff && b === 0xfe) [encoding, start] = ["utf-16le", 2];
  else if (a === 0xfe && b === 0xff) [encoding, start] = ["utf-16be", 2];
  const body = bytes.subarray(start);
  let text: string | null = null;
  if (encoding) {
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return {
        ok: false,
        error: `The file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}. ${SAVE_AS}`,
      };
    }
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
      encoding = "utf-8";
    } catch {
      // latin1 maps each byte to the code point of the same number, so the test sees raw bytes.
      if (NOT_1252.test(Buffer.from(body).toString("latin1")))
        return {
          ok: false,
          error: `The file is not UTF-8, UTF-16 or Windows-1252 text (the encodings spreadsheets save CSV in). ${SAVE_AS}`,
        };
      text = decodeWindows1252(body);
      encoding = "windows-1252";
    }
  }
  if (text.includes("\u0000"))
    return {
      ok: false,
      error: `The file looks like UTF-16 text without its byte-order mark. ${SAVE_AS}`,
    };
  return { ok: true, text, encoding };
}

/** The delimiter the header line uses most outside quotes (comma when none). */
function detectDelimiter(text: string): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((x, y) => counts[y] - counts[x])[0];
  return counts[best] > 0 ? best : ",";
}

/**
 * The records of a CSV file (the header is the first), each a list of cells
 * as written; rows of different lengths are kept for the caller to judge.
 */
export function readCsv(bytes: Uint8Array): CsvRead {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return decoded;
  let text = decoded.text;
  let delimiter: Delimiter;
  const sep = /^sep=([,;\t])\r?\n/i.exec(text);
  if (sep) {
    delimiter = sep[1] as Delimiter;
    text = text.slice(sep[0].length);
  } else delimiter = detectDelimiter(text);
  try {
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      bom: false,
    }) as string[][];
    return { ok: true, encoding: decoded.encoding, delimiter, records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const where = typeof error.lines === "number" ? ` near line ${error.lines}` : "";
    const what =
      error.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted cell is never closed"
        : error.code === "CSV_INVALID_CLOSING_QUOTE"
          ? 'a quote inside a cell is not doubled (write "" for a quote in a quoted cell)'
          : "it is not well-formed CSV";
    return { ok: false, error: `The file could not be read${where}: ${what}.` };
  }
}
