import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createSessionFor, createUser, verifiedSessionFor } from "../../tests/builders";
import { auditLog, users } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { answer, contextFor, formErrors, getRequest, postForm } from "../../tests/requests";
import { loader } from "./admin.users";
import { action } from "./admin.users_.$id._index";
import { loader as adminIndex } from "./admin._index";
import { loader as auditLoader } from "./admin.audit";
import { loader as outboxLoader } from "./admin.outbox";
import { passwordResetEmail, welcomeEmail } from "~/emails/account";
import { queueEmail } from "~/emails/mailer.server";

let candidate: string, recruiter: string, admin: string;
let adminId: number, candidateId: number;

beforeAll(async () => {
  const db = getDb();
  const hash = (await createUser(db)).passwordHash;
  const c = await createUser(db, {
    email: "cand@example.com",
    name: "Cand Idate",
    passwordHash: hash,
  });
  const r = await createUser(db, {
    email: "rec@example.com",
    role: "recruiter",
    passwordHash: hash,
  });
  const a = await createUser(db, { email: "boss@example.com", role: "admin", passwordHash: hash });
  candidateId = c.id;
  adminId = a.id;
  candidate = createSessionFor(db, c.id);
  recruiter = verifiedSessionFor(db, r.id);
  admin = verifiedSessionFor(db, a.id);
});

const staffLoaders = {
  "/admin": adminIndex,
  "/admin/users": loader,
  "/admin/audit": auditLoader,
  "/admin/outbox": outboxLoader,
} as const;

describe("access to admin pages", () => {
  for (const [path, run] of Object.entries(staffLoaders)) {
    for (const url of [path, `${path}.data`]) {
      it(`${url}: anonymous → /login with redirectTo, candidate and recruiter → 403`, async () => {
        const anon = await answer(() => run({ request: getRequest(url), context: {}, params: {} }));
        expect(anon.status).toBe(302);
        expect(anon.location).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`);
        for (const token of [candidate, recruiter]) {
          const res = await answer(() =>
            run({ request: getRequest(url, { token }), context: {}, params: {} }),
          );
          expect(res.status).toBe(403);
        }
        const ok = await answer(() =>
          run({ request: getRequest(url, { token: admin }), context: {}, params: {} }),
        );
        expect([200, 302]).toContain(ok.status);
        if (ok.status === 302) expect(ok.location).toBe("/admin/users");
      });
    }
  }

  it("refuses a candidate's role-change POST with 403 and changes nothing", async () => {
    const res = await answer(() =>
      action({
        request: postForm(
          `/admin/users/${candidateId}`,
          { intent: "role", role: "admin" },
          { token: candidate },
        ),
        context: contextFor(),
        params: { id: String(candidateId) },
      }),
    );
    expect(res.status).toBe(403);
    expect(getDb().select().from(users).where(eq(users.id, candidateId)).get()?.role).toBe(
      "candidate",
    );
  });
});

describe("/admin/users", () => {
  it("lists and searches users by email or name, paged", async () => {
    const res = await answer<{ rows: Array<{ email: string }>; total: number }>(() =>
      loader({
        request: getRequest("/admin/users?q=CAND&page=zzz", { token: admin }),
        context: {},
        params: {},
      }),
    );
    expect(res.data?.rows.map((r) => r.email)).toEqual(["cand@example.com"]);
    const pct = await answer<{ rows: unknown[] }>(() =>
      loader({
        request: getRequest("/admin/users?q=%25", { token: admin }),
        context: {},
        params: {},
      }),
    );
    expect(pct.data?.rows).toEqual([]);
  });

  it("changes a role and audits it", async () => {
    const res = await answer(() =>
      action({
        request: postForm(
          `/admin/users/${candidateId}`,
          { intent: "role", role: "recruiter" },
          { token: admin },
        ),
        context: contextFor(),
        params: { id: String(candidateId) },
      }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/admin/users/${candidateId}?done=role`);
    expect(getDb().select().from(users).where(eq(users.id, candidateId)).get()?.role).toBe(
      "recruiter",
    );
    const row = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "admin.role_changed"))
      .get();
    expect(row).toMatchObject({
      actorUserId: adminId,
      subjectUserId: candidateId,
      detail: { from: "candidate", to: "recruiter" },
    });
  });

  it("refuses to demote the last admin", async () => {
    const res = await answer(() =>
      action({
        request: postForm(
          `/admin/users/${adminId}`,
          { intent: "role", role: "candidate" },
          { token: admin },
        ),
        context: contextFor(),
        params: { id: String(adminId) },
      }),
    );
    expect(res.status).toBe(400);
    expect(formErrors(res)[""]?.[0]).toMatch(/last admin/);
    expect(getDb().select().from(users).where(eq(users.id, adminId)).get()?.role).toBe("admin");
  });

  it("answers junk role forms with 400", async () => {
    const junk: Array<Record<string, string | string[]>> = [
      { intent: "role", role: "god" },
      { intent: "role", role: ["admin", "candidate"] },
      { intent: "promote", role: "admin" },
      { role: "admin" },
    ];
    for (const fields of junk) {
      const res = await answer(() =>
        action({
          request: postForm(`/admin/users/${candidateId}`, fields, { token: admin }),
          context: contextFor(),
          params: { id: String(candidateId) },
        }),
      );
      expect(res.status).toBe(400);
    }
    for (const id of ["x", "999999"]) {
      const res = await answer(() =>
        action({
          request: postForm(
            `/admin/users/${id}`,
            { intent: "role", role: "admin" },
            { token: admin },
          ),
          context: contextFor(),
          params: { id },
        }),
      );
      expect(res.status).toBe(404);
    }
  });
});

describe("/admin/audit and /admin/outbox", () => {
  it("filters the audit log by action and email, ignoring junk filters", async () => {
    const res = await answer<{ rows: Array<{ action: string; subjectEmail: string | null }> }>(() =>
      auditLoader({
        request: getRequest("/admin/audit?action=admin.role_changed&email=CAND%40example.com", {
          token: admin,
        }),
        context: {},
        params: {},
      }),
    );
    expect(res.data?.rows).toHaveLength(1);
    expect(res.data?.rows[0]).toMatchObject({
      action: "admin.role_changed",
      subjectEmail: "cand@example.com",
    });
    const junk = await answer(() =>
      auditLoader({
        request: getRequest("/admin/audit?action=%27;drop&email=%00&page=-1", { token: admin }),
        context: {},
        params: {},
      }),
    );
    expect(junk.status).toBe(200);
  });

  it("shows the outbox newest first with reset tokens hidden", async () => {
    queueEmail(
      getDb(),
      welcomeEmail({ user: { name: "Ann", email: "a@example.com" }, origin: "http://localhost" }),
    );
    queueEmail(
      getDb(),
      passwordResetEmail({
        user: { name: "Bo", email: "b@example.com" },
        resetUrl: "http://localhost/reset-password?token=abcdefghijklmnop",
      }),
    );
    const res = await answer<{ messages: Array<{ subject: string; text: string }> }>(() =>
      outboxLoader({
        request: getRequest("/admin/outbox", { token: admin }),
        context: {},
        params: {},
      }),
    );
    expect(res.data?.messages.map((m) => m.subject)).toEqual([
      "Reset your Northlight Research password",
      "Welcome to Northlight Research",
    ]);
    expect(res.data?.messages[0].text).toContain("http://localhost/reset-password?token=[hidden]");
    expect(res.data?.messages[0].text).not.toContain("abcdefghijklmnop");
  });
});
