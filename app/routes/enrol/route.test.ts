/**
 * Staff enrol their authenticator only through an admin-issued enrolment
 * link (ASVS 6.4 / 7.x): not at first sign-in, not on /account/two-factor.
 * The link is one use, expiring, asks for the password (or a first password
 * for a create-admin account) and a code, ends every other session and
 * signs the person in.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../../db/schema";
import { runCreateAdmin } from "../../../db/create-admin";
import { ENROLMENT_LINK_LIFETIME_MS } from "~/auth/enrolment.server";
import { totpCodeAt, totpStep } from "~/auth/totp.server";
import { validateSessionToken } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { createSessionFor, createUser } from "../../../tests/builders";
import { signedIn } from "../../../tests/fixtures";
import {
  answer,
  call,
  contextFor,
  cookieToken,
  formErrors,
  getRequest,
  postForm,
} from "../../../tests/requests";
import * as admin from "../admin.users_.$id.enrolment";
import * as accountTwoFactor from "../account.two-factor";
import * as recruit from "../recruit._index";
import * as enrol from "./route";

const db = getDb();
const PASSWORD = "correct horse battery staple";
let adminUser: Awaited<ReturnType<typeof signedIn>>;
let ip = 0;
const nextIp = () => contextFor(`198.51.100.${++ip}`);

type Page = { link: { email: string; hasPassword: boolean; key: string } | null };

beforeAll(async () => {
  adminUser = await signedIn(db, "admin", { name: "Ada Admin" });
});

/** An admin makes a link for `userId` through the admin page; returns its path and query. */
async function issue(userId: number) {
  const res = await call<{ link: { url: string } | null }>(
    admin.action,
    postForm(`/admin/users/${userId}/enrolment`, { intent: "issue" }, { token: adminUser.token }),
    { id: String(userId) },
  );
  expect(res.status).toBe(200);
  const url = new URL(res.data!.link!.url);
  return `${url.pathname}${url.search}`;
}

const open = (path: string) => call<Page>(enrol.loader, getRequest(path), {}, nextIp());
const submit = (path: string, fields: Record<string, string>, token?: string) =>
  call<{ reply: unknown; recoveryCodes: string[] | null }>(
    enrol.action,
    postForm(path, fields, { token }),
    {},
    nextIp(),
  );
/** The field errors of the enrolment form's reply. */
const errorsOf = (res: { data: unknown }) =>
  formErrors({ data: (res.data as { reply?: unknown } | undefined)?.reply });
const codeFor = (key: string, offset = 0) =>
  totpCodeAt(key.replace(/ /g, ""), totpStep(Date.now()) + offset);

describe("a recruiter's first two-factor set-up", () => {
  it("is refused on /account/two-factor, even with the password and a right code", async () => {
    const recruiter = await createUser(db, { role: "recruiter", password: PASSWORD });
    const token = createSessionFor(db, recruiter.id);
    const page = await answer<{ enrolment: unknown; required: boolean }>(() =>
      accountTwoFactor.loader({
        request: getRequest("/account/two-factor", { token }),
        context: {},
        params: {},
      }),
    );
    expect(page.data).toMatchObject({ enrolment: null, required: true });
    // No secret was even made for them.
    expect(
      db.select().from(s.totpCredentials).where(eq(s.totpCredentials.userId, recruiter.id)).get(),
    ).toBeUndefined();
    const res = await call(
      accountTwoFactor.action,
      postForm(
        "/account/two-factor",
        { intent: "enable", password: PASSWORD, code: "123456" },
        { token },
      ),
      {},
      nextIp(),
    );
    expect(res.status).toBe(403);
    // Staff pages still send them to ask for a link.
    const staffPage = await call(recruit.loader, getRequest("/recruit", { token }));
    expect(staffPage.location).toMatch(/^\/account\/two-factor\?/);
  });

  it("works through the admin's link: password and code, then signed in, others signed out, link used up", async () => {
    const recruiter = await createUser(db, { role: "recruiter", password: PASSWORD });
    const stolen = createSessionFor(db, recruiter.id);
    const path = await issue(recruiter.id);
    const page = await open(path);
    expect(page.status).toBe(200);
    expect(page.data!.link).toMatchObject({ email: recruiter.email, hasPassword: true });
    const key = page.data!.link!.key;
    // A reload shows the same key.
    expect((await open(path)).data!.link!.key).toBe(key);

    const wrongPassword = await submit(path, { password: "not it", code: codeFor(key) });
    expect(wrongPassword.status).toBe(400);
    expect(errorsOf(wrongPassword).password).toEqual(["That password is not right."]);
    const wrongCode = await submit(path, { password: PASSWORD, code: codeFor(key, 9) });
    expect(wrongCode.status).toBe(400);
    expect(errorsOf(wrongCode).code?.[0]).toMatch(/not right/);

    const ok = await submit(path, { password: PASSWORD, code: codeFor(key) });
    expect(ok.status).toBe(200);
    expect(ok.data!.recoveryCodes).toHaveLength(10);
    const session = cookieToken(ok.headers)!;
    expect(validateSessionToken(db, session)?.user.id).toBe(recruiter.id);
    // The session that existed before the authenticator was bound is gone.
    expect(validateSessionToken(db, stolen)).toBeNull();
    // The new session reaches staff pages (enrolled and verified).
    const staffPage = await call(recruit.loader, getRequest("/recruit", { token: session }));
    expect(staffPage.status).toBe(200);
    // One use.
    expect((await open(path)).data!.link).toBeNull();
    const again = await submit(path, { password: PASSWORD, code: codeFor(key, 1) });
    expect(again.status).toBe(400);
    const audit = db
      .select({ action: s.auditLog.action })
      .from(s.auditLog)
      .where(eq(s.auditLog.subjectUserId, recruiter.id))
      .all()
      .map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["mfa.enrolment_link_issued", "mfa.enrolled"]));
  });

  it("a create-admin account chooses its first password on the link, then signs in with it and a code", async () => {
    const out: string[] = [];
    await runCreateAdmin(["--email", "new.admin@example.org"], { db, log: (m) => out.push(m) });
    const path = /\/enrol\?token=[a-z2-7]{52}/.exec(out.join("\n"))![0];
    const page = await open(path);
    expect(page.data!.link).toMatchObject({ hasPassword: false });
    const key = page.data!.link!.key;
    const weak = await submit(path, {
      password: "password",
      confirmPassword: "password",
      code: codeFor(key),
    });
    expect(weak.status).toBe(400);
    expect(errorsOf(weak).password?.[0]).toBeTruthy();
    const ok = await submit(path, {
      password: "an admin's own long passphrase",
      confirmPassword: "an admin's own long passphrase",
      code: codeFor(key),
    });
    expect(ok.status).toBe(200);
    const user = db.select().from(s.users).where(eq(s.users.email, "new.admin@example.org")).get()!;
    expect(validateSessionToken(db, cookieToken(ok.headers)!)?.user.id).toBe(user.id);
  });

  it("expires, is refused for candidates, and only admins make links", async () => {
    const recruiter = await createUser(db, { role: "recruiter", password: PASSWORD });
    const path = await issue(recruiter.id);
    db.update(s.staffEnrolments)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(s.staffEnrolments.userId, recruiter.id))
      .run();
    expect((await open(path)).data!.link).toBeNull();
    // A new link ends the earlier one.
    const first = await issue(recruiter.id);
    const second = await issue(recruiter.id);
    expect((await open(first)).data!.link).toBeNull();
    expect((await open(second)).data!.link).not.toBeNull();

    const candidate = await createUser(db, { role: "candidate" });
    const refused = await call(
      admin.action,
      postForm(
        `/admin/users/${candidate.id}/enrolment`,
        { intent: "issue" },
        { token: adminUser.token },
      ),
      { id: String(candidate.id) },
    );
    expect(refused.status).toBe(400);
    const recruiterSession = await signedIn(db, "recruiter");
    const notAdmin = await call(
      admin.action,
      postForm(
        `/admin/users/${recruiter.id}/enrolment`,
        { intent: "issue" },
        { token: recruiterSession.token },
      ),
      { id: String(recruiter.id) },
    );
    expect(notAdmin.status).toBe(403);
    expect(ENROLMENT_LINK_LIFETIME_MS).toBe(3 * 24 * 60 * 60 * 1000);
  });

  it("sends no referrer and is never cached", () => {
    const headers = new Headers(
      (enrol.headers as (a: object) => HeadersInit)({
        loaderHeaders: new Headers(),
        actionHeaders: new Headers(),
        parentHeaders: new Headers(),
      }),
    );
    expect(headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(headers.get("Cache-Control")).toBe("private, no-store");
  });
});
