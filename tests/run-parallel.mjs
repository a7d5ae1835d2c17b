#!/usr/bin/env node
// Runs npm scripts side by side and fails when any of them fails:
//   node tests/run-parallel.mjs typecheck lint build test:unit
// `npm test` uses it for everything before Playwright: tsc, ESLint and
// Prettier are single-threaded, and Vitest leaves cores idle while its last
// files finish, so together they keep both cores busy. Playwright needs the
// build and runs after. Each line of output is prefixed with its script's
// name; a failing script's name is repeated at the end so it is easy to find
// in a CI log.
import { spawn } from "node:child_process";
import readline from "node:readline";

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error("usage: node tests/run-parallel.mjs <npm script> [<npm script> …]");
  process.exit(2);
}

const width = Math.max(...scripts.map((s) => s.length));
const started = Date.now();

function run(script) {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const prefix = `[${script.padEnd(width)}] `;
    for (const stream of [child.stdout, child.stderr]) {
      readline
        .createInterface({ input: stream })
        .on("line", (line) => process.stdout.write(prefix + line + "\n"));
    }
    child.on("close", (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const outcome = code === 0 ? "passed" : `FAILED (${signal ?? `exit ${code}`})`;
      process.stdout.write(`${prefix}${outcome} after ${seconds} s\n`);
      resolve({ script, ok: code === 0 });
    });
  });
}

const results = await Promise.all(scripts.map(run));
const failed = results.filter((r) => !r.ok).map((r) => r.script);
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(", ")}`);
  process.exit(1);
}
