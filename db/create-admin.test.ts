import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "~/utils/db.server";
import { verifyPassword } from "~/auth/password.server";
import { createUser } from "../tests/builders";
import { runCreateAdmin } from "./create-admin";
import { auditLog, users } from "./schema";

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

describe("create-admin", () => {
  test("creates an admin with a generated password printed once, and audits it without the password", async () => {
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
    expect(user).toMatchObject({ role: "admin", name: "First Admin" });
    const printed = run.out.join("\n").match(/^\s{2}(\S{24})$/m)?.[1];
    expect(printed).toBeDefined();
    expect(await verifyPassword(user.passwordHash, printed!)).toBe(true);
    const rows = getDb().select().from(auditLog).where(eq(auditLog.subjectUserId, user.id)).all();
    expect(rows.map((r) => r.action)).toEqual(["admin.created"]);
    expect(JSON.stringify(rows)).not.toContain(printed!);
  });

  test("promotes an existing user, keeping their password, and records the role change", async () => {
    const existing = await createUser(getDb(), {
      email: "promote.me@example.org",
      role: "recruiter",
    });
    const run = io();
    expect(
      await runCreateAdmin(
        ["--email", "promote.me@example.org", "--password", "ignored-but-valid-1"],
        run.io,
      ),
    ).toBe(0);
    const user = getDb().select().from(users).where(eq(users.id, existing.id)).get()!;
    expect(user.role).toBe("admin");
    expect(user.passwordHash).toBe(existing.passwordHash);
    const rows = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectUserId, existing.id))
      .all();
    expect(rows).toMatchObject([
      { action: "admin.role_changed", detail: { from: "recruiter", to: "admin" } },
    ]);
  });

  test.each([
    [["--email", "not-an-email"], /--email/],
    [[], /--email/],
    [["--email", "x@example.org", "--password", "short"], /at least 8/],
    [["--email", "x@example.org", "--password", "a".repeat(129)], /at most 128/],
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
