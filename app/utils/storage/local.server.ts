import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertKey, type UploadStorage } from "./types";

/**
 * Files in one directory (UPLOADS_DIR). A put writes a hidden temporary file,
 * fsyncs it, renames it into place and fsyncs the directory, so a crash leaves
 * either the old file or the whole new one, never a torn one.
 */
export function localStorage(dir: string): UploadStorage {
  const file = (key: string) => path.join(dir, assertKey(key));
  return {
    async put(key, body) {
      const target = file(key);
      await fs.promises.mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${randomBytes(8).toString("hex")}.part`);
      try {
        const out = fs.createWriteStream(temp, { flags: "wx", mode: 0o600 });
        await pipeline(body instanceof Uint8Array ? Readable.from([body]) : body, out);
        const fd = await fs.promises.open(temp, "r");
        await fd.sync();
        await fd.close();
        await fs.promises.rename(temp, target);
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw error;
      }
      const dirFd = await fs.promises.open(dir, "r");
      await dirFd.sync();
      await dirFd.close();
    },
    async get(key) {
      const handle = await fs.promises
        .open(file(key), "r")
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return null;
          throw error;
        });
      return handle ? handle.createReadStream() : null;
    },
    async delete(key) {
      await fs.promises.rm(file(key), { force: true });
    },
    async exists(key) {
      return fs.promises.access(file(key)).then(
        () => true,
        () => false,
      );
    },
    async *list() {
      const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith(".")) continue;
        const stat = await fs.promises.lstat(path.join(dir, entry.name)).catch(() => null);
        if (stat?.isFile()) yield { key: entry.name, mtimeMs: stat.mtimeMs, size: stat.size };
      }
    },
  };
}
