/**
 * Staff single sign-on against a real OpenID Connect provider
 * (tests/oidc-provider.ts, `oidc-provider` on a loopback port): the button
 * starts a code flow with PKCE, `state` and `nonce`; the callback signs a
 * staff account in and lands on /recruit; an unknown email, an unverified
 * one and a candidate's get no session; a wrong `state` and a replayed code
 * are refused; the groups claim sets the role; the provider's MFA satisfies
 * the staff two-factor rule; "Require single sign-on" refuses a staff
 * password but lets the break-glass admin in with password and code.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, externalIdentities, researcherAccounts, sessions, users } from "../../db/schema";
import { createLab, createResearcher, createUser, enrolTwoFactor } from "../../tests/builders";
import { signedIn } from "../../tests/fixtures";
import {
  authorize,
  startIdentityProvider,
  testClient,
  type IdentityProviderHandle,
} from "../../tests/oidc-provider";
import {
  call,
  contextFor,
  cookieToken,
  formErrors,
  getRequest,
  postForm,
} from "../../tests/requests";
import { twoFactorGate } from "~/auth/staff-sessions.server";
import { validateSessionToken } from "~/auth/session.server";
import { getDb, type DB } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import * as login from "./_auth.login";
import * as settingsPage from "./admin.settings.sign-in";
import * as start from "./auth.oidc";
import * as callback from "./auth.oidc_.callback";

let db: DB;
let idp: IdentityProviderHandle;
const CLIENT = testClient("atrium-staff", "http://localhost", "/auth/oidc/callback");
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  db = getDb();
  idp = await startIdentityProvider({
    clients: [CLIENT],
    accounts: {
      "staff-1": {
        claims: { email: "Rosa.Recruiter@Org.example", email_verified: true, name: "Rosa" },
        amr: ["pwd", "mfa"],
      },
      "staff-pwd": {
        claims: { email: "paul@org.example", email_verified: true, name: "Paul" },
        amr: ["pwd"],
      },
      stranger: { claims: { email: "stranger@org.example", email_verified: true } },
      unverified: { claims: { email: "uma@org.example", email_verified: false } },
      candidate: { claims: { email: "cand@org.example", email_verified: true } },
      "group-admin": {
        claims: { email: "gina@org.example", email_verified: true, groups: ["atrium-admins"] },
        amr: ["mfa"],
      },
      invited: {
        claims: { email: "ivo@org.example", email_verified: true, name: "Ivo Invited" },
        amr: ["mfa"],
      },
    },
  });
  Object.assign(process.env, {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT.client_id,
    OIDC_CLIENT_SECRET: CLIENT.client_secret,
    OIDC_DISPLAY_NAME: "Org Login",
    OIDC_ADMIN_GROUP: "atrium-admins",
  });
  reloadEnv();
});

afterAll(async () => {
  await idp.close();
});

/** Presses the button: the flow cookie and the provider's address. */
async function startSignIn(redirectTo = "/") {
  const res = await call(start.action, postForm("/auth/oidc", { redirectTo }));
  expect(res.status).toBe(302);
  const location = new URL(res.location!);
  expect(location.origin).toBe(idp.issuer);
  expect(location.searchParams.get("code_challenge_method")).toBe("S256");
  expect(location.searchParams.get("state")).toBeTruthy();
  expect(location.searchParams.get("nonce")).toBeTruthy();
  const flowCookie = /__Host-atrium_oidc=([a-z2-7]+)/.exec(res.headers.get("Set-Cookie")!)![1]!;
  return { authUrl: location.href, flowCookie };
}

function callbackRequest(url: URL, flowCookie: string) {
  return getRequest(`${url.pathname}${url.search}`, {
    headers: { Cookie: `__Host-atrium_oidc=${flowCookie}` },
  });
}

/** A whole sign-in as `account`: the callback's answer. */
async function signInAs(account: string, redirectTo = "/") {
  const { authUrl, flowCookie } = await startSignIn(redirectTo);
  idp.signInAs(account);
  const back = await authorize(idp.issuer, authUrl);
  expect(back.pathname).toBe("/auth/oidc/callback");
  return call(callback.loader, callbackRequest(back, flowCookie));
}

describe("staff single sign-on", () => {
  it("shows the button on the sign-in page with the provider's name", async () => {
    const res = await call<{ outside: { sso: string | null } }>(login.loader, getRequest("/login"));
    expect(res.data?.outside.sso).toBe("Org Login");
  });

  it("links an existing staff account by its verified email and lands on /recruit, two-factor satisfied by the provider", async () => {
    const staff = await createUser(db, { email: "rosa.recruiter@org.example", role: "recruiter" });
    const res = await signInAs("staff-1");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/recruit");
    const token = cookieToken(res.headers)!;
    const session = validateSessionToken(db, token)!;
    expect(session.user.id).toBe(staff.id);
    // The provider's "mfa" counts: the staff gate lets this session in without Atrium's code.
    expect(twoFactorGate(db, session.user, session.session.id)).toBe("ok");
    const link = db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.userId, staff.id))
      .get()!;
    expect(link).toMatchObject({ provider: "staff", issuer: idp.issuer, subject: "staff-1" });
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, staff.id))
      .all()
      .map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.sso_linked", "auth.sign_in"]));

    // The second time the link (iss + sub) finds the account, whatever the email says.
    db.update(users).set({ email: "renamed@org.example" }).where(eq(users.id, staff.id)).run();
    const again = await signInAs("staff-1");
    expect(validateSessionToken(db, cookieToken(again.headers)!)!.user.id).toBe(staff.id);
  });

  it("without the provider's MFA, staff still owe Atrium's own code", async () => {
    const staff = await createUser(db, { email: "paul@org.example", role: "recruiter" });
    enrolTwoFactor(db, staff.id);
    const res = await signInAs("staff-pwd");
    const session = validateSessionToken(db, cookieToken(res.headers)!)!;
    expect(twoFactorGate(db, session.user, session.session.id)).toBe("verify");

    // Once an admin deactivates the account, the provider's word no longer signs it in.
    db.update(users).set({ deactivatedAt: Date.now() }).where(eq(users.id, staff.id)).run();
    const refused = await signInAs("staff-pwd");
    expect(refused.status).toBe(403);
    expect(String(refused.data?.message)).toMatch(/deactivated/);
    expect(cookieToken(refused.headers)).toBeUndefined();
  });

  it("gives an unknown email no account, and an unverified or a candidate's email no session", async () => {
    const before = db.select({ id: users.id }).from(users).all().length;
    const unknown = await signInAs("stranger");
    expect(unknown.status).toBe(403);
    expect(String(unknown.data?.message)).toMatch(/no staff account/);
    expect(cookieToken(unknown.headers)).toBeUndefined();
    expect(db.select({ id: users.id }).from(users).all().length).toBe(before);

    const unverified = await signInAs("unverified");
    expect(unverified.status).toBe(403);
    expect(String(unverified.data?.message)).toMatch(/verified email/);

    // Anyone can sign up as a candidate with any address: SSO never takes such an account over.
    await createUser(db, { email: "cand@org.example", role: "candidate" });
    const candidate = await signInAs("candidate");
    expect(candidate.status).toBe(403);
    expect(cookieToken(candidate.headers)).toBeUndefined();
    const refused = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.action, "auth.sso_refused"))
      .all();
    expect(refused.length).toBeGreaterThanOrEqual(3);
  });

  it("creates and links the account of a researcher an admin invited", async () => {
    const researcher = createResearcher(db, { labId: createLab(db).id, name: "Ivo Invited" });
    db.insert(researcherAccounts)
      .values({
        researcherId: researcher.id,
        email: "ivo@org.example",
        inviteTokenHash: "x".repeat(64),
        inviteExpiresAt: Date.now() + 60_000,
      })
      .run();
    const res = await signInAs("invited");
    expect(res.status).toBe(302);
    const user = db.select().from(users).where(eq(users.email, "ivo@org.example")).get()!;
    expect(validateSessionToken(db, cookieToken(res.headers)!)!.user.id).toBe(user.id);
    const link = db
      .select()
      .from(researcherAccounts)
      .where(eq(researcherAccounts.researcherId, researcher.id))
      .get()!;
    expect(link.userId).toBe(user.id);
    expect(link.inviteTokenHash).toBeNull();
  });

  it("sets the role from the groups claim", async () => {
    const staff = await createUser(db, { email: "gina@org.example", role: "recruiter" });
    const res = await signInAs("group-admin");
    expect(res.location).toBe("/recruit");
    expect(db.select().from(users).where(eq(users.id, staff.id)).get()!.role).toBe("admin");
    const change = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "admin.role_changed"), eq(auditLog.subjectUserId, staff.id)))
      .get();
    expect(change).toBeDefined();
  });

  it("refuses a callback whose state is not the flow's, and a replayed code", async () => {
    await createUser(db, { email: "rosa2@org.example", role: "recruiter" });
    const { authUrl, flowCookie } = await startSignIn();
    idp.signInAs("staff-1");
    const back = await authorize(idp.issuer, authUrl);

    const forged = new URL(back);
    forged.searchParams.set("state", "not-the-state-we-sent");
    const wrongState = await call(callback.loader, callbackRequest(forged, flowCookie));
    expect(wrongState.status).toBe(400);
    expect(cookieToken(wrongState.headers)).toBeUndefined();

    // The flow was used up by that attempt: the genuine answer is refused as well now.
    const used = await call(callback.loader, callbackRequest(back, flowCookie));
    expect(used.status).toBe(400);
    expect(cookieToken(used.headers)).toBeUndefined();

    // A fresh flow, a good sign-in, then the same code again: refused.
    const second = await startSignIn();
    const back2 = await authorize(idp.issuer, second.authUrl);
    const ok = await call(callback.loader, callbackRequest(back2, second.flowCookie));
    expect(ok.status).toBe(302);
    const replay = await call(callback.loader, callbackRequest(back2, second.flowCookie));
    expect(replay.status).toBe(400);
    expect(cookieToken(replay.headers)).toBeUndefined();
    // …and under another browser's fresh flow the old code fails its state check.
    const third = await startSignIn();
    const replayElsewhere = await call(callback.loader, callbackRequest(back2, third.flowCookie));
    expect(replayElsewhere.status).toBe(400);
    // Without any flow cookie: nothing to match.
    const bare = await call(callback.loader, getRequest(`${back2.pathname}${back2.search}`));
    expect(bare.status).toBe(400);
  });
});

describe("starting sign-ins", () => {
  it("limits how many a network starts in an hour", async () => {
    const from = contextFor("198.51.100.9");
    for (let i = 0; i < 60; i++) {
      const res = await call(start.action, postForm("/auth/oidc", { redirectTo: "/" }), {}, from);
      expect(res.status).toBe(302);
    }
    const refused = await call(start.action, postForm("/auth/oidc", { redirectTo: "/" }), {}, from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBeTruthy();
  });
});

describe("Require single sign-on for staff", () => {
  it("refuses a staff password, lets the break-glass admin in with password and code, and audits both", async () => {
    const { user: admin, token: adminToken } = await signedIn(db, "admin", {
      email: "root@org.example",
      password: PASSWORD,
      passwordHash: undefined,
    });
    const recruiter = await createUser(db, { email: "rex@org.example", role: "recruiter" });
    enrolTwoFactor(db, recruiter.id);

    // Requiring it without a break-glass admin is refused, nothing stored.
    const refused = await call(
      settingsPage.action,
      postForm("/admin/settings/sign-in", { requireStaffSso: "on" }, { token: adminToken }),
    );
    expect(refused.status).toBe(400);
    expect(formErrors(refused).breakGlassUserId?.[0]).toMatch(/break-glass/);

    const saved = await call(
      settingsPage.action,
      postForm(
        "/admin/settings/sign-in",
        { requireStaffSso: "on", breakGlassUserId: String(admin.id) },
        { token: adminToken },
      ),
    );
    expect(saved.status).toBe(302);
    expect(
      db.select().from(auditLog).where(eq(auditLog.action, "settings.sign_in_changed")).get(),
    ).toBeDefined();

    const recruiterTry = await call(
      login.action,
      postForm("/login", { email: "rex@org.example", password: PASSWORD, redirectTo: "/" }),
    );
    expect(recruiterTry.status).toBe(403);
    expect(formErrors(recruiterTry)[""]?.[0] ?? JSON.stringify(recruiterTry.data)).toMatch(
      /single sign-on/,
    );
    expect(cookieToken(recruiterTry.headers)).toBeUndefined();
    expect(
      db
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, "auth.sso_required"), eq(auditLog.subjectUserId, recruiter.id)),
        )
        .get(),
    ).toBeDefined();

    // The break-glass admin: the password passes to the code step (no session yet), audited.
    const glass = await call(
      login.action,
      postForm("/login", { email: "root@org.example", password: PASSWORD, redirectTo: "/" }),
    );
    expect(glass.status).toBe(302);
    expect(glass.location).toMatch(/^\/login\/two-factor/);
    expect(cookieToken(glass.headers)).toBeUndefined();
    const audited = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.break_glass"))
      .orderBy(desc(auditLog.id))
      .get();
    expect(audited?.subjectUserId).toBe(admin.id);

    // Candidates keep their passwords.
    await createUser(db, { email: "carla@org.example", role: "candidate" });
    const candidate = await call(
      login.action,
      postForm("/login", { email: "carla@org.example", password: PASSWORD, redirectTo: "/" }),
    );
    expect(candidate.status).toBe(302);
    expect(cookieToken(candidate.headers)).toBeDefined();

    // And SSO still signs staff in.
    const sso = await signInAs("staff-1");
    expect(sso.status).toBe(302);
    expect(db.select().from(sessions).all().length).toBeGreaterThan(0);
  });
});
