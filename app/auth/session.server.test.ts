import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../tests/builders";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";
import { generateResetToken } from "./reset.server";
import {
  ABSOLUTE_LIFETIME_MS,
  clearSessionCookie,
  createSession,
  generateSessionToken,
  hashToken,
  IDLE_TIMEOUT_MS,
  readSessionToken,
  RENEW_INTERVAL_MS,
  sessionCookie,
  validateSessionToken,
} from "./session.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe("tokens", () => {
  it("session tokens are 20 random bytes in lower-case base32 (32 characters), all different", () => {
    const tokens = Array.from({ length: 2000 }, generateSessionToken);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("reset tokens are 32 random bytes in lower-case base32 (52 characters), all different", () => {
    const tokens = Array.from({ length: 2000 }, generateResetToken);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{52}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("uses every base32 character (no bias towards a few)", () => {
    const seen = new Set(Array.from({ length: 200 }, generateSessionToken).join(""));
    expect(seen.size).toBe(32);
  });

  it("stores a token as its hex SHA-256", () => {
    const token = generateSessionToken();
    expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });
});

describe("session lifetime (fake clock)", () => {
  let userId: number;
  const T0 = Date.UTC(2026, 0, 1);
  beforeAll(async () => {
    userId = (await createUser(getDb())).id;
  });

  it("keeps only the token's hash in the database", () => {
    const { token, session } = createSession(getDb(), userId, {}, T0);
    expect(session.id).toBe(hashToken(token));
    const raw = getDb().$client.prepare("select * from sessions where id = ?").get(session.id);
    expect(JSON.stringify(raw)).not.toContain(token);
  });

  it("ends after 7 idle days", () => {
    const { token } = createSession(getDb(), userId, {}, T0);
    expect(validateSessionToken(getDb(), token, T0 + IDLE_TIMEOUT_MS - 1)).not.toBeNull();
    // That check renewed it; from the renewal, 7 more idle days end it.
    const renewedAt = T0 + IDLE_TIMEOUT_MS - 1;
    expect(validateSessionToken(getDb(), token, renewedAt + IDLE_TIMEOUT_MS)).toBeNull();
    // …and the row is gone: the token never works again.
    expect(validateSessionToken(getDb(), token, renewedAt + 1)).toBeNull();
  });

  it("ends 30 days after sign-in however active it is", () => {
    const { token } = createSession(getDb(), userId, {}, T0);
    for (let t = T0; t < T0 + ABSOLUTE_LIFETIME_MS; t += DAY) {
      expect(validateSessionToken(getDb(), token, t)).not.toBeNull();
    }
    expect(validateSessionToken(getDb(), token, T0 + ABSOLUTE_LIFETIME_MS)).toBeNull();
  });

  it("renews the idle window at most once an hour", () => {
    const { token, session } = createSession(getDb(), userId, {}, T0);
    const lastActive = () =>
      (
        getDb()
          .$client.prepare("select last_active_at as t from sessions where id = ?")
          .get(session.id) as { t: number }
      ).t;
    validateSessionToken(getDb(), token, T0 + RENEW_INTERVAL_MS - 1);
    expect(lastActive()).toBe(T0);
    validateSessionToken(getDb(), token, T0 + RENEW_INTERVAL_MS);
    expect(lastActive()).toBe(T0 + RENEW_INTERVAL_MS);
    validateSessionToken(getDb(), token, T0 + RENEW_INTERVAL_MS + 30 * 60 * 1000);
    expect(lastActive()).toBe(T0 + RENEW_INTERVAL_MS);
  });

  it("does not accept a forged or unknown token", () => {
    expect(validateSessionToken(getDb(), generateSessionToken(), T0)).toBeNull();
  });
});

describe("cookie", () => {
  it("is HttpOnly, Secure, SameSite=Lax, Path=/ with the __Host- prefix and no Domain", () => {
    const header = sessionCookie("abc", Date.UTC(2026, 1, 1));
    expect(header).toMatch(/^__Host-atrium_session=abc;/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("Secure");
    expect(header).toContain("SameSite=Lax");
    expect(header).toContain("Path=/");
    expect(header).not.toMatch(/Domain=/i);
    expect(clearSessionCookie()).toContain("Max-Age=0");
  });

  it("ignores malformed cookie values", () => {
    const req = (v: string) =>
      new Request("http://localhost/", { headers: { Cookie: `__Host-atrium_session=${v}` } });
    expect(readSessionToken(req("' or 1=1 --"))).toBeNull();
    const token = generateSessionToken();
    expect(readSessionToken(req(token))).toBe(token);
  });
});

describe("on a read-only replica", () => {
  it("a signed-in read still validates when the renewal write is refused, and renews nothing", async () => {
    const db = getDb();
    const user = await createUser(db, { email: "replica-reader@example.com" });
    const start = Date.now();
    const { token } = createSession(db, user.id, { userAgent: null, ip: "127.0.0.1" }, start);
    // LiteFS refuses writes on a replica; a read-only connection to the same file does too.
    const replica = drizzle(new Database(db.$client.name, { readonly: true }), {
      schema,
    }) as unknown as DB;
    const later = start + RENEW_INTERVAL_MS + 1000;
    const found = validateSessionToken(replica, token, later);
    expect(found?.user.id).toBe(user.id);
    const stored = validateSessionToken(db, token, start + 1);
    expect(stored?.session.lastActiveAt).toBe(start);
    replica.$client.close();
  });
});
