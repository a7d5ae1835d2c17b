/**
 * Better BibTeX's parser (@retorquere/bibtex-parser), run in a worker thread
 * with a time limit. Its LaTeX grammar is slow and grows faster than the
 * input on long fields (minutes for one field of a megabyte, see
 * docs/decisions/0018), so parsing in the request's own thread would let one
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
 * The worker's source (plain JavaScript, evaluated in the worker): it loads
 * the parser once and answers each text it is sent with the parsed library. A command
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
const ready = import(workerData.parserUrl);
const fail = (error) => parentPort.postMessage({ failed: String((error && error.message) || error) });
parentPort.on("message", (text) => {
  ready.then(({ parse }) => {
    try {
      const lib = parse(text, {
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
      fail(error);
    }
  }, fail);
});
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

/**
 * Workers kept after a parse for the next one (loading the parser costs
 * more than most parses), stopped once unused for IDLE_MS, and never
 * keeping the process alive while they wait.
 */
const IDLE_MS = 60_000;
const idle: Array<{ worker: Worker; timer: ReturnType<typeof setTimeout> }> = [];

function drop(worker: Worker) {
  const at = idle.findIndex((w) => w.worker === worker);
  if (at >= 0) clearTimeout(idle.splice(at, 1)[0].timer);
}

function takeWorker(): Worker {
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    kept.worker.ref();
    return kept.worker;
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { parserUrl: parserEntry() },
    resourceLimits: { maxOldGenerationSizeMb: 512 },
    stdout: true,
    stderr: true,
  });
  // An idle worker that fails or ends is forgotten (a busy one's job hears it too).
  worker.on("error", () => drop(worker));
  worker.on("exit", () => drop(worker));
  return worker;
}

function keepWorker(worker: Worker) {
  worker.unref();
  const timer = setTimeout(() => {
    drop(worker);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.push({ worker, timer });
}

/**
 * Parses `text` in a worker: the parsed library, the parser's own failure,
 * or `timedOut` when it ran past `timeLimitMs` (that worker is stopped).
 */
export function parseInWorker(text: string, timeLimitMs: number): Promise<WorkerAnswer> {
  return turn(
    () =>
      new Promise<WorkerAnswer>((resolve) => {
        const worker = takeWorker();
        const onMessage = (m: WorkerAnswer) => finish(m, "library" in m);
        const onError = (e: Error) => finish({ failed: e.message }, false);
        const onExit = () => finish({ failed: "the reader stopped" }, false);
        const timer = setTimeout(() => finish({ timedOut: true }, false), timeLimitMs);
        function finish(answer: WorkerAnswer, reusable: boolean) {
          clearTimeout(timer);
          worker.off("message", onMessage).off("error", onError).off("exit", onExit);
          if (reusable) keepWorker(worker);
          else void worker.terminate();
          resolve(answer);
        }
        worker.on("message", onMessage).on("error", onError).on("exit", onExit);
        worker.postMessage(text);
      }),
  );
}
