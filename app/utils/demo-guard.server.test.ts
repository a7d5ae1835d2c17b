import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { FAKE_HASH } from "../../tests/fixtures";
import { createUser } from "../../tests/builders";
import { getDb } from "./db.server";
import { DEMO_EMAILS, getDemoStartupProblem, isLocalOrigin } from "./demo-guard.server";
import { parseEnv } from "./env.server";

const PUBLIC = "https://careers.example.org";

describe("the start-up check against published demo accounts", () => {
  it("knows exactly the accounts the demo seed creates", () => {
    expect([...DEMO_EMAILS].sort()).toEqual(
      Object.values(DEMO_ACCOUNTS)
        .map((a) => a.email)
        .sort(),
    );
  });

  it("tells an explicit ATRIUM_DEMO=1 from the default", () => {
    expect(parseEnv({}).ATRIUM_DEMO_EXPLICIT).toBe(false);
    expect(parseEnv({}).ATRIUM_DEMO).toBe("1");
    expect(parseEnv({ ATRIUM_DEMO: "1" }).ATRIUM_DEMO_EXPLICIT).toBe(true);
    expect(parseEnv({ ATRIUM_DEMO: "0" }).ATRIUM_DEMO_EXPLICIT).toBe(false);
  });

  it("treats loopback origins as local and anything else as public", () => {
    for (const o of [undefined, "http://localhost:3000", "http://127.0.0.1:3500", "http://[::1]"])
      expect(isLocalOrigin(o)).toBe(true);
    for (const o of [PUBLIC, "http://10.0.0.5", "https://localhost.example.org"])
      expect(isLocalOrigin(o)).toBe(false);
  });

  it("refuses a public origin with demo accounts unless demo mode is explicit, on a real database", async () => {
    const db = getDb();
    const env = (vars: Record<string, string | undefined>) => parseEnv(vars);

    // No demo accounts: any configuration starts.
    await createUser(db, { email: "someone@example.org", passwordHash: FAKE_HASH, role: "admin" });
    expect(getDemoStartupProblem(db, env({ PUBLIC_ORIGIN: PUBLIC }))).toBeNull();

    const admin = await createUser(db, {
      email: "admin@atrium.test",
      passwordHash: FAKE_HASH,
      role: "admin",
    });
    // Local runs (the two-command demo) and an explicit demo still start.
    expect(getDemoStartupProblem(db, env({}))).toBeNull();
    expect(getDemoStartupProblem(db, env({ PUBLIC_ORIGIN: "http://localhost:3000" }))).toBeNull();
    expect(getDemoStartupProblem(db, env({ PUBLIC_ORIGIN: PUBLIC, ATRIUM_DEMO: "1" }))).toBeNull();

    // A public origin with the demo defaulted, or switched off but demo rows present: refused.
    for (const vars of [{ PUBLIC_ORIGIN: PUBLIC }, { PUBLIC_ORIGIN: PUBLIC, ATRIUM_DEMO: "0" }]) {
      const problem = getDemoStartupProblem(db, env(vars));
      expect(problem).toContain("Refusing to start");
      expect(problem).toContain("admin@atrium.test");
      expect(problem).toContain("ATRIUM_DEMO=0");
      expect(problem).toContain("npm run create-admin");
      expect(problem).toContain("ATRIUM_DEMO=1");
    }

    db.delete(users).where(eq(users.id, admin.id)).run();
    expect(getDemoStartupProblem(db, env({ PUBLIC_ORIGIN: PUBLIC }))).toBeNull();
  });
});
