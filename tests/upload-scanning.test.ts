/**
 * Malware scanning of every upload path, through the real routes, with the
 * run's own clamd (tests/global-setup.ts): the apply form's résumé, the
 * profile résumé, a researcher photo, a referee's letter and an offer PDF.
 *
 * - scanner on, the EICAR test file: 400 with the scan's message beside the
 *   file field, and nothing stored (no row, no file, no `.part`);
 * - scanner on, a clean file: accepted as before;
 * - CLAMAV_SOCKET set to a scanner that is not there: 503 with a message,
 *   nothing stored (fail closed);
 * - CLAMAV_SOCKET unset: accepted, and the admin area says uploads are not scanned.
 */
import fs from "node:fs";
import path from "node:path";
import { count, desc, eq, max } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import * as s from "../db/schema";
import { getDb } from "~/utils/db.server";
import { SCAN_PROBLEMS, uploadsDir } from "~/utils/uploads.server";
import * as applyRoute from "~/routes/careers.$slug_.apply/route";
import * as profileRoute from "~/routes/account.profile";
import * as adminPerson from "~/routes/admin.people.$id";
import * as adminLayout from "~/routes/admin";
import * as refereesRoute from "~/routes/applications.$id_.referees";
import * as refereeRoute from "~/routes/referee";
import * as hiringRoute from "~/routes/recruit.applications.$id_.hiring/route";
import { createLab, createOpening, createResearcher, stagesOf } from "./builders";
import { EICAR } from "./eicar";
import { applyTo, signedIn } from "./fixtures";
import { call, formErrors, getRequest, postForm, type Answer } from "./requests";
import { clamdSocket, useScanner } from "./scanning";

const db = getDb();
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]);

let candidate: Awaited<ReturnType<typeof signedIn>>;
let recruiter: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let labId: number;

beforeAll(async () => {
  candidate = await signedIn(db, "candidate", { name: "Cara Candidate" });
  recruiter = await signedIn(db, "recruiter", { name: "Rita Recruiter" });
  admin = await signedIn(db, "admin", { name: "Ada Admin" });
  labId = createLab(db).id;
});

let restoreScanner = () => {};
afterEach(() => restoreScanner());

function form(
  fields: Record<string, string>,
  file: { field: string; bytes: Buffer; name: string },
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append(file.field, new File([new Uint8Array(file.bytes)], file.name));
  return body;
}

/** A fresh application of the candidate, in its opening's third stage (offers can be drafted there). */
function newApplication(lettersRequired = 0) {
  const opening = createOpening(db, { labId, lettersRequired });
  const stages = stagesOf(db, opening.id);
  return applyTo(db, {
    openingId: opening.id,
    candidateId: candidate.user.id,
    stageId: stages[2].id,
  });
}

type UploadPath = {
  name: string;
  /** The file field the message appears beside. */
  field: string;
  /** A clean file this path accepts. */
  clean: Buffer;
  send(bytes: Buffer): Promise<Answer>;
};

const PATHS: UploadPath[] = [
  {
    name: "the apply form's résumé",
    field: "resume",
    clean: PDF,
    send(bytes) {
      const opening = createOpening(db, { labId });
      const body = form(
        {
          resumeChoice: "upload",
          coverLetter: "I would like to join.",
          consent: "on",
          source: "other",
          sourceOther: "A colleague",
        },
        { field: "resume", bytes, name: "cv.pdf" },
      );
      return call(
        applyRoute.action,
        postForm(`/careers/${opening.slug}/apply`, body, { token: candidate.token }),
        { slug: opening.slug },
      );
    },
  },
  {
    name: "the profile résumé",
    field: "resume",
    clean: PDF,
    send(bytes) {
      const body = form({ headline: "Postdoc" }, { field: "resume", bytes, name: "cv.pdf" });
      return call(
        profileRoute.action,
        postForm("/account/profile", body, { token: candidate.token }),
      );
    },
  },
  {
    name: "a researcher photo (admin)",
    field: "photo",
    clean: PNG,
    send(bytes) {
      const researcher = createResearcher(db, { labId });
      return call(
        adminPerson.action,
        postForm(
          `/admin/people/${researcher.id}`,
          form({}, { field: "photo", bytes, name: "me.png" }),
          { token: admin.token },
        ),
        { id: String(researcher.id) },
      );
    },
  },
  {
    name: "a referee's letter",
    field: "letter",
    clean: PDF,
    async send(bytes) {
      const app = newApplication(1);
      const email = `referee-${app.id}@uni.example`;
      const named = await call(
        refereesRoute.action,
        postForm(
          `/applications/${app.id}/referees`,
          { intent: "add", name: "Prof. Rhea Referee", email, relationship: "PhD supervisor" },
          { token: candidate.token },
        ),
        { id: String(app.id) },
      );
      expect(named.status).toBe(302);
      const mail = db
        .select()
        .from(s.outbox)
        .where(eq(s.outbox.to, email))
        .orderBy(desc(s.outbox.id))
        .get()!;
      const link = new URL(/https?:\/\/\S+\/referee\?token=[a-z2-7]+/.exec(mail.text)![0]);
      return call(
        refereeRoute.action,
        postForm(
          `${link.pathname}${link.search}`,
          form({}, { field: "letter", bytes, name: "letter.pdf" }),
        ),
      );
    },
  },
  {
    name: "an offer PDF (recruiter)",
    field: "pdf",
    clean: PDF,
    send(bytes) {
      const app = newApplication();
      const body = form(
        {
          intent: "draft_offer",
          title: "Postdoctoral researcher",
          startDate: "2027-09-01",
          payKind: "salary",
          amount: "98000",
          currency: "CHF",
          payPeriod: "year",
          durationMonths: "24",
          letter: "Dear Cara,\n\nPlease find the contract attached.",
          expiresOn: "2099-01-31",
        },
        { field: "pdf", bytes, name: "offer.pdf" },
      );
      return call(
        hiringRoute.action,
        postForm(`/recruit/applications/${app.id}/hiring`, body, { token: recruiter.token }),
        { id: String(app.id) },
      );
    },
  },
];

/**
 * Every stored file there is: the rows (and the newest row's id: a replaced
 * profile résumé keeps the count), and the files in the uploads folder
 * (`.part` ones included).
 */
function stored() {
  const onDisk = fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).sort() : [];
  const rows = db
    .select({ n: count(), last: max(s.files.id) })
    .from(s.files)
    .get()!;
  return { rows: rows.n, lastId: rows.last ?? 0, onDisk };
}

describe.each(PATHS)("$name", (path_) => {
  test("scanner on: the EICAR test file is refused with a 400 beside the field, nothing stored", async () => {
    restoreScanner = useScanner(clamdSocket());
    const before = stored();
    const res = await path_.send(EICAR);
    expect(res.status).toBe(400);
    expect(formErrors(res)[path_.field]).toEqual([SCAN_PROBLEMS.infected]);
    expect(stored()).toEqual(before);
  });

  test("scanner on: a clean file is accepted", async () => {
    restoreScanner = useScanner(clamdSocket());
    const before = stored();
    const res = await path_.send(path_.clean);
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(stored().lastId).toBeGreaterThan(before.lastId);
  });

  test("scanner configured but not answering: refused with a 503 and a message, nothing stored", async () => {
    restoreScanner = useScanner(path.join(uploadsDir(), "..", "no-clamd-here.sock"));
    const before = stored();
    const res = await path_.send(path_.clean);
    expect(res.status).toBe(503);
    expect(formErrors(res)[path_.field]).toEqual([SCAN_PROBLEMS.scan_failed]);
    expect(stored()).toEqual(before);
  });

  test("no scanner configured: the file is accepted unscanned", async () => {
    restoreScanner = useScanner(null);
    const before = stored();
    const res = await path_.send(path_.clean);
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(stored().lastId).toBeGreaterThan(before.lastId);
  });
});

describe("the admin area says whether uploads are scanned", () => {
  const layout = () => call(adminLayout.loader, getRequest("/admin", { token: admin.token }));

  test("unset: 'Uploads are not scanned'; set and answering: nothing to say; set but silent: uploads refused", async () => {
    restoreScanner = useScanner(null);
    expect((await layout()).data).toEqual({ scanning: "off" });
    restoreScanner = useScanner(clamdSocket());
    expect((await layout()).data).toEqual({ scanning: "on" });
    restoreScanner = useScanner(path.join(uploadsDir(), "..", "no-clamd-here.sock"));
    expect((await layout()).data).toEqual({ scanning: "unreachable" });
    // Only admins learn it.
    expect(
      (await call(adminLayout.loader, getRequest("/admin", { token: recruiter.token }))).status,
    ).toBe(403);
  });
});
