/**
 * Reference letters end to end through the routes: a candidate names a
 * referee, the referee's emailed link (read from the outbox) accepts one PDF
 * and then never again, expires, opens nothing else, refuses non-PDFs; the
 * candidate sees statuses but never a letter; reminders are weekly.
 */
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as s from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { createLab, createOpening, stagesOf } from "../../tests/builders";
import { applyTo, signedIn } from "../../tests/fixtures";
import { call, getRequest, postForm } from "../../tests/requests";
import { exportAccount } from "~/auth/account.server";
import { REMINDER_INTERVAL_MS, REFEREE_LINK_LIFETIME_MS, remindReferee } from "./reference.server";
import * as referee from "../routes/referee";
import * as referees from "../routes/applications.$id_.referees";
import * as application from "../routes/applications.$id";
import * as listPage from "../routes/applications._index";
import * as staffReview from "../routes/recruit.applications.$id/route";
import * as letterDownload from "../routes/recruit.applications.$id_.letters.$refereeId";

const db = getDb();
const PDF = Buffer.from("%PDF-1.4\nLETTER-SECRET-CONTENT strongly recommend\n%%EOF\n");
const LETTER_NAME = "letter-for-cara-SECRETNAME.pdf";

let candidate: Awaited<ReturnType<typeof signedIn>>;
let recruiter: Awaited<ReturnType<typeof signedIn>>;
let appId: number;

function lastLink(to: string) {
  const mail = db
    .select()
    .from(s.outbox)
    .where(eq(s.outbox.to, to))
    .orderBy(desc(s.outbox.id))
    .get()!;
  const url = /https?:\/\/\S+\/referee\?token=[a-z2-7]+/.exec(mail.text)![0];
  return new URL(url);
}

function upload(link: URL, bytes: Buffer, name = LETTER_NAME, ip = "198.51.100.1") {
  const form = new FormData();
  form.append("letter", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
  return call(
    referee.action,
    postForm(`${link.pathname}${link.search}`, form),
    {},
    {
      clientIp: ip,
    },
  );
}

async function nameReferee(email: string, name = "Prof. Rhea Referee") {
  return call(
    referees.action,
    postForm(
      `/applications/${appId}/referees`,
      { intent: "add", name, email, relationship: "PhD supervisor" },
      { token: candidate.token },
    ),
    { id: String(appId) },
  );
}

beforeAll(async () => {
  candidate = await signedIn(db, "candidate", { name: "Cara Candidate" });
  recruiter = await signedIn(db, "recruiter");
  const lab = createLab(db);
  const opening = createOpening(db, {
    labId: lab.id,
    title: "Postdoc in Letters",
    lettersRequired: 2,
  });
  const [first] = stagesOf(db, opening.id);
  appId = applyTo(db, {
    openingId: opening.id,
    candidateId: candidate.user.id,
    stageId: first.id,
  }).id;
});

describe("referee links", () => {
  test("a named referee gets a link that shows only the candidate's name and the role, works once, and the recruiter reads the letter", async () => {
    const named = await nameReferee("rhea@uni.example");
    expect(named.status).toBe(302);
    const link = lastLink("rhea@uni.example");
    // Only the hash is stored.
    const row = db.select().from(s.referees).where(eq(s.referees.email, "rhea@uni.example")).get()!;
    expect(row.tokenHash).not.toContain(link.searchParams.get("token"));
    expect(JSON.stringify(row)).not.toContain(link.searchParams.get("token")!);

    const page = await call(referee.loader, getRequest(`${link.pathname}${link.search}`));
    expect(page.status).toBe(200);
    expect(page.data).toEqual({
      link: { candidateName: "Cara Candidate", openingTitle: "Postdoc in Letters" },
    });

    const sent = await upload(link, PDF);
    expect(sent.status).toBe(302);
    expect(sent.location).toBe("/referee/thanks");

    // Single use: the page and a second upload both refuse.
    expect((await call(referee.loader, getRequest(`${link.pathname}${link.search}`))).status).toBe(
      404,
    );
    const again = await upload(link, PDF);
    expect(again.status).toBe(400);
    expect(db.select().from(s.referenceLetters).all()).toHaveLength(1);

    // Staff read it.
    const review = await call(
      staffReview.loader,
      getRequest(`/recruit/applications/${appId}`, { token: recruiter.token }),
      { id: String(appId) },
    );
    const letters = (
      review.data as { letters: { referees: Array<{ id: number; status: string }> } }
    ).letters;
    expect(letters.referees[0].status).toBe("received");
    const file = await call(
      letterDownload.loader,
      getRequest(`/recruit/applications/${appId}/letters/${letters.referees[0].id}`, {
        token: recruiter.token,
      }),
      { id: String(appId), refereeId: String(letters.referees[0].id) },
    );
    expect(file.status).toBe(200);
    expect(file.data).toEqual({ text: PDF.toString("latin1") });
    // Candidates cannot download it.
    const asCandidate = await call(
      letterDownload.loader,
      getRequest(`/recruit/applications/${appId}/letters/${letters.referees[0].id}`, {
        token: candidate.token,
      }),
      { id: String(appId), refereeId: String(letters.referees[0].id) },
    );
    expect(asCandidate.status).toBe(403);
  });

  test("a link expires", async () => {
    await nameReferee("late@uni.example", "Dr Late");
    const link = lastLink("late@uni.example");
    db.update(s.referees)
      .set({ tokenExpiresAt: Date.now() - 1 })
      .where(eq(s.referees.email, "late@uni.example"))
      .run();
    expect((await call(referee.loader, getRequest(`${link.pathname}${link.search}`))).status).toBe(
      404,
    );
    expect((await upload(link, PDF)).status).toBe(400);
    db.update(s.referees)
      .set({ tokenExpiresAt: Date.now() + REFEREE_LINK_LIFETIME_MS })
      .where(eq(s.referees.email, "late@uni.example"))
      .run();
  });

  test("a referee cannot upload a non-PDF, and the link still works afterwards", async () => {
    const link = lastLink("late@uni.example");
    const bad = await upload(link, Buffer.from("<html>not a pdf</html>"), "letter.pdf");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("not a PDF");
    expect((await call(referee.loader, getRequest(`${link.pathname}${link.search}`))).status).toBe(
      200,
    );
  });

  test("the token opens nothing else: no session, no other page", async () => {
    const link = lastLink("late@uni.example");
    const token = link.searchParams.get("token")!;
    // As a cookie, as a query on the candidate's pages: treated as anonymous.
    for (const [fn, path, params] of [
      [application.loader, `/applications/${appId}?token=${token}`, { id: String(appId) }],
      [referees.loader, `/applications/${appId}/referees?token=${token}`, { id: String(appId) }],
      [listPage.loader, `/applications?token=${token}`, {}],
    ] as const) {
      const res = await call(fn, getRequest(path, { token }), params);
      expect(res.status).toBe(302);
      expect(res.location).toMatch(/^\/login/);
    }
    const res = await call(referee.loader, getRequest(`${link.pathname}${link.search}`));
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(Object.keys((res.data as { link: object }).link).sort()).toEqual([
      "candidateName",
      "openingTitle",
    ]);
  });

  test("referee links are throttled per IP", async () => {
    const link = lastLink("late@uni.example");
    let last = 0;
    for (let i = 0; i < 32; i++) {
      last = (
        await call(
          referee.loader,
          getRequest(`${link.pathname}${link.search}`),
          {},
          { clientIp: "192.0.2.99" },
        )
      ).status;
    }
    expect(last).toBe(429);
  });
});

describe("what the candidate sees", () => {
  test("statuses, never the letter: application page, referees page, list, data export", async () => {
    const page = await call(
      application.loader,
      getRequest(`/applications/${appId}`, { token: candidate.token }),
      { id: String(appId) },
    );
    const statuses = (
      page.data as { letters: { referees: Array<{ status: string }> } }
    ).letters.referees.map((r) => r.status);
    expect(statuses).toEqual(["received", "requested"]);
    const bodies = [
      page.data,
      (
        await call(
          referees.loader,
          getRequest(`/applications/${appId}/referees`, { token: candidate.token }),
          { id: String(appId) },
        )
      ).data,
      (await call(listPage.loader, getRequest(`/applications`, { token: candidate.token }))).data,
      exportAccount(db, candidate.user.id),
      db.select().from(s.outbox).where(eq(s.outbox.to, candidate.user.email)).all(),
    ].map((d) => JSON.stringify(d));
    const storage = db
      .select({ n: s.files.storageName })
      .from(s.files)
      .where(eq(s.files.kind, "letter"))
      .get()!.n;
    for (const body of bodies) {
      expect(body).not.toContain("LETTER-SECRET-CONTENT");
      expect(body).not.toContain("SECRETNAME");
      expect(body).not.toContain(storage);
      expect(body).not.toContain("/letters/");
    }
  });
});

describe("reminders and replacing", () => {
  test("one reminder per referee per week, with a new link that retires the old one", async () => {
    const oldLink = lastLink("late@uni.example");
    const rid = db.select().from(s.referees).where(eq(s.referees.email, "late@uni.example")).get()!
      .id;
    const remind = () =>
      call(
        referees.action,
        postForm(
          `/applications/${appId}/referees`,
          { intent: "remind", refereeId: String(rid) },
          { token: candidate.token },
        ),
        { id: String(appId) },
      );
    expect((await remind()).status).toBe(302);
    const newLink = lastLink("late@uni.example");
    expect(newLink.search).not.toBe(oldLink.search);
    expect(
      (await call(referee.loader, getRequest(`${oldLink.pathname}${oldLink.search}`))).status,
    ).toBe(404);
    const second = await remind();
    expect(second.status).toBe(429);
    expect(JSON.stringify(second.data)).toContain("next reminder");
    // A week later it is allowed again.
    const input = {
      candidate: candidate.user,
      applicationId: appId,
      refereeId: rid,
      origin: "http://localhost",
    };
    expect(
      remindReferee(db, { ...input, now: Date.now() + REMINDER_INTERVAL_MS - 60_000 }).kind,
    ).toBe("too_soon");
    expect(
      remindReferee(db, { ...input, now: Date.now() + REMINDER_INTERVAL_MS + 1000 }).kind,
    ).toBe("ok");
  });

  test("a referee who has not answered can be replaced; one who has cannot", async () => {
    const late = db
      .select()
      .from(s.referees)
      .where(eq(s.referees.email, "late@uni.example"))
      .get()!;
    const link = lastLink("late@uni.example");
    const replaced = await call(
      referees.action,
      postForm(
        `/applications/${appId}/referees`,
        {
          intent: "replace",
          refereeId: String(late.id),
          name: "Dr New",
          email: "new@uni.example",
          relationship: "Co-author",
        },
        { token: candidate.token },
      ),
      { id: String(appId) },
    );
    expect(replaced.status).toBe(302);
    expect((await call(referee.loader, getRequest(`${link.pathname}${link.search}`))).status).toBe(
      404,
    );
    expect(lastLink("new@uni.example")).toBeTruthy();
    const received = db.select().from(s.referees).where(eq(s.referees.status, "received")).get()!;
    const refused = await call(
      referees.action,
      postForm(
        `/applications/${appId}/referees`,
        {
          intent: "replace",
          refereeId: String(received.id),
          name: "X",
          email: "x@uni.example",
          relationship: "Y",
        },
        { token: candidate.token },
      ),
      { id: String(appId) },
    );
    expect(refused.status).toBe(400);
  });

  test("no more referees than the role asks for, and not on someone else's application", async () => {
    expect((await nameReferee("third@uni.example")).status).toBe(400);
    const other = await signedIn(db, "candidate");
    const res = await call(
      referees.action,
      postForm(
        `/applications/${appId}/referees`,
        { intent: "add", name: "A", email: "a@b.example", relationship: "C" },
        { token: other.token },
      ),
      { id: String(appId) },
    );
    expect(res.status).toBe(404);
  });
});
