import { hash, verify } from "@node-rs/argon2";
import { normalizePassword } from "./password-rules";

/**
 * argon2id with OWASP's recommended minimum parameters
 * (19 MiB memory, 2 iterations, 1 lane). Passwords are NFC-normalised first,
 * so the same characters typed on different keyboards hash alike.
 */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_OPTIONS);
}

/**
 * The password hash of an account that has no password yet (an admin made by
 * `npm run create-admin`, who sets one through their enrolment link): no
 * password matches it.
 */
export const NO_PASSWORD = "!none";

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // As slow as a real check, so an account without a password does not stand out.
  if (passwordHash === NO_PASSWORD) return verifyDummyPassword(password);
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash, so that signing in as an unknown email
 * takes as long as a wrong password for a real one (no account enumeration by timing).
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await dummyHash, password);
  return false;
}
