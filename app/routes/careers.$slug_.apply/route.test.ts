import { clearApplications, signedIn } from "../../../tests/fixtures";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createLab, createOpening } from "../../../tests/builders";
import * as s from "../../../db/schema";
import type { Role } from "~/lib/enums";
import { SESSION_COOKIE } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { getEnv, resolvePath } from "~/utils/env.server";
import { formErrors, formValues } from "../../../tests/requests";
import { action, loader } from "./route";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

const db = getDb();
const uploads = () => resolvePath(getEnv().UPLOADS_DIR);
const filesOnDisk = () => (fs.existsSync(uploads()) ? fs.readdirSync(uploads()) : []);
const rows = (
  table:
    | typeof s.applications
    | typeof s.applicationAnswers
    | typeof s.applicationEvents
    | typeof s.outbox
    | typeof s.files,
) => db.select({ n: count() }).from(table).get()!.n;

let labId: number;
let opening: ReturnType<typeof createOpening>;
let questions: Array<typeof s.screeningQuestions.$inferSelect>;

beforeAll(() => {
  labId = createLab(db).id;
});

beforeEach(() => {
  // Every test starts with no applications, files or mail.
  clearApplications(db);
  opening = createOpening(db, {
    labId,
    title: "Research Scientist, Privacy",
    questions: [
      { label: "Do you have the right to work in Switzerland?", type: "yes_no", required: true },
      {
        label: "Which topic interests you most?",
        type: "single_choice",
        required: true,
        options: ["Privacy", "Security"],
      },
      { label: "Link to a paper you are proud of", type: "short_text", required: false },
      { label: "Tell us about a hard problem", type: "long_text", required: false },
    ],
  });
  questions = db
    .select()
    .from(s.screeningQuestions)
    .where(eq(s.screeningQuestions.openingId, opening.id))
    .orderBy(s.screeningQuestions.position)
    .all();
});

async function signedInCandidate(role: Role = "candidate") {
  const { user, token } = await signedIn(db, role, { name: "Ada Candidate" });
  return { user, cookie: `${SESSION_COOKIE}=${token}` };
}

function validFields(): Record<string, string> {
  return {
    resumeChoice: "upload",
    coverLetter: "I would love to work on privacy.",
    consent: "on",
    source: "other",
    sourceOther: "A workshop in Lausanne",
    [`answer-${questions[0].id}`]: "yes",
    [`answer-${questions[1].id}`]: "Privacy",
    [`answer-${questions[2].id}`]: "https://example.org/paper",
  };
}

function applyRequest(
  slug: string,
  cookie: string | null,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string },
) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  if (file)
    body.append(
      "resume",
      new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/pdf" }),
    );
  return new Request(`http://localhost/careers/${slug}/apply`, {
    method: "POST",
    body,
    headers: cookie ? { Cookie: cookie } : {},
  });
}

/** Runs an action or loader; a thrown Response (redirect, 4xx) is returned instead. */
async function settle<T>(fn: () => T | Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

type DataResult = {
  type: "DataWithResponseInit";
  data: unknown;
  init: { status: number };
};

function submit(
  slug: string,
  cookie: string | null,
  fields: Record<string, string>,
  file?: Parameters<typeof applyRequest>[3],
) {
  return settle(() =>
    action({ request: applyRequest(slug, cookie, fields, file), params: { slug }, context: {} }),
  );
}

describe("POST /careers/:slug/apply", () => {
  test("happy path: application, answers, submitted event, confirmation email and the file on disk", async () => {
    const { user, cookie } = await signedInCandidate();
    const result = await submit(opening.slug, cookie, validFields(), {
      name: "Ada CV.pdf",
      bytes: PDF,
    });

    expect(result).toBeInstanceOf(Response);
    const response = result as Response;
    expect(response.status).toBe(302);
    const app = db.select().from(s.applications).get()!;
    expect(response.headers.get("Location")).toBe(`/applications/${app.id}?submitted=1`);
    const [first] = db
      .select()
      .from(s.stages)
      .where(eq(s.stages.openingId, opening.id))
      .orderBy(s.stages.position)
      .all();
    expect(app).toMatchObject({
      candidateId: user.id,
      openingId: opening.id,
      stageId: first.id,
      status: "active",
      coverLetter: "I would love to work on privacy.",
      source: "A workshop in Lausanne",
    });
    expect(app.publicChangedAt).toBe(app.createdAt);

    const answers = db
      .select()
      .from(s.applicationAnswers)
      .where(eq(s.applicationAnswers.applicationId, app.id))
      .all();
    expect(answers.map((a) => a.value).sort()).toEqual([
      "Privacy",
      "https://example.org/paper",
      "yes",
    ]);

    const events = db.select().from(s.applicationEvents).all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "submitted",
      candidateVisible: true,
      publicStatus: "received",
      toStageId: first.id,
      actorUserId: user.id,
    });

    const mail = db.select().from(s.outbox).all();
    expect(mail).toHaveLength(1);
    expect(mail[0].to).toBe(user.email);
    expect(mail[0].subject).toContain("Research Scientist, Privacy");
    expect(mail[0].text).toContain(`/applications/${app.id}`);

    const file = db.select().from(s.files).where(eq(s.files.id, app.resumeFileId!)).get()!;
    expect(file.storageName).toMatch(/^[a-f0-9]{32}\.pdf$/);
    expect(file.originalName).toBe("Ada CV.pdf");
    expect(file.size).toBe(PDF.length);
    const stored = fs.readFileSync(path.join(uploads(), file.storageName));
    expect(createHash("sha256").update(stored).digest("hex")).toBe(file.sha256);
    expect(file.sha256).toBe(createHash("sha256").update(PDF).digest("hex"));
    // Only the stored file: no temporary leftovers.
    expect(filesOnDisk()).toEqual([file.storageName]);
    // Not saved to the profile unless asked.
    expect(db.select().from(s.candidateProfiles).all()).toHaveLength(0);
  });

  test("a missing required answer is a 400 beside the field, keeps the typed text and stores nothing", async () => {
    const { cookie } = await signedInCandidate();
    const fields = validFields();
    delete fields[`answer-${questions[0].id}`];
    const result = (await submit(opening.slug, cookie, fields, {
      name: "cv.pdf",
      bytes: PDF,
    })) as unknown as DataResult;

    expect(result.init.status).toBe(400);
    expect(formErrors(result)[`answer-${questions[0].id}`]).toEqual(["Please choose an answer."]);
    expect(formValues(result).coverLetter).toBe("I would love to work on privacy.");
    expect(formErrors(result)[""]?.[0]).toMatch(/choose it again/);
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.applicationAnswers)).toBe(0);
    expect(rows(s.applicationEvents)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(rows(s.outbox)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("missing consent, an unknown choice and an over-long cover letter each get a message", async () => {
    const { cookie } = await signedInCandidate();
    const fields: Record<string, string> = {
      ...validFields(),
      consent: "",
      coverLetter: "x".repeat(10_001),
    };
    fields[`answer-${questions[1].id}`] = "Astrology";
    const result = (await submit(opening.slug, cookie, fields, {
      name: "cv.pdf",
      bytes: PDF,
    })) as unknown as DataResult;
    expect(result.init.status).toBe(400);
    // "" holds the form-level notice that the (valid) file was not kept.
    expect(
      Object.keys(formErrors(result))
        .filter((key) => key !== "")
        .sort(),
    ).toEqual(["consent", "coverLetter", `answer-${questions[1].id}`].sort());
    expect(rows(s.applications)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test.each([
    ["a NUL", "Lausanne\u0000"],
    ["a right-to-left override", "Lausanne \u202Efdp.exe"],
    ["a zero-width joiner", "Laus\u200Danne"],
    ["CR/LF", "Lausanne\r\nInjected: header"],
  ])("%s in a single-line field is a 400 with a message, nothing stored", async (_label, value) => {
    const { cookie } = await signedInCandidate();
    for (const field of ["sourceOther", `answer-${questions[2].id}`]) {
      const result = (await submit(
        opening.slug,
        cookie,
        { ...validFields(), [field]: value },
        {
          name: "cv.pdf",
          bytes: PDF,
        },
      )) as unknown as DataResult;
      expect(result.init.status).toBe(400);
      expect(formErrors(result)[field]?.[0]).toMatch(/control|one line|invisible/);
    }
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.applicationAnswers)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("a cover letter and a long answer keep their lines, stored with LF only", async () => {
    const { cookie } = await signedInCandidate();
    const result = await submit(
      opening.slug,
      cookie,
      {
        ...validFields(),
        coverLetter: "Dear team,\r\n\r\nI would love to.\rThanks",
        [`answer-${questions[3].id}`]: "First\r\nSecond",
      },
      { name: "cv.pdf", bytes: PDF },
    );
    expect((result as Response).status).toBe(302);
    const app = db.select().from(s.applications).get()!;
    expect(app.coverLetter).toBe("Dear team,\n\nI would love to.\nThanks");
    const long = db
      .select()
      .from(s.applicationAnswers)
      .where(eq(s.applicationAnswers.questionId, questions[3].id))
      .get()!;
    expect(long.value).toBe("First\nSecond");
  });

  test("no file and no saved resume asks for a resume", async () => {
    const { cookie } = await signedInCandidate();
    const result = (await submit(opening.slug, cookie, validFields())) as unknown as DataResult;
    expect(result.init.status).toBe(400);
    expect(formErrors(result).resume).toEqual(["Please choose your resume (a PDF file)."]);
    expect(rows(s.applications)).toBe(0);
  });

  test("a PNG renamed .pdf is refused by its first bytes (400), nothing kept", async () => {
    const { cookie } = await signedInCandidate();
    const result = (await submit(opening.slug, cookie, validFields(), {
      name: "cv.pdf",
      bytes: PNG,
      type: "application/pdf",
    })) as unknown as DataResult;
    expect(result.init.status).toBe(400);
    expect(formErrors(result).resume?.[0]).toMatch(/not a PDF/);
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("a 6 MB PDF is cut off with 413: nothing stored, no temporary file left", async () => {
    const { cookie } = await signedInCandidate();
    const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const result = await submit(opening.slug, cookie, validFields(), {
      name: "big.pdf",
      bytes: big,
    });
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(413);
    // Cut off by the streaming counter (a FormData body announces no Content-Length).
    expect(await (result as Response).text()).toMatch(/resume is larger than 5 MB/);
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(rows(s.outbox)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("extra file parts count towards the limit too: a 7 MB part under another name is cut off with 413", async () => {
    const { cookie } = await signedInCandidate();
    const request = applyRequest(opening.slug, cookie, validFields(), {
      name: "cv.pdf",
      bytes: PDF,
    });
    const body = await request.formData();
    body.append("attachment", new File([new Uint8Array(7 * 1024 * 1024)], "junk.bin"));
    const result = await settle(() =>
      action({
        request: new Request(request.url, { method: "POST", body, headers: { Cookie: cookie } }),
        params: { slug: opening.slug },
        context: {},
      }),
    );
    expect((result as Response).status).toBe(413);
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("an announced Content-Length over the limit is refused with 413 before reading", async () => {
    const { cookie } = await signedInCandidate();
    const request = new Request(`http://localhost/careers/${opening.slug}/apply`, {
      method: "POST",
      body: "never read",
      headers: {
        Cookie: cookie,
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(50 * 1024 * 1024),
      },
    });
    const result = await settle(() =>
      action({ request, params: { slug: opening.slug }, context: {} }),
    );
    expect((result as Response).status).toBe(413);
    expect(request.bodyUsed).toBe(false);
  });

  test("a request that is not multipart is a 400", async () => {
    const { cookie } = await signedInCandidate();
    const request = new Request(`http://localhost/careers/${opening.slug}/apply`, {
      method: "POST",
      body: new URLSearchParams(validFields()),
      headers: { Cookie: cookie },
    });
    const result = await settle(() =>
      action({ request, params: { slug: opening.slug }, context: {} }),
    );
    expect((result as Response).status).toBe(400);
    expect(rows(s.applications)).toBe(0);
  });

  test("a file named ../../etc/passwd.pdf is stored under a generated name inside UPLOADS_DIR", async () => {
    const { cookie } = await signedInCandidate();
    const result = await submit(opening.slug, cookie, validFields(), {
      name: "../../etc/passwd.pdf",
      bytes: PDF,
    });
    expect((result as Response).status).toBe(302);
    const file = db.select().from(s.files).get()!;
    expect(file.storageName).toMatch(/^[a-f0-9]{32}\.pdf$/);
    expect(file.originalName).toBe("passwd.pdf");
    expect(filesOnDisk()).toEqual([file.storageName]);
    expect(fs.existsSync(path.resolve(uploads(), "../../etc/passwd.pdf"))).toBe(false);
  });

  test.each(["CV=2024.pdf", "CV; final.pdf", "Zoë Müller CV.pdf"])(
    "a résumé named %s is accepted and stored with its display name",
    async (name) => {
      const { cookie } = await signedInCandidate();
      const result = await submit(opening.slug, cookie, validFields(), { name, bytes: PDF });
      expect((result as Response).status).toBe(302);
      const file = db.select().from(s.files).get()!;
      expect(file.originalName).toBe(name);
      expect(file.storageName).toMatch(/^[a-f0-9]{32}\.pdf$/);
      expect(filesOnDisk()).toEqual([file.storageName]);
    },
  );

  test("a polyglot PDF (magic bytes, then JavaScript) is refused with 400 beside the field, nothing kept", async () => {
    const { cookie } = await signedInCandidate();
    const polyglot = Buffer.from(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n" +
        "2 0 obj << /S /JavaScript /JS (app.launchURL('https://evil.example')) >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n",
    );
    const result = (await submit(opening.slug, cookie, validFields(), {
      name: "cv.pdf",
      bytes: polyglot,
    })) as unknown as DataResult;
    expect(result.init.status).toBe(400);
    expect(formErrors(result).resume?.[0]).toMatch(/scripts, attachments or launch actions/);
    // Without a %%EOF trailer the magic bytes alone no longer pass.
    const noTrailer = (await submit(opening.slug, cookie, validFields(), {
      name: "cv.pdf",
      bytes: Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>\n"),
    })) as unknown as DataResult;
    expect(noTrailer.init.status).toBe(400);
    expect(formErrors(noTrailer).resume?.[0]).toMatch(/not a PDF/);
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("a second try while the first is active goes to the existing application; still one row", async () => {
    const { cookie } = await signedInCandidate();
    const first = (await submit(opening.slug, cookie, validFields(), {
      name: "cv.pdf",
      bytes: PDF,
    })) as Response;
    const id = db.select().from(s.applications).get()!.id;
    expect(first.status).toBe(302);

    const second = (await submit(opening.slug, cookie, validFields(), {
      name: "cv.pdf",
      bytes: PDF,
    })) as Response;
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe(`/applications/${id}?existing=1`);
    const page = (await settle(() =>
      loader({
        request: new Request(`http://localhost/careers/${opening.slug}/apply`, {
          headers: { Cookie: cookie },
        }),
        params: { slug: opening.slug },
        context: {},
      }),
    )) as Response;
    expect(page.headers.get("Location")).toBe(`/applications/${id}?existing=1`);
    expect(rows(s.applications)).toBe(1);
    expect(rows(s.files)).toBe(1);
    expect(filesOnDisk()).toHaveLength(1);
  });

  test("closed, past-closing-date and draft openings are refused, before any upload is read", async () => {
    const { cookie } = await signedInCandidate();
    const closed = createOpening(db, { labId, status: "closed" });
    const past = createOpening(db, { labId, closesAt: Date.now() - 60_000 });
    const draft = createOpening(db, { labId, status: "draft" });
    for (const [o, status] of [
      [closed, 410],
      [past, 410],
      [draft, 404],
    ] as const) {
      const posted = (await submit(o.slug, cookie, validFields(), {
        name: "cv.pdf",
        bytes: PDF,
      })) as Response;
      expect(posted.status).toBe(status);
      const page = (await settle(() =>
        loader({
          request: new Request(`http://localhost/careers/${o.slug}/apply`, {
            headers: { Cookie: cookie },
          }),
          params: { slug: o.slug },
          context: {},
        }),
      )) as Response;
      expect(page.status).toBe(status);
    }
    expect(rows(s.applications)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });

  test("anonymous visitors get the whole form (with their account section); staff get a 403", async () => {
    const anonymous = await loader({
      request: new Request(`http://localhost/careers/${opening.slug}/apply`),
      params: { slug: opening.slug },
      context: {},
    });
    expect(anonymous.visitor).toBe(true);
    expect(anonymous.questions).toHaveLength(4);

    const { cookie } = await signedInCandidate("recruiter");
    const staff = (await submit(opening.slug, cookie, validFields(), {
      name: "cv.pdf",
      bytes: PDF,
    })) as Response;
    expect(staff.status).toBe(403);
    expect(rows(s.applications)).toBe(0);
  });

  test("the saved profile resume can be used, and an upload can be saved to the profile", async () => {
    const { user, cookie } = await signedInCandidate();
    const saving = { ...validFields(), saveToProfile: "on" };
    await submit(opening.slug, cookie, saving, { name: "mine.pdf", bytes: PDF });
    const profile = db
      .select()
      .from(s.candidateProfiles)
      .where(eq(s.candidateProfiles.userId, user.id))
      .get()!;
    const firstApp = db.select().from(s.applications).get()!;
    expect(profile.resumeFileId).toBe(firstApp.resumeFileId);

    const other = createOpening(db, { labId });
    const data = await loader({
      request: new Request(`http://localhost/careers/${other.slug}/apply`, {
        headers: { Cookie: cookie },
      }),
      params: { slug: other.slug },
      context: {},
    });
    expect(data.savedResume?.name).toBe("mine.pdf");
    expect(JSON.stringify(data)).not.toContain("storage");

    const result = (await submit(other.slug, cookie, {
      consent: "on",
      resumeChoice: "saved",
    })) as Response;
    expect(result.status).toBe(302);
    const second = db
      .select()
      .from(s.applications)
      .where(eq(s.applications.openingId, other.id))
      .get()!;
    expect(second.resumeFileId).toBe(profile.resumeFileId);
    expect(filesOnDisk()).toHaveLength(1);
  });

  test("when the outbox write fails, the whole submission rolls back and the file is removed", async () => {
    const { cookie } = await signedInCandidate();
    db.$client.exec(
      "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;",
    );
    try {
      await expect(
        action({
          request: applyRequest(opening.slug, cookie, validFields(), {
            name: "cv.pdf",
            bytes: PDF,
          }),
          params: { slug: opening.slug },
          context: {},
        }),
      ).rejects.toThrow(/outbox unavailable/);
    } finally {
      db.$client.exec("DROP TRIGGER outbox_down");
    }
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.applicationAnswers)).toBe(0);
    expect(rows(s.applicationEvents)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(rows(s.outbox)).toBe(0);
    expect(filesOnDisk()).toEqual([]);
  });
});
