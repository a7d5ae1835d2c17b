import type { Readable } from "node:stream";

/**
 * Where uploaded files (résumés, photos) live. Keys are server-generated
 * storage names (`files.storage_name`), never user input. Files are private:
 * nothing here hands out a public URL; routes stream `get()` to authorised
 * people.
 */
export interface UploadStorage {
  /** Stores bytes under `key`, durably (fsync on disk) before resolving; replaces an existing key. */
  put(key: string, body: Readable | Uint8Array, options?: { contentType?: string }): Promise<void>;
  /** The stored bytes as a stream, or null when there is no such key. */
  get(key: string): Promise<Readable | null>;
  /** Removes `key`; no error when it is already gone. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every stored object (key, last modification in ms, size in bytes), in no particular order. */
  list(): AsyncIterable<StoredObject>;
}

export type StoredObject = { key: string; mtimeMs: number; size: number };

/** Storage names as the app generates them; anything else is refused before any I/O. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function assertKey(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new Error("Invalid storage key");
  return key;
}
