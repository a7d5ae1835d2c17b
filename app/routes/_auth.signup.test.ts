import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, outbox, users } from "../../db/schema";
import { hrefsOf, parsedMail } from "../../tests/mail";
import { getDb } from "~/utils/db.server";
import { deliverOutbox, setMailTransport } from "~/emails/mailer.server";
import { validateSessionToken } from "~/auth/session.server";
import {
  answer,
  contextFor,
  cookieToken,
  formErrors,
  formValues,
  postForm,
} from "../../tests/requests";
import { action } from "./_auth.signup";

let ipCounter = 0;
/** A fresh client address per call keeps these tests clear of the per-IP sign-up limit. */
const signup = (fields: Record<string, string | string[]>, ip = `192.0.2.${++ipCounter}`) =>
  answer(() =>
    action({ request: postForm("/signup", fields), context: contextFor(ip), params: {} }),
  );

const good = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  password: "analytical engine 1843",
  confirmPassword: "analytical engine 1843",
};

const userCount = () => getDb().select().from(users).all().length;
const mailTo = (email: string) =>
  getDb().select().from(outbox).where(eq(outbox.to, email)).orderBy(outbox.id).all();

afterEach(() => setMailTransport(undefined));

describe("sign-up", () => {
  it("creates a candidate, signs them in with a new session and goes to a safe redirectTo", async () => {
    const res = await signup({
      ...good,
      email: "  Grace.Hopper@Example.COM ",
      redirectTo: "/careers?q=ml",
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/careers?q=ml");
    const token = cookieToken(res.headers);
    expect(token).toBeDefined();
    const session = validateSessionToken(getDb(), token!);
    expect(session?.user).toMatchObject({
      email: "grace.hopper@example.com",
      role: "candidate",
      name: "Ada Lovelace",
    });
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectUserId, session!.user.id))
      .all();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["auth.sign_up", "auth.sign_in"]),
    );
    expect(JSON.stringify(audit)).not.toContain(good.password);
  });

  it("welcomes the new account by email, in text and HTML, with the name inert, and sends it", async () => {
    const sent: string[] = [];
    setMailTransport({
      async sendMail(message) {
        sent.push(message.to);
        return {};
      },
    });
    // Markup and Markdown stay text; a link in a name is refused before any email (form-fields.ts).
    const name = "<img src=x onerror=alert(1)> **[click]**";
    const res = await signup({ ...good, name, email: "welcome@example.com" });
    expect(res.status).toBe(302);
    const [welcome, ...more] = mailTo("welcome@example.com");
    expect(more).toEqual([]);
    expect(welcome).toMatchObject({ kind: "account.welcome", locale: "en" });

    const { mail } = await parsedMail(welcome);
    expect(mail.subject).toBe("Welcome to Northlight Research");
    expect(mail.text).toContain(`Hello ${name},`);
    expect(mail.html).toContain("Hello &lt;img src=x onerror=alert(1)&gt; **[click]**,");
    expect(mail.html).not.toMatch(/<img/i);
    expect(hrefsOf(mail.html as string)).toEqual([
      "http://localhost/careers",
      "http://localhost/account",
      "http://localhost/forgot-password",
    ]);

    // Delivered once the answer has gone (the request did not wait for SMTP).
    await deliverOutbox(getDb());
    expect(sent.filter((to) => to === "welcome@example.com")).toHaveLength(1);
    expect(mailTo("welcome@example.com")[0].sentAt).not.toBeNull();

    // A second sign-up with the address is refused and welcomes nobody again.
    expect((await signup({ ...good, email: "welcome@example.com" })).status).toBe(400);
    expect(mailTo("welcome@example.com")).toHaveLength(1);
  });

  it("refuses a hostile redirectTo", async () => {
    const res = await signup({
      ...good,
      email: "redirect@example.com",
      redirectTo: "//evil.example",
    });
    expect(res.location).toBe("/");
  });

  it("says clearly when the email is taken, whatever its case, and keeps one row", async () => {
    const first = await signup({ ...good, email: "twice@example.com" });
    expect(first.status).toBe(302);
    const second = await signup({ ...good, name: "Someone Else", email: "TWICE@example.com" });
    expect(second.status).toBe(400);
    expect(formErrors(second).email?.[0]).toMatch(/already exists/);
    expect(formValues(second)).toEqual({
      name: "Someone Else",
      email: "TWICE@example.com",
    });
    expect(JSON.stringify(second.data)).not.toContain(good.password);
    expect(
      getDb().select().from(users).where(eq(users.email, "twice@example.com")).all(),
    ).toHaveLength(1);
  });

  it("handles two simultaneous sign-ups with one email: one account, one clear error", async () => {
    const results = await Promise.all([
      signup({ ...good, email: "race@example.com" }),
      signup({ ...good, email: "race@example.com" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(
      getDb().select().from(users).where(eq(users.email, "race@example.com")).all(),
    ).toHaveLength(1);
  });

  it.each([
    ["empty form", {}, ["name", "email", "password", "confirmPassword"]],
    ["blank name", { ...good, name: "   " }, ["name"]],
    ["1 MB name", { ...good, name: "A".repeat(1024 * 1024) }, ["name"]],
    ["1 MB email", { ...good, email: `${"a".repeat(1024 * 1024)}@example.com` }, ["email"]],
    [
      "duplicated email field",
      { ...good, email: ["one@example.com", "two@example.com"] },
      ["email"],
    ],
    ["control character in name", { ...good, name: "Ada\u0000Lovelace" }, ["name"]],
    ["right-to-left override in name", { ...good, name: "Ada \u202Eecalevol" }, ["name"]],
    ["non-ASCII email", { ...good, email: "ada@exämple.com" }, ["email"]],
    ["not an email", { ...good, email: "ada at example" }, ["email"]],
    [
      "common password",
      { ...good, password: "Password1", confirmPassword: "Password1" },
      ["password"],
    ],
    ["short password", { ...good, password: "abc", confirmPassword: "abc" }, ["password"]],
    [
      "password equal to email",
      {
        ...good,
        email: "same@example.com",
        password: "same@example.com",
        confirmPassword: "same@example.com",
      },
      ["password"],
    ],
    [
      "mismatched confirmation",
      { ...good, confirmPassword: "something else entirely" },
      ["confirmPassword"],
    ],
  ])(
    "answers %s with 400, messages beside the fields and no row",
    async (_label, fields, badFields) => {
      const before = userCount();
      const res = await signup(fields as Record<string, string | string[]>);
      expect(res.status).toBe(400);
      for (const f of badFields) expect(formErrors(res)[f]?.length, f).toBeGreaterThan(0);
      expect(res.headers.get("Set-Cookie")).toBeNull();
      expect(userCount()).toBe(before);
      // Passwords are never sent back; long values are cut.
      expect(formValues(res).password).toBeUndefined();
      expect(formValues(res).confirmPassword).toBeUndefined();
      expect(JSON.stringify(res.data).length).toBeLessThan(5000);
    },
  );

  it("reports every problem at once: name, email, a common password and a mismatched confirmation", async () => {
    const res = await signup({
      name: "",
      email: "not an email",
      password: "Password123!",
      confirmPassword: "something else",
    });
    expect(res.status).toBe(400);
    const errors = formErrors(res);
    expect(Object.keys(errors).sort()).toEqual(["confirmPassword", "email", "name", "password"]);
    expect(errors.password?.[0]).toMatch(/most commonly used/);
    expect(errors.confirmPassword?.[0]).toMatch(/do not match/);
  });

  it.each(["Password123!", "letmein2026", " ".repeat(8)])(
    "refuses the guessable password %j with a helpful message",
    async (password) => {
      const res = await signup({
        ...good,
        email: "weak@example.com",
        password,
        confirmPassword: password,
      });
      expect(res.status).toBe(400);
      expect(formErrors(res).password?.[0]).toMatch(/most commonly used|only spaces/);
      expect(
        getDb().select().from(users).where(eq(users.email, "weak@example.com")).get(),
      ).toBeUndefined();
    },
  );

  it("accepts names in any script and keeps them NFC-normalised", async () => {
    const res = await signup({ ...good, name: "Zoe\u0301 Ngũgĩ 王", email: "zoe@example.com" });
    expect(res.status).toBe(302);
    const row = getDb().select().from(users).where(eq(users.email, "zoe@example.com")).get();
    expect(row?.name).toBe("Zoé Ngũgĩ 王".normalize("NFC"));
  });

  it("answers a body that is not a form with 400", async () => {
    const request = new Request("http://localhost/signup", {
      method: "POST",
      body: JSON.stringify(good),
      headers: { "Content-Type": "application/json", Origin: "http://localhost" },
    });
    const res = await answer(() =>
      action({ request, context: contextFor("192.0.2.250"), params: {} }),
    );
    expect(res.status).toBe(400);
  });

  it("rate-limits sign-ups per IP with 429 and Retry-After", async () => {
    const ip = "198.51.100.99";
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await signup({ name: "" }, ip)).status);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    const blocked = await signup({ ...good, email: "late@example.com" }, ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(
      getDb().select().from(users).where(eq(users.email, "late@example.com")).get(),
    ).toBeUndefined();
  });
});
