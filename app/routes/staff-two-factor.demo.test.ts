/**
 * In demo mode (ATRIUM_DEMO=1) the seeded demo staff accounts open staff
 * pages without two-factor authentication, so the two-command demo keeps
 * working; any other recruiter still has to enrol. (Outside demo mode even
 * the demo accounts must: staff-two-factor.test.ts.)
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSessionFor, createUser } from "../../tests/builders";
import { answer, getRequest } from "../../tests/requests";
import { getDb } from "~/utils/db.server";
import { loader as recruitLoader } from "./recruit._index";
import { loader as adminLoader } from "./admin._index";

vi.hoisted(() => {
  process.env.ATRIUM_DEMO = "1";
});

let demoRecruiter: string;
let demoAdmin: string;
let otherRecruiter: string;

beforeAll(async () => {
  const db = getDb();
  const hash = "x";
  const role = (r: "recruiter" | "admin", email?: string) =>
    createUser(db, { role: r, passwordHash: hash, ...(email ? { email } : {}) });
  demoRecruiter = createSessionFor(db, (await role("recruiter", "recruiter@atrium.test")).id);
  demoAdmin = createSessionFor(db, (await role("admin", "admin@atrium.test")).id);
  otherRecruiter = createSessionFor(db, (await role("recruiter")).id);
});

const visit = (load: (a: never) => unknown, path: string, token: string) =>
  answer(() => load({ request: getRequest(path, { token }), context: {}, params: {} } as never));

describe("demo mode", () => {
  it("lets the demo staff accounts in without two-factor authentication", async () => {
    expect((await visit(recruitLoader, "/recruit", demoRecruiter)).status).toBe(200);
    // /admin is the admin's overview.
    expect((await visit(adminLoader, "/admin", demoAdmin)).status).toBe(200);
  });

  it("still sends any other recruiter to enrol", async () => {
    const res = await visit(recruitLoader, "/recruit", otherRecruiter);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account/two-factor?redirectTo=%2Frecruit");
  });
});
