/**
 * TOTP (RFC 6238) as every authenticator app expects it: SHA-1, 30-second
 * steps, 6 digits. The codes, the step a code belongs to (current ±1 for
 * clock drift, compared in constant time), new secrets and the otpauth:// URI.
 * Storing secrets and refusing a replayed step are mfa.server.ts's work.
 */
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { getBrand } from "~/utils/site";

const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;

/** The time step a moment falls in. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for `step` (tests and the enrolment check use it; apps compute the same). */
export function totpCodeAt(secret: string, step: number): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), TOTP_DIGITS);
}

/**
 * The step (current ±1) whose code `code` is, if it is later than
 * `afterStep`; null otherwise. Every candidate is compared in constant time.
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now: number,
  afterStep: number | null = null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const given = new TextEncoder().encode(code);
  const current = totpStep(now);
  let matched: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    const expected = new TextEncoder().encode(totpCodeAt(secret, step));
    if (constantTimeEqual(expected, given) && (afterStep === null || step > afterStep)) {
      matched = step;
    }
  }
  return matched;
}

/** A new TOTP secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function generateTotpSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}

/** The otpauth:// URI an authenticator app scans. */
export function totpKeyUri(email: string, secret: string): string {
  return createTOTPKeyURI(
    // The name the person's authenticator app lists the key under: the
    // organisation's, as they know it.
    getBrand().name,
    email,
    decodeBase32IgnorePadding(secret),
    TOTP_PERIOD_SECONDS,
    TOTP_DIGITS,
  );
}

/** The secret grouped by four for typing it in by hand. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
