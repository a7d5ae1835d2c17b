/**
 * Offers as people read them: staff see every offer of an application, the
 * candidate only those sent to them, and each side its PDF under the same
 * rule; the candidate's data export carries theirs. Drafting, approval,
 * sending and answers are in offer.server.ts.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { applications, files, offers, users } from "../../db/schema";
import type { OfferStatus } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { formatPay } from "~/utils/time";

type PdfInfo = { name: string | null; size: number | null };

function present(o: typeof offers.$inferSelect, pdf?: PdfInfo) {
  return {
    id: o.id,
    title: o.title,
    startDate: o.startDate,
    payKind: o.payKind,
    pay: formatPay(o.currency, o.payPeriod, o.amount),
    durationMonths: o.durationMonths,
    letterHtml: renderMarkdown(o.letter),
    status: o.status,
    expiresAt: o.expiresAt,
    sentAt: o.sentAt,
    respondedAt: o.respondedAt,
    /** The attached PDF's display name and size, or null when the offer has none. */
    pdf: pdf?.name ? { name: pdf.name, size: pdf.size ?? 0 } : null,
  };
}

/** Every offer of an application, for staff (newest first), with who drafted and approved it. */
export function listOffersForStaff(db: DB, applicationId: number) {
  const rows = db
    .select({ offer: offers, name: files.originalName, size: files.size })
    .from(offers)
    .leftJoin(files, eq(files.id, offers.pdfFileId))
    .where(eq(offers.applicationId, applicationId))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .all();
  const ids = [
    ...new Set(
      rows
        .flatMap(({ offer: r }) => [r.draftedBy, r.approvedBy, r.returnedBy])
        .filter((x) => x !== null),
    ),
  ];
  const names = new Map(
    ids.length
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, ids))
          .all()
          .map((u) => [u.id, u.name])
      : [],
  );
  return rows.map(({ offer: r, name, size }) => ({
    ...present(r, { name, size }),
    draftedBy: r.draftedBy,
    draftedByName: r.draftedBy ? (names.get(r.draftedBy) ?? null) : null,
    approvedByName: r.approvedBy ? (names.get(r.approvedBy) ?? null) : null,
    declineReason: r.declineReason,
    returned:
      r.returnedAt !== null
        ? {
            byName: r.returnedBy ? (names.get(r.returnedBy) ?? "a former colleague") : "—",
            at: r.returnedAt,
            reason: r.returnReason ?? "",
          }
        : null,
  }));
}

const CANDIDATE_VISIBLE: OfferStatus[] = ["sent", "accepted", "declined", "expired"];

/** The offers sent to the candidate on one of their own applications (none for anyone else's). */
export function listOffersForCandidate(db: DB, candidateId: number, applicationId: number) {
  return db
    .select({ offer: offers, name: files.originalName, size: files.size })
    .from(offers)
    .innerJoin(applications, eq(applications.id, offers.applicationId))
    .leftJoin(files, eq(files.id, offers.pdfFileId))
    .where(
      and(
        eq(applications.id, applicationId),
        eq(applications.candidateId, candidateId),
        inArray(offers.status, CANDIDATE_VISIBLE),
      ),
    )
    .orderBy(desc(offers.sentAt))
    .all()
    .map(({ offer, name, size }) => ({
      ...present(offer, { name, size }),
      declineReason: offer.declineReason,
    }));
}

/** Staff: the PDF of one offer of an application, or null (no such offer, or no PDF). */
export function getOfferPdfForStaff(db: DB, applicationId: number, offerId: number) {
  return (
    db
      .select({ storageName: files.storageName, originalName: files.originalName })
      .from(offers)
      .innerJoin(files, eq(files.id, offers.pdfFileId))
      .where(and(eq(offers.id, offerId), eq(offers.applicationId, applicationId)))
      .get() ?? null
  );
}

/**
 * The candidate: the PDF of an offer on one of their own applications, once
 * it was sent to them (never a draft or an approved, unsent offer); else null.
 */
export function getOfferPdfForCandidate(
  db: DB,
  input: { candidateId: number; applicationId: number; offerId: number },
) {
  return (
    db
      .select({ storageName: files.storageName, originalName: files.originalName })
      .from(offers)
      .innerJoin(applications, eq(applications.id, offers.applicationId))
      .innerJoin(files, eq(files.id, offers.pdfFileId))
      .where(
        and(
          eq(offers.id, input.offerId),
          eq(applications.id, input.applicationId),
          eq(applications.candidateId, input.candidateId),
          inArray(offers.status, CANDIDATE_VISIBLE),
        ),
      )
      .get() ?? null
  );
}

/** The offers made to `candidateId`, for their own data export (the letter as written). */
export function exportOffersOf(db: DB, candidateId: number) {
  return db
    .select({
      applicationId: offers.applicationId,
      title: offers.title,
      startDate: offers.startDate,
      payKind: offers.payKind,
      amount: offers.amount,
      currency: offers.currency,
      payPeriod: offers.payPeriod,
      durationMonths: offers.durationMonths,
      letter: offers.letter,
      status: offers.status,
      sentAt: offers.sentAt,
      expiresAt: offers.expiresAt,
      respondedAt: offers.respondedAt,
      declineReason: offers.declineReason,
      /** The attached PDF's file name (the file itself is downloaded from the application page). */
      pdfFileName: files.originalName,
    })
    .from(offers)
    .innerJoin(applications, eq(applications.id, offers.applicationId))
    .leftJoin(files, eq(files.id, offers.pdfFileId))
    .where(
      and(eq(applications.candidateId, candidateId), inArray(offers.status, CANDIDATE_VISIBLE)),
    )
    .orderBy(asc(offers.sentAt))
    .all();
}
