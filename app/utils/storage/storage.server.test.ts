import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { S3Client } from "@aws-sdk/client-s3";
// s3rver has no type declarations.
// @ts-expect-error untyped module
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localStorage } from "./local.server";
import { parseS3Url, s3Storage } from "./s3.server";
import type { UploadStorage } from "./types";

// A port from this worktree's range (4200-4299).
const S3_PORT = 4231;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-storage-"));
let server: { run(): Promise<unknown>; close(): Promise<unknown> };

beforeAll(async () => {
  server = new S3rver({
    port: S3_PORT,
    address: "127.0.0.1",
    silent: true,
    directory: path.join(work, "s3"),
    configureBuckets: [{ name: "atrium-uploads" }],
  });
  await server.run();
});
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function text(stream: Readable | null) {
  if (!stream) return null;
  return Buffer.concat(await stream.toArray()).toString("utf8");
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
    () =>
      s3Storage(parseS3Url("s3://atrium-uploads/uploads/resumes"), {
        client: new S3Client({
          region: "us-east-1",
          endpoint: `http://127.0.0.1:${S3_PORT}`,
          forcePathStyle: true,
          credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        }),
      }),
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

  it("refuses keys that could leave its directory or prefix", async () => {
    const storage = make();
    for (const bad of ["../x.pdf", "a/b.pdf", "", ".hidden", "x/../../y"]) {
      await expect(storage.put(bad, Buffer.from("x"))).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(bad)).rejects.toThrow(/Invalid storage key/);
    }
  });
});

describe("S3 objects stay private", () => {
  it("objects are written without any ACL, so the bucket's private default applies", async () => {
    // s3rver does not enforce access control, so check what the driver sends.
    const client = new S3Client({
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${S3_PORT}`,
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
