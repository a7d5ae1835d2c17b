import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../tests/builders";
import { auditContext, auditLog, throttles, sessions } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { validateSessionToken } from "~/auth/session.server";
import {
  answer,
  contextFor,
  cookieToken,
  formErrors,
  formValues,
  getRequest,
  postForm,
} from "../../tests/requests";
import { action, loader } from "./_auth.login";
import { action as logout, loader as logoutLoader } from "./logout";

const PASSWORD = "correct horse battery staple";

/** The `name=value` of the device cookie a response sets. */
function deviceCookie(headers: Headers): string | undefined {
  return /__Host-atrium_device=[^;,\s]+/.exec(headers.get("Set-Cookie") ?? "")?.[0];
}
let userId: number;

const login = (
  fields: Record<string, string | string[]>,
  ip = "203.0.113.10",
  headers: Record<string, string> = {},
) =>
  answer(() =>
    action({
      request: postForm("/login", fields, { headers }),
      context: contextFor(ip),
      params: {},
    }),
  );

beforeAll(async () => {
  userId = (await createUser(getDb(), { email: "owner@example.com", password: PASSWORD })).id;
});

describe("sign-in", () => {
  it("signs in with a new session each time and honours a same-origin redirectTo", async () => {
    const first = await login({
      email: " Owner@Example.com ",
      password: PASSWORD,
      redirectTo: "/account",
    });
    expect(first.status).toBe(302);
    expect(first.location).toBe("/account");
    const second = await login({ email: "owner@example.com", password: PASSWORD });
    expect(second.location).toBe("/");
    const [a, b] = [cookieToken(first.headers), cookieToken(second.headers)];
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
    expect(validateSessionToken(getDb(), a!)?.user.id).toBe(userId);
    expect(validateSessionToken(getDb(), b!)?.user.id).toBe(userId);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/%2F%2Fevil.example",
    "/.//evil.example",
  ])("ignores the hostile redirectTo %s", async (redirectTo) => {
    const res = await login({ email: "owner@example.com", password: PASSWORD, redirectTo });
    expect(res.location).toBe("/");
  });

  it("gives the same answer for a wrong password and an unknown email, and audits both without the password", async () => {
    const wrong = await login(
      { email: "owner@example.com", password: "not my password" },
      "203.0.113.11",
    );
    const unknown = await login(
      { email: "nobody@example.com", password: "not my password" },
      "203.0.113.11",
    );
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(formErrors(wrong)[""]).toEqual(["Email or password is incorrect."]);
    expect(unknown.data).toEqual({
      ...wrong.data,
      initialValue: { ...formValues(wrong), email: "nobody@example.com" },
    });
    expect(formValues(wrong)).toEqual({ email: "owner@example.com" });
    const failures = getDb()
      .select({ detail: auditLog.detail, email: auditContext.email })
      .from(auditLog)
      .leftJoin(auditContext, eq(auditContext.auditId, auditLog.id))
      .where(eq(auditLog.action, "auth.sign_in_failed"))
      .all();
    // The email typed is kept beside the row (audit_context), never in the chained row.
    expect(failures.map((f) => f.email)).toEqual(
      expect.arrayContaining(["owner@example.com", "nobody@example.com"]),
    );
    expect(JSON.stringify(failures.map((f) => f.detail))).not.toContain("@example.com");
    expect(JSON.stringify(failures)).not.toContain("not my password");
    getDb().delete(throttles).run();
  });

  it("answers junk with 400, not 500", async () => {
    expect((await login({})).status).toBe(400);
    expect((await login({ email: ["a@example.com", "b@example.com"], password: "x" })).status).toBe(
      400,
    );
    expect(
      (await login({ email: "owner@example.com", password: "p".repeat(1024 * 1024) })).status,
    ).toBe(400);
  });

  it("throttles an account to 429 with Retry-After, and lets the owner in after the window", async () => {
    const target = await createUser(getDb(), { email: "target@example.com", password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // The attacker moves between addresses: the account counter still applies.
      statuses.push(
        (
          await login(
            { email: "target@example.com", password: `guess-${i}` },
            `198.51.100.${i + 20}`,
          )
        ).status,
      );
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    // While blocked, even the right password is refused (it is not checked at all).
    const blocked = await login(
      { email: "target@example.com", password: PASSWORD },
      "198.51.100.40",
    );
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThanOrEqual(50);
    expect(formErrors(blocked)[""]?.[0]).toMatch(/Too many failed sign-in attempts/);
    expect(blocked.headers.get("Set-Cookie")).toBeNull();

    // The window passes (move the stored block into the past).
    getDb()
      .update(throttles)
      .set({ blockedUntil: Date.now() - 1 })
      .where(eq(throttles.key, "account:target@example.com"))
      .run();
    const owner = await login({ email: "target@example.com", password: PASSWORD }, "198.51.100.41");
    expect(owner.status).toBe(302);
    expect(validateSessionToken(getDb(), cookieToken(owner.headers)!)?.user.id).toBe(target.id);
    // Success clears the account's counter.
    expect(
      getDb().select().from(throttles).where(eq(throttles.key, "account:target@example.com")).get(),
    ).toBeUndefined();
  });

  it("throttles one IP guessing across many accounts", async () => {
    const ip = "198.51.100.77";
    let last = 0;
    for (let i = 0; i < 20; i++)
      last = (await login({ email: `spray${i}@example.com`, password: "Summer2026!" }, ip)).status;
    expect(last).toBe(429);
    const next = await login({ email: "owner@example.com", password: PASSWORD }, ip);
    expect(next.status).toBe(429);
    expect(next.headers.get("Retry-After")).toBeTruthy();
  });

  it("does not let strangers lock the owner out: a device that signed in before is throttled on its own", async () => {
    await createUser(getDb(), { email: "device@example.com", password: PASSWORD });
    // The owner signed in on this browser last week: it holds a device cookie.
    const earlier = await login({ email: "device@example.com", password: PASSWORD }, "192.0.2.90");
    const device = deviceCookie(earlier.headers);
    expect(device).toMatch(/^__Host-atrium_device=[a-z2-7]+\.[0-9a-f]{64}$/);
    expect(earlier.headers.get("Set-Cookie")).toMatch(/__Host-atrium_device=.*HttpOnly; Secure/);

    // Strangers from five addresses, without the cookie, guess until the account blocks them.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login(
        { email: "device@example.com", password: `guess-${i}` },
        `198.51.100.${i + 120}`,
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect(
      (await login({ email: "device@example.com", password: PASSWORD }, "198.51.100.130")).status,
    ).toBe(429);

    // The owner's device, with the right password, still gets in.
    const owner = await login({ email: "device@example.com", password: PASSWORD }, "192.0.2.90", {
      Cookie: device!,
    });
    expect(owner.status).toBe(302);
    expect(validateSessionToken(getDb(), cookieToken(owner.headers)!)).not.toBeNull();

    // A forged or another account's cookie is a stranger's.
    const forged = device!.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    expect(
      (
        await login({ email: "device@example.com", password: PASSWORD }, "192.0.2.91", {
          Cookie: forged,
        })
      ).status,
    ).toBe(429);
    expect(
      (
        await login({ email: "owner@example.com", password: "wrong wrong" }, "192.0.2.92", {
          Cookie: device!,
        })
      ).status,
    ).toBe(400);
    const throttled = getDb()
      .select({ email: auditContext.email, detail: auditLog.detail })
      .from(auditLog)
      .innerJoin(auditContext, eq(auditContext.auditId, auditLog.id))
      .where(eq(auditLog.action, "auth.sign_in_throttled"))
      .all()
      .filter((a) => a.email === "device@example.com");
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((a) => a.detail?.trusted === false)).toBe(true);
  });

  it("a device that guesses wrong is blocked on its own, then counts as a stranger", async () => {
    await createUser(getDb(), { email: "thief@example.com", password: PASSWORD });
    const ok = await login({ email: "thief@example.com", password: PASSWORD }, "192.0.2.95");
    const Cookie = deviceCookie(ok.headers)!;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await login({ email: "thief@example.com", password: `nope-${i}` }, "192.0.2.95", {
            Cookie,
          })
        ).status,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 429, 400]);
    const keys = getDb()
      .select({ key: throttles.key })
      .from(throttles)
      .all()
      .map((r) => r.key);
    expect(keys.some((k) => k.startsWith("device:"))).toBe(true);
    expect(keys).toContain("account:thief@example.com");
  });

  it("signing in again while signed in ends the old session (ASVS 7.2.4)", async () => {
    const first = await login({ email: "owner@example.com", password: PASSWORD }, "203.0.113.15");
    const old = cookieToken(first.headers)!;
    const again = await login({ email: "owner@example.com", password: PASSWORD }, "203.0.113.15", {
      Cookie: `__Host-atrium_session=${old}`,
    });
    expect(again.status).toBe(302);
    expect(validateSessionToken(getDb(), old)).toBeNull();
    expect(validateSessionToken(getDb(), cookieToken(again.headers)!)).not.toBeNull();
    const row = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.actorUserId, userId)))
      .all()
      .at(-1);
    expect(row?.detail?.replacedSession).toBe(true);
  });

  it("sends a signed-in visitor of /login on to redirectTo", async () => {
    const ok = await login({ email: "owner@example.com", password: PASSWORD }, "203.0.113.12");
    const token = cookieToken(ok.headers)!;
    const res = await answer(() =>
      loader({
        request: getRequest("/login?redirectTo=%2Faccount", { token }),
        context: {},
        params: {},
      }),
    );
    expect(res.location).toBe("/account");
  });
});

describe("sign-out", () => {
  it("is POST only: a GET changes nothing", async () => {
    const ok = await login({ email: "owner@example.com", password: PASSWORD }, "203.0.113.13");
    const token = cookieToken(ok.headers)!;
    const res = await answer(() => logoutLoader());
    expect(res.location).toBe("/");
    expect(validateSessionToken(getDb(), token)).not.toBeNull();
  });

  it("deletes the session on the server, clears the cookie and audits", async () => {
    const ok = await login({ email: "owner@example.com", password: PASSWORD }, "203.0.113.14");
    const token = cookieToken(ok.headers)!;
    const before = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_out"), eq(auditLog.actorUserId, userId)))
      .all().length;
    const res = await answer(() =>
      logout({ request: postForm("/logout", {}, { token }), context: contextFor(), params: {} }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/__Host-atrium_session=;.*Max-Age=0/);
    expect(validateSessionToken(getDb(), token)).toBeNull();
    expect(
      getDb().select().from(sessions).where(eq(sessions.userId, userId)).all().length,
    ).toBeGreaterThan(0);
    const after = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_out"), eq(auditLog.actorUserId, userId)))
      .all().length;
    expect(after).toBe(before + 1);
  });
});
