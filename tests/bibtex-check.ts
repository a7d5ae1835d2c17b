/**
 * BibTeX as another program reads it: Fidus Writer's biblatex-csl-converter,
 * a parser independent of the one Atrium imports with. Tests parse every
 * export with it and compare what it reads, field by field, as plain text.
 */
import { BibLatexParser } from "biblatex-csl-converter";

export type ReadName = {
  given?: string;
  prefix?: string;
  family?: string;
  suffix?: string;
  literal?: string;
};

export type ReadEntry = {
  key: string;
  /** biblatex's type ("article", "thesis", "report", …). */
  type: string;
  /** Every text field as plain text: lists joined by " and ", page ranges with "–". */
  fields: Record<string, string>;
  /** Name fields (author, editor, …). */
  names: Record<string, ReadName[]>;
  /** Fields the parser says the entry type does not take. */
  unexpected: string[];
};

type Node = { type: string; text?: string };

const isNodeArray = (v: unknown): v is Node[] =>
  Array.isArray(v) && v.every((n) => n && typeof n === "object" && "type" in n);

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (isNodeArray(value)) return value.map((n) => n.text ?? "").join("");
  if (Array.isArray(value)) {
    // A range list ([[from], [to]] per range) or a literal list ([[nodes], [nodes]]).
    if (value.every((v) => Array.isArray(v) && v.every(isNodeArray)))
      return value.map((range: Node[][]) => range.map(textOf).join("–")).join(", ");
    if (value.every((v) => typeof v === "string")) return value.join(", ");
    return value.map(textOf).join(" and ");
  }
  return "";
}

const isNameList = (v: unknown): v is Array<Record<string, unknown>> =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every(
    (n) => n && typeof n === "object" && !Array.isArray(n) && ("family" in n || "literal" in n),
  );

function nameOf(n: Record<string, unknown>): ReadName {
  const out: ReadName = {};
  for (const part of ["given", "prefix", "family", "suffix", "literal"] as const)
    if (n[part] !== undefined) out[part] = textOf(n[part]);
  return out;
}

/**
 * Parses `text`; the test fails on any parse error. Warnings about fields a
 * type does not take are reported per entry (`unexpected`).
 */
export function parseBibtexIndependently(text: string): {
  entries: ReadEntry[];
  errors: unknown[];
  warnings: Array<{ type: string; [k: string]: unknown }>;
} {
  const parsed = new BibLatexParser(text, {
    processUnexpected: true,
    processUnknown: true,
  }).parse() as unknown as {
    entries: Record<string, { entry_key: string; bib_type: string } & Record<string, unknown>>;
    errors: unknown[];
    warnings: Array<{ type: string; [k: string]: unknown }>;
  };
  const entries = Object.values(parsed.entries).map((e) => {
    const all = {
      ...(e.fields as Record<string, unknown>),
      ...((e.unexpected_fields as Record<string, unknown>) ?? {}),
      ...((e.unknown_fields as Record<string, unknown>) ?? {}),
    };
    const fields: Record<string, string> = {};
    const names: Record<string, ReadName[]> = {};
    for (const [name, value] of Object.entries(all)) {
      if (isNameList(value)) names[name] = value.map(nameOf);
      else fields[name] = textOf(value);
    }
    return {
      key: e.entry_key,
      type: e.bib_type,
      fields,
      names,
      unexpected: Object.keys((e.unexpected_fields as object) ?? {}),
    };
  });
  return { entries, errors: parsed.errors, warnings: parsed.warnings };
}
