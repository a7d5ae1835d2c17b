/**
 * Researchers and accounts: an admin puts a staff-only email on a profile
 * and sends an invitation (through the email pipeline); the link creates the
 * account or links the existing one with that email, once; someone signed in
 * with another address cannot take it; the people list shows the link, and a
 * new staff email undoes it. Roles stay as they are.
 */
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, outbox, researcherAccounts, users } from "../../db/schema";
import { createLab, createResearcher } from "../../tests/builders";
import { signedIn } from "../../tests/fixtures";
import { call, cookieToken, getRequest, postForm } from "../../tests/requests";
import { validateSessionToken } from "~/auth/session.server";
import { getDb, type DB } from "~/utils/db.server";
import * as edit from "./admin.people.$id";
import * as list from "./admin.people._index";
import * as invitation from "./invitation";

let db: DB;
let adminToken: string;
let labId: number;

beforeAll(async () => {
  db = getDb();
  adminToken = (await signedIn(db, "admin", { name: "Priya Admin" })).token;
  labId = createLab(db).id;
});

function saveProfile(id: number, name: string, staffEmail: string) {
  return call(
    edit.action as never,
    postForm(
      `/admin/people/${id}`,
      {
        intent: "save",
        name,
        title: "Research scientist",
        labId: String(labId),
        status: "current",
        staffEmail,
      },
      { token: adminToken },
    ),
    { id: String(id) },
  );
}

async function invite(id: number): Promise<string> {
  const res = await call(
    edit.action as never,
    postForm(`/admin/people/${id}`, { intent: "invite" }, { token: adminToken }),
    { id: String(id) },
  );
  expect(res.status).toBe(302);
  const mail = db.select().from(outbox).orderBy(desc(outbox.id)).get()!;
  expect(mail.kind).toBe("account.researcherInvitation");
  const token = /\/invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  expect(token).toBeDefined();
  expect(mail.html).toContain(`/invitation?token=${token}`);
  return token!;
}

const stateOf = async (token: string, sessionToken?: string) =>
  await call<{ state: string }>(
    invitation.loader as never,
    getRequest(`/invitation?token=${token}`, { token: sessionToken }),
  );

describe("researcher invitations", () => {
  it("invites by the staff email; the link creates the account, links it and signs in, once", async () => {
    const r = createResearcher(db, { labId, name: "Iris Ocean" });
    expect((await saveProfile(r.id, "Iris Ocean", "Iris@Lab.example")).status).toBe(302);
    // Without a staff email there is nothing to invite.
    const bare = createResearcher(db, { labId });
    const refused = await call(
      edit.action as never,
      postForm(`/admin/people/${bare.id}`, { intent: "invite" }, { token: adminToken }),
      { id: String(bare.id) },
    );
    expect(refused.status).toBe(400);

    const token = await invite(r.id);
    const mail = db.select().from(outbox).orderBy(desc(outbox.id)).get()!;
    expect(mail.to).toBe("iris@lab.example");
    expect(mail.subject).toBe("Link your Northlight Research profile to an account");
    expect(mail.text).toContain("Priya Admin invited you");

    expect((await stateOf(token)).data?.state).toBe("create");
    const res = await call(
      invitation.action as never,
      postForm("/invitation", {
        intent: "create",
        token,
        name: "Iris Ocean",
        password: "harbour lights at dusk",
        confirmPassword: "harbour lights at dusk",
      }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/invitation?done=${r.id}`);
    const user = db.select().from(users).where(eq(users.email, "iris@lab.example")).get()!;
    expect(user.role).toBe("candidate");
    expect(validateSessionToken(db, cookieToken(res.headers)!)?.user.id).toBe(user.id);
    expect(
      db.select().from(researcherAccounts).where(eq(researcherAccounts.researcherId, r.id)).get(),
    ).toMatchObject({
      userId: user.id,
      inviteTokenHash: null,
    });
    expect(
      db.select().from(auditLog).where(eq(auditLog.action, "directory.researcher_linked")).all(),
    ).toHaveLength(1);

    // Used up: the same link is gone, and posting it again creates nothing.
    const again = await stateOf(token);
    expect(again.status).toBe(410);
    expect(again.data?.state).toBe("invalid");
    const replay = await call(
      invitation.action as never,
      postForm("/invitation", {
        intent: "create",
        token,
        name: "Mallory",
        password: "harbour lights at dusk",
        confirmPassword: "harbour lights at dusk",
      }),
    );
    expect(replay.status).toBe(302);
    expect(db.select().from(users).where(eq(users.name, "Mallory")).get()).toBeUndefined();

    const people = await call<{ people: Array<{ id: number; accountState: string }> }>(
      list.loader as never,
      getRequest("/admin/people?q=Iris", { token: adminToken }),
    );
    expect(people.data!.people.find((p) => p.id === r.id)?.accountState).toBe("linked");
  });

  it("links an existing account only when it is the one with the invitation's email", async () => {
    const owner = await signedIn(db, "recruiter", { email: "omar@lab.example", name: "Omar Reef" });
    const stranger = await signedIn(db, "candidate", { email: "someone@else.example" });
    const r = createResearcher(db, { labId, name: "Omar Reef" });
    await saveProfile(r.id, "Omar Reef", "omar@lab.example");
    const token = await invite(r.id);

    expect((await stateOf(token)).data?.state).toBe("sign_in");
    expect((await stateOf(token, stranger.token)).data?.state).toBe("other_account");
    const taken = await call(
      invitation.action as never,
      postForm("/invitation", { intent: "link", token }, { token: stranger.token }),
    );
    expect(taken.status).toBe(302);
    expect(
      db.select().from(researcherAccounts).where(eq(researcherAccounts.researcherId, r.id)).get()
        ?.userId,
    ).toBeNull();

    expect((await stateOf(token, owner.token)).data?.state).toBe("confirm");
    const linked = await call(
      invitation.action as never,
      postForm("/invitation", { intent: "link", token }, { token: owner.token }),
    );
    expect(linked.location).toBe(`/invitation?done=${r.id}`);
    const account = db
      .select()
      .from(researcherAccounts)
      .where(eq(researcherAccounts.researcherId, r.id))
      .get();
    expect(account?.userId).toBe(owner.user.id);
    // The role stays what it was.
    expect(db.select().from(users).where(eq(users.id, owner.user.id)).get()?.role).toBe(
      "recruiter",
    );

    // A new staff email undoes the link (it was made for the old address), audited.
    await saveProfile(r.id, "Omar Reef", "omar.reef@lab.example");
    expect(
      db.select().from(researcherAccounts).where(eq(researcherAccounts.researcherId, r.id)).get(),
    ).toMatchObject({
      email: "omar.reef@lab.example",
      userId: null,
    });
    const changed = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "directory.account_email_changed"))
      .orderBy(desc(auditLog.id))
      .get();
    expect(changed?.detail?.summary).toMatch(
      /staff email changed to omar\.reef@lab\.example and the account unlinked/,
    );

    // One address belongs to one profile.
    const other = createResearcher(db, { labId });
    const dup = await saveProfile(other.id, "Someone Else", "omar.reef@lab.example");
    expect(dup.status).toBe(400);
  });
});
