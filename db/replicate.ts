/**
 * npm run start:replicated — runs the server under `litestream replicate -exec`,
 * so every committed transaction is shipped to LITESTREAM_REPLICA_URL within a
 * second, and Litestream stops when the server does. Extra arguments replace
 * the command: `npm run start:replicated -- node build/index.js`.
 */
import { spawn } from "node:child_process";
import { getEnv } from "../app/utils/env.server";
import { LITESTREAM_CONFIG, litestreamBinary, litestreamEnv } from "./litestream";

const bin = litestreamBinary();
if (!bin) {
  console.error("No litestream binary: npm install, or set LITESTREAM_BIN.");
  process.exit(1);
}
const command = process.argv.slice(2).join(" ") || "node build/index.js";
const child = spawn(bin, ["replicate", "-config", LITESTREAM_CONFIG, "-exec", command], {
  env: { ...litestreamEnv(), NODE_ENV: getEnv().NODE_ENV },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
