/**
 * A visitor applies in one step: the account (new, or the one their email
 * already has), its session, the application, its answers, the file link, the
 * profile links and the confirmation email are written together, or none of
 * them is.
 */
import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as s from "../../../db/schema";
import { createLab, createOpening, createUser, enrolTwoFactor } from "../../../tests/builders";
import { clearApplications, openingWithYesNoQuestion } from "../../../tests/fixtures";
import { call, contextFor, cookieToken, formErrors, formValues } from "../../../tests/requests";
import { SIGNUP_LIMIT } from "~/auth/throttle.server";
import { getDb } from "~/utils/db.server";
import { getEnv, resolvePath } from "~/utils/env.server";
import { action, loader } from "./route";
import { EXISTING_ACCOUNT, FILE_NOT_KEPT } from "./schema";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const PASSWORD = "lantern meadow copper violin";

const db = getDb();
const uploads = () => resolvePath(getEnv().UPLOADS_DIR);
const filesOnDisk = () => (fs.existsSync(uploads()) ? fs.readdirSync(uploads()) : []);
const tables = {
  users: s.users,
  sessions: s.sessions,
  applications: s.applications,
  answers: s.applicationAnswers,
  events: s.applicationEvents,
  files: s.files,
  profiles: s.candidateProfiles,
  outbox: s.outbox,
};
/** How many rows each table holds, to compare before and after a refused submission. */
const counts = () =>
  Object.fromEntries(
    Object.entries(tables).map(([name, table]) => [
      name,
      db.select({ n: count() }).from(table).get()!.n,
    ]),
  );

let labId: number;
let opening: ReturnType<typeof createOpening>;
let questionId: number;
let ipCounter = 0;

beforeAll(() => {
  labId = createLab(db).id;
});

beforeEach(() => {
  clearApplications(db);
  ({ opening, questionId } = openingWithYesNoQuestion(
    db,
    labId,
    "Research Engineer, Federated Learning",
  ));
});

const uniqueEmail = () => `visitor-${Date.now()}-${++ipCounter}@example.test`;

function fields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    account: "new",
    name: "Vera Visitor",
    email: uniqueEmail(),
    password: PASSWORD,
    coverLetter: "I build federated systems.",
    consent: "on",
    orcid: "0000-0002-1825-0097",
    githubUrl: "https://github.com/vera-example",
    [`answer-${questionId}`]: "yes",
    ...overrides,
  };
}

function post(
  slug: string,
  values: Record<string, string>,
  file: { name: string; bytes: Buffer } | null = { name: "Vera CV.pdf", bytes: PDF },
  { ip = "198.51.100.20", cookie }: { ip?: string; cookie?: string } = {},
) {
  const body = new FormData();
  for (const [key, value] of Object.entries(values)) body.append(key, value);
  if (file)
    body.append(
      "resume",
      new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" }),
    );
  const request = new Request(`http://localhost/careers/${slug}/apply`, {
    method: "POST",
    body,
    headers: { "User-Agent": "vitest", ...(cookie ? { Cookie: cookie } : {}) },
  });
  return call(action, request, { slug }, contextFor(ip));
}

describe("a visitor applying in one step", () => {
  test("the form is shown to a visitor, with the account section", async () => {
    const res = await call<{ visitor: boolean }>(
      loader,
      new Request(`http://localhost/careers/${opening.slug}/apply`),
      { slug: opening.slug },
    );
    expect(res.status).toBe(200);
    expect(res.data?.visitor).toBe(true);
  });

  test("a new account: user, session, application, answers, file link, profile links and email, signed in", async () => {
    const values = fields();
    const res = await post(opening.slug, values);
    expect(res.status).toBe(302);
    const user = db.select().from(s.users).where(eq(s.users.email, values.email)).get()!;
    expect(user).toMatchObject({ name: "Vera Visitor", role: "candidate" });
    const app = db
      .select()
      .from(s.applications)
      .where(eq(s.applications.candidateId, user.id))
      .get()!;
    expect(res.location).toBe(`/applications/${app.id}?submitted=1`);
    expect(app).toMatchObject({ openingId: opening.id, status: "active" });

    // Signed in: the cookie's session belongs to the new account.
    const token = cookieToken(res.headers);
    expect(token).toBeTruthy();
    const sessions = db.select().from(s.sessions).where(eq(s.sessions.userId, user.id)).all();
    expect(sessions).toHaveLength(1);
    expect(res.headers.get("Set-Cookie")).toContain("__Host-atrium_device=");

    const answers = db
      .select()
      .from(s.applicationAnswers)
      .where(eq(s.applicationAnswers.applicationId, app.id))
      .all();
    expect(answers.map((a) => a.value)).toEqual(["yes"]);
    const file = db.select().from(s.files).where(eq(s.files.id, app.resumeFileId!)).get()!;
    expect(file).toMatchObject({ ownerUserId: user.id, originalName: "Vera CV.pdf" });
    expect(filesOnDisk()).toEqual([file.storageName]);
    const profile = db
      .select()
      .from(s.candidateProfiles)
      .where(eq(s.candidateProfiles.userId, user.id))
      .get()!;
    expect(profile).toMatchObject({
      orcid: "0000-0002-1825-0097",
      githubUrl: "https://github.com/vera-example",
      scholarUrl: null,
    });
    // The new account is welcomed, and the application acknowledged, in the same write.
    const mail = db.select().from(s.outbox).orderBy(s.outbox.id).all();
    expect(mail.map((m) => [m.to, m.kind])).toEqual([
      [values.email, "account.welcome"],
      [values.email, "application.received"],
    ]);
    expect(mail[0].subject).toBe("Welcome to Northlight Research");
    expect(mail[0].text).toContain("Hello Vera Visitor,");
    expect(mail[0].text).toContain("http://localhost/account");
    expect(mail[1].subject).toContain("Research Engineer, Federated Learning");
  });

  test("every problem is reported at once and nothing is written", async () => {
    const before = counts();
    const res = await post(
      opening.slug,
      { account: "new", name: "", email: "not-an-email", password: "short" },
      null,
    );
    expect(res.status).toBe(400);
    expect(Object.keys(formErrors(res)).sort()).toEqual(
      ["consent", "email", "name", "password", "resume", `answer-${questionId}`].sort(),
    );
    expect(formValues(res).password).toBeUndefined();
    expect(counts()).toEqual(before);
  });

  test("an email that has an account asks for its password in place, keeps what was typed, reveals nothing else", async () => {
    const existing = await createUser(db, { name: "Erin Existing", password: PASSWORD });
    const before = counts();
    const values = fields({ email: existing.email, coverLetter: "Kept, please." });
    const res = await post(opening.slug, values);
    expect(res.status).toBe(400);
    expect(formErrors(res).email).toEqual([EXISTING_ACCOUNT]);
    expect(formErrors(res).password).toBeUndefined();
    const typed = formValues(res);
    expect(typed).toMatchObject({ account: "existing", coverLetter: "Kept, please." });
    expect(typed.password).toBeUndefined();
    // The valid file was not kept: the page says so.
    expect((res.data as { error: Record<string, string[]> }).error[""]).toEqual([FILE_NOT_KEPT]);
    expect(counts()).toEqual(before);
    expect(filesOnDisk()).toEqual([]);

    // A wrong password: the sign-in answer, nothing written.
    const wrong = await post(opening.slug, {
      ...values,
      account: "existing",
      password: "not the password",
    });
    expect(wrong.status).toBe(400);
    expect(formErrors(wrong).password).toEqual(["Email or password is incorrect."]);
    expect(counts()).toMatchObject({ ...before, sessions: before.sessions });

    // Its password: signed in and applied, in one submission.
    const res2 = await post(opening.slug, { ...values, account: "existing" });
    expect(res2.status).toBe(302);
    const app = db.select().from(s.applications).get()!;
    expect(app.candidateId).toBe(existing.id);
    expect(res2.location).toBe(`/applications/${app.id}?submitted=1`);
    const token = cookieToken(res2.headers);
    expect(token).toBeTruthy();
    expect(
      db.select().from(s.sessions).where(eq(s.sessions.userId, existing.id)).all(),
    ).toHaveLength(1);
    expect(
      db
        .select()
        .from(s.outbox)
        .all()
        .map((m) => m.to),
    ).toEqual([existing.email]);
  });

  test("an existing account with two-step sign-in is asked to sign in first; nothing is written", async () => {
    const existing = await createUser(db, { password: PASSWORD });
    enrolTwoFactor(db, existing.id);
    const before = counts();
    const res = await post(opening.slug, fields({ account: "existing", email: existing.email }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("second sign-in step");
    expect(counts()).toEqual(before);
  });

  test("refusals write none of it: weak password, a bad file, a closed opening, a failing write", async () => {
    const before = counts();
    const weak = await post(opening.slug, fields({ password: "password123" }));
    expect(weak.status).toBe(400);
    expect(formErrors(weak).password).toBeDefined();

    const badFile = await post(opening.slug, fields(), { name: "cv.pdf", bytes: PNG });
    expect(badFile.status).toBe(400);
    expect(formErrors(badFile).resume).toBeDefined();

    const closed = createOpening(db, { labId, status: "closed" });
    const gone = await post(closed.slug, fields());
    expect(gone.status).toBe(410);
    const after = counts();
    expect({ ...after, openings: 0 }).toEqual({ ...before, openings: 0 });

    // A write that fails inside the transaction (the outbox) leaves no account behind.
    db.$client.exec(
      "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;",
    );
    const values = fields();
    try {
      await expect(post(opening.slug, values)).rejects.toThrow(/outbox unavailable/);
    } finally {
      db.$client.exec("DROP TRIGGER outbox_down");
    }
    expect(db.select().from(s.users).where(eq(s.users.email, values.email)).get()).toBeUndefined();
    expect(counts()).toEqual(before);
    expect(filesOnDisk()).toEqual([]);
  });

  test("a duplicate application: the existing account is signed in and sent to it; nothing new is written", async () => {
    const existing = await createUser(db, { password: PASSWORD });
    const values = fields({ account: "existing", email: existing.email });
    expect((await post(opening.slug, values)).status).toBe(302);
    const first = db.select().from(s.applications).get()!;
    const before = counts();
    const again = await post(opening.slug, values);
    expect(again.location).toBe(`/applications/${first.id}?existing=1`);
    const after = counts();
    // Only the new session (a sign-in) is written; no application, answer, file or email.
    expect(after).toEqual({ ...before, sessions: before.sessions + 1 });
    expect(filesOnDisk()).toHaveLength(1);
  });

  test("account creation through the form counts towards the sign-up limit per address", async () => {
    const ip = "198.51.100.99";
    for (let i = 0; i < SIGNUP_LIMIT.limit; i++) {
      const res = await post(opening.slug, { account: "new" }, null, { ip });
      expect(res.status).toBe(400);
    }
    const limited = await post(opening.slug, fields(), undefined, { ip });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBeTruthy();
    expect(db.select({ n: count() }).from(s.applications).get()!.n).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("staff accounts cannot apply, whether signed in or by their password", async () => {
    const staff = await createUser(db, { role: "recruiter", password: PASSWORD });
    const before = counts();
    const res = await post(opening.slug, fields({ account: "existing", email: staff.email }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("staff account");
    expect(counts()).toEqual(before);
  });
});
