import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  createArea,
  createLab,
  createOpening,
  createSessionFor,
  createUser,
  stagesOf,
} from "../../tests/builders";
import * as s from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { putLocalFile, storedFilePath } from "../../tests/uploads";
import { verifyPassword } from "~/auth/password.server";
import { validateSessionToken } from "~/auth/session.server";
import { answer, contextFor, formErrors, getRequest, postForm } from "../../tests/requests";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { findResetTokenUser } from "~/auth/reset.server";
import { verifyAuditChain } from "~/utils/audit-chain.server";
import { action, loader } from "./account._index/route";
import { action as loginAction } from "./_auth.login";
import { action as exportAction } from "./account.export";

const PASSWORD = "correct horse battery staple";

/** The tables whose rows mention `text` anywhere (every column, as text). */
function tablesHolding(text: string): string[] {
  const db = getDb();
  const tables = db.$client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE '__drizzle%'",
    )
    .all() as Array<{ name: string }>;
  return tables
    .map((t) => t.name)
    .filter((t) => {
      const rows = db.$client.prepare(`SELECT * FROM "${t}"`).all();
      return JSON.stringify(rows).toLowerCase().includes(text.toLowerCase());
    });
}
let user: { id: number; email: string };
let here: string;
let elsewhere: string;

beforeEach(async () => {
  const db = getDb();
  user = await createUser(db, { password: PASSWORD });
  here = createSessionFor(db, user.id);
  elsewhere = createSessionFor(db, user.id);
});

const post = (fields: Record<string, string | string[]>, token = here) =>
  answer(() =>
    action({ request: postForm("/account", fields, { token }), context: contextFor(), params: {} }),
  );

describe("/account", () => {
  it("sends anonymous visitors (page and .data) to sign in", async () => {
    for (const url of ["/account", "/account.data"]) {
      const res = await answer(() => loader({ request: getRequest(url), context: {}, params: {} }));
      expect(res.location).toBe("/login?redirectTo=%2Faccount");
    }
    const res = await answer(() =>
      action({
        request: postForm("/account", { intent: "sessions" }),
        context: contextFor(),
        params: {},
      }),
    );
    expect(res.location).toMatch(/^\/login/);
  });

  it("lists the sessions and marks this device", async () => {
    const res = await answer<{ sessions: Array<{ current: boolean }> }>(() =>
      loader({ request: getRequest("/account", { token: here }), context: {}, params: {} }),
    );
    expect(res.data?.sessions).toHaveLength(2);
    expect(res.data?.sessions.filter((x) => x.current)).toHaveLength(1);
    // A session idle for longer than the inactivity timeout is over: it is not listed.
    createSessionFor(getDb(), user.id, Date.now() - 8 * 24 * 60 * 60 * 1000);
    const again = await answer<{ sessions: unknown[] }>(() =>
      loader({ request: getRequest("/account", { token: here }), context: {}, params: {} }),
    );
    expect(again.data?.sessions).toHaveLength(2);
    expect(JSON.stringify(res.data)).not.toContain(here);
  });

  it("changes the name, with 400 for junk", async () => {
    expect((await post({ intent: "name", name: "Katherine Johnson" })).location).toBe(
      "/account?done=name",
    );
    expect(getDb().select().from(s.users).where(eq(s.users.id, user.id)).get()?.name).toBe(
      "Katherine Johnson",
    );
    const bad = await post({ intent: "name", name: "x".repeat(101) });
    expect(bad.status).toBe(400);
    expect(formErrors(bad).name).toBeDefined();
    expect((await post({ intent: ["name", "delete"], name: "Ok" })).status).toBe(400);
  });

  it("changes the password only with the current one, and signs out the other sessions", async () => {
    const wrong = await post({
      intent: "password",
      currentPassword: "nope nope",
      newPassword: "a brand new phrase",
      confirmPassword: "a brand new phrase",
    });
    expect(wrong.status).toBe(400);
    expect(formErrors(wrong).currentPassword?.[0]).toMatch(/incorrect/);
    const weak = await post({
      intent: "password",
      currentPassword: PASSWORD,
      newPassword: "qwerty123",
      confirmPassword: "qwerty123",
    });
    expect(formErrors(weak).newPassword?.[0]).toMatch(/most commonly used/);

    const ok = await post({
      intent: "password",
      currentPassword: PASSWORD,
      newPassword: "a brand new phrase",
      confirmPassword: "a brand new phrase",
    });
    expect(ok.location).toBe("/account?done=password");
    expect(validateSessionToken(getDb(), here)).not.toBeNull();
    expect(validateSessionToken(getDb(), elsewhere)).toBeNull();
    const row = getDb().select().from(s.users).where(eq(s.users.id, user.id)).get()!;
    expect(await verifyPassword(row.passwordHash, "a brand new phrase")).toBe(true);
  });

  it("signs out everywhere else", async () => {
    expect((await post({ intent: "sessions", currentPassword: PASSWORD })).location).toBe(
      "/account?done=sessions",
    );
    expect(validateSessionToken(getDb(), here)).not.toBeNull();
    expect(validateSessionToken(getDb(), elsewhere)).toBeNull();
  });

  it("asks for the current password before signing out everywhere else (ASVS 7.5.2)", async () => {
    const missing = await post({ intent: "sessions" });
    expect(missing.status).toBe(400);
    expect(formErrors(missing).currentPassword?.[0]).toMatch(/current password/);
    const wrong = await post({ intent: "sessions", currentPassword: "not the password" });
    expect(wrong.status).toBe(400);
    expect(formErrors(wrong).currentPassword?.[0]).toMatch(/incorrect/);
    expect(validateSessionToken(getDb(), elsewhere)).not.toBeNull();
    const audited = getDb()
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.action, "auth.password_check_failed"))
      .all();
    expect(audited.some((a) => a.actorUserId === user.id)).toBe(true);
    expect(JSON.stringify(audited)).not.toContain("not the password");
  });

  it("a reset link mailed before a password change stops working after it", async () => {
    requestPasswordReset(getDb(), user.email, { origin: "http://localhost", ip: "203.0.113.7" });
    const mail = getDb().select().from(s.outbox).where(eq(s.outbox.to, user.email)).all().at(-1)!;
    const token = /[?&]token=([a-z2-7]+)/.exec(mail.text)![1];
    expect(findResetTokenUser(getDb(), token)?.id).toBe(user.id);
    const ok = await post({
      intent: "password",
      currentPassword: PASSWORD,
      newPassword: "a brand new phrase",
      confirmPassword: "a brand new phrase",
    });
    expect(ok.location).toBe("/account?done=password");
    expect(findResetTokenUser(getDb(), token)).toBeNull();
    const changed = getDb()
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.action, "auth.password_changed"))
      .all()
      .at(-1);
    expect(changed?.detail).toMatchObject({ resetLinksRevoked: 1 });
  });

  it("deletes the account only with the current password, with its resumes, and signs out", async () => {
    const storageName = `${randomBytes(16).toString("hex")}.pdf`;
    putLocalFile(storageName, "%PDF");
    getDb()
      .insert(s.files)
      .values({
        ownerUserId: user.id,
        kind: "resume",
        storageName,
        originalName: "cv.pdf",
        contentType: "application/pdf",
        size: 4,
        sha256: "x",
      })
      .run();
    const wrong = await post({ intent: "delete", currentPassword: "wrong password" });
    expect(wrong.status).toBe(400);
    expect(getDb().select().from(s.users).where(eq(s.users.id, user.id)).get()).toBeDefined();
    const ok = await post({ intent: "delete", currentPassword: PASSWORD });
    expect(ok.location).toBe("/");
    expect(ok.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(getDb().select().from(s.users).where(eq(s.users.id, user.id)).get()).toBeUndefined();
    expect(
      getDb().select().from(s.files).where(eq(s.files.storageName, storageName)).get(),
    ).toBeUndefined();
    expect(fs.existsSync(storedFilePath(storageName))).toBe(false);
    expect(validateSessionToken(getDb(), here)).toBeNull();
    expect(validateSessionToken(getDb(), elsewhere)).toBeNull();
  });

  it("after deleting the account no table holds their email, and the audit chain still holds", async () => {
    const db = getDb();
    // Traces an account leaves: a reset link mailed, a failed sign-in, message counters.
    requestPasswordReset(db, user.email, { origin: "http://localhost", ip: "192.0.2.44" });
    await answer(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: "not the password" }),
        context: contextFor("192.0.2.45"),
        params: {},
      }),
    );
    expect(tablesHolding(user.email).length).toBeGreaterThan(2);
    const ok = await post({ intent: "delete", currentPassword: PASSWORD });
    expect(ok.location).toBe("/");
    expect(tablesHolding(user.email)).toEqual([]);
    // The audit rows about them stay, with their id, unedited.
    const rows = db.select().from(s.auditLog).where(eq(s.auditLog.subjectUserId, user.id)).all();
    expect(rows.length).toBeGreaterThan(0);
    expect(verifyAuditChain(db).ok).toBe(true);
    const deleted = db
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.action, "account.deleted"))
      .all()
      .at(-1)!;
    expect(deleted.detail).toMatchObject({ userId: user.id, messagesDeleted: 1 });
  });

  it("deleting the account also removes the reference letters and offer PDF of their applications, rows and files", async () => {
    const db = getDb();
    const opening = createOpening(db, { labId: createLab(db).id, areaIds: [createArea(db).id] });
    const [applied] = stagesOf(db, opening.id);
    const now = Date.now();
    const app = db
      .insert(s.applications)
      .values({
        openingId: opening.id,
        candidateId: user.id,
        stageId: applied.id,
        consentAt: now,
        stageEnteredAt: now,
        publicChangedAt: now,
      })
      .returning()
      .get();
    const storedPdf = (kind: "letter" | "offer") => {
      const storageName = `${randomBytes(16).toString("hex")}.pdf`;
      putLocalFile(storageName, `%PDF-1.4 ${kind}`);
      const file = db
        .insert(s.files)
        .values({
          ownerUserId: null,
          kind,
          storageName,
          originalName: `${kind}.pdf`,
          contentType: "application/pdf",
          size: 12,
          sha256: kind,
        })
        .returning()
        .get();
      return { file, path: storedFilePath(storageName) };
    };
    const letter = storedPdf("letter");
    const referee = db
      .insert(s.referees)
      .values({
        applicationId: app.id,
        name: "Prof Ref",
        email: "ref@referee.example",
        relationship: "Supervisor",
        status: "received",
        requestedAt: now,
      })
      .returning()
      .get();
    db.insert(s.referenceLetters)
      .values({ refereeId: referee.id, applicationId: app.id, fileId: letter.file.id })
      .run();
    const offerPdf = storedPdf("offer");
    db.insert(s.offers)
      .values({
        applicationId: app.id,
        title: "Postdoc",
        startDate: "2027-01-01",
        payKind: "salary",
        amount: 80000,
        currency: "CHF",
        payPeriod: "year",
        letter: "Welcome",
        pdfFileId: offerPdf.file.id,
        status: "sent",
        expiresAt: now + 86_400_000,
      })
      .run();

    const ok = await post({ intent: "delete", currentPassword: PASSWORD });
    expect(ok.location).toBe("/");
    for (const { file, path } of [letter, offerPdf]) {
      expect(db.select().from(s.files).where(eq(s.files.id, file.id)).get()).toBeUndefined();
      expect(fs.existsSync(path)).toBe(false);
    }
    expect(db.select().from(s.offers).where(eq(s.offers.applicationId, app.id)).all()).toEqual([]);
  });

  it("answers an unknown intent with 400", async () => {
    expect((await post({ intent: "make-me-admin" })).status).toBe(400);
  });
});

describe("/account/export", () => {
  it("downloads the person's own data with candidate-visible events only", async () => {
    const db = getDb();
    const lab = createLab(db);
    const opening = createOpening(db, {
      labId: lab.id,
      areaIds: [createArea(db).id],
      title: "Quantum Postdoc",
    });
    const [applied] = stagesOf(db, opening.id);
    const now = Date.now();
    const app = db
      .insert(s.applications)
      .values({
        openingId: opening.id,
        candidateId: user.id,
        stageId: applied.id,
        consentAt: now,
        stageEnteredAt: now,
        publicChangedAt: now,
        coverLetter: "Dear team",
      })
      .returning()
      .get();
    db.insert(s.applicationEvents)
      .values([
        {
          applicationId: app.id,
          at: now,
          type: "submitted",
          candidateVisible: true,
          publicStatus: "received",
        },
        {
          applicationId: app.id,
          at: now + 1,
          type: "note",
          candidateVisible: false,
          internalDetail: "STAFF ONLY: weak publication record",
        },
      ])
      .run();
    db.insert(s.notes).values({ applicationId: app.id, body: "PRIVATE NOTE" }).run();

    const res = await exportAction({
      request: postForm("/account/export", {}, { token: here }),
      context: contextFor(),
      params: {},
    });
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="atrium-account-\d+\.json"$/,
    );
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.account.email).toBe(user.email);
    expect(body.applications).toHaveLength(1);
    expect(body.applications[0]).toMatchObject({
      opening: "Quantum Postdoc",
      coverLetter: "Dear team",
      publicStatus: "received",
    });
    expect(body.applications[0].timeline).toHaveLength(1);
    expect(text).not.toContain("STAFF ONLY");
    expect(text).not.toContain("PRIVATE NOTE");
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("argon2");
  });

  it("carries the candidate's own publications and nothing of their reference letters", async () => {
    const db = getDb();
    const other = await createUser(db, { email: `other-${randomBytes(4).toString("hex")}@x.test` });
    db.insert(s.candidatePublications)
      .values([
        {
          userId: user.id,
          title: "My Own Paper on Ice",
          normTitle: "my own paper on ice",
          year: 2024,
        },
        { userId: other.id, title: "Somebody Else's Paper", normTitle: "somebody else s paper" },
      ])
      .run();
    const lab = createLab(db);
    const opening = createOpening(db, { labId: lab.id, title: "Fellowship with letters" });
    const [applied] = stagesOf(db, opening.id);
    const now = Date.now();
    const app = db
      .insert(s.applications)
      .values({
        openingId: opening.id,
        candidateId: user.id,
        stageId: applied.id,
        consentAt: now,
        stageEnteredAt: now,
        publicChangedAt: now,
      })
      .returning()
      .get();
    const referee = db
      .insert(s.referees)
      .values({
        applicationId: app.id,
        name: "Prof. Referee",
        email: "referee@x.test",
        relationship: "Supervisor",
        status: "received",
        requestedAt: now,
        receivedAt: now,
      })
      .returning()
      .get();
    const storageName = `${randomBytes(16).toString("hex")}.pdf`;
    const file = db
      .insert(s.files)
      .values({
        ownerUserId: null,
        kind: "letter",
        storageName,
        originalName: "SECRET-LETTER-NAME.pdf",
        contentType: "application/pdf",
        size: 10,
        sha256: "LETTERHASH",
      })
      .returning()
      .get();
    db.insert(s.referenceLetters)
      .values({ refereeId: referee.id, applicationId: app.id, fileId: file.id })
      .run();

    const res = await exportAction({
      request: postForm("/account/export", {}, { token: here }),
      context: contextFor(),
      params: {},
    });
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.publications).toEqual([
      expect.objectContaining({ title: "My Own Paper on Ice", year: 2024 }),
    ]);
    expect(text).not.toContain("Somebody Else");
    for (const secret of [storageName, "SECRET-LETTER-NAME", "LETTERHASH", '"letter"'])
      expect(text).not.toContain(secret);
  });

  it("is not available to anonymous visitors", async () => {
    const res = await answer(() =>
      exportAction({ request: postForm("/account/export", {}), context: contextFor(), params: {} }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/login/);
  });
});
