/**
 * Every route that hands out a stored file, on local disk and on S3
 * (s3rver, with UPLOADS_URL as a deployment sets it), for every kind of
 * person: those who may read it get 200 with the very bytes and type that
 * were uploaded; everyone else is refused (a redirect to sign in, 403 or 404)
 * and the answer carries none of the file's bytes.
 *
 * The files are put there through the real upload routes (apply, profile,
 * admin photo, referee link, offer draft), so each storage is exercised from
 * the upload to the download. On S3 the uploads folder stays empty: a route
 * that read the disk instead of the storage would find nothing.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as s from "../db/schema";
import { getDb } from "~/utils/db.server";
import { uploadsDir } from "~/utils/uploads.server";
import * as applyRoute from "~/routes/careers.$slug_.apply/route";
import * as profileRoute from "~/routes/account.profile";
import * as profileResume from "~/routes/account.profile.resume";
import * as adminPerson from "~/routes/admin.people.$id";
import * as refereesRoute from "~/routes/applications.$id_.referees";
import * as refereeRoute from "~/routes/referee";
import * as hiringRoute from "~/routes/recruit.applications.$id_.hiring/route";
import * as staffResume from "~/routes/recruit.applications.$id_.resume";
import * as candidateResume from "~/routes/applications.$id_.resume";
import * as photoRoute from "~/routes/people.$slug_.photo/route";
import * as letterRoute from "~/routes/recruit.applications.$id_.letters.$refereeId";
import * as candidateOffer from "~/routes/applications.$id_.offers.$offerId.pdf";
import * as staffOffer from "~/routes/recruit.applications.$id_.offers.$offerId.pdf";
import * as exportRoute from "~/routes/account.export";
import { createLab, createOpening, createResearcher, stagesOf } from "./builders";
import { signedIn } from "./fixtures";
import { call, getRequest, postForm, type Answer } from "./requests";
import { startS3, useS3Uploads, type TestS3 } from "./s3";

const db = getDb();
const ROLES = ["anonymous", "owner", "other candidate", "recruiter", "admin"] as const;
type Who = (typeof ROLES)[number];

/** A small PDF carrying `marker`, so a refused answer can be searched for any of its bytes. */
const pdf = (marker: string) =>
  Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`, "latin1");
/** A PNG header followed by `marker`. */
const png = (marker: string) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(marker),
  ]);

let tokens: Record<Exclude<Who, "anonymous">, string>;
let ownerEmail: string;

beforeAll(async () => {
  const owner = await signedIn(db, "candidate", { name: "Olga Owner" });
  ownerEmail = owner.user.email;
  tokens = {
    owner: owner.token,
    "other candidate": (await signedIn(db, "candidate", { name: "Otto Other" })).token,
    recruiter: (await signedIn(db, "recruiter", { name: "Rita Recruiter" })).token,
    admin: (await signedIn(db, "admin", { name: "Ada Admin" })).token,
  };
});

const tokenOf = (who: Who) => (who === "anonymous" ? null : tokens[who]);

function multipart(
  fields: Record<string, string>,
  file: { field: string; bytes: Buffer; name: string },
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append(file.field, new File([new Uint8Array(file.bytes)], file.name));
  return body;
}

function expect302(res: Answer, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.data)}`).toBe(302);
  return res.location!;
}

/** Uploads one file of each kind through its real route; returns where each can be downloaded. */
async function uploadEverything(tag: string) {
  const files = {
    profileResume: pdf(`PROFILE-RESUME-${tag}`),
    applicationResume: pdf(`APPLICATION-RESUME-${tag}`),
    photo: png(`PHOTO-${tag}`),
    letter: pdf(`REFERENCE-LETTER-${tag}`),
    offer: pdf(`OFFER-PDF-${tag}`),
  };

  expect302(
    await call(
      profileRoute.action as never,
      postForm(
        "/account/profile",
        multipart(
          { headline: "Researcher" },
          { field: "resume", bytes: files.profileResume, name: "profile-cv.pdf" },
        ),
        { token: tokens.owner },
      ),
    ),
    "profile résumé",
  );

  const lab = createLab(db);
  const opening = createOpening(db, { labId: lab.id, lettersRequired: 1 });
  const applied = expect302(
    await call(
      applyRoute.action as never,
      postForm(
        `/careers/${opening.slug}/apply`,
        multipart(
          {
            resumeChoice: "upload",
            coverLetter: "Hello.",
            consent: "on",
            source: "other",
            sourceOther: "A friend",
          },
          { field: "resume", bytes: files.applicationResume, name: "application-cv.pdf" },
        ),
        { token: tokens.owner },
      ),
      { slug: opening.slug },
    ),
    "application résumé",
  );
  const appId = Number(/^\/applications\/(\d+)\?submitted=1$/.exec(applied)![1]);
  // Offers are made from a later stage.
  db.update(s.applications)
    .set({ stageId: stagesOf(db, opening.id)[2].id })
    .where(eq(s.applications.id, appId))
    .run();

  const researcher = createResearcher(db, { labId: lab.id });
  expect302(
    await call(
      adminPerson.action as never,
      postForm(
        `/admin/people/${researcher.id}`,
        multipart({}, { field: "photo", bytes: files.photo, name: "portrait.png" }),
        { token: tokens.admin },
      ),
      { id: String(researcher.id) },
    ),
    "photo",
  );

  const refereeEmail = `rhea-${tag.toLowerCase()}@uni.example`;
  expect302(
    await call(
      refereesRoute.action as never,
      postForm(
        `/applications/${appId}/referees`,
        {
          intent: "add",
          name: "Prof. Rhea Referee",
          email: refereeEmail,
          relationship: "PhD supervisor",
        },
        { token: tokens.owner },
      ),
      { id: String(appId) },
    ),
    "naming a referee",
  );
  const mail = db.select().from(s.outbox).where(eq(s.outbox.to, refereeEmail)).get()!;
  const link = new URL(/https?:\/\/\S+\/referee\?token=[a-z2-7]+/.exec(mail.text)![0]);
  expect302(
    await call(
      refereeRoute.action,
      postForm(
        `${link.pathname}${link.search}`,
        multipart({}, { field: "letter", bytes: files.letter, name: "letter.pdf" }),
      ),
    ),
    "letter",
  );
  const refereeId = db.select().from(s.referees).where(eq(s.referees.email, refereeEmail)).get()!
    .id;

  const hiring = (fields: Record<string, string> | FormData, token: string) =>
    call(
      hiringRoute.action as never,
      postForm(`/recruit/applications/${appId}/hiring`, fields, { token }),
      { id: String(appId) },
    );
  expect302(
    await hiring(
      multipart(
        {
          intent: "draft_offer",
          title: "Postdoctoral researcher",
          startDate: "2027-09-01",
          payKind: "salary",
          amount: "98000",
          currency: "CHF",
          payPeriod: "year",
          durationMonths: "24",
          letter: "Dear Olga,\n\nThe contract is attached.",
          expiresOn: "2099-01-31",
        },
        { field: "pdf", bytes: files.offer, name: "contract.pdf" },
      ),
      tokens.recruiter,
    ),
    "offer draft",
  );
  const offerId = db.select().from(s.offers).where(eq(s.offers.applicationId, appId)).get()!.id;
  expect302(
    await hiring({ intent: "approve_offer", offerId: String(offerId) }, tokens.admin),
    "approve",
  );
  expect302(
    await hiring({ intent: "send_offer", offerId: String(offerId) }, tokens.recruiter),
    "send",
  );

  return { files, appId, slug: researcher.slug, refereeId, offerId };
}

type Uploaded = Awaited<ReturnType<typeof uploadEverything>>;

type Route = {
  name: string;
  /** Who may read it; everyone else must be refused. */
  readers: readonly Who[];
  get(u: Uploaded, token: string | null): Promise<Answer>;
  bytes(u: Uploaded): Buffer;
  type: string;
  disposition: RegExp | null;
};

const get = (fn: unknown, path: string, token: string | null, params: Record<string, string>) =>
  call(fn as never, getRequest(path, { token }), params);

const ROUTES: Route[] = [
  {
    name: "GET /recruit/applications/:id/resume (the review page's viewer)",
    readers: ["recruiter", "admin"],
    get: (u, t) =>
      get(staffResume.loader, `/recruit/applications/${u.appId}/resume`, t, {
        id: String(u.appId),
      }),
    bytes: (u) => u.files.applicationResume,
    type: "application/pdf",
    disposition: /^inline; filename="application-cv\.pdf"/,
  },
  {
    name: "GET /recruit/applications/:id/resume?download=1",
    readers: ["recruiter", "admin"],
    get: (u, t) =>
      get(staffResume.loader, `/recruit/applications/${u.appId}/resume?download=1`, t, {
        id: String(u.appId),
      }),
    bytes: (u) => u.files.applicationResume,
    type: "application/pdf",
    disposition: /^attachment; filename="application-cv\.pdf"/,
  },
  {
    name: "GET /applications/:id/resume (the candidate's own application)",
    readers: ["owner"],
    get: (u, t) =>
      get(candidateResume.loader, `/applications/${u.appId}/resume`, t, { id: String(u.appId) }),
    bytes: (u) => u.files.applicationResume,
    type: "application/pdf",
    disposition: /^attachment; filename="application-cv\.pdf"/,
  },
  {
    name: "GET /account/profile/resume (the candidate's own profile)",
    readers: ["owner"],
    get: (_u, t) => get(profileResume.loader, "/account/profile/resume", t, {}),
    bytes: (u) => u.files.profileResume,
    type: "application/pdf",
    disposition: /^attachment; filename="profile-cv\.pdf"/,
  },
  {
    name: "GET /people/:slug/photo (public)",
    readers: ROLES,
    get: (u, t) => get(photoRoute.loader, `/people/${u.slug}/photo`, t, { slug: u.slug }),
    bytes: (u) => u.files.photo,
    type: "image/png",
    disposition: null,
  },
  {
    name: "GET /recruit/applications/:id/letters/:refereeId",
    readers: ["recruiter", "admin"],
    get: (u, t) =>
      get(letterRoute.loader, `/recruit/applications/${u.appId}/letters/${u.refereeId}`, t, {
        id: String(u.appId),
        refereeId: String(u.refereeId),
      }),
    bytes: (u) => u.files.letter,
    type: "application/pdf",
    disposition: /^attachment; filename="letter\.pdf"/,
  },
  {
    name: "GET /applications/:id/offers/:offerId/pdf (the candidate, once sent)",
    readers: ["owner"],
    get: (u, t) =>
      get(candidateOffer.loader, `/applications/${u.appId}/offers/${u.offerId}/pdf`, t, {
        id: String(u.appId),
        offerId: String(u.offerId),
      }),
    bytes: (u) => u.files.offer,
    type: "application/pdf",
    disposition: /^attachment; filename="contract\.pdf"/,
  },
  {
    name: "GET /recruit/applications/:id/offers/:offerId/pdf",
    readers: ["recruiter", "admin"],
    get: (u, t) =>
      get(staffOffer.loader, `/recruit/applications/${u.appId}/offers/${u.offerId}/pdf`, t, {
        id: String(u.appId),
        offerId: String(u.offerId),
      }),
    bytes: (u) => u.files.offer,
    type: "application/pdf",
    disposition: /^attachment; filename="contract\.pdf"/,
  },
];

/** Everything an answer carries: its body (a Response's text, or `data(...)`'s payload). */
function carried(res: Answer): string {
  return typeof res.data === "object" && res.data && "text" in res.data
    ? String((res.data as { text: unknown }).text)
    : JSON.stringify(res.data ?? "");
}

/** The marker line of a file (`% PROFILE-RESUME-…`, `PHOTO-…`): no refused answer may contain it. */
function markerOf(bytes: Buffer): string {
  return /[A-Z-]+-(LOCAL|S3)/.exec(bytes.toString("latin1"))![0];
}

const STORAGES = [
  { name: "local disk", tag: "LOCAL", s3: false },
  { name: "S3 (s3rver)", tag: "S3", s3: true },
] as const;

describe.each(STORAGES)("downloads on $name", ({ tag, s3: onS3 }) => {
  let s3: TestS3 | null = null;
  let useLocal = () => {};
  let u: Uploaded;

  beforeAll(async () => {
    if (onS3) {
      s3 = await startS3();
      useLocal = useS3Uploads(s3, "atrium/files");
    }
    fs.rmSync(uploadsDir(), { recursive: true, force: true });
    u = await uploadEverything(tag);
  });
  afterAll(async () => {
    useLocal();
    await s3?.stop();
  });

  test("the files are where this storage keeps them", async () => {
    const names = db
      .select({ name: s.files.storageName })
      .from(s.files)
      .all()
      .map((f) => f.name);
    const local = fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : [];
    const stored = [
      u.files.profileResume,
      u.files.applicationResume,
      u.files.photo,
      u.files.letter,
      u.files.offer,
    ];
    if (onS3) {
      expect(local).toEqual([]);
      const inBucket: string[] = [];
      for (const name of names) {
        const text = await s3!.objectText(`atrium/files/${name}`);
        if (text !== null) inBucket.push(text);
      }
      for (const bytes of stored) expect(inBucket).toContain(bytes.toString("latin1"));
    } else {
      const onDisk = local.map((n) => fs.readFileSync(`${uploadsDir()}/${n}`).toString("latin1"));
      for (const bytes of stored) expect(onDisk).toContain(bytes.toString("latin1"));
    }
  });

  const cells = ROUTES.flatMap((route) =>
    ROLES.map((who) => [`${route.name} as ${who}`, route, who] as const),
  );
  test.each(cells)("%s", async (_cell, route, who) => {
    const res = await route.get(u, tokenOf(who));
    const bytes = route.bytes(u);
    if (route.readers.includes(who)) {
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(route.type);
      expect(res.headers.get("Content-Length")).toBe(String(bytes.byteLength));
      // nosniff is the server's, on every answer (tests/faults/headers.test.ts).
      if (route.disposition)
        expect(res.headers.get("Content-Disposition")).toMatch(route.disposition);
      expect(Buffer.from(await res.response!.arrayBuffer()).equals(bytes)).toBe(true);
    } else {
      // Anonymous: to the sign-in page; a candidate on a staff route: 403; anyone else's file: 404.
      expect([302, 403, 404]).toContain(res.status);
      if (who === "anonymous") expect(res.location).toMatch(/^\/login\?redirectTo=/);
      expect(carried(res)).not.toContain(markerOf(bytes));
    }
  });

  test.each(ROLES)("POST /account/export as %s: only one's own data", async (who) => {
    const res = await call(
      exportRoute.action as never,
      postForm("/account/export", {}, { token: tokenOf(who) }),
    );
    if (who === "anonymous") {
      expect(res.status).toBe(302);
      expect(res.location).toMatch(/^\/login\?redirectTo=/);
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="atrium-account-\d+\.json"$/,
    );
    const data = JSON.parse(carried(res)) as {
      account: { email: string };
      files: Array<{ originalName: string; kind: string }>;
      applications: Array<{ id: number }>;
    };
    if (who === "owner") {
      expect(data.account.email).toBe(ownerEmail);
      // The owner's files are described (never their bytes, never a referee's letter).
      expect(data.files.map((f) => f.originalName).sort()).toEqual(
        expect.arrayContaining(["application-cv.pdf", "profile-cv.pdf"]),
      );
      expect(data.files.map((f) => f.kind)).not.toContain("letter");
      expect(data.applications.map((a) => a.id)).toContain(u.appId);
    } else {
      expect(data.account.email).not.toBe(ownerEmail);
      expect(carried(res)).not.toContain(ownerEmail);
      expect(data.applications.map((a) => a.id)).not.toContain(u.appId);
    }
    for (const bytes of Object.values(u.files)) expect(carried(res)).not.toContain(markerOf(bytes));
  });
});
