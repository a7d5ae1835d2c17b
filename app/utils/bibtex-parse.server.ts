/**
 * Better BibTeX's parser (@retorquere/bibtex-parser), run in a worker thread
 * with a time limit. Its LaTeX grammar is slow and grows faster than the
 * input on long fields (minutes for one field of a megabyte, see
 * docs/decisions/0015), so parsing in the request's own thread would let one
 * upload stall every page the process serves; a parse that runs past its
 * limit is stopped. The reader (bibtex-read.server.ts) turns what this
 * returns into publications.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** Parses running at once in this process; more wait their turn. */
const MAX_PARALLEL = 2;

export type RawCreator = {
  name?: string;
  lastName?: string;
  firstName?: string;
  prefix?: string;
  suffix?: string;
};
export type RawValue = string | string[] | RawCreator[];
export type RawEntry = {
  type: string;
  key: string;
  fields: Record<string, RawValue>;
  crossref?: { inherited: string[]; donated: string[] };
  input: string;
};
type RawLibrary = { entries: RawEntry[]; errors: Array<{ error: string; input?: string }> };

/**
 * The worker's source (plain JavaScript, evaluated in the worker). A command
 * the parser does not know becomes readable text instead of an error: a math
 * operator its name ("O(n \log n)" → "O(n log n)"), a font switch nothing
 * (its argument stays), anything else its name without the backslash.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const OPERATORS = new Set(${JSON.stringify(
  "arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim liminf limsup ln log max min Pr sec sin sinh sup tan tanh".split(
    " ",
  ),
)});
const SWITCHES = new Set(${JSON.stringify(
  "mathbb mathbf mathcal mathfrak mathit mathscr mathsf mathtt mathnormal boldsymbol bm operatorname text textnormal textmd textsl textsf textup displaystyle textstyle scriptstyle nolinkurl protect".split(
    " ",
  ),
)});
import(workerData.parserUrl).then(({ parse }) => {
  try {
    const lib = parse(workerData.text, {
      english: false,
      sentenceCase: false,
      applyCrossRef: true,
      unsupported: (node) => {
        if (!node || node.type !== "macro") return "";
        const name = String(node.content);
        if (OPERATORS.has(name)) return " " + name + " ";
        if (SWITCHES.has(name)) return "";
        return /^[A-Za-z]+$/.test(name) ? name : "";
      },
    });
    parentPort.postMessage({
      library: {
        entries: lib.entries.map((e) => ({ type: e.type, key: e.key, fields: e.fields, crossref: e.crossref, input: e.input })),
        errors: lib.errors,
      },
    });
  } catch (error) {
    parentPort.postMessage({ failed: String((error && error.message) || error) });
  }
}, (error) => parentPort.postMessage({ failed: String((error && error.message) || error) }));
`;

const PARSER = "@retorquere/bibtex-parser";
let parserUrl: string | undefined;

/** The parser's ES module entry, found as Node finds the package, from this module. */
function parserEntry(): string {
  if (parserUrl) return parserUrl;
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(PARSER) ?? []) {
    const root = path.join(dir, PARSER);
    const manifest = path.join(root, "package.json");
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as {
      exports?: { ".": { import: { default: string } } };
    };
    const entry = pkg.exports?.["."]?.import?.default;
    if (!entry) break;
    parserUrl = pathToFileURL(path.join(root, entry)).href;
    return parserUrl;
  }
  throw new Error(`${PARSER} is not installed`);
}

let running = 0;
const waiting: Array<() => void> = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export type WorkerAnswer = { library: RawLibrary } | { failed: string } | { timedOut: true };

export function parseInWorker(text: string, timeLimitMs: number): Promise<WorkerAnswer> {
  return turn(
    () =>
      new Promise<WorkerAnswer>((resolve) => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { text, parserUrl: parserEntry() },
          resourceLimits: { maxOldGenerationSizeMb: 512 },
          stdout: true,
          stderr: true,
        });
        let settled = false;
        const finish = (answer: WorkerAnswer) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          resolve(answer);
        };
        const timer = setTimeout(() => finish({ timedOut: true }), timeLimitMs);
        worker.on("message", (m: WorkerAnswer) => finish(m));
        worker.on("error", (e) => finish({ failed: e.message }));
        worker.on("exit", () => finish({ failed: "the reader stopped" }));
      }),
  );
}
