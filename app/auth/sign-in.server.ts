/**
 * The sign-up and sign-in workflows, kept out of the route modules so they
 * read top to bottom and can be tested on their own. Inputs arrive already
 * validated (the route's Conform schema); these functions enforce throttles,
 * check credentials, create the session and write the audit log.
 */
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { welcomeEmail } from "~/emails/account";
import { getSignInSettings } from "~/models/sign-in-settings.server";
import { getEnv } from "~/utils/env.server";
import type { DB, Writer } from "~/utils/db.server";
import { deliverOutbox, queueEmail } from "~/emails/mailer.server";
import { publicOrigin } from "~/utils/origin.server";
import { audit } from "./audit.server";
import { attemptKeys, issueDeviceCookie } from "./device.server";
import { hasTwoFactor, isStaffRole } from "./mfa.server";
import { hashPassword, verifyDummyPassword, verifyPassword } from "./password.server";
import {
  createSession,
  hashToken,
  invalidateSession,
  readSessionToken,
  sessionCookie,
  type Session,
} from "./session.server";
import { clearFailures, recordFailure, throttleWait } from "./throttle.server";

/** Who is asking: the request (its cookies and User-Agent) and the client's address. */
export type RequestMeta = { request: Request; ip: string; now?: number };

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

export type SignedIn = {
  kind: "ok";
  token: string;
  session: Session;
  userId: number;
  /** Set-Cookie values: the session and the device cookie. */
  cookies: string[];
};
export type SignInResult =
  | SignedIn
  | { kind: "invalid" }
  | { kind: "throttled"; waitMs: number }
  | { kind: "two_factor"; userId: number }
  /** The password was right, but staff must sign in with single sign-on. */
  | { kind: "sso_required" };

export type CredentialCheck =
  | { kind: "ok"; userId: number; trusted: boolean }
  | { kind: "invalid" }
  | { kind: "throttled"; waitMs: number };

/**
 * Checks an email and password. A throttled attempt is refused before the
 * password is looked at; which counters apply depends on whether the browser
 * has signed in to this account before (app/auth/device.server.ts), so
 * strangers cannot lock the owner out. An unknown email costs the same argon2
 * verification as a wrong password, and both give the same answer. Creates no
 * session: signIn() does, and so does the one-step apply, inside its own
 * transaction.
 */
export async function checkCredentials(
  db: DB,
  { email, password }: { email: string; password: string },
  { request, ip, now = Date.now() }: RequestMeta,
): Promise<CredentialCheck> {
  const { keys, trusted } = attemptKeys(db, request, { email, ip, now });
  const wait = throttleWait(db, keys, now);
  if (wait > 0) {
    audit(db, { action: "auth.sign_in_throttled", ip, email, detail: { trusted }, at: now });
    return { kind: "throttled", waitMs: wait };
  }

  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.email, email))
    .get();
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyDummyPassword(password);

  // A deactivated account answers as a wrong password does (the person has
  // left; nothing to tell whoever holds the password), and the log says why.
  const deactivated = Boolean(user && valid && user.deactivatedAt !== null);
  if (!user || !valid || deactivated) {
    const waitMs = recordFailure(db, keys, now);
    audit(db, {
      action: "auth.sign_in_failed",
      subjectUserId: user?.id,
      ip,
      email,
      detail: deactivated ? { trusted, deactivated } : { trusted },
      at: now,
    });
    return waitMs > 0 ? { kind: "throttled", waitMs } : { kind: "invalid" };
  }

  // The account (or this device) starts afresh; the IP's counter stays.
  clearFailures(
    db,
    keys.filter((k) => !k.key.startsWith("ip:")),
  );
  return { kind: "ok", userId: user.id, trusted };
}

/** Checks an email and password (checkCredentials), then starts a session unless a second factor is due. */
export async function signIn(
  db: DB,
  credentials: { email: string; password: string },
  meta: RequestMeta,
): Promise<SignInResult> {
  const checked = await checkCredentials(db, credentials, meta);
  if (checked.kind !== "ok") return checked;
  const rule = passwordSignInRule(db, checked.userId);
  const at = meta.now ?? Date.now();
  if (rule === "sso_required") {
    audit(db, { action: "auth.sso_required", subjectUserId: checked.userId, ip: meta.ip, at });
    return { kind: "sso_required" };
  }
  if (rule === "break_glass")
    audit(db, { action: "auth.break_glass", subjectUserId: checked.userId, ip: meta.ip, at });
  // The second factor comes before any session (app/auth/mfa.server.ts).
  if (hasTwoFactor(db, checked.userId)) return { kind: "two_factor", userId: checked.userId };
  return startSession(db, checked.userId, credentials.email, meta, { trusted: checked.trusted });
}

/**
 * A new session (and token) at every sign-in: no session fixation. The
 * session this browser held before, whoever it belonged to, ends (ASVS 7.2.4),
 * and the browser gets a fresh device cookie for the account. Takes a
 * transaction so the session can be written with the change that signs the
 * person in (a new account and its first application).
 */
export function startSession(
  db: Writer,
  userId: number,
  email: string,
  { request, ip, now = Date.now() }: RequestMeta,
  detail: Record<string, string | boolean>,
): SignedIn {
  const previous = readSessionToken(request);
  if (previous) invalidateSession(db, hashToken(previous));
  const { token, session } = createSession(
    db,
    userId,
    { userAgent: request.headers.get("User-Agent"), ip },
    now,
  );
  audit(db, {
    action: "auth.sign_in",
    actorUserId: userId,
    ip,
    at: now,
    detail: { ...detail, replacedSession: previous !== null },
  });
  const cookies = [sessionCookie(token, session.expiresAt), issueDeviceCookie(db, email)];
  return { kind: "ok", token, session, userId, cookies };
}

/**
 * What a sign-in finished with a second factor owes the browser, as a
 * password-only sign-in does (startSession): the session it held before ends
 * (ASVS 7.2.4) and it gets the account's device cookie, so the owner's device
 * keeps its own throttling. Returns the cookies to set.
 */
export function finishTwoFactorSignIn(
  db: DB,
  request: Request,
  { userId, newSessionId }: { userId: number; newSessionId: string },
): string[] {
  const previous = readSessionToken(request);
  if (previous && hashToken(previous) !== newSessionId) invalidateSession(db, hashToken(previous));
  const user = db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  return user ? [issueDeviceCookie(db, user.email)] : [];
}

export const EMAIL_TAKEN =
  "An account with this email address already exists. Sign in, or reset your password.";

export type SignUpResult = SignedIn | { kind: "email_taken" };

/**
 * Writes a candidate account and its first session (and audits the sign-up)
 * inside the caller's transaction, and queues the welcome email with it; the
 * password is already hashed. Throws SQLite's unique violation when the email
 * is taken (isEmailTaken tells). The caller delivers the outbox after commit.
 */
export function createCandidateAccount(
  tx: Writer,
  { name, email, passwordHash }: { name: string; email: string; passwordHash: string },
  { request, ip, now = Date.now() }: RequestMeta,
): SignedIn {
  const user = tx
    .insert(users)
    .values({ name, email, passwordHash, role: "candidate", createdAt: now, updatedAt: now })
    .returning({ id: users.id })
    .get();
  audit(tx, { action: "auth.sign_up", actorUserId: user.id, ip, at: now });
  queueEmail(tx, welcomeEmail({ user: { name, email }, origin: publicOrigin(request) }));
  return startSession(tx, user.id, email, { request, ip, now }, { via: "sign-up" });
}

/** True when an account already uses `email` (already normalised by EmailSchema). */
export function emailHasAccount(db: DB, email: string): boolean {
  return db.select({ id: users.id }).from(users).where(eq(users.email, email)).get() !== undefined;
}

/** Creates a candidate account and signs it in. The unique index settles a race between two sign-ups. */
export async function signUp(
  db: DB,
  { name, email, password }: { name: string; email: string; password: string },
  meta: RequestMeta,
): Promise<SignUpResult> {
  if (emailHasAccount(db, email)) return { kind: "email_taken" };
  const passwordHash = await hashPassword(password);
  let signedIn: SignedIn;
  try {
    signedIn = db.transaction((tx) =>
      createCandidateAccount(tx, { name, email, passwordHash }, meta),
    );
  } catch (error) {
    if (isEmailTaken(error)) return { kind: "email_taken" };
    throw error;
  }
  // The welcome email is committed in the outbox: send it without holding the answer.
  void deliverOutbox(db);
  return signedIn;
}

/** True for the unique-index failure of a second account with the same email. */
export function isEmailTaken(error: unknown): boolean {
  return isUniqueViolation(error);
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error.code === "SQLITE_CONSTRAINT_UNIQUE" || error.code === "SQLITE_CONSTRAINT_PRIMARYKEY")
  );
}

/**
 * Where a sign-in lands: `redirectTo` when the person asked for a page (any
 * path other than the default "/"); otherwise staff (recruiters, admins) land
 * on their workspace, /recruit, and candidates on the home page as before.
 */
export function landingPath(db: DB, userId: number, redirectTo: string): string {
  if (redirectTo !== "/") return redirectTo;
  const user = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  return user && isStaffRole(user.role) ? "/recruit" : redirectTo;
}

/** Response headers that set each of `cookies`. */
export function setCookies(cookies: string[]): Headers {
  const headers = new Headers();
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return headers;
}

type PasswordRule = "allowed" | "sso_required" | "break_glass";

/**
 * Whether `userId` may sign in with a password: everyone may, unless staff
 * must use single sign-on, when only the break-glass admin may (and only
 * with an authenticator, so a password alone never opens it).
 */
function passwordSignInRule(db: DB, userId: number): PasswordRule {
  if (!getEnv().OIDC_ISSUER) return "allowed";
  const settings = getSignInSettings(db);
  if (!settings.requireStaffSso) return "allowed";
  const user = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (!user || !isStaffRole(user.role)) return "allowed";
  if (settings.breakGlassUserId === userId && hasTwoFactor(db, userId)) return "break_glass";
  return "sso_required";
}
