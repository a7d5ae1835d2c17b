/**
 * Device cookies (OWASP "Slow Down Online Guessing Attacks with Device
 * Cookies"), so that strangers cannot lock an account's owner out.
 *
 * After a successful sign-in the browser gets `__Host-atrium_device`:
 * `<nonce>.<HMAC-SHA256(key, email + nonce)>`, valid for a year. A sign-in
 * attempt that carries a valid device cookie for the email typed is counted
 * against that device alone (`device:<nonce>`); every other attempt is a
 * stranger's and counts against the account and the IP. Five wrong passwords
 * from strangers block strangers, not the owner's device; a device that
 * guesses wrong five times is treated as a stranger until its block ends.
 *
 * The signing key is generated on first use and kept in `auth_keys`, sealed
 * under the deployment's key (app/utils/secrets.server.ts; every process on
 * the database shares it). Deleting that row makes every device a stranger again.
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { authKeys } from "../../db/schema";
import type { DB, Writer } from "~/utils/db.server";
import { AUTH_KEY, openColumn, sealColumn } from "~/utils/sealed-columns.server";
import { deviceKeys, throttleWait, untrustedKeys, type FailureKey } from "./throttle.server";

export const DEVICE_COOKIE = "__Host-atrium_device";
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
const KEY_NAME = "device-cookie";

const keyCache = new WeakMap<object, Uint8Array>();

/** The signing key of this database, created (once, race-free) on first use. */
function signingKey(db: Writer): Uint8Array {
  const cached = keyCache.get(db);
  if (cached) return cached;
  const fresh = new Uint8Array(32);
  crypto.getRandomValues(fresh);
  db.insert(authKeys)
    .values({
      name: KEY_NAME,
      value: sealColumn(AUTH_KEY, KEY_NAME, encodeHexLowerCase(fresh)),
      createdAt: Date.now(),
    })
    .onConflictDoNothing()
    .run();
  const row = db
    .select({ value: authKeys.value })
    .from(authKeys)
    .where(eq(authKeys.name, KEY_NAME))
    .get();
  const key = Uint8Array.from(Buffer.from(openColumn(AUTH_KEY, KEY_NAME, row!.value), "hex"));
  keyCache.set(db, key);
  return key;
}

function signature(db: Writer, email: string, nonce: string): Uint8Array {
  return hmac(SHA256, signingKey(db), new TextEncoder().encode(`${email}\n${nonce}`));
}

/** A new device cookie value for `email` (a fresh nonce each sign-in). */
export function issueDeviceCookie(db: Writer, email: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const nonce = encodeBase32LowerCaseNoPadding(bytes);
  const value = `${nonce}.${encodeHexLowerCase(signature(db, email, nonce))}`;
  return [
    `${DEVICE_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "Secure",
    "SameSite=Lax",
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`,
  ].join("; ");
}

/** The nonce of the request's device cookie when it was issued to `email`, else null. */
export function trustedDeviceNonce(db: DB, request: Request, email: string) {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name !== DEVICE_COOKIE || !value) continue;
    const match = /^([a-z2-7]{26})\.([0-9a-f]{64})$/.exec(value);
    if (!match) return null;
    const given = Uint8Array.from(Buffer.from(match[2], "hex"));
    return constantTimeEqual(given, signature(db, email, match[1])) ? match[1] : null;
  }
  return null;
}

/**
 * The throttle keys a sign-in attempt (or a password re-check) counts against:
 * the device's own key when the request carries a device cookie for `email`
 * that is not itself blocked; otherwise the account's and the IP's.
 */
export function attemptKeys(
  db: DB,
  request: Request,
  { email, ip, now = Date.now() }: { email: string; ip: string; now?: number },
): { keys: FailureKey[]; trusted: boolean } {
  const nonce = trustedDeviceNonce(db, request, email);
  if (nonce) {
    const keys = deviceKeys(nonce);
    if (throttleWait(db, keys, now) === 0) return { keys, trusted: true };
  }
  return { keys: untrustedKeys({ account: email, ip }), trusted: false };
}
