/**
 * First run without demo data: the server prints one setup address while no
 * admin exists; /setup is a 404 without that token, with a wrong or expired
 * one, once used, and whenever any admin exists; with it, it creates the
 * admin (sent to its two-factor enrolment link, not signed in), names the organisation
 * and uses the token up. Only the token's hash is stored.
 */
import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, setupTokens, users } from "../../db/schema";
import { staffUser } from "../../tests/fixtures";
import { call, cookieToken, getRequest, postForm } from "../../tests/requests";
import { announceSetup, issueSetupToken, SETUP_TOKEN_LIFETIME_MS } from "~/auth/setup.server";
import { findEnrolmentLink } from "~/auth/enrolment.server";
import { getSettings } from "~/models/settings.server";
import { getDb, type DB } from "~/utils/db.server";
import * as setup from "./setup";

let db: DB;
const admins = () => db.select({ n: count() }).from(users).where(eq(users.role, "admin")).get()!.n;

beforeEach(() => {
  db = getDb();
  // Every test starts from a deployment without an admin.
  db.update(users).set({ role: "recruiter" }).where(eq(users.role, "admin")).run();
});

const form = (token: string, overrides: Record<string, string> = {}) => ({
  token,
  organisationName: "Harbour Institute",
  shortName: "Harbour",
  name: "Hana Admin",
  email: "Hana@Harbour.example",
  password: "tide tables and lanterns",
  confirmPassword: "tide tables and lanterns",
  ...overrides,
});

describe("first-run setup", () => {
  it("prints one line with the setup address while there is no admin, and none once there is one", async () => {
    const lines: string[] = [];
    announceSetup(db, { PUBLIC_ORIGIN: "https://careers.harbour.example/", PORT: 3000 }, (l) =>
      lines.push(l),
    );
    expect(lines).toHaveLength(1);
    const token = /https:\/\/careers\.harbour\.example\/setup\?token=([A-Za-z0-9_-]{43}) /.exec(
      lines[0],
    )?.[1];
    expect(token).toBeDefined();
    // Only its hash is kept.
    const stored = db.select().from(setupTokens).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].id).not.toContain(token!);
    expect(stored[0].id).toMatch(/^[0-9a-f]{64}$/);

    await staffUser(db, "admin");
    expect(issueSetupToken(db)).toBeNull();
    announceSetup(db, { PORT: 3000 }, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
  });

  it("is a 404 without the token, with a wrong or expired one, and while any admin exists", async () => {
    const now = Date.now();
    const token = issueSetupToken(db, now)!;
    for (const path of ["/setup", "/setup?token=", "/setup?token=wrong", `/setup?token=${token}x`])
      expect((await call(setup.loader as never, getRequest(path))).status, path).toBe(404);
    expect((await call(setup.loader as never, getRequest(`/setup?token=${token}`))).status).toBe(
      200,
    );
    // A posted form without the token, or with a wrong one, is the same 404 and creates nobody.
    for (const bad of ["", "wrong"])
      expect((await call(setup.action as never, postForm("/setup", form(bad)))).status).toBe(404);
    expect(admins()).toBe(0);

    const expired = issueSetupToken(db, now - SETUP_TOKEN_LIFETIME_MS - 1)!;
    expect((await call(setup.loader as never, getRequest(`/setup?token=${expired}`))).status).toBe(
      404,
    );

    const live = issueSetupToken(db)!;
    await staffUser(db, "admin");
    expect((await call(setup.loader as never, getRequest(`/setup?token=${live}`))).status).toBe(
      404,
    );
    expect((await call(setup.action as never, postForm("/setup", form(live)))).status).toBe(404);
  });

  it("creates the admin and the organisation's name once and hands over to the admin's enrolment link, signed out", async () => {
    const token = issueSetupToken(db)!;
    const weak = await call(
      setup.action as never,
      postForm("/setup", form(token, { password: "password", confirmPassword: "password" })),
    );
    expect(weak.status).toBe(400);
    expect(admins()).toBe(0);

    const res = await call(setup.action as never, postForm("/setup", form(token)));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/enrol\?token=[A-Za-z0-9_-]+$/);
    const admin = db.select().from(users).where(eq(users.email, "hana@harbour.example")).get()!;
    expect(admin).toMatchObject({ role: "admin", name: "Hana Admin" });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    // A staff account's first session comes with its authenticator, on the link's page.
    expect(cookieToken(res.headers)).toBeUndefined();
    const link = findEnrolmentLink(
      db,
      new URL(res.location!, "http://x").searchParams.get("token"),
    );
    expect(link).toMatchObject({ userId: admin.id, hasPassword: true });
    expect(getSettings(db)).toMatchObject({ name: "Harbour Institute", shortName: "Harbour" });
    expect(getSettings(db).aboutValues).toBe("");
    expect(
      db.select().from(auditLog).where(eq(auditLog.action, "setup.completed")).all(),
    ).toHaveLength(1);
    expect(db.select().from(setupTokens).all()).toEqual([]);

    // Gone once used.
    expect((await call(setup.loader as never, getRequest(`/setup?token=${token}`))).status).toBe(
      404,
    );
    expect(
      (await call(setup.action as never, postForm("/setup", form(token, { email: "b@x.example" }))))
        .status,
    ).toBe(404);
    expect(admins()).toBe(1);
  });
});
