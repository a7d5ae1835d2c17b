import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "~/utils/db.server";
import { NO_PASSWORD, verifyPassword } from "~/auth/password.server";
import { findEnrolmentLink } from "~/auth/enrolment.server";
import { createUser, enrolTwoFactor } from "../tests/builders";
import { runCreateAdmin } from "./create-admin";
import { auditLog, totpCredentials, users } from "./schema";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      db: getDb(),
      log: (m: string) => void out.push(m),
      error: (m: string) => void err.push(m),
    },
  };
}

/** The enrolment link's token printed by the command. */
const printedToken = (out: string[]) =>
  /^\s{2}http:\/\/localhost:\d+\/enrol\?token=([a-z2-7]{52})$/m.exec(out.join("\n"))?.[1];

describe("create-admin", () => {
  test("creates an admin with no password and prints an enrolment link, never a password", async () => {
    const run = io();
    expect(
      await runCreateAdmin(
        ["--email", " First.Admin@Example.org ", "--name", "First Admin"],
        run.io,
      ),
    ).toBe(0);
    const user = getDb()
      .select()
      .from(users)
      .where(eq(users.email, "first.admin@example.org"))
      .get()!;
    expect(user).toMatchObject({ role: "admin", name: "First Admin", passwordHash: NO_PASSWORD });
    // No password works until the link sets one.
    for (const guess of ["", NO_PASSWORD, "password"])
      expect(await verifyPassword(user.passwordHash, guess)).toBe(false);
    const token = printedToken(run.out);
    expect(token).toBeDefined();
    expect(run.out.join("\n")).toMatch(/choose a password and set up two-factor authentication/);
    expect(findEnrolmentLink(getDb(), token)).toMatchObject({
      userId: user.id,
      hasPassword: false,
    });
    const rows = getDb().select().from(auditLog).where(eq(auditLog.subjectUserId, user.id)).all();
    expect(rows.map((r) => r.action)).toEqual(["admin.created", "mfa.enrolment_link_issued"]);
    expect(JSON.stringify(rows)).not.toContain(token!);
  });

  test("promotes a candidate, keeping their password, and resets the authenticator they bound themselves", async () => {
    const existing = await createUser(getDb(), {
      email: "promote.me@example.org",
      role: "candidate",
    });
    enrolTwoFactor(getDb(), existing.id);
    const run = io();
    expect(await runCreateAdmin(["--email", "promote.me@example.org"], run.io)).toBe(0);
    const user = getDb().select().from(users).where(eq(users.id, existing.id)).get()!;
    expect(user.role).toBe("admin");
    expect(user.passwordHash).toBe(existing.passwordHash);
    expect(
      getDb().select().from(totpCredentials).where(eq(totpCredentials.userId, existing.id)).get(),
    ).toBeUndefined();
    expect(findEnrolmentLink(getDb(), printedToken(run.out))).toMatchObject({
      userId: existing.id,
      hasPassword: true,
    });
    const rows = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectUserId, existing.id))
      .all();
    expect(rows).toMatchObject([
      {
        action: "admin.role_changed",
        detail: { from: "candidate", to: "admin", twoFactorReset: true },
      },
      { action: "mfa.enrolment_link_issued" },
    ]);
  });

  test("gives an existing admin a new link; the earlier one stops working", async () => {
    const first = io();
    expect(await runCreateAdmin(["--email", "again@example.org"], first.io)).toBe(0);
    const second = io();
    expect(await runCreateAdmin(["--email", "again@example.org"], second.io)).toBe(0);
    expect(second.out.join("\n")).toMatch(/already an admin/);
    expect(findEnrolmentLink(getDb(), printedToken(first.out))).toBeNull();
    expect(findEnrolmentLink(getDb(), printedToken(second.out))).not.toBeNull();
  });

  test.each([
    [["--email", "not-an-email"], /--email/],
    [[], /--email/],
    [["--email", "x@example.org", "--password", "long enough password"], /There is no --password/],
    [["--email", "x@example.org", "--name", "Visit evil.example"], /web address/],
    [["--email", "x@example.org", "--role", "admin"], /Unknown option/],
  ])("refuses bad input %j with a clear message and exit code 1", async (argv, message) => {
    const run = io();
    expect(await runCreateAdmin(argv, run.io)).toBe(1);
    expect(run.err.join("\n")).toMatch(message);
    expect(
      getDb().select().from(users).where(eq(users.email, "x@example.org")).get(),
    ).toBeUndefined();
  });
});
