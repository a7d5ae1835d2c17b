/**
 * The HTTP side of two-factor authentication: the short cookie that carries
 * a sign-in's pending second step, and the staff rule that requireRole
 * applies (app/auth/mfa.server.ts holds the logic).
 */
import { redirect } from "@remix-run/node";
import { getDb } from "~/utils/db.server";
import { CHALLENGE_LIFETIME_MS, createChallenge } from "./mfa.server";
import { twoFactorGate } from "./staff-sessions.server";
import type { SessionUser } from "./session.server";

export const CHALLENGE_COOKIE = "__Host-atrium_2fa";

/** Set-Cookie value for a pending sign-in's challenge token (ten minutes). */
function challengeCookie(token: string): string {
  return [
    `${CHALLENGE_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "Secure",
    "SameSite=Lax",
    `Max-Age=${CHALLENGE_LIFETIME_MS / 1000}`,
  ].join("; ");
}

/** Set-Cookie value that removes the challenge cookie. */
export function clearChallengeCookie(): string {
  return `${CHALLENGE_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

/** The raw challenge token from the request's cookies, or null. */
export function readChallengeToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eqAt = part.indexOf("=");
    if (eqAt !== -1 && part.slice(0, eqAt).trim() === CHALLENGE_COOKIE) {
      const value = part.slice(eqAt + 1).trim();
      return /^[a-z2-7]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * The login action's answer when the password was right and the account
 * uses two-factor authentication: no session yet, a challenge cookie, and
 * the code page (keeping `redirectTo`).
 */
export function startTwoFactorSignIn(userId: number, redirectTo: string): Response {
  const token = createChallenge(getDb(), userId);
  const params = new URLSearchParams({ redirectTo });
  return redirect(`/login/two-factor?${params}`, {
    headers: { "Set-Cookie": challengeCookie(token) },
  });
}

/**
 * Staff pages need two-factor authentication: a recruiter or admin who has
 * not enrolled is sent to enrol, one whose session has not proved a code is
 * sent to enter one; both come back to `returnTo` afterwards.
 */
export function requireStaffTwoFactor(user: SessionUser, sessionId: string, returnTo: string) {
  const gate = twoFactorGate(getDb(), user, sessionId);
  if (gate === "ok") return;
  const params = new URLSearchParams({ redirectTo: returnTo });
  throw redirect(
    gate === "enrol" ? `/account/two-factor?${params}` : `/login/two-factor?${params}`,
  );
}
