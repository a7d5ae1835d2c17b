/**
 * Referees and publications sent with the apply form, for signed-in
 * candidates and for visitors who create their account in the same
 * submission: written in the application's transaction (referee rows, their
 * emails in the outbox, the profile's publications merged with what it
 * holds), or — on any refusal — a 400 naming the row or the field and
 * nothing stored at all.
 */
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as s from "../../../db/schema";
import { createLab, createOpening } from "../../../tests/builders";
import { signedIn } from "../../../tests/fixtures";
import { call, contextFor, formErrors } from "../../../tests/requests";
import { SESSION_COOKIE } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { getEnv, resolvePath } from "~/utils/env.server";
import { action, loader } from "./route";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const PASSWORD = "lantern meadow copper violin";
const BIBTEX = `@article{a, title={Private {L}earning at Scale}, author={Doe, Jane and Roe, Rich},
  journal={Journal of Invented Results}, year={2023}, doi={10.1000/private.1}}
@inproceedings{b, title={Federated {\\"U}ber Things}, author={Doe, Jane}, booktitle={Imagined Conference}, year={2021}}`;
const ORCID = fs.readFileSync(path.resolve("tests/fixtures/orcid-works.json"), "utf8");

const db = getDb();
const uploads = () => resolvePath(getEnv().UPLOADS_DIR);
const filesOnDisk = () => (fs.existsSync(uploads()) ? fs.readdirSync(uploads()) : []);
const tables = {
  users: s.users,
  sessions: s.sessions,
  applications: s.applications,
  events: s.applicationEvents,
  referees: s.referees,
  outbox: s.outbox,
  publications: s.candidatePublications,
  files: s.files,
};
const counts = () =>
  Object.fromEntries(
    Object.entries(tables).map(([k, t]) => [k, db.select({ n: count() }).from(t).get()!.n]),
  );

let labId: number;
let opening: ReturnType<typeof createOpening>;
let n = 0;

beforeAll(() => {
  labId = createLab(db).id;
});

beforeEach(() => {
  for (const t of [
    s.referees,
    s.applicationEvents,
    s.applicationAnswers,
    s.applications,
    s.candidatePublications,
    s.candidateProfiles,
    s.files,
    s.outbox,
    s.throttles,
  ])
    db.delete(t).run();
  fs.rmSync(uploads(), { recursive: true, force: true });
  opening = createOpening(db, { labId, title: "Postdoc in Invented Optics", lettersRequired: 2 });
});

type Row = { name?: string; email?: string; relationship?: string };
const ines: Row = {
  name: "Ines Invented",
  email: "ines@referee.example",
  relationship: "PhD supervisor",
};
const otto: Row = {
  name: "Otto Imagined",
  email: "otto@referee.example",
  relationship: "Postdoc host",
};

function post(
  values: Record<string, string>,
  {
    referees = [],
    cookie,
    publications,
    slug = opening.slug,
  }: {
    referees?: Row[];
    cookie?: string;
    publications?: { name: string; text: string };
    slug?: string;
  } = {},
) {
  const body = new FormData();
  for (const [k, v] of Object.entries({ consent: "on", resumeChoice: "upload", ...values }))
    body.append(k, v);
  referees.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) body.append(`referees[${i}].${k}`, v);
  });
  body.append("resume", new File([new Uint8Array(PDF)], "cv.pdf", { type: "application/pdf" }));
  if (publications)
    body.append("publicationsFile", new File([publications.text], publications.name));
  const request = new Request(`http://localhost/careers/${slug}/apply`, {
    method: "POST",
    body,
    headers: { "User-Agent": "vitest", ...(cookie ? { Cookie: cookie } : {}) },
  });
  return call(action, request, { slug }, contextFor(`198.51.100.${++n % 250}`));
}

async function candidate() {
  const { user, token } = await signedIn(db, "candidate", {
    name: "Ada Applicant",
    email: `ada-${++n}@example.test`,
  });
  return { user, cookie: `${SESSION_COOKIE}=${token}` };
}

const visitor = (email = `vera-${++n}@example.test`) => ({
  account: "new",
  name: "Vera Visitor",
  email,
  password: PASSWORD,
});

/** Expects a refusal: status 400, the message at `field`, and not one row or file more. */
async function expectRefused(
  run: () => ReturnType<typeof post>,
  field: string,
  message: string | RegExp,
) {
  const before = counts();
  const res = await run();
  expect(res.status).toBe(400);
  const errors = formErrors(res)[field] ?? [];
  expect(errors.join(" ")).toMatch(message);
  expect(counts()).toEqual(before);
  expect(filesOnDisk()).toEqual([]);
}

describe("the form offers one referee row per letter the role asks for", () => {
  test("the loader says how many letters", async () => {
    const { cookie } = await candidate();
    const res = await call<{ opening: { lettersRequired: number } }>(
      loader,
      new Request(`http://localhost/careers/${opening.slug}/apply`, {
        headers: { Cookie: cookie },
      }),
      { slug: opening.slug },
    );
    expect(res.data!.opening.lettersRequired).toBe(2);
  });
});

describe("a signed-in candidate names referees when applying", () => {
  test("rows, events and the referees' emails are written with the application", async () => {
    const { user, cookie } = await candidate();
    const res = await post(
      {},
      { cookie, referees: [ines, { ...otto, email: "OTTO@Referee.example" }] },
    );
    expect(res.status).toBe(302);
    const app = db
      .select()
      .from(s.applications)
      .where(eq(s.applications.candidateId, user.id))
      .get()!;
    expect(res.location).toBe(`/applications/${app.id}?submitted=1`);
    const rows = db.select().from(s.referees).where(eq(s.referees.applicationId, app.id)).all();
    expect(rows.map((r) => [r.name, r.email, r.relationship, r.status])).toEqual([
      ["Ines Invented", "ines@referee.example", "PhD supervisor", "requested"],
      ["Otto Imagined", "otto@referee.example", "Postdoc host", "requested"],
    ]);
    const mail = db.select().from(s.outbox).all();
    for (const to of ["ines@referee.example", "otto@referee.example"]) {
      const m = mail.find((x) => x.to === to);
      expect(m?.text).toMatch(/\/referee\?token=[a-z2-7]+/);
      expect(m?.text).toContain("Ada Applicant");
    }
    expect(mail.some((m) => m.to === user.email)).toBe(true);
    const named = db
      .select()
      .from(s.applicationEvents)
      .where(eq(s.applicationEvents.type, "referee_named"))
      .all();
    expect(named).toHaveLength(2);
  });

  test("blank rows are left out: naming referees now is optional", async () => {
    const { user, cookie } = await candidate();
    const res = await post(
      {},
      { cookie, referees: [{ name: "", email: "", relationship: "" }, ines] },
    );
    expect(res.status).toBe(302);
    const app = db
      .select()
      .from(s.applications)
      .where(eq(s.applications.candidateId, user.id))
      .get()!;
    expect(
      db.select().from(s.referees).where(eq(s.referees.applicationId, app.id)).all(),
    ).toHaveLength(1);
    const none = await post({}, { cookie: (await candidate()).cookie });
    expect(none.status).toBe(302);
  });

  test("the same email twice is refused on the second row", async () => {
    const { cookie } = await candidate();
    await expectRefused(
      () => post({}, { cookie, referees: [ines, { ...otto, email: "INES@referee.example" }] }),
      "referees[1].email",
      "Referee 2: you already named ines@referee.example as referee 1.",
    );
  });

  test("the candidate's own email is refused", async () => {
    const { user, cookie } = await candidate();
    await expectRefused(
      () => post({}, { cookie, referees: [{ ...ines, email: user.email.toUpperCase() }] }),
      "referees[0].email",
      "Referee 1: name someone other than yourself.",
    );
  });

  test("more referees than letters are refused", async () => {
    const { cookie } = await candidate();
    const third = { ...otto, email: "third@referee.example" };
    await expectRefused(
      () => post({}, { cookie, referees: [ines, otto, third] }),
      "referees",
      "This role asks for 2 referees; name at most 2 here.",
    );
  });

  test("a role that asks for no letters takes no referees", async () => {
    const { cookie } = await candidate();
    const none = createOpening(db, { labId, title: "Engineer without letters" });
    await expectRefused(
      () => post({}, { cookie, referees: [ines], slug: none.slug }),
      "referees",
      "This role does not ask for reference letters",
    );
  });

  test("a bad email and an incomplete row are refused, naming their row", async () => {
    const { cookie } = await candidate();
    await expectRefused(
      () => post({}, { cookie, referees: [ines, { ...otto, email: "otto-at-nowhere" }] }),
      "referees[1].email",
      "Referee 2: Enter a valid email address",
    );
    await expectRefused(
      () =>
        post({}, { cookie, referees: [{ name: "Ines Invented", email: "ines@referee.example" }] }),
      "referees[0].relationship",
      /^Referee 1: Say how you know them/,
    );
  });
});

describe("a visitor names referees while creating their account", () => {
  test("account, application, referees and their emails in one go", async () => {
    const values = visitor();
    const res = await post(values, { referees: [ines] });
    expect(res.status).toBe(302);
    const user = db.select().from(s.users).where(eq(s.users.email, values.email)).get()!;
    const app = db
      .select()
      .from(s.applications)
      .where(eq(s.applications.candidateId, user.id))
      .get()!;
    expect(
      db.select().from(s.referees).where(eq(s.referees.applicationId, app.id)).all(),
    ).toHaveLength(1);
    const mail = db.select().from(s.outbox).where(eq(s.outbox.to, "ines@referee.example")).get();
    expect(mail?.text).toContain("Vera Visitor");
  });

  test.each([
    ["duplicate", () => [ines, ines], "referees[1].email", "Referee 2: you already named"],
    [
      "over the limit",
      () => [ines, otto, { ...otto, email: "x@referee.example" }],
      "referees",
      "at most 2",
    ],
    [
      "bad email",
      () => [{ ...ines, email: "ines@" }],
      "referees[0].email",
      "Referee 1: Enter a valid email",
    ],
  ] as const)("%s: refused, and no account is created either", async (_, rows, field, message) => {
    await expectRefused(() => post(visitor(), { referees: [...rows()] }), field, message);
  });

  test("their own email: refused, and no account is created either", async () => {
    const email = `self-${++n}@example.test`;
    await expectRefused(
      () => post(visitor(email), { referees: [{ ...ines, email }] }),
      "referees[0].email",
      "Referee 1: name someone other than yourself.",
    );
  });
});

describe("publications sent with an application go to the candidate's profile", () => {
  test("a BibTeX paste is imported and merged with what the profile already lists", async () => {
    const { user, cookie } = await candidate();
    db.insert(s.candidatePublications)
      .values({
        userId: user.id,
        title: "Private learning at scale",
        year: 2023,
        normTitle: "private learning at scale",
      })
      .run();
    const res = await post({ publicationsPaste: BIBTEX }, { cookie });
    expect(res.status).toBe(302);
    const list = db
      .select()
      .from(s.candidatePublications)
      .where(eq(s.candidatePublications.userId, user.id))
      .all();
    expect(list.map((p) => p.title).sort()).toEqual([
      "Federated Über Things",
      "Private learning at scale",
    ]);
    // The merged row kept its title and gained the DOI and venue it lacked.
    const merged = list.find((p) => p.title === "Private learning at scale")!;
    expect(merged.doi).toBe("10.1000/private.1");
    expect(merged.venue).toBe("Journal of Invented Results");
  });

  test("an ORCID works file is imported for a visitor's new account", async () => {
    const values = visitor();
    const res = await post(values, { publications: { name: "works.json", text: ORCID } });
    expect(res.status).toBe(302);
    const user = db.select().from(s.users).where(eq(s.users.email, values.email)).get()!;
    const list = db
      .select()
      .from(s.candidatePublications)
      .where(eq(s.candidatePublications.userId, user.id))
      .all();
    expect(list.length).toBeGreaterThan(0);
  });

  test("a file the parser refuses is a 400 with its message, nothing stored (candidate)", async () => {
    const { cookie } = await candidate();
    await expectRefused(
      () =>
        post(
          {},
          { cookie, referees: [ines], publications: { name: "list.bib", text: "just some words" } },
        ),
      "publicationsFile",
      "Publications: No BibTeX entries with a title were found.",
    );
    await expectRefused(
      () => post({ publicationsPaste: "{ not json" }, { cookie }),
      "publicationsPaste",
      "Publications: The file is not valid JSON",
    );
  });

  test("a file over 1 MB is a 400 on its field (not a failed upload), nothing stored", async () => {
    const { cookie } = await candidate();
    const big = "% filler\n".repeat(120_000);
    await expectRefused(
      () => post({}, { cookie, publications: { name: "huge.bib", text: big } }),
      "publicationsFile",
      "Choose a file of at most 1024 KB.",
    );
  });

  test("the publication file may come before the resume in the body", async () => {
    const { user, cookie } = await candidate();
    const body = new FormData();
    body.append("publicationsFile", new File([BIBTEX], "list.bib"));
    for (const [k, v] of Object.entries({ consent: "on", resumeChoice: "upload" }))
      body.append(k, v);
    body.append("resume", new File([new Uint8Array(PDF)], "cv.pdf", { type: "application/pdf" }));
    const request = new Request(`http://localhost/careers/${opening.slug}/apply`, {
      method: "POST",
      body,
      headers: { Cookie: cookie },
    });
    const res = await call(action, request, { slug: opening.slug }, contextFor());
    expect(res.status).toBe(302);
    const stored = db
      .select()
      .from(s.candidatePublications)
      .where(eq(s.candidatePublications.userId, user.id))
      .all();
    expect(stored).toHaveLength(2);
    expect(filesOnDisk()).toHaveLength(1);
  });

  test("a file the parser refuses is a 400, and no account is created (visitor)", async () => {
    await expectRefused(
      () => post(visitor(), { publications: { name: "works.json", text: '{"works": []}' } }),
      "publicationsFile",
      "Publications: The JSON is not an ORCID works export",
    );
  });
});
