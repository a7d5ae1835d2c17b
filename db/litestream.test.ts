import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { litestreamBinary, litestreamRoundTrip } from "./litestream";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-litestream-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("Litestream", () => {
  // The binary is installed on Linux x64 (@flydotio/litestream-linux-x64) or named by
  // LITESTREAM_BIN; on a machine with neither there is nothing to run.
  it.skipIf(!litestreamBinary())(
    "a replica of the repository's litestream.yml restores every row written",
    async () => {
      const result = await litestreamRoundTrip(dir);
      expect(result.live).toBe(200);
      expect(result.restored).toBe(result.live);
      expect(result.generations).toMatch(/file/);
    },
    60_000,
  );
});
