import fs from "node:fs";
import { Readable } from "node:stream";
import type * as S3Sdk from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { assertKey, type BulkWriter, type PutBody, type UploadStorage } from "./types";

export type S3Location = { bucket: string; prefix: string };

/** `s3://bucket/some/prefix` → bucket and prefix (no leading or trailing slash). */
export function parseS3Url(url: string): S3Location {
  const u = new URL(url);
  if (u.protocol !== "s3:" || !u.hostname)
    throw new Error("UPLOADS_URL must look like s3://bucket/prefix");
  return { bucket: u.hostname, prefix: u.pathname.replace(/^\/+|\/+$/g, "") };
}

type Sdk = typeof S3Sdk;
let sdkModule: Promise<Sdk> | undefined;
/**
 * The AWS SDK, loaded on first use: it takes most of a second to import, which
 * every process that stores files locally (the default, and every test) would
 * otherwise pay at start-up.
 */
function sdk(): Promise<Sdk> {
  sdkModule ??= import("@aws-sdk/client-s3");
  return sdkModule;
}

function isMissing({ NoSuchKey, NotFound }: Sdk, error: unknown) {
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404
  );
}

/**
 * Objects in an S3-compatible bucket under a prefix. Objects are written
 * private (no ACL, so the bucket's private default applies) and only ever
 * read back through the app; there is no public or presigned URL.
 * Credentials and region come from the standard AWS environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, read by the SDK; region from AWS_REGION); `endpoint` (S3_ENDPOINT)
 * selects MinIO, R2, Tigris… with path-style addressing.
 */
export function s3Storage(
  location: S3Location,
  options: { endpoint?: string; region?: string; client?: S3Client } = {},
): UploadStorage {
  let clientPromise: Promise<S3Client> | undefined;
  const getClient = () =>
    (clientPromise ??= options.client
      ? Promise.resolve(options.client)
      : sdk().then(
          ({ S3Client }) =>
            new S3Client({
              region: options.region ?? "us-east-1",
              ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
            }),
        ));
  const { bucket } = location;
  const objectKey = (key: string) =>
    (location.prefix ? `${location.prefix}/` : "") + assertKey(key);
  const storage: UploadStorage = {
    location: `s3://${bucket}${location.prefix ? `/${location.prefix}` : ""}`,
    async put(key, body, opts) {
      const bytes = await bytesOf(body);
      const [{ PutObjectCommand }, client] = await Promise.all([sdk(), getClient()]);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: opts?.contentType ?? "application/octet-stream",
        }),
      );
    },
    async get(key) {
      const [s3, client] = await Promise.all([sdk(), getClient()]);
      try {
        const out = await client.send(
          new s3.GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }),
        );
        return { body: out.Body as Readable, size: out.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(s3, error)) return null;
        throw error;
      }
    },
    async delete(key) {
      const [{ DeleteObjectCommand }, client] = await Promise.all([sdk(), getClient()]);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
    async exists(key) {
      const [s3, client] = await Promise.all([sdk(), getClient()]);
      try {
        await client.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        if (isMissing(s3, error)) return false;
        throw error;
      }
    },
    async *list() {
      const [{ ListObjectsV2Command }, client] = await Promise.all([sdk(), getClient()]);
      const prefix = location.prefix ? `${location.prefix}/` : "";
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const item of page.Contents ?? []) {
          const key = item.Key?.slice(prefix.length);
          // Only objects directly under the prefix: keys never contain a slash.
          if (key && !key.includes("/"))
            yield {
              key,
              mtimeMs: item.LastModified?.getTime() ?? Date.now(),
              size: item.Size ?? 0,
            };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    bulkWriter() {
      return queuedPuts((key, bytes) => storage.put(key, bytes));
    },
  };
  return storage;
}

/**
 * A buffer for the SDK: S3's PutObject needs the length up front, and uploads
 * here are capped at a few megabytes.
 */
async function bytesOf(body: PutBody): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (!(body instanceof Readable)) return fs.promises.readFile(body.file);
  const chunks = (await body.toArray()) as Uint8Array[];
  return Buffer.concat(chunks.map((c) => Buffer.from(c)));
}

/** How many puts of a bulk load are in flight at once. */
const BULK_CONCURRENCY = 16;

/** Puts one after another, a few at a time; the first failure is kept and the rest skipped. */
function queuedPuts(put: (key: string, bytes: Uint8Array) => Promise<void>): BulkWriter {
  const queue: Array<[string, Uint8Array]> = [];
  let running = 0;
  let failure: unknown = null;
  let stopped = false;
  let idle: (() => void) | null = null;
  const pump = () => {
    while (!stopped && failure === null && running < BULK_CONCURRENCY && queue.length > 0) {
      const [key, bytes] = queue.shift()!;
      running++;
      put(key, bytes)
        .catch((error: unknown) => (failure ??= error))
        .finally(() => {
          running--;
          pump();
        });
    }
    if (running === 0 && (queue.length === 0 || failure !== null || stopped)) idle?.();
  };
  return {
    write(key, bytes) {
      assertKey(key);
      queue.push([key, Buffer.from(bytes)]);
      pump();
    },
    async finish() {
      await new Promise<void>((resolve) => {
        idle = resolve;
        pump();
      });
      if (failure !== null) throw failure;
    },
    stop() {
      stopped = true;
      queue.length = 0;
    },
  };
}
