/**
 * Sessions as the Lucia guide describes them (lucia-auth.com): a random token
 * in an HttpOnly cookie, and only the token's SHA-256 in the database.
 *
 * - Token: 20 bytes from the CSPRNG, base32 (lower case, no padding).
 * - Absolute lifetime 30 days from sign-in; inactivity timeout 7 days;
 *   activity renews the inactivity window at most once an hour.
 * - Cookie: `__Host-atrium_session`, HttpOnly, Secure, SameSite=Lax, Path=/.
 */
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import type { Role } from "~/lib/enums";
import type { DB, Writer } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";
import { SESSION_COOKIE, sessionTokenIn } from "~/utils/session-cookie.server";

export { SESSION_COOKIE };
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
export const IDLE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
export const RENEW_INTERVAL_MS = 60 * 60 * 1000;

export type SessionUser = { id: number; email: string; name: string; role: Role };
export type Session = {
  id: string;
  userId: number;
  createdAt: number;
  expiresAt: number;
  lastActiveAt: number;
};

/** A new session token: 20 random bytes (160 bits) from the CSPRNG. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The id a token is stored under: its hex SHA-256 (node:crypto's native hash; every signed-in request pays it). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** When a session stops being valid: the earlier of its absolute end and its idle end. */
export function sessionDeadline(session: Pick<Session, "expiresAt" | "lastActiveAt">): number {
  return Math.min(session.expiresAt, session.lastActiveAt + IDLE_TIMEOUT_MS);
}

/** Creates a session for `userId` and returns the token to put in the cookie. */
export function createSession(
  db: Writer,
  userId: number,
  meta: { userAgent?: string | null; ip?: string | null } = {},
  now = Date.now(),
): { token: string; session: Session } {
  const token = generateSessionToken();
  const session: Session = {
    id: hashToken(token),
    userId,
    createdAt: now,
    expiresAt: now + ABSOLUTE_LIFETIME_MS,
    lastActiveAt: now,
  };
  db.insert(sessions)
    .values({
      ...session,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    })
    .run();
  return { token, session };
}

/** Every signed-in request runs the lookup: prepared once per connection. */
const queries = preparedFor((db) => ({
  byId: db
    .select({
      session: {
        id: sessions.id,
        userId: sessions.userId,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        lastActiveAt: sessions.lastActiveAt,
      },
      user: { id: users.id, email: users.email, name: users.name, role: users.role },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // A deactivated account's sessions are ended when it is deactivated; this
    // also refuses any a sign-in path might start for it afterwards.
    .where(and(eq(sessions.id, sql.placeholder("id")), isNull(users.deactivatedAt)))
    .prepare(),
}));

/**
 * Looks a token up. Expired sessions are deleted and give null; a live one
 * whose last renewal is over an hour old has its inactivity window renewed.
 */
export function validateSessionToken(
  db: DB,
  token: string,
  now = Date.now(),
): { session: Session; user: SessionUser } | null {
  const id = hashToken(token);
  const row = queries(db).byId.get({ id });
  if (!row) return null;
  if (now >= sessionDeadline(row.session)) {
    unlessReadOnly(() => db.delete(sessions).where(eq(sessions.id, id)).run());
    return null;
  }
  if (now - row.session.lastActiveAt >= RENEW_INTERVAL_MS) {
    row.session.lastActiveAt = now;
    unlessReadOnly(() =>
      db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, id)).run(),
    );
  }
  return row;
}

/**
 * Runs a housekeeping write that a read may skip. On a LiteFS read replica
 * the database refuses writes (SQLITE_READONLY); a signed-in page read there
 * must still render, and the primary renews the session on the next write the
 * person makes (docs/deploy.md).
 */
function unlessReadOnly(write: () => unknown) {
  try {
    write();
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_READONLY")) return;
    throw error;
  }
}

export function invalidateSession(db: Writer, sessionId: string) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/**
 * Signs a user out everywhere, or everywhere except `keepSessionId`; returns
 * how many sessions ended. Takes a transaction so it can join the change that
 * calls for it (a new password, a reset, "sign out everywhere else").
 */
export function invalidateUserSessions(
  db: Pick<DB, "delete">,
  userId: number,
  keepSessionId?: string,
): number {
  return db
    .delete(sessions)
    .where(
      keepSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
        : eq(sessions.userId, userId),
    )
    .run().changes;
}

/** Reads the raw session token from the request's cookies. */
export function readSessionToken(request: Request): string | null {
  return sessionTokenIn(request.headers.get("Cookie"));
}

/** Set-Cookie value that stores the token until the session's absolute end. */
export function sessionCookie(token: string, expiresAt: number): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "Secure",
    "SameSite=Lax",
    `Expires=${new Date(expiresAt).toUTCString()}`,
  ].join("; ");
}

/** Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}
