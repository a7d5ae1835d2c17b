import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { coalesced, type Runs } from "../coalesce";
import { assertKey, type BulkWriter, type PutBody, type UploadStorage } from "./types";

/** Suffix of a file still being written; anything with it is garbage once its request is over. */
export const TEMP_SUFFIX = ".part";

/**
 * A new temporary file name in `dir`: `.<32 hex digits>.part`. Hidden (so
 * `list` skips it) and of the one shape the sweep removes once it is stale.
 */
export function tempFileIn(dir: string): string {
  return path.join(dir, `.${randomBytes(16).toString("hex")}${TEMP_SUFFIX}`);
}

/**
 * fsync a folder, so a rename inside it survives a crash. Awaited, never
 * skipped; it runs on libuv's thread pool so the few milliseconds the disk
 * takes do not stop the process from serving other requests meanwhile.
 */
async function fsyncDir(dir: string) {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes every rename that finished in `dir` before this call durable: one
 * folder fsync covers all of them, so concurrent uploads share it (a group
 * commit for renames). A caller never relies on an fsync that started before
 * it was called: while one runs, the next starts when it ends and serves every
 * caller that arrived meanwhile. A failed fsync rejects every caller it would
 * have served.
 */
const syncDir = coalesced(new Map<string, Runs>(), fsyncDir);

// fs's callback functions, not a FileHandle: the same thread-pool work without
// a FileHandle object and its promise plumbing per call; nothing here runs on
// the event loop (a create in a folder where renames and a folder fsync are
// under way can wait for the folder's lock).
const fsOpen = promisify(fs.open);
const fsWrite = promisify(
  (
    fd: number,
    buffer: Uint8Array,
    offset: number,
    length: number,
    callback: (error: NodeJS.ErrnoException | null, written: number) => void,
  ) => fs.write(fd, buffer, offset, length, null, callback),
);
const fsFsync = promisify(fs.fsync);
const fsClose = promisify(fs.close);

/** Creates `file` for writing (never an existing one), creating its folder first if it is missing. */
async function openNew(file: string): Promise<number> {
  try {
    return await fsOpen(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    return await fsOpen(file, "wx", 0o600);
  }
}

async function writeAll(fd: number, bytes: Uint8Array) {
  // write(2) may write less than asked: loop until every byte is in.
  for (let at = 0; at < bytes.byteLength;)
    at += await fsWrite(fd, bytes, at, bytes.byteLength - at);
}

function isFile(body: PutBody): body is { file: string } {
  return !(body instanceof Uint8Array) && typeof (body as { file?: unknown }).file === "string";
}

/**
 * Files in one folder (UPLOADS_DIR). A put writes a hidden `.part` file,
 * fsyncs it, renames it into place and fsyncs the folder (one folder fsync
 * shared by the renames that finished before it started), so a crash leaves
 * the old file or the whole new one, never a torn one, and at worst a `.part`
 * file or a file no row names, which the sweep removes. A fsynced file
 * already in the folder (a large upload received to its `.part` file) is
 * renamed into place instead of copied.
 */
export function localStorage(dir: string): UploadStorage {
  const file = (key: string) => path.join(dir, assertKey(key));
  return {
    location: dir,
    async put(key, body) {
      const target = file(key);
      if (isFile(body) && path.dirname(path.resolve(body.file)) === path.resolve(dir)) {
        await fs.promises.rename(body.file, target);
        await syncDir(dir);
        return;
      }
      const temp = tempFileIn(dir);
      const fd = await openNew(temp);
      try {
        if (body instanceof Uint8Array) await writeAll(fd, body);
        else {
          const stream = isFile(body) ? fs.createReadStream(body.file) : body;
          for await (const chunk of stream as AsyncIterable<Uint8Array>) await writeAll(fd, chunk);
        }
        await fsFsync(fd);
      } catch (error) {
        await fsClose(fd);
        fs.rmSync(temp, { force: true });
        throw error;
      }
      await fsClose(fd);
      try {
        await fs.promises.rename(temp, target);
      } catch (error) {
        fs.rmSync(temp, { force: true });
        throw error;
      }
      await syncDir(dir);
    },
    async get(key) {
      const handle = await fs.promises
        .open(file(key), "r")
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return null;
          throw error;
        });
      if (!handle) return null;
      try {
        const { size } = await handle.stat();
        return { body: handle.createReadStream(), size };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },
    delete(key) {
      // Synchronous on purpose: the file is gone when this returns, so a
      // caller that does not await (a refused form cleaning up) is still exact.
      try {
        fs.rmSync(file(key), { force: true });
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
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
    bulkWriter() {
      fs.mkdirSync(dir, { recursive: true });
      return backgroundFileWriter(dir);
    },
  };
}

/**
 * Writes files on a worker thread while the seed goes on inserting rows.
 * Creating a file is a system call that can cost a millisecond or more (in a
 * watched work tree), so doing it beside the inserts takes it off the seed's
 * critical path on a multi-core machine. `write` copies the bytes (small
 * buffers share Node's pool, so they cannot be transferred); `finish` resolves
 * once every file is written, and rejects with the first error. No fsync: the
 * seed loads its rows without one too (db/seed-bulk.ts), and a crashed seed
 * is started again from scratch.
 */
function backgroundFileWriter(dir: string): BulkWriter {
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     const fs = require("node:fs");
     let error = null;
     parentPort.on("message", (m) => {
       if (m === "finish") { parentPort.postMessage(error); return; }
       if (error) return;
       try { fs.writeFileSync(m.file, m.data, { mode: 0o600 }); } catch (e) { error = String((e && e.message) || e); }
     });`,
    { eval: true },
  );
  // Not holding the process open: a seed that failed halfway can exit.
  worker.unref();
  let failure: Error | null = null;
  worker.on("error", (error) => (failure ??= error));
  let finished: Promise<void> | null = null;
  return {
    write(key, data) {
      worker.postMessage({ file: path.join(dir, assertKey(key)), data });
    },
    finish() {
      finished ??= new Promise<void>((resolve, reject) => {
        worker.ref(); // wait for the answer
        worker.once("message", (error: string | null) => {
          void worker.terminate();
          if (failure) reject(failure);
          else if (error) reject(new Error(`Could not write a seeded file: ${error}`));
          else resolve();
        });
        worker.once("exit", () => reject(failure ?? new Error("The file writer stopped.")));
        worker.postMessage("finish");
      });
      return finished;
    },
    stop() {
      void worker.terminate();
    },
  };
}
