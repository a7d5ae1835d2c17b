import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSessionFor, createUser } from "../../tests/builders";
import { auditLog, outbox, passwordResetTokens, sessions } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { verifyPassword } from "~/auth/password.server";
import { hashToken } from "~/auth/session.server";
import { answer, contextFor, formErrors, getRequest, postForm } from "../../tests/requests";
import { publicOrigin } from "~/utils/origin.server";
import { action as forgot, SENT_MESSAGE } from "./_auth.forgot-password";
import { action as reset, loader as resetLoader } from "./_auth.reset-password";

let ipCounter = 0;
const requestReset = (email: string, ip = `192.0.2.${++ipCounter}`) =>
  answer<{ status?: string }>(() =>
    forgot({
      request: postForm("/forgot-password", { email }),
      context: contextFor(ip),
      params: {},
    }),
  );
const submitReset = (token: string, password: string, confirmPassword = password) =>
  answer(() =>
    reset({
      request: postForm(`/reset-password?token=${token}`, { password, confirmPassword }),
      context: contextFor(),
      params: {},
    }),
  );
const mailsTo = (to: string) => getDb().select().from(outbox).where(eq(outbox.to, to)).all();
const tokenIn = (text: string) => /[?&]token=([a-z2-7]+)/.exec(text)?.[1];

let userId: number;
beforeAll(async () => {
  userId = (await createUser(getDb(), { email: "reset-me@example.com", name: "Rosalind" })).id;
});

describe("forgot password", () => {
  it("answers the same for a known and an unknown email, and mails only the known one", async () => {
    const known = await requestReset("Reset-Me@example.com");
    const unknown = await requestReset("nobody-here@example.com");
    expect(known).toEqual(unknown);
    expect(known.status).toBe(200);
    expect(known.data?.status).toBe("success");
    expect(SENT_MESSAGE).toMatch(/If an account uses that email address/);
    expect(mailsTo("nobody-here@example.com")).toHaveLength(0);
    const [mail] = mailsTo("reset-me@example.com");
    expect(mail.text).toMatch(/^http:\/\/localhost\/reset-password\?token=[a-z2-7]{52}$/m);
    // Only the token's hash is stored.
    const token = tokenIn(mail.text)!;
    const stored = getDb()
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, userId))
      .all();
    expect(stored.map((t) => t.id)).toContain(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    // The audit log has no token either.
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.reset_requested"))
      .all();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("never mails a link to a host named by the request's Host header (reset poisoning)", async () => {
    const victim = "poison-me@example.com";
    await createUser(getDb(), { email: victim, name: "Victim" });
    const forged = new Request("http://evil.example/forgot-password", {
      method: "POST",
      body: new URLSearchParams({ email: victim }),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "http://evil.example",
      },
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await answer(() =>
      forgot({ request: forged, context: contextFor("192.0.2.250"), params: {} }),
    );
    warn.mockRestore();
    expect(res.status).toBe(200);
    const [mail] = mailsTo(victim);
    expect(mail.text).not.toContain("evil.example");
    expect(mail.text).toMatch(/^http:\/\/localhost(:\d+)?\/reset-password\?token=/m);
    expect(publicOrigin(forged, { PUBLIC_ORIGIN: "https://atrium.example/", PORT: 3000 })).toBe(
      "https://atrium.example",
    );
  });

  it("answers bad input with 400 beside the field", async () => {
    const res = await requestReset("not-an-email");
    expect(res.status).toBe(400);
    expect(formErrors(res).email?.[0]).toMatch(/valid email/);
  });

  it("rate-limits requests per IP with 429 and Retry-After", async () => {
    const ip = "198.51.100.200";
    for (let i = 0; i < 10; i++)
      expect((await requestReset(`x${i}@example.com`, ip)).status).toBe(200);
    const res = await requestReset("x@example.com", ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(3000);
    expect(formErrors(res)[""]?.[0]).toMatch(
      /^You can ask for a password-reset link from one network 10 times an hour; try again in (5[0-9]|60) minutes\.$/,
    );
  });

  it("mails one account at most three links an hour, whoever asks, and answers every request the same", async () => {
    const target = "flooded@example.com";
    await createUser(getDb(), { email: target, name: "Flo" });
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await requestReset(target, `203.0.113.${100 + i}`));
    // Refused silently: the form must not tell who has an account.
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].status).toBe(200);
    expect(mailsTo(target)).toHaveLength(3);
  });
});

describe("reset password", () => {
  it("sets the new password once, ends every session, and the link then stops working", async () => {
    const other = createSessionFor(getDb(), userId);
    await requestReset("reset-me@example.com");
    const token = tokenIn(mailsTo("reset-me@example.com").at(-1)!.text)!;

    const page = await answer<{ valid: boolean }>(() =>
      resetLoader({
        request: getRequest(`/reset-password?token=${token}`),
        context: {},
        params: {},
      }),
    );
    expect(page.data).toEqual({ valid: true });

    const weak = await submitReset(token, "password1");
    expect(weak.status).toBe(400);
    expect(formErrors(weak).password?.[0]).toMatch(/most commonly used/);
    const mismatch = await submitReset(token, "brand new secret 1", "brand new secret 2");
    expect(formErrors(mismatch).confirmPassword?.[0]).toMatch(/do not match/);

    const ok = await submitReset(token, "brand new secret 1");
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/login?reset=done");
    expect(
      getDb()
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(other)))
        .get(),
    ).toBeUndefined();
    const user = getDb()
      .query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
      .sync();
    expect(await verifyPassword(user!.passwordHash, "brand new secret 1")).toBe(true);

    const again = await submitReset(token, "another new secret 2");
    expect(again.status).toBe(400);
    expect(formErrors(again)[""]?.[0]).toMatch(/expired or has already been used/);
    const after = getDb()
      .query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
      .sync();
    expect(await verifyPassword(after!.passwordHash, "brand new secret 1")).toBe(true);
    const reloaded = await answer<{ valid: boolean }>(() =>
      resetLoader({
        request: getRequest(`/reset-password?token=${token}`),
        context: {},
        params: {},
      }),
    );
    expect(reloaded.data).toEqual({ valid: false });
    expect(
      getDb().select().from(auditLog).where(eq(auditLog.action, "auth.reset_completed")).all(),
    ).toHaveLength(1);
  });

  it("refuses an expired token", async () => {
    await requestReset("reset-me@example.com");
    const token = tokenIn(mailsTo("reset-me@example.com").at(-1)!.text)!;
    getDb()
      .update(passwordResetTokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(passwordResetTokens.id, hashToken(token)))
      .run();
    const res = await submitReset(token, "expired link secret");
    expect(res.status).toBe(400);
    expect(formErrors(res)[""]?.[0]).toMatch(/expired/);
  });

  it("refuses forged and malformed tokens", async () => {
    for (const token of ["a".repeat(52), "../../etc", "", "%00"]) {
      expect((await submitReset(token, "whatever secret 1")).status).toBe(400);
    }
  });
});
