import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { files } from "../../db/schema";
import { getDb } from "./db.server";
import { SWEEP_MIN_AGE_MS, sweepUploads } from "./sweep.server";
import { uploadsDir } from "./uploads.server";

const hex = (n: number) => n.toString(16).padStart(32, "0");

function writeFile(name: string, ageMs: number, now: number, bytes = 10) {
  const full = path.join(uploadsDir(), name);
  fs.writeFileSync(full, Buffer.alloc(bytes, 1));
  const at = new Date(now - ageMs);
  fs.utimesSync(full, at, at);
  return full;
}

describe("the upload sweep", () => {
  it("removes old .part files and unreferenced stored files, never a referenced, young or foreign one", async () => {
    const db = getDb();
    const now = Date.now();
    const old = SWEEP_MIN_AGE_MS + 60_000;
    fs.mkdirSync(uploadsDir(), { recursive: true });

    const stalePart = writeFile(`.${hex(1)}.part`, old, now, 100);
    const youngPart = writeFile(`.${hex(2)}.part`, 60_000, now);
    const orphanResume = writeFile(`${hex(3)}.pdf`, old, now, 200);
    const orphanPhoto = writeFile(`${hex(4)}.jpg`, old, now, 300);
    const youngOrphan = writeFile(`${hex(5)}.pdf`, 60_000, now);
    const referencedResume = writeFile(`${hex(6)}.pdf`, old, now);
    const referencedPhoto = writeFile(`${hex(7)}.webp`, old, now);
    const foreign = writeFile("README.txt", old, now);
    fs.mkdirSync(path.join(uploadsDir(), `${hex(8)}.pdf`));

    db.insert(files)
      .values([
        {
          kind: "resume",
          storageName: `${hex(6)}.pdf`,
          originalName: "cv.pdf",
          contentType: "application/pdf",
          size: 10,
          sha256: "x",
        },
        {
          kind: "photo",
          storageName: `${hex(7)}.webp`,
          originalName: "me.webp",
          contentType: "image/webp",
          size: 10,
          sha256: "y",
        },
      ])
      .run();

    const summary = await sweepUploads(db, { dir: uploadsDir(), now });
    expect(summary).toEqual({ partFiles: 1, orphanFiles: 2, bytes: 600 });
    for (const gone of [stalePart, orphanResume, orphanPhoto])
      expect(fs.existsSync(gone)).toBe(false);
    for (const kept of [youngPart, youngOrphan, referencedResume, referencedPhoto, foreign])
      expect(fs.existsSync(kept)).toBe(true);
    expect(fs.statSync(path.join(uploadsDir(), `${hex(8)}.pdf`)).isDirectory()).toBe(true);

    // A second run finds nothing; a missing folder is not an error.
    expect(await sweepUploads(db, { dir: uploadsDir(), now })).toEqual({
      partFiles: 0,
      orphanFiles: 0,
      bytes: 0,
    });
    expect((await sweepUploads(db, { dir: path.join(uploadsDir(), "nope"), now })).partFiles).toBe(
      0,
    );
  });
});
