/**
 * Two-factor authentication for any account: enrolment with a code computed
 * from the secret the page shows, sign-in that needs the code before any
 * session exists, refused wrong and reused codes, single-use recovery codes,
 * new recovery codes and turning it off — each change only with the password
 * again, and ending every other session; every event audited.
 */
import { getBrand } from "~/utils/site";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createSessionFor, createUser } from "../../tests/builders";
import { answer, contextFor, cookieToken, getRequest, postForm } from "../../tests/requests";
import { auditLog, sessions, totpCredentials } from "../../db/schema";
import { totpCodeAt, totpStep } from "~/auth/mfa.server";
import { DEVICE_COOKIE } from "~/auth/device.server";
import { CHALLENGE_COOKIE } from "~/auth/mfa-gate.server";
import { SESSION_COOKIE, validateSessionToken } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { action as loginAction } from "./_auth.login";
import { action as codeAction, loader as codeLoader } from "./_auth.login_.two-factor";
import { action as accountAction, loader as accountLoader } from "./account.two-factor";

const PASSWORD = "correct horse battery staple";
let userId: number;
let token: string;
let secret: string;
let recoveryCodes: string[];

/** The code an authenticator app shows `offset` steps from now. */
const codeNow = (offset = 0) => totpCodeAt(secret, totpStep(Date.now()) + offset);

function auditActions(id: number) {
  return getDb()
    .select({ action: auditLog.action, detail: auditLog.detail })
    .from(auditLog)
    .where(eq(auditLog.actorUserId, id))
    .all();
}

const account = (fields: Record<string, string>, ip = "203.0.113.20") =>
  answer<{ intent: string; recoveryCodes: string[] | null }>(() =>
    accountAction({
      request: postForm("/account/two-factor", fields, { token }),
      context: contextFor(ip),
      params: {},
    }),
  );

async function signInWithPassword(redirectTo = "/account") {
  const res = await answer(() =>
    loginAction({
      request: postForm("/login", { email: "two@example.com", password: PASSWORD, redirectTo }),
      context: contextFor("203.0.113.21"),
      params: {},
    }),
  );
  const challenge = new RegExp(`${CHALLENGE_COOKIE}=([a-z2-7]+)`).exec(
    res.headers.get("Set-Cookie") ?? "",
  )?.[1];
  return { res, challenge };
}

const enterCode = (challenge: string, code: string, redirectTo = "/account") =>
  answer(() =>
    codeAction({
      request: postForm(
        "/login/two-factor",
        { code, redirectTo },
        { headers: { Cookie: `${CHALLENGE_COOKIE}=${challenge}` } },
      ),
      context: contextFor("203.0.113.22"),
      params: {},
    }),
  );

beforeAll(async () => {
  userId = (await createUser(getDb(), { email: "two@example.com", password: PASSWORD })).id;
  token = createSessionFor(getDb(), userId);
});

describe("two-factor authentication", () => {
  it("enrols with a current code from the secret shown, and shows ten recovery codes once", async () => {
    const page = await answer<{ enrolment: { key: string; uri: string } }>(() =>
      accountLoader({
        request: getRequest("/account/two-factor", { token }),
        context: {},
        params: {},
      }),
    );
    const { key, uri } = page.data!.enrolment;
    secret = key.replace(/ /g, "");
    // Listed in the authenticator under the organisation's name, not the software's.
    expect(
      uri.startsWith(`otpauth://totp/${encodeURIComponent(getBrand().name)}:two%40example.com?`),
    ).toBe(true);
    expect(uri).toContain(`secret=${secret}`);
    // A reload shows the same key (the app may already hold it).
    const again = await answer<{ enrolment: { key: string } }>(() =>
      accountLoader({
        request: getRequest("/account/two-factor", { token }),
        context: {},
        params: {},
      }),
    );
    expect(again.data!.enrolment.key).toBe(key);

    const wrong = await account({ intent: "enable", password: PASSWORD, code: codeNow(5) });
    expect(wrong.status).toBe(400);
    expect(auditActions(userId).map((a) => a.action)).toContain("mfa.failed");

    // Re-authentication first (ASVS 7.5.1): the right code without the password changes nothing.
    const noPassword = await account({ intent: "enable", code: codeNow() });
    expect(noPassword.status).toBe(400);
    const wrongPassword = await account({ intent: "enable", password: "not it", code: codeNow() });
    expect(wrongPassword.status).toBe(400);
    expect(JSON.stringify(wrongPassword.data)).toContain("That password is not right.");
    expect(JSON.stringify(wrongPassword.data)).not.toContain("not it");
    expect(
      getDb().select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get()
        ?.enabledAt,
    ).toBeNull();

    // Another browser signed in to the account (ASVS 7.4.3: it ends when the factor is added).
    const elsewhere = createSessionFor(getDb(), userId);
    const ok = await account({ intent: "enable", password: PASSWORD, code: codeNow() });
    expect(ok.status).toBe(200);
    expect(validateSessionToken(getDb(), elsewhere)).toBeNull();
    expect(validateSessionToken(getDb(), token)?.user.id).toBe(userId);
    recoveryCodes = ok.data!.recoveryCodes!;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = getDb()
      .select()
      .from(totpCredentials)
      .where(eq(totpCredentials.userId, userId))
      .get();
    expect(row?.enabledAt).not.toBeNull();
    // The session that enrolled proved the code.
    const session = getDb().select().from(sessions).where(eq(sessions.userId, userId)).get();
    expect(session?.twoFactorAt).not.toBeNull();
    expect(auditActions(userId).map((a) => a.action)).toContain("mfa.enrolled");
    // Shown once: the page no longer offers enrolment or the codes.
    const after = await answer<Record<string, unknown>>(() =>
      accountLoader({
        request: getRequest("/account/two-factor", { token }),
        context: {},
        params: {},
      }),
    );
    expect(after.data).toMatchObject({ enabled: true, enrolment: null, recoveryCodesLeft: 10 });
    expect(JSON.stringify(after.data)).not.toContain(recoveryCodes[0]);
    expect(JSON.stringify(auditActions(userId))).not.toContain(secret);
  });

  it("signs in only after the code: the password alone creates no session", async () => {
    const before = getDb().select().from(sessions).where(eq(sessions.userId, userId)).all().length;
    const { res, challenge } = await signInWithPassword("/account/two-factor");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login/two-factor?redirectTo=%2Faccount%2Ftwo-factor");
    expect(cookieToken(res.headers)).toBeUndefined();
    expect(challenge).toBeDefined();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, userId)).all()).toHaveLength(
      before,
    );
    // The code page shows for the challenge, and not without it.
    const page = await answer(() =>
      codeLoader({
        request: new Request("http://localhost/login/two-factor", {
          headers: { Cookie: `${CHALLENGE_COOKIE}=${challenge}` },
        }),
        context: {},
        params: {},
      }),
    );
    expect(page.status).toBe(200);
    const noChallenge = await answer(() =>
      codeLoader({ request: getRequest("/login/two-factor"), context: {}, params: {} }),
    );
    expect(noChallenge.location).toMatch(/^\/login\?/);

    const wrong = await enterCode(challenge!, codeNow(7), "/account/two-factor");
    expect(wrong.status).toBe(400);
    expect(cookieToken(wrong.headers)).toBeUndefined();

    const code = codeNow(1);
    const ok = await enterCode(challenge!, code, "/account/two-factor");
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/account/two-factor");
    const newToken = cookieToken(ok.headers);
    expect(validateSessionToken(getDb(), newToken!)?.user.id).toBe(userId);
    expect(ok.headers.get("Set-Cookie")).toContain(`${CHALLENGE_COOKIE}=;`);
    expect(auditActions(userId).map((a) => a.action)).toEqual(
      expect.arrayContaining(["mfa.verified", "auth.sign_in"]),
    );

    // The challenge is used up, and the same code cannot sign in again.
    const replay = await enterCode(challenge!, code);
    expect(replay.location).toMatch(/^\/login\?/);
    const second = await signInWithPassword();
    const reused = await enterCode(second.challenge!, code);
    expect(reused.status).toBe(400);
    expect(cookieToken(reused.headers)).toBeUndefined();
  });

  it("a sign-in finished with a code ends the browser's previous session and trusts the device", async () => {
    const { challenge } = await signInWithPassword();
    // The browser still holds someone else's session when the owner signs in.
    const other = await createUser(getDb(), { email: "other@example.com" });
    const old = createSessionFor(getDb(), other.id);
    const ok = await answer(() =>
      codeAction({
        request: postForm(
          "/login/two-factor",
          { code: recoveryCodes[9], redirectTo: "/account" },
          { headers: { Cookie: `${CHALLENGE_COOKIE}=${challenge}; ${SESSION_COOKIE}=${old}` } },
        ),
        context: contextFor("203.0.113.22"),
        params: {},
      }),
    );
    expect(ok.status).toBe(302);
    expect(validateSessionToken(getDb(), old)).toBeNull();
    expect(validateSessionToken(getDb(), cookieToken(ok.headers)!)?.user.id).toBe(userId);
    expect(ok.headers.get("Set-Cookie")).toContain(`${DEVICE_COOKIE}=`);
  });

  it("accepts each recovery code once", async () => {
    const { challenge } = await signInWithPassword();
    const ok = await enterCode(challenge!, recoveryCodes[0].toUpperCase());
    expect(ok.status).toBe(302);
    expect(validateSessionToken(getDb(), cookieToken(ok.headers)!)?.user.id).toBe(userId);
    const used = auditActions(userId).find((a) => a.action === "mfa.recovery_used");
    expect(used?.detail).toMatchObject({ left: 9 });

    const next = await signInWithPassword();
    const again = await enterCode(next.challenge!, recoveryCodes[0]);
    expect(again.status).toBe(400);
    expect(cookieToken(again.headers)).toBeUndefined();
  });

  it("regenerates recovery codes with a code (old ones stop working) and turns off with password and code", async () => {
    const regen = await account(
      { intent: "regenerate", password: PASSWORD, code: codeNow(-1) },
      "203.0.113.30",
    );
    // The step before the last used one is refused: codes only move forward.
    expect(regen.status).toBe(400);
    // A code alone is not enough: the password too.
    const codeOnly = await account(
      { intent: "regenerate", code: recoveryCodes[1] },
      "203.0.113.30",
    );
    expect(codeOnly.status).toBe(400);
    const fresh = await account(
      { intent: "regenerate", password: PASSWORD, code: recoveryCodes[1] },
      "203.0.113.30",
    );
    expect(fresh.status).toBe(200);
    const newCodes = fresh.data!.recoveryCodes!;
    expect(newCodes).toHaveLength(10);
    expect(auditActions(userId).map((a) => a.action)).toContain("mfa.recovery_regenerated");

    const { challenge } = await signInWithPassword();
    expect((await enterCode(challenge!, recoveryCodes[2])).status).toBe(400);

    const wrongPassword = await account(
      { intent: "disable", password: "not it", code: newCodes[0] },
      "203.0.113.31",
    );
    expect(wrongPassword.status).toBe(400);
    expect(JSON.stringify(wrongPassword.data)).not.toContain("not it");
    // A wrong password here counts and is audited like on every other password form.
    expect(auditActions(userId).map((a) => a.action)).toContain("auth.password_check_failed");
    const elsewhere = createSessionFor(getDb(), userId);
    const off = await account(
      { intent: "disable", password: PASSWORD, code: newCodes[0] },
      "203.0.113.31",
    );
    expect(off.status).toBe(302);
    // Removing a factor ends the other sessions too; this one stays.
    expect(validateSessionToken(getDb(), elsewhere)).toBeNull();
    expect(validateSessionToken(getDb(), token)?.user.id).toBe(userId);
    expect(
      getDb().select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get(),
    ).toBeUndefined();
    expect(
      getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, "mfa.disabled")))
        .all(),
    ).toHaveLength(1);
    // Password alone signs in again.
    const { res } = await signInWithPassword();
    expect(cookieToken(res.headers)).toBeDefined();
    expect(SESSION_COOKIE).toBe("__Host-atrium_session");
  });
});
