/**
 * CSV for spreadsheets (RFC 4180), safe against formula injection: a text
 * cell starting with =, +, -, @, tab or carriage return is prefixed with a
 * single quote so Excel, LibreOffice and Sheets show it as text instead of
 * running it. Numbers are written as numbers.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised, and quoted when it holds a comma, quote, newline or edge spaces. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to a CSV document with CRLF line ends. */
export function toCsv(rows: CsvCell[][]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
