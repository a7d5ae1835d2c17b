import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../tests/builders";
import { auditLog, loginThrottles, sessions } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { validateSessionToken } from "~/auth/session.server";
import { answer, contextFor, cookieToken, getRequest, postForm } from "../../tests/requests";
import type { FormFailure } from "~/auth/forms.server";
import { action, loader } from "./_auth.login";
import { action as logout, loader as logoutLoader } from "./logout";

const PASSWORD = "correct horse battery staple";
let userId: number;

const login = (fields: Record<string, string | string[]>, ip = "203.0.113.10") =>
  answer<FormFailure>(() =>
    action({ request: postForm("/login", fields), context: contextFor(ip), params: {} }),
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
    expect(validateSessionToken(a!)?.user.id).toBe(userId);
    expect(validateSessionToken(b!)?.user.id).toBe(userId);
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
    expect(wrong.data?.formErrors).toEqual(["Email or password is incorrect."]);
    expect(unknown.data).toEqual({
      ...wrong.data,
      values: { ...wrong.data!.values, email: "nobody@example.com" },
    });
    expect(wrong.data?.values).toEqual({ email: "owner@example.com", redirectTo: "/" });
    const failures = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.sign_in_failed"))
      .all();
    expect(failures.map((f) => f.detail?.email)).toEqual(
      expect.arrayContaining(["owner@example.com", "nobody@example.com"]),
    );
    expect(JSON.stringify(failures)).not.toContain("not my password");
    getDb().delete(loginThrottles).run();
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
    expect(blocked.data?.formErrors[0]).toMatch(/Too many failed sign-in attempts/);
    expect(blocked.headers.get("Set-Cookie")).toBeNull();

    // The window passes (move the stored block into the past).
    getDb()
      .update(loginThrottles)
      .set({ blockedUntil: Date.now() - 1 })
      .where(eq(loginThrottles.key, "account:target@example.com"))
      .run();
    const owner = await login({ email: "target@example.com", password: PASSWORD }, "198.51.100.41");
    expect(owner.status).toBe(302);
    expect(validateSessionToken(cookieToken(owner.headers)!)?.user.id).toBe(target.id);
    // Success clears the account's counter.
    expect(
      getDb()
        .select()
        .from(loginThrottles)
        .where(eq(loginThrottles.key, "account:target@example.com"))
        .get(),
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
    expect(validateSessionToken(token)).not.toBeNull();
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
    expect(validateSessionToken(token)).toBeNull();
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
