import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3, type TestS3 } from "../../../tests/s3";
import { localStorage } from "./local.server";
import { parseS3Url, s3Storage } from "./s3.server";
import type { StoredBody, UploadStorage } from "./types";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-storage-"));
let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The stored bytes as text, checking the size the storage reported. */
async function text(stored: StoredBody | null) {
  if (!stored) return null;
  const bytes = Buffer.concat(await stored.body.toArray());
  expect(stored.size).toBe(bytes.byteLength);
  return bytes.toString("utf8");
}

async function keys(storage: UploadStorage) {
  const out: string[] = [];
  for await (const o of storage.list()) {
    expect(o.size).toBeGreaterThan(0);
    expect(Math.abs(Date.now() - o.mtimeMs)).toBeLessThan(10 * 60_000);
    out.push(o.key);
  }
  return out.sort();
}

const drivers: Array<[string, () => UploadStorage]> = [
  ["local disk", () => localStorage(path.join(work, "local"))],
  [
    "S3 (s3rver)",
    () => s3Storage(parseS3Url("s3://atrium-uploads/uploads/resumes"), { client: s3.client }),
  ],
];

describe.each(drivers)("upload storage contract: %s", (_name, make) => {
  it("puts from a buffer and a stream, gets, lists, deletes", async () => {
    const storage = make();
    expect(await storage.exists("a1.pdf")).toBe(false);
    expect(await storage.get("a1.pdf")).toBeNull();

    await storage.put("a1.pdf", Buffer.from("%PDF-1.4 one"), { contentType: "application/pdf" });
    await storage.put("b2.pdf", Readable.from([Buffer.from("%PDF-"), Buffer.from("1.4 two")]));
    expect(await storage.exists("a1.pdf")).toBe(true);
    expect(await text(await storage.get("a1.pdf"))).toBe("%PDF-1.4 one");
    expect(await text(await storage.get("b2.pdf"))).toBe("%PDF-1.4 two");
    expect(await keys(storage)).toEqual(["a1.pdf", "b2.pdf"]);

    await storage.put("a1.pdf", Buffer.from("replaced"));
    expect(await text(await storage.get("a1.pdf"))).toBe("replaced");

    await storage.delete("a1.pdf");
    await storage.delete("a1.pdf"); // already gone: no error
    expect(await storage.exists("a1.pdf")).toBe(false);
    expect(await keys(storage)).toEqual(["b2.pdf"]);
    await storage.delete("b2.pdf");
  });

  it("puts a file from local disk, and loads many files through its bulk writer", async () => {
    const storage = make();
    const source = path.join(work, "source.pdf");
    fs.writeFileSync(source, "%PDF-1.4 from a file");
    await storage.put("c3.pdf", { file: source });
    expect(await text(await storage.get("c3.pdf"))).toBe("%PDF-1.4 from a file");
    // A file outside the storage's folder is copied, never taken away from its owner.
    expect(fs.readFileSync(source, "utf8")).toBe("%PDF-1.4 from a file");

    const writer = storage.bulkWriter();
    // More than the puts a bucket keeps in flight at once (16), so the queue is used.
    for (let i = 0; i < 20; i++) writer.write(`bulk${i}.pdf`, Buffer.from(`%PDF-1.4 bulk ${i}`));
    await writer.finish();
    expect(await text(await storage.get("bulk19.pdf"))).toBe("%PDF-1.4 bulk 19");
    expect((await keys(storage)).filter((k) => k.startsWith("bulk"))).toHaveLength(20);
    for (const key of await keys(storage)) await storage.delete(key);
  });

  it("refuses keys that could leave its directory or prefix", async () => {
    const storage = make();
    for (const bad of ["../x.pdf", "a/b.pdf", "", ".hidden", "x/../../y"]) {
      await expect(storage.put(bad, Buffer.from("x"))).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(bad)).rejects.toThrow(/Invalid storage key/);
    }
  });
});

describe("local disk", () => {
  it("moves a fsynced file already in its folder into place, and a put leaves no .part file", async () => {
    const dir = path.join(work, "moves");
    const storage = localStorage(dir);
    fs.mkdirSync(dir, { recursive: true });
    const received = path.join(dir, `.${"e".repeat(32)}.part`);
    fs.writeFileSync(received, "%PDF-1.4 received");
    await storage.put("d4.pdf", { file: received });
    await storage.put("e5.pdf", Buffer.from("%PDF-1.4 bytes"));
    expect(fs.readdirSync(dir).sort()).toEqual(["d4.pdf", "e5.pdf"]);
    expect(fs.readFileSync(path.join(dir, "d4.pdf"), "utf8")).toBe("%PDF-1.4 received");
    expect(fs.statSync(path.join(dir, "e5.pdf")).mode & 0o777).toBe(0o600);
  });

  it("a put that fails half-way leaves neither the file nor its .part", async () => {
    const dir = path.join(work, "fails");
    const storage = localStorage(dir);
    const broken = new Readable({
      read() {
        this.push(Buffer.from("%PDF-1.4 start"));
        this.destroy(new Error("the client went away"));
      },
    });
    await expect(storage.put("f6.pdf", broken)).rejects.toThrow(/went away/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("S3 objects stay private", () => {
  it("objects are written without any ACL, so the bucket's private default applies", async () => {
    // s3rver does not enforce access control, so check what the driver sends.
    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const sent: Array<Record<string, string>> = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: "finalizeRequest" },
    );
    const storage = s3Storage(parseS3Url("s3://atrium-uploads/private"), { client });
    await storage.put("private.pdf", Buffer.from("%PDF-secret"), {
      contentType: "application/pdf",
    });
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]).filter((h) => /acl|grant/i.test(h))).toEqual([]);
    expect(await text(await storage.get("private.pdf"))).toBe("%PDF-secret");
    await storage.delete("private.pdf");
  });

  it("parses s3://bucket/prefix", () => {
    expect(parseS3Url("s3://b/p/q/")).toEqual({ bucket: "b", prefix: "p/q" });
    expect(parseS3Url("s3://b")).toEqual({ bucket: "b", prefix: "" });
    expect(() => parseS3Url("https://b/p")).toThrow();
  });
});
