/**
 * Two independent readings of the schema.org JSON-LD blocks the app renders:
 *
 * - `schemaDtsErrors`: the TypeScript compiler checks each block, as the
 *   literal JSON it is, against schema-dts's schema.org types. An object
 *   literal may only name properties its type defines, so a property that is
 *   not schema.org's for that type ("softwareHelp" on SoftwareSourceCode), a
 *   misspelt type or a value of the wrong kind is an error.
 * - `expandSchemaOrg`: jsonld.js expands each block against the committed
 *   copy of the schema.org context (tests/fixtures/schema.org, offline) in
 *   safe mode, and every property and type must come out as a term that
 *   context defines: nothing dropped, nothing the vocabulary does not know.
 */
import fs from "node:fs";
import path from "node:path";
import jsonld, { type ExpandedNode, type RemoteDocument } from "jsonld";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONTEXT_FILE = path.join(ROOT, "tests/fixtures/schema.org/context.jsonld");

/** The blocks of a page: each `<script type="application/ld+json">`, parsed. */
export function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1]),
  );
}

/** One block per node: a block that is a list of nodes becomes its nodes. */
export function jsonLdNodes(blocks: unknown[]): Array<Record<string, unknown>> {
  return blocks.flatMap((b) => (Array.isArray(b) ? b : [b])) as Array<Record<string, unknown>>;
}

// ─── schema-dts ────────────────────────────────────────────────────────────

const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Type-checks each node against `WithContext<its @type>` from schema-dts and
 * returns the compiler's errors, each with the node's label. `nodes` are
 * checked in one program: the compiler loads schema-dts once.
 */
export function schemaDtsErrors(
  nodes: Array<{ label: string; node: Record<string, unknown> }>,
): string[] {
  const file = path.join(ROOT, "tests", "__json-ld-blocks__.ts");
  const lines = ['import type * as S from "schema-dts";'];
  const labels: string[] = [];
  for (const { label, node } of nodes) {
    const type = node["@type"];
    if (typeof type !== "string" || !TYPE_NAME.test(type)) {
      throw new Error(`${label}: @type must be one schema.org type name, not ${String(type)}`);
    }
    lines.push(
      `export const block${labels.length}: S.WithContext<S.${type}> = ${JSON.stringify(node)};`,
    );
    labels.push(label);
  }
  const source = lines.join("\n");
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? source : readFile(f));
  host.fileExists = (f) => path.resolve(f) === file || fileExists(f);
  const program = ts.createProgram(
    [file],
    {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      lib: ["lib.es2022.d.ts"],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
    },
    host,
  );
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    // Line 0 is the import; block i is on line i + 1.
    const label = labels[line - 1] ?? "(the import of schema-dts)";
    return `${label}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

// ─── JSON-LD expansion ─────────────────────────────────────────────────────

const SCHEMA = "http://schema.org/";
let context: { document: unknown; terms: Set<string> } | undefined;

function schemaOrgContext() {
  if (!context) {
    const document = JSON.parse(fs.readFileSync(CONTEXT_FILE, "utf8")) as {
      "@context": Record<string, unknown>;
    };
    context = { document, terms: new Set(Object.keys(document["@context"])) };
  }
  return context;
}

/** Answers every request for schema.org's context with the committed copy, and nothing else. */
async function documentLoader(url: string): Promise<RemoteDocument> {
  if (/^https?:\/\/schema\.org\/?$/.test(url)) {
    return { contextUrl: null, documentUrl: url, document: schemaOrgContext().document };
  }
  throw new Error(`The tests run offline: no document for ${url}`);
}

/**
 * Expands `block` against the schema.org context and returns every problem:
 * a property or type that does not come out as a term schema.org's context
 * defines, or one that expansion dropped. Safe mode makes jsonld.js throw on
 * anything it would otherwise drop silently.
 */
export async function expansionProblems(block: unknown): Promise<string[]> {
  const expanded = await jsonld.expand(block, { documentLoader, safe: true });
  const problems: string[] = [];
  const { terms } = schemaOrgContext();
  const nodes = Array.isArray(block) ? block : [block];
  if (expanded.length !== nodes.length) {
    problems.push(`${nodes.length} nodes in the block, ${expanded.length} after expansion`);
  }
  nodes.forEach((node, i) =>
    compare(node as Record<string, unknown>, expanded[i], "", terms, problems),
  );
  return problems;
}

function compare(
  input: Record<string, unknown>,
  output: ExpandedNode | undefined,
  where: string,
  terms: Set<string>,
  problems: string[],
) {
  if (!output) {
    problems.push(`${where || "the block"}: dropped by expansion`);
    return;
  }
  for (const [key, value] of Object.entries(input)) {
    if (key === "@context") continue;
    const at = where ? `${where}.${key}` : key;
    if (key === "@type") {
      const types = (output["@type"] as string[] | undefined) ?? [];
      for (const t of [value].flat() as string[]) {
        if (!terms.has(t) || !types.includes(SCHEMA + t)) {
          problems.push(`${at}: "${t}" is not a schema.org type`);
        }
      }
      continue;
    }
    if (key.startsWith("@")) continue;
    const expandedValues = output[SCHEMA + key] as ExpandedNode[] | undefined;
    if (!terms.has(key) || !expandedValues) {
      problems.push(
        `${at}: not a schema.org property (expanded keys: ${Object.keys(output).join(", ")})`,
      );
      continue;
    }
    const values = [value].flat();
    if (values.length !== expandedValues.length) {
      problems.push(`${at}: ${values.length} values, ${expandedValues.length} after expansion`);
      continue;
    }
    values.forEach((v, i) => {
      if (v && typeof v === "object") {
        compare(v as Record<string, unknown>, expandedValues[i], `${at}[${i}]`, terms, problems);
      }
    });
  }
}
