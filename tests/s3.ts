/**
 * An S3-compatible server for tests: s3rver on a free loopback port, with a
 * bucket, a client for looking into it, and the switch that points the app's
 * uploads at it (UPLOADS_URL, as a deployment sets it).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
// s3rver has no type declarations.
// @ts-expect-error untyped module
import S3rver from "s3rver";
import { reloadEnv } from "~/utils/env.server";

export type TestS3 = Awaited<ReturnType<typeof startS3>>;

/** Starts s3rver with one empty bucket; `stop()` closes it and removes its files. */
export async function startS3(bucket = "atrium-uploads") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  }) as { run(): Promise<{ port: number }>; close(): Promise<unknown> };
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  return {
    bucket,
    endpoint,
    client,
    /** An object's bytes as latin1 text, or null when there is none. */
    async objectText(key: string): Promise<string | null> {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await out.Body?.transformToString("latin1")) ?? null;
      } catch (error) {
        if ((error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async stop() {
      client.destroy();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const S3_ENV = ["UPLOADS_URL", "S3_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

/**
 * Points the app's uploads at `s3://<bucket>/<prefix>` on `s3` (the next
 * getEnv() and getUploadStorage() see it); the returned function points them
 * back at the local folder.
 */
export function useS3Uploads(s3: TestS3, prefix: string): () => void {
  process.env.UPLOADS_URL = `s3://${s3.bucket}/${prefix}`;
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.AWS_ACCESS_KEY_ID = "S3RVER";
  process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
  reloadEnv();
  return () => {
    for (const name of S3_ENV) delete process.env[name];
    reloadEnv();
  };
}
