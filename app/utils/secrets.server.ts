/**
 * Secrets at rest (OWASP ASVS 11.1.x / 13.3): the few stored values that are
 * secrets rather than hashes — TOTP shared secrets, the device-cookie signing
 * key, pending enrolment secrets — are sealed with AES-256-GCM under
 * ATRIUM_SECRET_KEY, bound to their row (the additional data names the table,
 * column and row), so a copied database or backup reveals none of them and a
 * sealed value moved to another row does not open.
 *
 * Where the key comes from:
 * - ATRIUM_SECRET_KEY (32 random bytes, base64 or hex), required when
 *   PUBLIC_ORIGIN names a public host: the server refuses to start without it;
 *   ATRIUM_SECRET_KEY_PREVIOUS lists retired keys (comma-separated) that
 *   still open older values during a rotation;
 * - otherwise (local and demo runs, the README's `npm start`) a key file
 *   beside the database, `atrium-secret.key` (mode 0600), made on first use
 *   and kept: its first line is the current key, later lines retired ones.
 *
 * A sealed value reads `enc1:<key id>:<iv>:<ciphertext and tag>` (base64url);
 * the key id is the first 8 hex digits of the key's SHA-256, so a value names
 * the key that opens it and rotation (db/secrets-rotate.ts) can re-seal
 * everything while older values still open.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isLocalOrigin } from "./demo-guard.server";
import { getEnv, resolvePath, type Env } from "./env.server";

const PREFIX = "enc1";
const KEY_FILE_NAME = "atrium-secret.key";

type Key = { id: string; bytes: Buffer };
export type Keyring = {
  current: Key;
  /** Every key that may open a value, the current one included, by id. */
  keys: Map<string, Key>;
  /** The key file the ring came from (null: from the environment). */
  file: string | null;
  /** The key file's modification time when read, to notice a rotation by another process. */
  mtimeMs: number;
};

/** The key's id: the first 8 hex digits of its SHA-256 (not secret; names the key in values). */
export function keyId(bytes: Buffer): string {
  return crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 8);
}

/** 32 bytes from base64, base64url or hex text; null when the text is not such a key. */
export function decodeKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/** A new random key, as the text a key file or ATRIUM_SECRET_KEY holds. */
export function generateKeyText(): string {
  return crypto.randomBytes(32).toString("base64");
}

/** The key file of a local run: beside the database file. */
export function secretKeyFile(env: Pick<Env, "DATABASE_URL"> = getEnv()): string {
  return path.join(path.dirname(resolvePath(env.DATABASE_URL)), KEY_FILE_NAME);
}

/**
 * Why the server must not start for lack of a key, or null. A public
 * deployment must bring its key from its secret store: a key file on the same
 * disk as the database would go wherever the database goes.
 */
export function secretKeyProblem(
  env: Pick<Env, "PUBLIC_ORIGIN" | "ATRIUM_SECRET_KEY"> = getEnv(),
): string | null {
  if (env.ATRIUM_SECRET_KEY || isLocalOrigin(env.PUBLIC_ORIGIN)) return null;
  return [
    `Refusing to start: PUBLIC_ORIGIN is ${env.PUBLIC_ORIGIN}, a public address, and ATRIUM_SECRET_KEY is not set.`,
    "Atrium encrypts the secrets it stores (two-factor keys, signing keys) with that key.",
    "Make one with `openssl rand -base64 32`, keep it in your platform's secret store",
    "(e.g. `fly secrets set ATRIUM_SECRET_KEY=…`) and start again. Local runs keep a key file",
    "beside the database instead.",
  ].join("\n");
}

function ringOf(texts: string[], file: string | null, mtimeMs = 0): Keyring {
  const keys = new Map<string, Key>();
  let current: Key | undefined;
  for (const [i, text] of texts.entries()) {
    const bytes = decodeKey(text);
    if (!bytes) {
      const where = file ? `line ${i + 1} of ${file}` : "ATRIUM_SECRET_KEY(_PREVIOUS)";
      throw new Error(`${where} is not a 32-byte key in base64 or hex.`);
    }
    const key = { id: keyId(bytes), bytes };
    current ??= key;
    keys.set(key.id, key);
  }
  if (!current) throw new Error(`${file ?? "ATRIUM_SECRET_KEY"} holds no key.`);
  return { current, keys, file, mtimeMs };
}

function keyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

/**
 * Writes `keys` (current first) to the key file, mode 0600, replacing it in
 * one rename so no reader sees half a file.
 */
export function writeKeyFile(file: string, keys: string[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const text = [
    "# Atrium's key for secrets at rest (first line: current key; later lines: retired keys).",
    "# Keep it out of backups of the database; without it two-factor keys cannot be read.",
    ...keys,
    "",
  ].join("\n");
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** Reads the key file, making it (once, whoever comes first) when it does not exist. */
function readOrCreateKeyFile(file: string): Keyring {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(
      temp,
      `# Atrium's key for secrets at rest (first line: current key; later lines: retired keys).\n# Keep it out of backups of the database; without it two-factor keys cannot be read.\n${generateKeyText()}\n`,
      { mode: 0o600 },
    );
    try {
      // A link fails when another process made the file first: then theirs is the key.
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  const stat = fs.statSync(file);
  return ringOf(keyLines(fs.readFileSync(file, "utf8")), file, stat.mtimeMs);
}

let cached: { env: Env; ring: Keyring } | undefined;

/**
 * The keys of this deployment: from ATRIUM_SECRET_KEY, or the local key file
 * (made when missing). Throws secretKeyProblem's message on a public origin
 * without a key. `fresh` reads the key file again (another process rotated it).
 */
export function getKeyring({ fresh = false } = {}): Keyring {
  const env = getEnv();
  if (cached && cached.env === env && !fresh) return cached.ring;
  let ring: Keyring;
  if (env.ATRIUM_SECRET_KEY) {
    const previous = (env.ATRIUM_SECRET_KEY_PREVIOUS ?? "").split(",").filter((k) => k.trim());
    ring = ringOf([env.ATRIUM_SECRET_KEY, ...previous], null);
  } else {
    const problem = secretKeyProblem(env);
    if (problem) throw new Error(problem);
    ring = readOrCreateKeyFile(secretKeyFile(env));
  }
  cached = { env, ring };
  return ring;
}

/** The ring to seal with: a key file changed by a rotation since it was read is read again. */
function sealingRing(): Keyring {
  const ring = getKeyring();
  if (!ring.file) return ring;
  const mtimeMs = fs.statSync(ring.file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return mtimeMs === ring.mtimeMs ? ring : getKeyring({ fresh: true });
}

/** True for a value sealed by sealSecret (plaintext TOTP and hex keys never contain ':'). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}:`);
}

/** The id of the key a sealed value was sealed with, or null for a plain value. */
export function sealedKeyId(value: string): string | null {
  return isSealed(value) ? (value.split(":")[1] ?? null) : null;
}

/**
 * Seals `plain` for the row named by `context` (e.g. "totp_credentials.secret:42")
 * with the current key.
 */
export function sealSecret(plain: string, context: string, ring = sealingRing()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", ring.current.bytes, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [PREFIX, ring.current.id, iv.toString("base64url"), body.toString("base64url")].join(":");
}

/**
 * Opens a value sealed for `context`. Throws when it is not sealed, its key is
 * unknown, or it was changed or moved (the GCM tag does not verify).
 */
export function openSecret(sealed: string, context: string, ring?: Keyring): string {
  const parts = sealed.split(":");
  if (parts.length !== 4 || parts[0] !== PREFIX)
    throw new Error(`A stored secret (${context}) is not encrypted; run npm run db:migrate.`);
  const [, id, ivText, bodyText] = parts;
  let keys = ring ?? getKeyring();
  // A key unknown here may come from a rotation another process made: read the file again.
  if (!keys.keys.has(id) && !ring && keys.file) keys = getKeyring({ fresh: true });
  const key = keys.keys.get(id);
  if (!key) throw new Error(`No key ${id} to open a stored secret (${context}).`);
  const body = Buffer.from(bodyText, "base64url");
  const decipher = crypto.createDecipheriv(
    "aes-256-gcm",
    key.bytes,
    Buffer.from(ivText, "base64url"),
  );
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - 16)),
    decipher.final(),
  ]).toString("utf8");
}
