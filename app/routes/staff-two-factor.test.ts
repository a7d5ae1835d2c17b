/// <reference types="vite/client" />
/**
 * Staff pages need two-factor authentication, outside demo mode even for the
 * seeded demo staff accounts: every staff loader and action (also as a
 * `.data` request) sends a recruiter or admin without it to enrol, and one
 * whose session has not proved a code to the code page. Admins can end
 * another user's sessions. This file runs with ATRIUM_DEMO=0.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  createSessionFor,
  createUser,
  enrolTwoFactor,
  verifiedSessionFor,
} from "../../tests/builders";
import { applyTo, candidateUser, openingWithStages } from "../../tests/fixtures";
import {
  answer,
  call,
  contextFor,
  getRequest,
  postForm,
  type RouteFunction,
} from "../../tests/requests";
import { auditContext, auditLog, sessions } from "../../db/schema";
import { totpCodeAt, totpStep } from "~/auth/totp.server";
import { validateSessionToken } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { action as codeAction } from "./_auth.login_.two-factor";
import { loader as recruitLoader } from "./recruit._index";
import { action as endSessions, loader as sessionsLoader } from "./admin.users_.$id.sessions";

vi.hoisted(() => {
  process.env.ATRIUM_DEMO = "0";
});

const modules = import.meta.glob<{
  loader?: RouteFunction;
  action?: RouteFunction;
}>(
  [
    "./recruit*.{ts,tsx}",
    "./recruit*/route.tsx",
    "./admin*.{ts,tsx}",
    "./admin*/route.tsx",
    "!./**/*.test.ts",
  ],
  { eager: true },
);

let notEnrolled: string;
let demoRecruiter: string;
let unverified: string;
let unverifiedSecret: string;
let params: Record<string, string>;

beforeAll(async () => {
  const db = getDb();
  const { opening, stages } = openingWithStages(db);
  const cand = await candidateUser(db);
  const app = applyTo(db, { openingId: opening.id, candidateId: cand.id, stageId: stages[0].id });
  params = { id: String(app.id), slug: "x" };
  const hash = "$argon2id$v=19$m=19456,t=2,p=1$ZmFrZXNhbHQ$ZmFrZWhhc2g";
  const rec = await createUser(db, { role: "recruiter", passwordHash: hash });
  notEnrolled = createSessionFor(db, rec.id);
  const demo = await createUser(db, {
    email: "recruiter@atrium.test",
    role: "recruiter",
    passwordHash: hash,
  });
  demoRecruiter = createSessionFor(db, demo.id);
  const admin = await createUser(db, { role: "admin", passwordHash: hash });
  unverifiedSecret = enrolTwoFactor(db, admin.id);
  unverified = createSessionFor(db, admin.id);
});

const entries = Object.entries(modules);

describe("staff routes without two-factor authentication", () => {
  it("found the route modules", () => {
    expect(entries.length).toBeGreaterThanOrEqual(12);
  });

  for (const [file, mod] of entries) {
    for (const kind of ["loader", "action"] as const) {
      const fn = mod[kind];
      if (!fn) continue;
      const form = kind === "action" ? { intent: "move", item: "1:1", stageId: "1" } : undefined;
      const request = (path: string, token: string) =>
        form ? postForm(path, form, { token }) : getRequest(path, { token });

      it(`${file} ${kind} sends a recruiter who has not enrolled to enrol`, async () => {
        for (const path of ["/recruit/x", "/recruit/x.data"]) {
          for (const token of [notEnrolled, demoRecruiter]) {
            const res = await call(fn, request(path, token), params);
            // Admin-only routes refuse recruiters before the second factor matters.
            if (res.status === 403) continue;
            expect(res.status).toBe(302);
            expect(res.response?.headers.get("Location")).toBe(
              "/account/two-factor?redirectTo=%2Frecruit%2Fx",
            );
          }
        }
      });

      it(`${file} ${kind} sends an enrolled admin whose session has no code to the code page`, async () => {
        const res = await call(fn, request("/admin/x.data", unverified), params);
        expect(res.status).toBe(302);
        expect(res.response?.headers.get("Location")).toBe(
          "/login/two-factor?redirectTo=%2Fadmin%2Fx",
        );
      });
    }
  }
});

describe("step-up and ending sessions", () => {
  it("a code marks the signed-in session verified, and staff pages open", async () => {
    const wrong = await answer(() =>
      codeAction({
        request: postForm(
          "/login/two-factor",
          { code: "000000", redirectTo: "/recruit" },
          { token: unverified },
        ),
        context: contextFor(),
        params: {},
      }),
    );
    expect(wrong.status).toBe(400);
    const code = totpCodeAt(unverifiedSecret, totpStep(Date.now()));
    const ok = await answer(() =>
      codeAction({
        request: postForm(
          "/login/two-factor",
          { code, redirectTo: "/recruit" },
          { token: unverified },
        ),
        context: contextFor(),
        params: {},
      }),
    );
    expect(ok.location).toBe("/recruit");
    const page = await call(recruitLoader, getRequest("/recruit", { token: unverified }));
    expect(page.status).toBe(200);
  });

  it("an admin ends all sessions of another user: their token stops working, and it is audited", async () => {
    const db = getDb();
    const target = await createUser(db, { role: "recruiter", passwordHash: "x" });
    const targetToken = verifiedSessionFor(db, target.id);
    const otherToken = createSessionFor(db, target.id);
    const admin = await createUser(db, { role: "admin", passwordHash: "x" });
    const adminToken = verifiedSessionFor(db, admin.id);

    const recruiterTry = await answer(() =>
      endSessions({
        request: postForm(
          `/admin/users/${target.id}/sessions`,
          { intent: "end-sessions" },
          { token: targetToken },
        ),
        context: contextFor(),
        params: { id: String(target.id) },
      }),
    );
    expect(recruiterTry.status).toBe(403);

    const page = await answer<{ sessions: number }>(() =>
      sessionsLoader({
        request: getRequest(`/admin/users/${target.id}/sessions`, { token: adminToken }),
        context: {},
        params: { id: String(target.id) },
      }),
    );
    expect(page.data?.sessions).toBe(2);

    const res = await answer(() =>
      endSessions({
        request: postForm(
          `/admin/users/${target.id}/sessions`,
          { intent: "end-sessions" },
          { token: adminToken },
        ),
        context: contextFor("198.51.100.9"),
        params: { id: String(target.id) },
      }),
    );
    expect(res.status).toBe(302);
    expect(validateSessionToken(getDb(), targetToken)).toBeNull();
    expect(validateSessionToken(getDb(), otherToken)).toBeNull();
    expect(validateSessionToken(getDb(), adminToken)?.user.id).toBe(admin.id);
    expect(db.select().from(sessions).where(eq(sessions.userId, target.id)).all()).toHaveLength(0);
    const row = db.select().from(auditLog).where(eq(auditLog.action, "admin.sessions_ended")).get();
    expect(row).toMatchObject({
      actorUserId: admin.id,
      subjectUserId: target.id,
      detail: { sessions: 2 },
    });
    // The address sits beside the hash-chained row, where retention can remove it.
    const context = db.select().from(auditContext).where(eq(auditContext.auditId, row!.id)).get();
    expect(context?.ip).toBe("198.51.100.9");

    const missing = await answer(() =>
      endSessions({
        request: postForm(
          `/admin/users/999999/sessions`,
          { intent: "end-sessions" },
          { token: adminToken },
        ),
        context: contextFor(),
        params: { id: "999999" },
      }),
    );
    expect(missing.status).toBe(404);
  });
});
