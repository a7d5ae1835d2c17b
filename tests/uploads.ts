/**
 * The local uploads folder as tests look into it (the app itself only goes
 * through app/utils/uploads.server.ts and its storage): where a stored file
 * lies on disk, and what the folder holds.
 */
import fs from "node:fs";
import path from "node:path";
import { uploadsDir } from "~/utils/uploads.server";

/** Absolute path of a stored file in the local uploads folder (UPLOADS_DIR). */
export function storedFilePath(storageName: string): string {
  if (!/^[a-f0-9]{32}\.(pdf|jpg|png|webp)$/.test(storageName))
    throw new Error("Invalid storage name");
  return path.join(uploadsDir(), storageName);
}

/** Writes `bytes` as a stored file straight into the local uploads folder (a file some row names). */
export function putLocalFile(storageName: string, bytes: Buffer | string) {
  fs.mkdirSync(uploadsDir(), { recursive: true });
  fs.writeFileSync(storedFilePath(storageName), bytes);
}

/**
 * What the local uploads folder holds: `stored` are final names, `partial`
 * are `.part` files still being written or abandoned.
 */
export function listStoredFiles(): { stored: string[]; partial: string[] } {
  const names = fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : [];
  return {
    stored: names.filter((n) => !n.endsWith(".part")),
    partial: names.filter((n) => n.endsWith(".part")),
  };
}
