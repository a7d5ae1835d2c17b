/**
 * The uploads module with UPLOADS_URL pointing at an S3-compatible server
 * (s3rver on loopback): a résumé parsed from a multipart body lands in the
 * bucket (nothing left on local disk), downloads stream back through the
 * module, deletes remove the object; photos go through storePhoto and the
 * public photo route; the sweep lists the bucket; the backup copies from it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLab, createResearcher, createUser } from "../../tests/builders";
import { startS3, useS3Uploads, type TestS3 } from "../../tests/s3";
import { restoreBackup, takeBackup } from "../../db/backup-core";
import { files } from "../../db/schema";
import { storePhoto } from "~/models/researcher-admin.server";
import { loader as photoLoader } from "~/routes/people.$slug_.photo/route";
import { getDb, migrationsFolder } from "./db.server";
import { getUploadStorage, parseS3Url, s3Storage } from "./storage/index.server";
import { sweepUploads } from "./sweep.server";
import { IN_MEMORY_FILE_BYTES } from "./uploads/multipart.server";
import {
  deleteStoredFile,
  fileDownloadResponse,
  parseResumeUpload,
  readStoredFile,
  uploadsDir,
  writeStoredFile,
} from "./uploads.server";

const BUCKET = "atrium-uploads";
const PREFIX = "prod/files";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-uploads-s3-"));
let s3: TestS3;
let useLocal = () => {};

beforeAll(async () => {
  s3 = await startS3(BUCKET);
  useLocal = useS3Uploads(s3, PREFIX);
});
afterAll(async () => {
  useLocal();
  await s3.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

const objectText = (key: string) => s3.objectText(`${PREFIX}/${key}`);
const localFiles = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : []);

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

function multipart(file: Buffer) {
  const boundary = "----atriums3boundary";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="resume"; filename="CV.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      "utf8",
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`, "utf8"),
  ]);
  return new Request("http://localhost/upload", {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  });
}

describe("uploads with UPLOADS_URL=s3://…", () => {
  it("résumé: upload → download → delete round trip through the bucket", async () => {
    const { formData, upload, problem } = await parseResumeUpload(multipart(PDF));
    expect(problem).toBeNull();
    expect(formData.get("note")).toBe("hello");
    expect(upload?.storageName).toMatch(/^[a-f0-9]{32}\.pdf$/);
    const name = upload!.storageName;

    // In the bucket under the prefix; the local folder holds no file and no .part.
    expect(await objectText(name)).toBe(PDF.toString("latin1"));
    expect(localFiles()).toEqual([]);

    const response = await fileDownloadResponse({ storageName: name, originalName: "CV.pdf" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Length")).toBe(String(PDF.byteLength));
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    await deleteStoredFile(name);
    expect(await objectText(name)).toBeNull();
    expect(await readStoredFile(name)).toBeNull();
    const missing = await fileDownloadResponse({ storageName: name, originalName: "CV.pdf" }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(Response);
    expect((missing as Response).status).toBe(404);
  });

  it("a résumé too large to keep in memory goes from its .part file to the bucket, leaving nothing local", async () => {
    const padding = Buffer.from(`%${"x".repeat(1023)}\n`.repeat(1200), "latin1");
    const big = Buffer.concat([PDF.subarray(0, 9), padding, PDF.subarray(9)]);
    expect(big.byteLength).toBeGreaterThan(IN_MEMORY_FILE_BYTES);
    const { upload, problem } = await parseResumeUpload(multipart(big));
    expect(problem).toBeNull();
    expect((await readStoredFile(upload!.storageName))?.equals(big)).toBe(true);
    expect(localFiles()).toEqual([]);
    await deleteStoredFile(upload!.storageName);
  });

  it("a refused résumé reaches neither the bucket nor the disk", async () => {
    const before = [];
    for await (const o of getUploadStorage().list()) before.push(o.key);
    const { upload, problem } = await parseResumeUpload(
      multipart(Buffer.from("%PDF-1.4\n/JavaScript (x)\n%%EOF\n", "latin1")),
    );
    expect(upload).toBeNull();
    expect(problem).toBe("unsafe_pdf");
    const after = [];
    for await (const o of getUploadStorage().list()) after.push(o.key);
    expect(after).toEqual(before);
    expect(localFiles()).toEqual([]);
  });

  it("photo: storePhoto puts it in the bucket and the public photo route streams it back", async () => {
    const db = getDb();
    const user = await createUser(db);
    const researcher = createResearcher(db, { labId: createLab(db).id });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    await storePhoto(
      db,
      researcher.id,
      { userId: user.id, ip: null },
      {
        bytes: new Uint8Array(png),
        originalName: "me.png",
        type: { ext: "png", contentType: "image/png" },
      },
    );
    const row = db.select().from(files).all().at(-1)!;
    expect(row.storageName).toMatch(/\.png$/);
    expect(await objectText(row.storageName)).toBe(png.toString("latin1"));

    const response = await photoLoader({
      request: new Request(`http://localhost/people/${researcher.slug}/photo`),
      params: { slug: researcher.slug },
      context: {},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    expect(localFiles()).toEqual([]);
  });

  it("the sweep lists the bucket: removes old unreferenced objects, keeps referenced and young ones", async () => {
    const db = getDb();
    const orphan = await writeStoredFile(new Uint8Array([0xff, 0xd8, 0xff, 1]), "jpg");
    const referenced = db.select().from(files).all().at(-1)!.storageName;

    // Just written: too young to sweep.
    expect(
      (await sweepUploads(db, { dir: uploadsDir(), storage: getUploadStorage() })).orphanFiles,
    ).toBe(0);
    expect(await objectText(orphan)).not.toBeNull();

    const later = Date.now() + 2 * 60 * 60 * 1000;
    const summary = await sweepUploads(db, {
      dir: uploadsDir(),
      storage: getUploadStorage(),
      now: later,
    });
    expect(summary).toEqual({ partFiles: 0, orphanFiles: 1, bytes: 4 });
    expect(await objectText(orphan)).toBeNull();
    expect(await objectText(referenced)).not.toBeNull();
  });

  it("npm run backup's core copies the referenced uploads out of the bucket", async () => {
    const db = getDb();
    const row = db.select().from(files).all().at(-1)!;
    const to = path.join(work, "backup");
    const manifest = await takeBackup({
      databaseFile: process.env.DATABASE_URL!,
      uploadsDir: uploadsDir(),
      storage: getUploadStorage(),
      uploadsSource: process.env.UPLOADS_URL,
      to,
      migrationsDir: migrationsFolder(),
    });
    expect(manifest.missingFiles).toEqual([]);
    expect(manifest.mismatchedFiles).toEqual([]);
    expect(manifest.source.uploads).toBe(`s3://${BUCKET}/${PREFIX}`);
    expect(manifest.files.map((f) => f.storageName)).toContain(row.storageName);
    expect(fs.readFileSync(path.join(to, "uploads", row.storageName)).toString("latin1")).toBe(
      await objectText(row.storageName),
    );
  });

  it("npm run restore's core puts the files into an empty bucket and reads them back", async () => {
    const to = path.join(work, "backup-for-restore");
    const manifest = await takeBackup({
      databaseFile: process.env.DATABASE_URL!,
      uploadsDir: uploadsDir(),
      storage: getUploadStorage(),
      to,
      migrationsDir: migrationsFolder(),
    });
    expect(manifest.files.length).toBeGreaterThan(0);
    const restore = (prefix: string) =>
      restoreBackup({
        from: to,
        databaseFile: path.join(work, prefix, "atrium.db"),
        uploadsDir: path.join(work, prefix, "uploads"),
        storage: s3Storage(parseS3Url(`s3://${BUCKET}/${prefix}`), { client: s3.client }),
      });
    // The live prefix is not empty: nothing is written over it.
    await expect(restore(PREFIX)).rejects.toThrow(/not empty; restore only into an empty location/);
    const report = await restore("restored");
    expect(report.problems).toEqual([]);
    for (const f of manifest.files)
      expect(await s3.objectText(`restored/${f.storageName}`)).toBe(
        fs.readFileSync(path.join(to, "uploads", f.storageName)).toString("latin1"),
      );
    // Nothing went to local disk instead.
    expect(fs.readdirSync(path.join(work, "restored", "uploads"))).toEqual([]);
  });
});
