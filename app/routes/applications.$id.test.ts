import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import {
  createLab,
  createOpening,
  createSessionFor,
  createUser,
  stagesOf,
} from "../../tests/builders";
import * as s from "../../db/schema";
import { SESSION_COOKIE } from "~/auth/session.server";
import { submitApplication } from "~/models/application.server";
import { getDb } from "~/utils/db.server";
import { uploadsDir } from "~/utils/uploads.server";
import { formErrors } from "../../tests/requests";
import { action, loader } from "./applications.$id";
import { loader as listLoader } from "./applications._index";
import { loader as resumeLoader } from "./applications.$id_.resume";

const db = getDb();
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

async function settle<T>(fn: () => T | Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

const SECRET_STAGE = "Hiring committee deep-dive";
const SECRET_NOTE = "Strong publications but asked for a very high salary";
const SECRET_DETAIL = "Moved after panel vote 3-1 (reason code R7)";
const REVIEWER = "Rowan Reviewer-Secret";

type User = typeof s.users.$inferSelect;
let candidate: User;
let other: User;
let cookie: string;
let otherCookie: string;
let appId: number;
let otherAppId: number;
let opening: ReturnType<typeof createOpening>;

function storeResume(ownerUserId: number) {
  const storageName = `${"ab".repeat(15)}${String(ownerUserId).padStart(2, "0")}.pdf`;
  fs.mkdirSync(uploadsDir(), { recursive: true });
  fs.writeFileSync(path.join(uploadsDir(), storageName), PDF);
  return {
    storageName,
    originalName: "Résumé final.pdf",
    contentType: "application/pdf" as const,
    size: PDF.length,
    sha256: "x",
  };
}

beforeAll(async () => {
  const lab = createLab(db);
  opening = createOpening(db, {
    labId: lab.id,
    title: "Postdoc in Climate Modelling",
    stages: [
      { name: "Applied", kind: "applied" },
      { name: SECRET_STAGE, kind: "screening" },
      { name: "Offer", kind: "offer" },
      { name: "Hired", kind: "hired" },
    ],
    questions: [{ label: "Are you able to relocate?", type: "yes_no", required: true }],
  });
  const [applied, secret] = stagesOf(db, opening.id);
  const question = db
    .select()
    .from(s.screeningQuestions)
    .where(eq(s.screeningQuestions.openingId, opening.id))
    .get()!;
  candidate = await createUser(db, { passwordHash: "x", name: "Ada Candidate" });
  other = await createUser(db, { passwordHash: "x", name: "Other Candidate" });
  const reviewer = await createUser(db, { passwordHash: "x", name: REVIEWER, role: "recruiter" });
  await createUser(db, { passwordHash: "x", name: "Admin", role: "admin" });
  cookie = `${SESSION_COOKIE}=${createSessionFor(db, candidate.id)}`;
  otherCookie = `${SESSION_COOKIE}=${createSessionFor(db, other.id)}`;

  const common = {
    opening: { id: opening.id, title: opening.title },
    firstStage: { id: applied.id, publicStatus: applied.publicStatus },
    coverLetter: "Dear team, I model clouds.",
    source: "",
    origin: "http://localhost",
  };
  appId = submitApplication(db, {
    ...common,
    candidate,
    resume: { upload: storeResume(candidate.id), saveToProfile: false },
    answers: [{ questionId: question.id, value: "yes" }],
    now: Date.now() - 5 * 86_400_000,
  });
  otherAppId = submitApplication(db, {
    ...common,
    candidate: other,
    resume: { upload: storeResume(other.id), saveToProfile: false },
    answers: [],
  });

  // Staff activity the candidate must never see: a move into an internally
  // named stage (with internal detail), a note, a scorecard.
  const movedAt = Date.now() - 2 * 86_400_000;
  db.update(s.applications)
    .set({ stageId: secret.id, publicChangedAt: movedAt })
    .where(eq(s.applications.id, appId))
    .run();
  db.insert(s.applicationEvents)
    .values([
      {
        applicationId: appId,
        at: movedAt,
        actorUserId: reviewer.id,
        type: "moved",
        fromStageId: applied.id,
        toStageId: secret.id,
        candidateVisible: true,
        publicStatus: "in_review",
        publicMessage: "The team is reading your application.",
        internalDetail: SECRET_DETAIL,
      },
      {
        applicationId: appId,
        at: movedAt + 1,
        actorUserId: reviewer.id,
        type: "note",
        candidateVisible: false,
        internalDetail: SECRET_NOTE,
      },
    ])
    .run();
  db.insert(s.notes)
    .values({ applicationId: appId, authorUserId: reviewer.id, body: SECRET_NOTE })
    .run();
  db.insert(s.scorecards)
    .values({
      applicationId: appId,
      reviewerUserId: reviewer.id,
      ratings: { Research: 4 },
      recommendation: "strong_yes",
      comment: SECRET_NOTE,
    })
    .run();
});

const get = (url: string, id: string, as = cookie) =>
  settle(() =>
    loader({ request: new Request(url, { headers: { Cookie: as } }), params: { id }, context: {} }),
  );

describe("GET /applications/:id", () => {
  test("shows the candidate's own application with only candidate-visible facts", async () => {
    const data = (await get(`http://localhost/applications/${appId}`, String(appId))) as Exclude<
      Awaited<ReturnType<typeof loader>>,
      Response
    >;
    expect(data.application.candidateStatus).toBe("in_review");
    expect(data.application.timeline.map((e) => [e.kind, e.status])).toEqual([
      ["submitted", "received"],
      ["moved", "in_review"],
    ]);
    expect(data.application.timeline[1].message).toBe("The team is reading your application.");
    expect(data.application.answers).toEqual([
      { label: "Are you able to relocate?", type: "yes_no", value: "yes" },
    ]);
    expect(data.application.resumeName).toBe("Résumé final.pdf");

    const json = JSON.stringify(data);
    for (const secret of [
      SECRET_STAGE,
      SECRET_NOTE,
      SECRET_DETAIL,
      REVIEWER,
      "strong_yes",
      "internalDetail",
      "storage",
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  test("another candidate's id, a junk id and a missing id are 404, also as a data request", async () => {
    for (const url of [
      `http://localhost/applications/${otherAppId}`,
      `http://localhost/applications/${otherAppId}.data`,
      `http://localhost/applications/${otherAppId}?_data=routes%2Fapplications.%24id`,
    ]) {
      const res = (await get(url, String(otherAppId))) as Response;
      expect(res.status).toBe(404);
    }
    for (const id of ["abc", "1e3", "0", "-1", "99999999"]) {
      expect(((await get(`http://localhost/applications/${id}`, id)) as Response).status).toBe(404);
    }
    // And the owner can see it, so the 404 above is about ownership.
    const own = await get(
      `http://localhost/applications/${otherAppId}.data`,
      String(otherAppId),
      otherCookie,
    );
    expect(own).not.toBeInstanceOf(Response);
  });

  test("anonymous requests go to sign in", async () => {
    const res = (await settle(() =>
      loader({
        request: new Request(`http://localhost/applications/${appId}.data`),
        params: { id: String(appId) },
        context: {},
      }),
    )) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/applications/${appId}`)}`,
    );
  });
});

describe("GET /applications/:id/resume", () => {
  test("downloads the own resume as an attachment that is never sniffed or cached", async () => {
    const res = (await resumeLoader({
      request: new Request(`http://localhost/applications/${appId}/resume`, {
        headers: { Cookie: cookie },
      }),
      params: { id: String(appId) },
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="R_sum_ final.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20final.pdf`,
    );
    // Never sniffed: the server sends nosniff on every answer (tests/faults/headers.test.ts).
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  test("someone else's resume is 404", async () => {
    const res = (await settle(() =>
      resumeLoader({
        request: new Request(`http://localhost/applications/${otherAppId}/resume`, {
          headers: { Cookie: cookie },
        }),
        params: { id: String(otherAppId) },
        context: {},
      }),
    )) as Response;
    expect(res.status).toBe(404);
  });
});

describe("GET /applications", () => {
  test("lists only the candidate's own applications with public status and days since the last change", async () => {
    const data = listLoader({
      request: new Request("http://localhost/applications", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
    expect(data.total).toBe(1);
    expect(data.items[0]).toMatchObject({
      id: appId,
      openingTitle: "Postdoc in Climate Modelling",
      candidateStatus: "in_review",
    });
    expect(Math.round((data.now - data.items[0].publicChangedAt) / 86_400_000)).toBe(2);
    expect(JSON.stringify(data)).not.toContain(SECRET_STAGE);
  });
});

describe("POST /applications/:id (withdraw)", () => {
  const post = (id: number, body: Record<string, string>, as = cookie) =>
    settle(() =>
      action({
        request: new Request(`http://localhost/applications/${id}`, {
          method: "POST",
          body: new URLSearchParams(body),
          headers: { Cookie: as },
        }),
        params: { id: String(id) },
        context: {},
      }),
    );

  test("without the confirmation box nothing changes", async () => {
    const res = (await post(appId, {})) as unknown as {
      init: { status: number };
      data: unknown;
    };
    expect(res.init.status).toBe(400);
    expect(formErrors(res).confirm[0]).toMatch(/tick the box/);
    expect(db.select().from(s.applications).where(eq(s.applications.id, appId)).get()!.status).toBe(
      "active",
    );
  });

  test("a body that is not a form is a 400, not a 500, and nothing changes", async () => {
    for (const [body, type] of [
      ['{"confirm":"on"}', "application/json"],
      ["confirm=on", "text/plain"],
    ]) {
      const res = (await settle(() =>
        action({
          request: new Request(`http://localhost/applications/${appId}`, {
            method: "POST",
            body,
            headers: { Cookie: cookie, "Content-Type": type },
          }),
          params: { id: String(appId) },
          context: {},
        }),
      )) as Response;
      expect(res.status).toBe(400);
    }
    expect(db.select().from(s.applications).where(eq(s.applications.id, appId)).get()!.status).toBe(
      "active",
    );
  });

  test("another candidate cannot withdraw it (404)", async () => {
    const res = (await post(appId, { confirm: "on" }, otherCookie)) as Response;
    expect(res.status).toBe(404);
    expect(db.select().from(s.applications).where(eq(s.applications.id, appId)).get()!.status).toBe(
      "active",
    );
  });

  test("withdrawing writes the event, the status and emails the candidate and every recruiter/admin", async () => {
    db.delete(s.outbox).run();
    const before = Date.now();
    const res = (await post(appId, { confirm: "on" })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/applications/${appId}?withdrawn=1`);

    const app = db.select().from(s.applications).where(eq(s.applications.id, appId)).get()!;
    expect(app.status).toBe("withdrawn");
    expect(app.publicChangedAt).toBeGreaterThanOrEqual(before);
    const event = db
      .select()
      .from(s.applicationEvents)
      .where(eq(s.applicationEvents.applicationId, appId))
      .all()
      .find((e) => e.type === "withdrawn")!;
    expect(event).toMatchObject({
      candidateVisible: true,
      publicStatus: null,
      actorUserId: candidate.id,
    });

    const mail = db.select().from(s.outbox).all();
    const staff = db
      .select()
      .from(s.users)
      .all()
      .filter((u) => u.role !== "candidate");
    expect(mail.map((m) => m.to).sort()).toEqual(
      [candidate.email, ...staff.map((u) => u.email)].sort(),
    );
    const candidateMail = mail.find((m) => m.to === candidate.email)!;
    expect(candidateMail.subject).toContain("withdrew");
    expect(candidateMail.text).not.toContain(SECRET_STAGE);

    const data = (await get(`http://localhost/applications/${appId}`, String(appId))) as Exclude<
      Awaited<ReturnType<typeof loader>>,
      Response
    >;
    expect(data.application.candidateStatus).toBe("withdrawn");
    expect(data.application.timeline.at(-1)).toMatchObject({
      kind: "withdrawn",
      status: "withdrawn",
    });

    // A second withdrawal is refused without another event or email.
    const again = (await post(appId, { confirm: "on" })) as unknown as { init: { status: number } };
    expect(again.init.status).toBe(409);
    expect(db.select().from(s.outbox).all()).toHaveLength(mail.length);
  });
});
