import type { Readable } from "node:stream";

/**
 * What `put` stores: bytes in memory, a stream, or a file already on local
 * disk and fsynced (a large upload that was received to a `.part` file). The
 * local storage moves such a file into place when it is in its own folder;
 * every storage leaves the caller to remove what is left of it afterwards.
 */
export type PutBody = Uint8Array | Readable | { file: string };

/** A stored object opened for reading. */
export type StoredBody = { body: Readable; size: number };

/**
 * Where uploaded files (résumés, photos, letters, offer PDFs) live. Keys are
 * server-generated storage names (`files.storage_name`), never user input.
 * Files are private: nothing here hands out a public URL; routes read them
 * for the people allowed to see them.
 */
export interface UploadStorage {
  /** Where the files are, for people reading logs and manifests: a folder, or `s3://bucket/prefix`. */
  readonly location: string;
  /** Stores `body` under `key`, durably (fsync on disk) before resolving; replaces an existing key. */
  put(key: string, body: PutBody, options?: { contentType?: string }): Promise<void>;
  /** The stored bytes as a stream with their size, or null when there is no such key. */
  get(key: string): Promise<StoredBody | null>;
  /** Removes `key`; no error when it is already gone. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every stored object (key, last modification in ms, size in bytes), in no particular order. */
  list(): AsyncIterable<StoredObject>;
  /**
   * For loading many generated files at once (the demo seed), never for
   * uploads: `write` returns at once, `finish` resolves when every file is
   * stored and rejects with the first failure. Not durable like `put`: a
   * seed that crashes is started again from an empty database.
   */
  bulkWriter(): BulkWriter;
}

export type BulkWriter = {
  write(key: string, bytes: Uint8Array): void;
  finish(): Promise<void>;
  /** Gives up without waiting (after a failed seed). */
  stop(): void;
};

export type StoredObject = { key: string; mtimeMs: number; size: number };

/** Storage names as the app generates them; anything else is refused before any I/O. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function assertKey(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new Error("Invalid storage key");
  return key;
}
