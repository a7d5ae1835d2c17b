import path from "node:path";
import { z } from "zod";
import { parseTrustProxy } from "./proxy.server";

/** 32 bytes as hex (64 digits) or base64 / base64url (43 characters and an optional "="). */
const SECRET_KEY_TEXT = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/;

/** A setting that may be unset; blank counts as unset. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * The configuration contract (PRODUCT.md): parsed once, validated with zod.
 * Nothing else in the app reads `process.env`.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z.string().trim().min(1, "must be a file path").default("data/atrium.db"),
  UPLOADS_DIR: z.string().trim().min(1, "must be a directory path").default("data/uploads"),
  /** Uploads in an S3-compatible bucket (`s3://bucket/prefix`) instead of UPLOADS_DIR; credentials from AWS_* vars. */
  UPLOADS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^s3:\/\/[^/]+/.test(v), "must look like s3://bucket/prefix"),
  /** Endpoint of a non-AWS S3-compatible store (MinIO, R2, Tigris…). */
  S3_ENDPOINT: z.string().trim().url().optional(),
  AWS_REGION: z.string().trim().min(1).default("us-east-1"),
  /**
   * The local socket of ClamAV's daemon (clamd) that scans every upload.
   * Unset: uploads are not scanned (the admin area says so). Set: infected
   * files are refused, and every upload is refused while clamd cannot be reached.
   */
  CLAMAV_SOCKET: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || /^smtps?:\/\//.test(v),
      "must start with smtp:// or smtps://",
    ),
  MAIL_FROM: z.string().trim().default("Northlight Research <careers@northlight.test>"),
  ATRIUM_DEMO: z.enum(["0", "1"], { message: "must be 0 or 1" }).default("1"),
  /**
   * The public origin: links in emails and sitemaps when the request is not at
   * hand, and the only origin forms are accepted from (app/auth/csrf.server.ts).
   */
  PUBLIC_ORIGIN: z.string().trim().url().optional(),
  /**
   * Key for secrets at rest (app/utils/secrets.server.ts): 32 random bytes in
   * base64 or hex. Required with a public PUBLIC_ORIGIN; local runs keep a key file.
   */
  ATRIUM_SECRET_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || SECRET_KEY_TEXT.test(v),
      "must be 32 random bytes in base64 or hex (make one with `openssl rand -base64 32`)",
    ),
  /** Retired keys (comma-separated) that still open older values while a rotation runs. */
  ATRIUM_SECRET_KEY_PREVIOUS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || v.split(",").every((k) => SECRET_KEY_TEXT.test(k.trim())),
      "must be keys like ATRIUM_SECRET_KEY, separated by commas",
    ),
  /**
   * Reverse proxies whose X-Forwarded-For/-Proto/-Host headers are believed:
   * a hop count ("1") or addresses and CIDR ranges ("loopback", "10.0.0.0/8").
   * Unset: none (docs/deploy.md, "Behind a proxy").
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const setting = parseTrustProxy(value);
      if (setting === null) {
        ctx.addIssue({
          code: "custom",
          message:
            'must be a hop count (1-10) or a comma-separated list of addresses, CIDR ranges, "loopback", "linklocal" or "uniquelocal"',
        });
        return z.NEVER;
      }
      return setting;
    }),
  /** Litestream replica (file:///path or s3://bucket/path); see litestream.yml and docs/deploy.md. */
  LITESTREAM_REPLICA_URL: z.string().trim().min(1).optional(),
  /** A litestream executable other than the one npm installs (e.g. in a container image). */
  LITESTREAM_BIN: z.string().trim().min(1).optional(),
  /** On a LiteFS replica: the primary's app port (hostname from LiteFS's .primary), or its full URL. */
  ATRIUM_PRIMARY_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  ATRIUM_PRIMARY_URL: z.string().trim().url().optional(),
  /** Set by Fly.io; when present, replicas answer writes with `fly-replay`. */
  FLY_REGION: z.string().trim().min(1).optional(),
  /** Ended applications older than this many months are anonymised (GDPR storage limitation). */
  RETENTION_MONTHS: z.coerce
    .number({ message: "must be a whole number of months" })
    .int("must be a whole number of months")
    .min(1, "must be at least 1")
    .max(240, "must be at most 240")
    .default(24),
  /**
   * Upload leftovers younger than this are never swept (an upload may be in
   * flight). Only the fault run lowers it, on a server that has just started.
   */
  SWEEP_MIN_AGE_MINUTES: z.coerce
    .number({ message: "must be a whole number of minutes" })
    .int("must be a whole number of minutes")
    .min(0, "must be 0 or more")
    .default(60),
  /**
   * Worker processes serving HTTP (app/server.ts). Unset: one per core. 1 keeps
   * a single process (for a supervisor that runs one process per core itself).
   */
  WEB_CONCURRENCY: z.coerce
    .number({ message: "must be a whole number of processes" })
    .int("must be a whole number of processes")
    .min(1, "must be at least 1")
    .max(64, "must be at most 64")
    .optional(),
  /**
   * Staff single sign-on (OpenID Connect): the identity provider's issuer
   * address, and the name its button and the privacy notice give it.
   */
  OIDC_ISSUER: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || URL.canParse(v), "must be the issuer's URL"),
  OIDC_DISPLAY_NAME: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** The client Atrium is at the identity provider (unset: no single sign-on). */
  OIDC_CLIENT_ID: optionalText,
  /** Never logged; give it through the environment or a secrets manager, not a file in the repo. */
  OIDC_CLIENT_SECRET: optionalText,
  /** Members of this group (in the ID token's groups claim) become admins at each sign-in. */
  OIDC_ADMIN_GROUP: optionalText,
  /** Members of this group become recruiters at each sign-in (unless they are in the admin group). */
  OIDC_RECRUITER_GROUP: optionalText,
  /** The claim that lists the person's groups (Entra ID and Keycloak say "groups"). */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).default("groups"),
  /**
   * `acr` values that mean the provider asked for a second factor (comma-separated);
   * an `amr` of "mfa" counts as well. Unset: only `amr`.
   */
  OIDC_MFA_ACR: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Sign in with ORCID: the client id ORCID issued (unset: no ORCID sign-in). */
  ORCID_CLIENT_ID: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  ORCID_CLIENT_SECRET: optionalText,
  /** ORCID's address; its sandbox is https://sandbox.orcid.org. */
  ORCID_ISSUER: z.string().trim().url().default("https://orcid.org"),
  /** Memory for cached public pages, per process, in megabytes (0 turns the cache off). */
  PAGE_CACHE_MB: z.coerce
    .number({ message: "must be a number of megabytes" })
    .int("must be a whole number of megabytes")
    .min(0, "must be 0 or more")
    .max(4096, "must be at most 4096")
    .default(64),
});

export type Env = z.infer<typeof EnvSchema> & {
  /**
   * True only when ATRIUM_DEMO=1 was set by the operator, not defaulted: the
   * demo accounts' password is published, so only an explicit request may
   * serve them on a public host (see app/utils/demo-guard.server.ts).
   */
  ATRIUM_DEMO_EXPLICIT: boolean;
};

/** Parses an environment object; throws one readable message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, ATRIUM_DEMO_EXPLICIT: source.ATRIUM_DEMO === "1" };
}

let cached: Env | undefined;

/**
 * The validated environment, parsed on first use. Caches built from it (the
 * upload storage, the mail transport) remember the object they were built from
 * and rebuild when it changes.
 */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Forget the parsed environment so the next getEnv() reads process.env again.
 * For tests, which change process.env between files that share one module
 * graph (tests/setup.ts); a server reads its environment once.
 */
export function reloadEnv(): void {
  cached = undefined;
}

/** Absolute path of a configured file path (relative paths resolve from the working directory). */
export function resolvePath(p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(process.cwd(), p);
}
