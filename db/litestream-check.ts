/**
 * npm run litestream:check — a Litestream round trip in a scratch directory:
 * replicate to a local path, write, stop, restore elsewhere, compare row
 * counts. Exits 0 when they match; CI runs it when the binary is present.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { litestreamBinary, litestreamRoundTrip } from "./litestream";

if (!litestreamBinary()) {
  console.log("No litestream binary for this platform; nothing to check.");
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-litestream-"));
try {
  const result = await litestreamRoundTrip(dir);
  console.log(`Litestream round trip: ${result.live} rows written, ${result.restored} restored.`);
  process.exit(result.live === result.restored ? 0 : 1);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
