/**
 * The offer's optional PDF through the real routes: staff attach it to a
 * draft (multipart, checked and stored by the uploads module, linked in the
 * same transaction as the offer); a non-PDF, an oversize file or a refused
 * draft stores nothing; staff download it always, the candidate only once
 * the offer was sent to them, anyone else gets a 404 (anonymous: the login
 * redirect); retention removes the file; the export names it, without bytes.
 */
import fs from "node:fs";
import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../../db/schema";
import { applyTo, openingWithStages, signedIn } from "../../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../../tests/requests";
import { exportAccount } from "~/auth/account.server";
import { applyRetention } from "~/models/retention.server";
import { getDb, type DB } from "~/utils/db.server";
import { MAX_RESUME_BYTES } from "~/utils/uploads.server";
import { listStoredFiles, storedFilePath } from "../../../tests/uploads";
import * as candidatePdf from "../applications.$id_.offers.$offerId.pdf";
import * as staffPdf from "../recruit.applications.$id_.offers.$offerId.pdf";
import * as hiring from "./route";

const PDF = Buffer.from("%PDF-1.4\nOFFER-PDF-SECRET terms and conditions\n%%EOF\n");

let db: DB;
let recruiter: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let cand: Awaited<ReturnType<typeof signedIn>>;
let other: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  db = getDb();
  recruiter = await signedIn(db, "recruiter", { name: "Rita Recruiter" });
  admin = await signedIn(db, "admin", { name: "Ada Admin" });
  cand = await signedIn(db, "candidate", { name: "Cara Candidate" });
  other = await signedIn(db, "candidate", { name: "Otto Other" });
});

function newApplication() {
  const { opening, stages } = openingWithStages(db, { title: "Quantum Postdoc" });
  return applyTo(db, { openingId: opening.id, candidateId: cand.user.id, stageId: stages[2].id });
}

const offerFields = (over: Record<string, string> = {}): Record<string, string> => ({
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
  ...over,
});

/** The offer form as a browser sends it with a file chosen: multipart. */
function draftWithFile(
  appId: number,
  file: { bytes: Uint8Array; name: string } | null,
  over: Record<string, string> = {},
  token = recruiter.token,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(offerFields(over))) form.append(k, v);
  form.append(
    "pdf",
    file
      ? new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" })
      : new File([], "", { type: "application/octet-stream" }),
  );
  return call(
    hiring.action as never,
    postForm(`/recruit/applications/${appId}/hiring`, form, { token }),
    { id: String(appId) },
  );
}

const step = (appId: number, intent: string, offerId: number, token: string) =>
  call(
    hiring.action as never,
    postForm(
      `/recruit/applications/${appId}/hiring`,
      { intent, offerId: String(offerId) },
      { token },
    ),
    { id: String(appId) },
  );

const latestOffer = (appId: number) =>
  db
    .select()
    .from(s.offers)
    .where(eq(s.offers.applicationId, appId))
    .orderBy(desc(s.offers.id))
    .get();
const offerCount = () => db.select({ n: count() }).from(s.offers).get()!.n;
const fileCount = () => db.select({ n: count() }).from(s.files).get()!.n;
const onDisk = () => {
  const { stored, partial } = listStoredFiles();
  return [...stored, ...partial].sort();
};

const downloadAsCandidate = (appId: number, offerId: number, token: string | null) =>
  call(
    candidatePdf.loader as never,
    getRequest(`/applications/${appId}/offers/${offerId}/pdf`, { token }),
    { id: String(appId), offerId: String(offerId) },
  );
const downloadAsStaff = (appId: number, offerId: number, token: string) =>
  call(
    staffPdf.loader as never,
    getRequest(`/recruit/applications/${appId}/offers/${offerId}/pdf`, { token }),
    { id: String(appId), offerId: String(offerId) },
  );

describe("offer PDF", () => {
  it("is stored with the draft and linked to it; staff see and download it", async () => {
    const app = newApplication();
    const res = await draftWithFile(app.id, { bytes: PDF, name: "Contract – Cara.pdf" });
    expect(res.status).toBe(302);
    const offer = latestOffer(app.id)!;
    expect(offer.pdfFileId).not.toBeNull();
    const file = db.select().from(s.files).where(eq(s.files.id, offer.pdfFileId!)).get()!;
    expect(file).toMatchObject({
      kind: "offer",
      ownerUserId: null,
      originalName: "Contract – Cara.pdf",
      contentType: "application/pdf",
      size: PDF.length,
    });
    expect(fs.readFileSync(storedFilePath(file.storageName))).toEqual(PDF);
    expect(listStoredFiles().partial).toEqual([]);

    const page = await call(
      hiring.loader as never,
      getRequest(`/recruit/applications/${app.id}/hiring`, { token: recruiter.token }),
      { id: String(app.id) },
    );
    const offers = (page.data as { offers: Array<{ pdf: { name: string } | null }> }).offers;
    expect(offers[0].pdf?.name).toBe("Contract – Cara.pdf");

    const download = await downloadAsStaff(app.id, offer.id, recruiter.token);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename=/);
    expect(download.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await download.response!.arrayBuffer())).toEqual(PDF);
    // Not through another application's URL, and not for a candidate on the staff route.
    const elsewhere = newApplication();
    expect((await downloadAsStaff(elsewhere.id, offer.id, recruiter.token)).status).toBe(404);
    expect((await downloadAsStaff(app.id, offer.id, cand.token)).status).toBe(403);
  });

  it("stays optional: a draft without a file has no PDF", async () => {
    const app = newApplication();
    const before = onDisk();
    expect((await draftWithFile(app.id, null)).status).toBe(302);
    expect(latestOffer(app.id)!.pdfFileId).toBeNull();
    expect(onDisk()).toEqual(before);
    // The page offers no download for it.
    const page = await call(
      hiring.loader as never,
      getRequest(`/recruit/applications/${app.id}/hiring`, { token: recruiter.token }),
      { id: String(app.id) },
    );
    expect((page.data as { offers: Array<{ pdf: unknown }> }).offers[0].pdf).toBeNull();
  });

  it("refuses a non-PDF, an oversize file or a bad draft with a 400 and stores nothing", async () => {
    const app = newApplication();
    const offers = offerCount();
    const rows = fileCount();
    const disk = onDisk();

    const notPdf = await draftWithFile(app.id, {
      bytes: Buffer.from("MZ\x90\x00 definitely an executable"),
      name: "contract.pdf",
    });
    expect(notPdf.status).toBe(400);
    expect(formErrors(notPdf).pdf?.[0]).toMatch(/not a PDF/);

    const big = Buffer.alloc(MAX_RESUME_BYTES + 1, 0x20);
    PDF.copy(big);
    const oversize = await draftWithFile(app.id, { bytes: big, name: "huge.pdf" });
    expect(oversize.status).toBe(400);
    expect(formErrors(oversize).pdf?.[0]).toMatch(/larger than 5 MB/);

    // A good PDF with a bad form: the file is not kept either.
    const badForm = await draftWithFile(
      app.id,
      { bytes: PDF, name: "contract.pdf" },
      { amount: "lots" },
    );
    expect(badForm.status).toBe(400);
    expect(Object.keys(formErrors(badForm))).toContain("amount");

    expect(offerCount()).toBe(offers);
    expect(fileCount()).toBe(rows);
    expect(onDisk()).toEqual(disk);
  });

  it("reaches the candidate only once sent, only their own; anonymous visitors sign in", async () => {
    const app = newApplication();
    await draftWithFile(app.id, { bytes: PDF, name: "contract.pdf" });
    const offer = latestOffer(app.id)!;

    expect((await downloadAsCandidate(app.id, offer.id, cand.token)).status).toBe(404);
    expect((await step(app.id, "approve_offer", offer.id, admin.token)).status).toBe(302);
    expect((await downloadAsCandidate(app.id, offer.id, cand.token)).status).toBe(404);
    expect((await step(app.id, "send_offer", offer.id, recruiter.token)).status).toBe(302);

    const mine = await downloadAsCandidate(app.id, offer.id, cand.token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await mine.response!.arrayBuffer())).toEqual(PDF);

    const theirs = await downloadAsCandidate(app.id, offer.id, other.token);
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(theirs.data ?? "")).not.toContain("OFFER-PDF-SECRET");
    const anonymous = await downloadAsCandidate(app.id, offer.id, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?/);
    expect((await downloadAsCandidate(app.id, 999_999, cand.token)).status).toBe(404);

    // The candidate's export names the PDF with the offer, never its bytes.
    const exported = exportAccount(db, cand.user.id).applications.find((a) => a.id === app.id)!;
    expect(exported.offers[0]).toMatchObject({ pdfFileName: "contract.pdf" });
    expect(JSON.stringify(exportAccount(db, cand.user.id))).not.toContain("OFFER-PDF-SECRET");
  });

  it("is removed by retention with the application's other files", async () => {
    const app = newApplication();
    await draftWithFile(app.id, { bytes: PDF, name: "contract.pdf" });
    const offer = latestOffer(app.id)!;
    const file = db.select().from(s.files).where(eq(s.files.id, offer.pdfFileId!)).get()!;
    const longAgo = Date.UTC(2024, 0, 15);
    db.update(s.applications)
      .set({ status: "rejected", updatedAt: longAgo })
      .where(eq(s.applications.id, app.id))
      .run();
    db.insert(s.applicationEvents)
      .values({
        applicationId: app.id,
        at: longAgo,
        type: "rejected",
        candidateVisible: true,
        publicStatus: "not_selected",
      })
      .run();

    const summary = applyRetention(db, { now: Date.UTC(2026, 11, 1), months: 24, dryRun: false });
    expect(summary.files).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(storedFilePath(file.storageName))).toBe(false);
    expect(db.select().from(s.files).where(eq(s.files.id, file.id)).get()).toBeUndefined();
    expect(latestOffer(app.id)).toMatchObject({ id: offer.id, pdfFileId: null });
  });
});
