/**
 * The sign-up and sign-in workflows, kept out of the route modules so they
 * read top to bottom and can be tested on their own. Inputs arrive already
 * validated (app/auth/forms.server.ts); these functions enforce throttles,
 * check credentials, create the session and write the audit log.
 */
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";
import { audit } from "./audit.server";
import { hashPassword, verifyDummyPassword, verifyPassword } from "./password.server";
import { createSession, type Session } from "./session.server";
import { clearAccountThrottle, recordLoginFailure, throttleWait } from "./throttle.server";

export type RequestMeta = { ip: string; userAgent: string | null; now?: number };

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

type SignedIn = { kind: "ok"; token: string; session: Session; userId: number };
export type SignInResult = SignedIn | { kind: "invalid" } | { kind: "throttled"; waitMs: number };

/**
 * Checks an email and password. A throttled account or IP is refused before
 * the password is looked at; an unknown email costs the same argon2
 * verification as a wrong password, and both give the same answer.
 */
export async function signIn(
  { email, password }: { email: string; password: string },
  { ip, userAgent, now = Date.now() }: RequestMeta,
  db: DB = getDb(),
): Promise<SignInResult> {
  const keys = { account: email, ip };
  const wait = throttleWait(keys, now, db);
  if (wait > 0) {
    audit({ action: "auth.sign_in_throttled", ip, detail: { email }, at: now }, db);
    return { kind: "throttled", waitMs: wait };
  }

  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .get();
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyDummyPassword(password);

  if (!user || !valid) {
    const waitMs = recordLoginFailure(keys, now, db);
    audit(
      { action: "auth.sign_in_failed", subjectUserId: user?.id, ip, detail: { email }, at: now },
      db,
    );
    return waitMs > 0 ? { kind: "throttled", waitMs } : { kind: "invalid" };
  }

  clearAccountThrottle(email, db);
  // A new session (and token) at every sign-in: no session fixation.
  const { token, session } = createSession(user.id, { userAgent, ip }, now, db);
  audit({ action: "auth.sign_in", actorUserId: user.id, ip, at: now }, db);
  return { kind: "ok", token, session, userId: user.id };
}

export const EMAIL_TAKEN =
  "An account with this email address already exists. Sign in, or reset your password.";

export type SignUpResult = SignedIn | { kind: "email_taken" };

/** Creates a candidate account and signs it in. The unique index settles a race between two sign-ups. */
export async function signUp(
  { name, email, password }: { name: string; email: string; password: string },
  { ip, userAgent, now = Date.now() }: RequestMeta,
  db: DB = getDb(),
): Promise<SignUpResult> {
  const exists = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (exists) return { kind: "email_taken" };
  const passwordHash = await hashPassword(password);
  let userId: number;
  try {
    userId = db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({ name, email, passwordHash, role: "candidate", createdAt: now, updatedAt: now })
        .returning({ id: users.id })
        .get();
      audit({ action: "auth.sign_up", actorUserId: user.id, ip, at: now }, tx);
      return user.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "email_taken" };
    throw error;
  }
  const { token, session } = createSession(userId, { userAgent, ip }, now, db);
  audit(
    { action: "auth.sign_in", actorUserId: userId, ip, at: now, detail: { via: "sign-up" } },
    db,
  );
  return { kind: "ok", token, session, userId };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error.code === "SQLITE_CONSTRAINT_UNIQUE" || error.code === "SQLITE_CONSTRAINT_PRIMARYKEY")
  );
}
