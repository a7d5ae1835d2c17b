/**
 * Staff offboarding and the users list an admin works from: deactivating an
 * account ends its sessions at once and shuts every way back in (password,
 * reset link, enrolment link), keeps its audit trail, and can be undone; the
 * list filters by role and status.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, outbox, users } from "../../db/schema";
import { checkCredentials } from "~/auth/sign-in.server";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { issueEnrolmentLink } from "~/auth/enrolment.server";
import { validateSessionToken } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { createUser, verifiedSessionFor } from "../../tests/builders";
import { signedIn } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../tests/requests";
import * as list from "./admin.users";
import * as userPage from "./admin.users_.$id._index";
import * as audit from "./admin.audit";

const PASSWORD = "a long and private passphrase";
let adminToken: string;
let adminId: number;

beforeAll(async () => {
  const admin = await signedIn(getDb(), "admin", { name: "Ada Admin" });
  adminToken = admin.token;
  adminId = admin.user.id;
});

const post = (id: number, fields: Record<string, string>, token = adminToken) =>
  call(userPage.action, postForm(`/admin/users/${id}`, fields, { token }), { id: String(id) });

const passwordCheck = (email: string) =>
  checkCredentials(
    getDb(),
    { email, password: PASSWORD },
    { request: new Request("http://localhost/login", { method: "POST" }), ip: "203.0.113.50" },
  );

describe("deactivating a staff account", () => {
  it("ends its sessions at once, refuses its password, reset and enrolment links, and reads as a sentence in the log", async () => {
    const db = getDb();
    const leaver = await createUser(db, {
      email: "leaver@example.com",
      name: "Lee Leaver",
      role: "recruiter",
      password: PASSWORD,
    });
    const laptop = verifiedSessionFor(db, leaver.id);
    const phone = verifiedSessionFor(db, leaver.id);
    expect((await passwordCheck("leaver@example.com")).kind).toBe("ok");

    const done = await post(leaver.id, { intent: "deactivate", confirm: "yes" });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/admin/users/${leaver.id}?done=deactivated`);

    // Signed out everywhere: the recruiter's next request is a stranger's.
    expect(validateSessionToken(db, laptop)).toBeNull();
    expect(validateSessionToken(db, phone)).toBeNull();
    const board = await call(list.loader, getRequest("/admin/users", { token: laptop }));
    expect(board.status).toBe(302);
    // The right password answers as a wrong one would.
    expect((await passwordCheck("leaver@example.com")).kind).toBe("invalid");
    // No reset email is queued, and the form cannot tell.
    const before = db.select().from(outbox).all().length;
    requestPasswordReset(db, "leaver@example.com", {
      origin: "http://localhost",
      ip: "203.0.113.50",
    });
    expect(db.select().from(outbox).all().length).toBe(before);
    expect(
      issueEnrolmentLink(db, { userId: leaver.id, actorUserId: adminId }, { ip: null }).kind,
    ).toBe("deactivated");
    // A session some other sign-in path might start is not honoured either.
    expect(validateSessionToken(db, verifiedSessionFor(db, leaver.id))).toBeNull();

    // The account and its trail stay; the log says who did what in words.
    expect(
      db.select().from(users).where(eq(users.id, leaver.id)).get()?.deactivatedAt,
    ).not.toBeNull();
    const page = await call(audit.loader, getRequest("/admin/audit", { token: adminToken }));
    const rows = (
      page.data as {
        rows: Array<{ action: string; detail: string; actor: string; subject: string }>;
      }
    ).rows;
    const row = rows.find((r) => r.action === "admin.user_deactivated")!;
    expect(row).toMatchObject({ subject: "leaver@example.com", detail: "Ended 2 sessions." });
    const refused = rows.find(
      (r) => r.action === "auth.sign_in_failed" && r.subject === "leaver@example.com",
    )!;
    expect(refused.detail).toContain("The account is deactivated.");
    expect(refused.detail).not.toMatch(/trusted|:\s*(true|false)/);

    // Reactivated, the same password works again.
    const back = await post(leaver.id, { intent: "reactivate" });
    expect(back.location).toBe(`/admin/users/${leaver.id}?done=reactivated`);
    expect((await passwordCheck("leaver@example.com")).kind).toBe("ok");
    expect(
      db.select().from(auditLog).where(eq(auditLog.action, "admin.user_reactivated")).all(),
    ).toHaveLength(1);
  });

  it("refuses without the confirmation, for oneself, for a candidate and for the last admin who can sign in, storing nothing", async () => {
    const db = getDb();
    const recruiter = await createUser(db, { role: "recruiter" });
    const unconfirmed = await post(recruiter.id, { intent: "deactivate" });
    expect(unconfirmed.status).toBe(400);
    expect(formErrors(unconfirmed).confirm?.[0]).toMatch(/Tick the box/);

    const self = await post(adminId, { intent: "deactivate", confirm: "yes" });
    expect(self.status).toBe(400);
    expect(formErrors(self)[""]?.[0]).toMatch(/your own account/);

    const candidate = await createUser(db);
    const cand = await post(candidate.id, { intent: "deactivate", confirm: "yes" });
    expect(cand.status).toBe(400);
    expect(formErrors(cand)[""]?.[0]).toMatch(/Candidates delete their own accounts/);

    // Another admin deactivates this one; then the remaining admin is the last.
    const other = await signedIn(db, "admin");
    expect(
      (await post(adminId, { intent: "deactivate", confirm: "yes" }, other.token)).status,
    ).toBe(302);
    const last = await post(other.user.id, { intent: "deactivate", confirm: "yes" }, other.token);
    expect(last.status).toBe(400);
    // Demoting the last active admin is refused too, even with a deactivated admin on the books.
    const demote = await post(other.user.id, { intent: "role", role: "recruiter" }, other.token);
    expect(demote.status).toBe(400);
    expect(formErrors(demote)[""]?.[0]).toMatch(/last admin/);
    for (const id of [recruiter.id, candidate.id, other.user.id])
      expect(db.select().from(users).where(eq(users.id, id)).get()?.deactivatedAt).toBeNull();
    // Put the first admin back for the tests that follow.
    expect((await post(adminId, { intent: "reactivate" }, other.token)).status).toBe(302);
    // Reactivation does not bring old sessions back: the admin signs in afresh.
    expect(validateSessionToken(db, adminToken)).toBeNull();
    adminToken = verifiedSessionFor(db, adminId);
  });

  it("a recruiter cannot deactivate anyone", async () => {
    const db = getDb();
    const recruiter = await signedIn(db, "recruiter");
    const target = await createUser(db, { role: "recruiter" });
    const res = await post(target.id, { intent: "deactivate", confirm: "yes" }, recruiter.token);
    expect(res.status).toBe(403);
    expect(db.select().from(users).where(eq(users.id, target.id)).get()?.deactivatedAt).toBeNull();
  });
});

describe("the users list", () => {
  it("filters by role and status and ignores unknown filter values", async () => {
    const db = getDb();
    const gone = await createUser(db, { role: "recruiter", name: "Gone Recruiter" });
    expect((await post(gone.id, { intent: "deactivate", confirm: "yes" })).status).toBe(302);
    type Rows = { rows: Array<{ id: number; role: string; deactivatedAt: number | null }> };
    const recruiters = await call<Rows>(
      list.loader,
      getRequest("/admin/users?role=recruiter", { token: adminToken }),
    );
    expect(recruiters.data!.rows.length).toBeGreaterThan(0);
    expect(recruiters.data!.rows.every((r) => r.role === "recruiter")).toBe(true);
    const deactivated = await call<Rows>(
      list.loader,
      getRequest("/admin/users?status=deactivated", { token: adminToken }),
    );
    expect(deactivated.data!.rows.map((r) => r.id)).toContain(gone.id);
    expect(deactivated.data!.rows.every((r) => r.deactivatedAt !== null)).toBe(true);
    const junk = await call<Rows & { total: number }>(
      list.loader,
      getRequest("/admin/users?role=god&status=%27", { token: adminToken }),
    );
    expect(junk.status).toBe(200);
    const all = await call<{ total: number }>(
      list.loader,
      getRequest("/admin/users", { token: adminToken }),
    );
    expect(junk.data!.total).toBe(all.data!.total);
  });
});
