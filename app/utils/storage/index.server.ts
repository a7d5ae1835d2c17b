/**
 * The configured upload storage: an S3-compatible bucket when UPLOADS_URL is
 * `s3://bucket/prefix`, otherwise the local directory UPLOADS_DIR.
 */
import { getEnv, resolvePath } from "../env.server";
import { localStorage } from "./local.server";
import { parseS3Url, s3Storage } from "./s3.server";
import type { UploadStorage } from "./types";

export type { BulkWriter, PutBody, StoredObject, UploadStorage } from "./types";
export { localStorage } from "./local.server";
export { s3Storage, parseS3Url } from "./s3.server";

let cached: { env: ReturnType<typeof getEnv>; storage: UploadStorage } | undefined;

/**
 * The storage the environment names, built once per parsed environment (tests
 * that change UPLOADS_DIR or UPLOADS_URL and call reloadEnv() get a new one).
 */
export function getUploadStorage(): UploadStorage {
  const env = getEnv();
  if (cached?.env === env) return cached.storage;
  const storage = env.UPLOADS_URL
    ? s3Storage(parseS3Url(env.UPLOADS_URL), { endpoint: env.S3_ENDPOINT, region: env.AWS_REGION })
    : localStorage(resolvePath(env.UPLOADS_DIR));
  cached = { env, storage };
  return storage;
}
