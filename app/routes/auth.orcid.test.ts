/**
 * Sign in with ORCID against a real OpenID Connect provider standing in for
 * ORCID (tests/oidc-provider.ts) with an iD-only identity, as ORCID gives:
 * no email claim. The first sign-in asks for an address and mails a link;
 * the account exists only once the link is opened in the same browser; the
 * next sign-in goes straight in. A signed-in candidate links and unlinks an
 * iD from /account; a staff account's address is refused.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, externalIdentities, outbox, users } from "../../db/schema";
import { createUser } from "../../tests/builders";
import { applyTo, openingWithStages, signedIn } from "../../tests/fixtures";
import {
  authorize,
  startIdentityProvider,
  testClient,
  type IdentityProviderHandle,
} from "../../tests/oidc-provider";
import { call, cookieToken, formErrors, getRequest, postForm } from "../../tests/requests";
import { exportAccount } from "~/auth/account.server";
import { NO_PASSWORD } from "~/auth/password.server";
import { SESSION_COOKIE, validateSessionToken } from "~/auth/session.server";
import { getDb, type DB } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import { getBrand } from "~/utils/site";
import * as accountPage from "./account._index/route";
import * as profilePage from "./account.profile";
import * as start from "./auth.orcid";
import * as callback from "./auth.orcid_.callback";
import * as emailPage from "./auth.orcid_.email";
import * as verify from "./auth.orcid_.verify";
import * as review from "./recruit.applications.$id/route";

let db: DB;
let orcid: IdentityProviderHandle;
const CLIENT = testClient("APP-TESTORCID", "http://localhost", "/auth/orcid/callback");
const JOSIAH = "0000-0002-1825-0097";
const SECOND = "0000-0001-5109-3700";
const THIRD = "0000-0002-9079-593X";

beforeAll(async () => {
  db = getDb();
  orcid = await startIdentityProvider({
    clients: [CLIENT],
    accounts: {
      // What ORCID's OpenID Connect gives: the iD as the subject and the public name; no email.
      [JOSIAH]: { claims: { given_name: "Josiah", family_name: "Carberry" } },
      [SECOND]: { claims: { given_name: "Sofia", family_name: "Second" } },
      [THIRD]: { claims: { given_name: "Stan", family_name: "Staff" } },
    },
  });
  Object.assign(process.env, {
    ORCID_ISSUER: orcid.issuer,
    ORCID_CLIENT_ID: CLIENT.client_id,
    ORCID_CLIENT_SECRET: CLIENT.client_secret,
  });
  reloadEnv();
});

afterAll(async () => {
  await orcid.close();
});

/** The browser's cookies, as one header. */
const cookies = (jar: Record<string, string | undefined>) =>
  Object.entries(jar)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** Presses "Sign in with ORCID" (or "Link" with `session`) and comes back from ORCID as `iD`. */
async function throughOrcid(iD: string, form: Record<string, string>, session?: string) {
  const res = await call(start.action, postForm("/auth/orcid", form, { token: session }));
  expect(res.status).toBe(302);
  const flow = /__Host-atrium_oidc=([a-z2-7]+)/.exec(res.headers.get("Set-Cookie")!)![1]!;
  orcid.signInAs(iD);
  const back = await authorize(orcid.issuer, res.location!);
  expect(back.pathname).toBe("/auth/orcid/callback");
  return call(
    callback.loader,
    getRequest(`${back.pathname}${back.search}`, {
      headers: { Cookie: cookies({ "__Host-atrium_oidc": flow, [SESSION_COOKIE]: session }) },
    }),
  );
}

describe("Sign in with ORCID", () => {
  it("asks an iD-only identity for an email, verifies it by a link in the same browser, then creates the account", async () => {
    const before = db.select({ id: users.id }).from(users).all().length;
    const back = await throughOrcid(JOSIAH, {
      intent: "sign-in",
      redirectTo: "/careers/some-role/apply",
    });
    expect(back.status).toBe(302);
    expect(back.location).toBe("/auth/orcid/email");
    expect(cookieToken(back.headers)).toBeUndefined();
    const signUp = /__Host-atrium_orcid=([a-z2-7]+)/.exec(back.headers.get("Set-Cookie")!)![1]!;
    const browser = { Cookie: `__Host-atrium_orcid=${signUp}` };

    // The page shows the authenticated iD and the name ORCID gave; no account yet.
    const page = await call<{ pending: { orcid: string; name: string } }>(
      emailPage.loader,
      getRequest("/auth/orcid/email", { headers: browser }),
    );
    expect(page.data?.pending).toMatchObject({ orcid: JOSIAH, name: "Josiah Carberry" });
    expect(db.select({ id: users.id }).from(users).all().length).toBe(before);

    // A bad address is a form error; nothing is sent.
    const bad = await call(
      emailPage.action,
      postForm(
        "/auth/orcid/email",
        { name: "Josiah Carberry", email: "nope" },
        { headers: browser },
      ),
    );
    expect(bad.status).toBe(400);
    expect(formErrors(bad).email).toBeDefined();

    const sent = await call(
      emailPage.action,
      postForm(
        "/auth/orcid/email",
        { name: "Josiah Carberry", email: "Josiah@Example.org" },
        { headers: browser },
      ),
    );
    expect(sent.status).toBe(302);
    expect(sent.location).toBe("/auth/orcid/email?sent=1");
    expect(db.select({ id: users.id }).from(users).all().length).toBe(before);

    const mail = db.select().from(outbox).orderBy(desc(outbox.id)).get()!;
    expect(mail.kind).toBe("account.orcidEmailVerification");
    expect(mail.to).toBe("josiah@example.org");
    expect(mail.text).toContain(JOSIAH);
    expect(mail.subject).toContain(getBrand().name);
    const token = /\/auth\/orcid\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

    // Opened in another browser (no sign-up cookie): refused, nothing created.
    const elsewhere = await call(verify.loader, getRequest(`/auth/orcid/verify?token=${token}`));
    expect(elsewhere.status).toBe(400);
    const elsewherePost = await call(
      verify.action,
      postForm(`/auth/orcid/verify?token=${token}`, {}),
    );
    expect(elsewherePost.status).toBe(400);
    expect(db.select({ id: users.id }).from(users).all().length).toBe(before);

    // In the same browser: the page asks to confirm; the button creates and signs in.
    const confirm = await call<{ check: { email: string; existing: boolean } }>(
      verify.loader,
      getRequest(`/auth/orcid/verify?token=${token}`, { headers: browser }),
    );
    expect(confirm.data?.check).toMatchObject({ email: "josiah@example.org", existing: false });
    const done = await call(
      verify.action,
      postForm(`/auth/orcid/verify?token=${token}`, {}, { headers: browser }),
    );
    expect(done.status).toBe(302);
    expect(done.location).toBe("/careers/some-role/apply");
    const session = validateSessionToken(db, cookieToken(done.headers)!)!;
    const user = db.select().from(users).where(eq(users.id, session.user.id)).get()!;
    expect(user).toMatchObject({
      email: "josiah@example.org",
      name: "Josiah Carberry",
      role: "candidate",
      passwordHash: NO_PASSWORD,
    });
    const link = db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.userId, user.id))
      .get()!;
    expect(link).toMatchObject({ provider: "orcid", subject: JOSIAH, issuer: orcid.issuer });

    // The link is used up.
    const again = await call(
      verify.action,
      postForm(`/auth/orcid/verify?token=${token}`, {}, { headers: browser }),
    );
    expect(again.status).toBe(400);

    // Next time the iD signs straight in.
    const next = await throughOrcid(JOSIAH, { intent: "sign-in", redirectTo: "/" });
    expect(next.status).toBe(302);
    expect(next.location).toBe("/");
    expect(validateSessionToken(db, cookieToken(next.headers)!)!.user.id).toBe(user.id);
  });

  it("links and unlinks an iD from /account, and never signs a staff account in", async () => {
    const { user, token } = await signedIn(db, "candidate");
    const linked = await throughOrcid(SECOND, { intent: "link" }, token);
    expect(linked.status).toBe(302);
    expect(linked.location).toBe("/account?orcid=linked");
    expect(
      db
        .select()
        .from(externalIdentities)
        .where(and(eq(externalIdentities.userId, user.id), eq(externalIdentities.subject, SECOND)))
        .get(),
    ).toBeDefined();

    // /account and the profile show it as authenticated; the profile's ORCID field is filled.
    const account = await call<{ orcid: { linked: string | null } }>(
      accountPage.loader,
      getRequest("/account", { token }),
    );
    expect(account.data?.orcid.linked).toBe(SECOND);
    const profile = await call<{ authenticatedOrcid: string; values: { orcid: string } }>(
      profilePage.loader,
      getRequest("/account/profile", { token }),
    );
    expect(profile.data).toMatchObject({ authenticatedOrcid: SECOND, values: { orcid: SECOND } });

    // The hiring team's review shows the iD as authenticated.
    const { opening, stages } = openingWithStages(db);
    const app = applyTo(db, {
      openingId: opening.id,
      candidateId: user.id,
      stageId: stages[0]!.id,
    });
    const recruiter = await signedIn(db, "recruiter");
    const reviewed = await call<{ authenticatedOrcid: string | null }>(
      review.loader,
      getRequest(`/recruit/applications/${app.id}`, { token: recruiter.token }),
      { id: String(app.id) },
    );
    expect(reviewed.data?.authenticatedOrcid).toBe(SECOND);

    // The data export lists the link.
    expect(exportAccount(db, user.id).linkedIdentities).toEqual([
      expect.objectContaining({ provider: "orcid", subject: SECOND }),
    ]);

    // Someone else's iD cannot be linked a second time.
    const other = await signedIn(db, "candidate");
    const taken = await throughOrcid(SECOND, { intent: "link" }, other.token);
    expect(taken.status).toBe(409);

    const unlinked = await call(
      start.action,
      postForm("/auth/orcid", { intent: "unlink" }, { token }),
    );
    expect(unlinked.location).toBe("/account?orcid=unlinked");
    expect(
      db.select().from(externalIdentities).where(eq(externalIdentities.userId, user.id)).get(),
    ).toBeUndefined();
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, user.id))
      .all()
      .map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.orcid_linked", "auth.orcid_unlinked"]));

    // A staff address typed at the ORCID sign-up is refused when confirming.
    await createUser(db, { email: "stan@org.example", role: "recruiter" });
    const back = await throughOrcid(THIRD, { intent: "sign-in", redirectTo: "/" });
    const signUp = /__Host-atrium_orcid=([a-z2-7]+)/.exec(back.headers.get("Set-Cookie")!)![1]!;
    const browser = { Cookie: `__Host-atrium_orcid=${signUp}` };
    await call(
      emailPage.action,
      postForm(
        "/auth/orcid/email",
        { name: "Stan", email: "stan@org.example" },
        { headers: browser },
      ),
    );
    const mail = db.select().from(outbox).orderBy(desc(outbox.id)).get()!;
    const verifyToken = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const refused = await call(
      verify.action,
      postForm(`/auth/orcid/verify?token=${verifyToken}`, {}, { headers: browser }),
    );
    expect(refused.status).toBe(409);
    expect(cookieToken(refused.headers)).toBeUndefined();
  });
});
