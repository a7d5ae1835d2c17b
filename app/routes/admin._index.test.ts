/**
 * /admin, the admin's overview: a drafted offer waits there for an admin
 * other than its drafter; an undelivered message and a staff account without
 * two-factor authentication are listed; the audit log's latest entry is
 * shown. Recruiters and candidates are refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { applyTo, openingWithStages, signedIn } from "../../tests/fixtures";
import { createUser } from "../../tests/builders";
import { call, getRequest } from "../../tests/requests";
import { audit } from "~/auth/audit.server";
import { draftOffer } from "~/models/offer.server";
import { getDb, type DB } from "~/utils/db.server";
import * as root from "~/root";
import * as overview from "./admin._index";

type Overview = {
  pendingOffers: Array<{ candidateName: string; openingTitle: string; yours: boolean }>;
  failedCount: number;
  failedMessages: Array<{ to: string; error: string }>;
  staffWithoutTwoFactor: Array<{ email: string }>;
  recentAudit: Array<{ label: string }>;
};

let db: DB;
let admin: Awaited<ReturnType<typeof signedIn>>;
let recruiter: Awaited<ReturnType<typeof signedIn>>;
let candidate: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  db = getDb();
  admin = await signedIn(db, "admin", { name: "Ada Admin" });
  recruiter = await signedIn(db, "recruiter", { name: "Rita Recruiter" });
  candidate = await signedIn(db, "candidate", { name: "Cora Candidate" });
});

const load = (token: string) => call<Overview>(overview.loader, getRequest("/admin", { token }));

describe("/admin", () => {
  it("lists what waits on an admin: offers to approve, undelivered messages, staff to enrol", async () => {
    const { opening, stages } = openingWithStages(db, { title: "Overview Fellow" });
    const app = applyTo(db, {
      openingId: opening.id,
      candidateId: candidate.user.id,
      stageId: stages[1].id,
    });
    const drafted = draftOffer(
      db,
      { actorId: recruiter.user.id, origin: "http://localhost" },
      {
        applicationId: app.id,
        title: "Research Fellow",
        startDate: "2027-03-01",
        payKind: "salary",
        amount: 80000,
        currency: "EUR",
        payPeriod: "year",
        durationMonths: 24,
        letter: "Welcome.",
        expiresOn: "2099-01-01",
      },
    );
    expect(drafted.ok).toBe(true);
    db.insert(s.outbox)
      .values({
        to: "bounce@example.test",
        subject: "Undeliverable",
        text: "…",
        error: "550 mailbox unavailable",
      })
      .run();
    await createUser(db, { role: "recruiter", email: "new.recruiter@example.test" });
    audit(db, { action: "auth.sign_in", actorUserId: admin.user.id, ip: "192.0.2.1" });

    const page = await load(admin.token);
    expect(page.status).toBe(200);
    const data = page.data!;
    expect(data.pendingOffers).toContainEqual(
      expect.objectContaining({
        candidateName: "Cora Candidate",
        openingTitle: "Overview Fellow",
        yours: false,
      }),
    );
    expect(data.failedCount).toBeGreaterThanOrEqual(1);
    expect(data.failedMessages).toContainEqual(
      expect.objectContaining({ to: "bounce@example.test", error: "550 mailbox unavailable" }),
    );
    expect(data.staffWithoutTwoFactor.map((u) => u.email)).toContain("new.recruiter@example.test");
    // Enrolled staff are not listed.
    expect(data.staffWithoutTwoFactor.map((u) => u.email)).not.toContain(admin.user.email);
    expect(data.recentAudit[0]).toMatchObject({ label: "Signed in" });

    // The header's badge counts what this admin can approve; the drafter's own is not theirs.
    const header = (token: string) =>
      call<{ user: { approvals: number } }>(root.loader, getRequest("/", { token }));
    expect((await header(admin.token)).data?.user.approvals).toBe(
      data.pendingOffers.filter((o) => !o.yours).length,
    );
    expect((await header(admin.token)).data?.user.approvals).toBeGreaterThanOrEqual(1);
    expect((await header(recruiter.token)).data?.user.approvals).toBe(0);
  });

  it("refuses recruiters and candidates", async () => {
    for (const who of [recruiter, candidate]) {
      const refused = await load(who.token);
      expect([302, 403]).toContain(refused.status);
      expect(refused.data?.pendingOffers).toBeUndefined();
    }
  });
});
