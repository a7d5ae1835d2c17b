/**
 * The session cookie's name and how a Cookie header carries it. Reading the
 * header needs no database, so the public page cache (which answers before
 * any session is looked up) and the session module share this.
 */
export const SESSION_COOKIE = "__Host-atrium_session";

/** The session token in a Cookie header, or null (absent or not shaped like one). */
export function sessionTokenIn(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eqAt = part.indexOf("=");
    if (eqAt === -1) continue;
    if (part.slice(0, eqAt).trim() === SESSION_COOKIE) {
      const value = part.slice(eqAt + 1).trim();
      return /^[a-z2-7]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * Whether a Cookie header carries a session: such a request gets nothing
 * from the public page cache and its answers are never stored by caches.
 */
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return sessionTokenIn(cookieHeader) !== null;
}
