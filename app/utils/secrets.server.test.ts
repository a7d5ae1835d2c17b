/**
 * Secrets at rest: what a stolen database file shows (no TOTP secret, no
 * signing key in clear), the key file a local run makes and keeps (mode
 * 0600), the refusal to run on a public address without ATRIUM_SECRET_KEY,
 * the migration that seals secrets stored in clear, and rotation.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { runSecretsRotate } from "../../db/secrets-rotate";
import { issueDeviceCookie } from "~/auth/device.server";
import { generateTotpSecret, totpCodeAt, totpStep } from "~/auth/totp.server";
import { verifySession } from "~/auth/mfa.server";
import { createSessionFor, createUser, enrolTwoFactor } from "../../tests/builders";
import { getDb } from "./db.server";
import { getEnv, parseEnv, reloadEnv } from "./env.server";
import { sealPlaintextSecrets, secretKeyUsage } from "./sealed-columns.server";
import {
  generateKeyText,
  getKeyring,
  keyId,
  openSecret,
  sealSecret,
  secretKeyFile,
  secretKeyProblem,
} from "./secrets.server";

const db = getDb();
const saved = { ...process.env };

afterEach(() => {
  for (const k of ["ATRIUM_SECRET_KEY", "ATRIUM_SECRET_KEY_PREVIOUS", "PUBLIC_ORIGIN"])
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  reloadEnv();
});

/** Whether `text` is anywhere in the database's files (the main file and its WAL). */
function onDisk(text: string): boolean {
  db.$client.pragma("wal_checkpoint(PASSIVE)");
  return [db.$client.name, `${db.$client.name}-wal`].some(
    (f) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(text)),
  );
}

const storedTotp = (userId: number) =>
  db.select().from(s.totpCredentials).where(eq(s.totpCredentials.userId, userId)).get()!.secret;

describe("sealing", () => {
  it("opens only for the row it was sealed for, and refuses a changed value", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "totp_credentials.secret:1");
    expect(sealed).toMatch(/^enc1:[0-9a-f]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, "totp_credentials.secret:1")).toBe("JBSWY3DPEHPK3PXP");
    // Moved to another user's row: the tag does not verify.
    expect(() => openSecret(sealed, "totp_credentials.secret:2")).toThrow();
    const parts = sealed.split(":");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    parts[3] = body.toString("base64url");
    expect(() => openSecret(parts.join(":"), "totp_credentials.secret:1")).toThrow();
    // Two seals of one secret differ (a fresh IV each time).
    expect(sealSecret("x", "c")).not.toBe(sealSecret("x", "c"));
  });

  it("stores no TOTP secret or signing key in clear, and codes still work", async () => {
    const user = await createUser(db);
    const secret = enrolTwoFactor(db, user.id);
    issueDeviceCookie(db, user.email);
    expect(onDisk(secret)).toBe(false);
    expect(storedTotp(user.id)).toMatch(/^enc1:/);
    const signing = db.select().from(s.authKeys).all();
    expect(signing.length).toBeGreaterThan(0);
    for (const row of signing) expect(row.value).toMatch(/^enc1:/);

    const token = createSessionFor(db, user.id);
    const sessionId = db.select().from(s.sessions).where(eq(s.sessions.userId, user.id)).get()!.id;
    void token;
    const code = totpCodeAt(secret, totpStep(Date.now()));
    expect(verifySession(db, { userId: user.id, sessionId, code }, { ip: null }).kind).toBe("totp");
  });
});

describe("the key of a local run", () => {
  it("is a file beside the database, readable by its owner only, made once and kept", () => {
    const file = secretKeyFile();
    expect(path.dirname(file)).toBe(path.dirname(db.$client.name));
    sealSecret("x", "c");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const first = getKeyring().current.id;
    reloadEnv();
    expect(getKeyring({ fresh: true }).current.id).toBe(first);
  });
});

describe("a public address", () => {
  it("needs ATRIUM_SECRET_KEY, and says how to make one", () => {
    const problem = secretKeyProblem({
      PUBLIC_ORIGIN: "https://careers.example.org",
      ATRIUM_SECRET_KEY: undefined,
    });
    expect(problem).toMatch(/Refusing to start: PUBLIC_ORIGIN is https:\/\/careers\.example\.org/);
    expect(problem).toMatch(/openssl rand -base64 32/);
    process.env.PUBLIC_ORIGIN = "https://careers.example.org";
    delete process.env.ATRIUM_SECRET_KEY;
    reloadEnv();
    expect(() => getKeyring({ fresh: true })).toThrow(/ATRIUM_SECRET_KEY is not set/);
    process.env.ATRIUM_SECRET_KEY = generateKeyText();
    reloadEnv();
    expect(getKeyring().file).toBeNull();
    expect(secretKeyProblem()).toBeNull();
    // Local and demo runs need none.
    expect(
      secretKeyProblem({ PUBLIC_ORIGIN: "http://localhost:3000", ATRIUM_SECRET_KEY: undefined }),
    ).toBeNull();
    expect(secretKeyProblem({ PUBLIC_ORIGIN: undefined, ATRIUM_SECRET_KEY: undefined })).toBeNull();
  });

  it("refuses a key that is not 32 bytes, naming the variable", () => {
    expect(() => parseEnv({ ATRIUM_SECRET_KEY: "hunter2" })).toThrow(
      /ATRIUM_SECRET_KEY: must be 32 random bytes in base64 or hex/,
    );
    expect(parseEnv({ ATRIUM_SECRET_KEY: "ab".repeat(32) }).ATRIUM_SECRET_KEY).toBe(
      "ab".repeat(32),
    );
  });
});

describe("secrets stored before encryption", () => {
  it("are sealed by the migration, and still work", async () => {
    const user = await createUser(db);
    const secret = generateTotpSecret();
    // As an older version stored them: in clear.
    db.insert(s.totpCredentials)
      .values({ userId: user.id, secret, enabledAt: Date.now() })
      .onConflictDoUpdate({ target: s.totpCredentials.userId, set: { secret } })
      .run();
    expect(storedTotp(user.id)).toBe(secret);
    expect(onDisk(secret)).toBe(true);
    expect(sealPlaintextSecrets(db)).toBeGreaterThanOrEqual(1);
    expect(storedTotp(user.id)).toMatch(/^enc1:/);
    expect(onDisk(secret)).toBe(false);
    expect(sealPlaintextSecrets(db)).toBe(0);
    createSessionFor(db, user.id);
    const sessionId = db.select().from(s.sessions).where(eq(s.sessions.userId, user.id)).get()!.id;
    const code = totpCodeAt(secret, totpStep(Date.now()));
    expect(verifySession(db, { userId: user.id, sessionId, code }, { ip: null }).kind).toBe("totp");
  });
});

describe("rotation", () => {
  it("of a key file: a new key first, every secret re-sealed with it, the old key pruned", async () => {
    const user = await createUser(db);
    const secret = enrolTwoFactor(db, user.id);
    const before = getKeyring({ fresh: true }).current.id;
    const log: string[] = [];
    expect(runSecretsRotate([], { db, log: (m) => log.push(m), error: (m) => log.push(m) })).toBe(
      0,
    );
    const after = getKeyring({ fresh: true }).current.id;
    expect(after).not.toBe(before);
    expect([...secretKeyUsage(db).keys()]).toEqual([after]);
    expect(log.join("\n")).toMatch(
      new RegExp(`Sealed \\d+ stored secret\\(s\\) with key ${after}`),
    );
    // The old key is still there (retired) until pruned.
    expect(getKeyring().keys.has(before)).toBe(true);
    expect(runSecretsRotate(["--prune"], { db, log: () => {} })).toBe(0);
    expect(getKeyring({ fresh: true }).keys.has(before)).toBe(false);
    expect(fs.statSync(secretKeyFile()).mode & 0o777).toBe(0o600);
    // Codes still work after all that.
    createSessionFor(db, user.id);
    const sessionId = db.select().from(s.sessions).where(eq(s.sessions.userId, user.id)).get()!.id;
    const code = totpCodeAt(secret, totpStep(Date.now()));
    expect(verifySession(db, { userId: user.id, sessionId, code }, { ip: null }).kind).toBe("totp");
    const audit = db
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.action, "secrets.rotated"))
      .all();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("with ATRIUM_SECRET_KEY: the old key in ATRIUM_SECRET_KEY_PREVIOUS opens, everything moves to the new one", async () => {
    const oldKey = generateKeyText();
    const newKey = generateKeyText();
    process.env.ATRIUM_SECRET_KEY = oldKey;
    reloadEnv();
    const user = await createUser(db);
    enrolTwoFactor(db, user.id);
    // Whatever the key file had sealed must open too during this switch.
    const fileKeys = fs
      .readFileSync(secretKeyFile(), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    process.env.ATRIUM_SECRET_KEY = newKey;
    process.env.ATRIUM_SECRET_KEY_PREVIOUS = [oldKey, ...fileKeys].join(",");
    reloadEnv();
    expect(getEnv().ATRIUM_SECRET_KEY).toBe(newKey);
    expect(runSecretsRotate([], { db, log: () => {} })).toBe(0);
    const id = keyId(Buffer.from(newKey, "base64"));
    expect([...secretKeyUsage(db).keys()]).toEqual([id]);
    // The previous key can go now.
    delete process.env.ATRIUM_SECRET_KEY_PREVIOUS;
    reloadEnv();
    expect(() =>
      openSecret(storedTotp(user.id), `totp_credentials.secret:${user.id}`),
    ).not.toThrow();
  });
});
