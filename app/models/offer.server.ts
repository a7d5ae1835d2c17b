/**
 * Offers: staff draft one, a second person (an admin, never the drafter)
 * approves it, sending it moves the application to the opening's Offer stage
 * and emails the candidate, who accepts (the application is hired, exactly as
 * a recruiter's hire) or declines before it expires; the daily job expires
 * the rest. Each step writes an application event in the same transaction.
 * Offer contents are read by staff and by the candidate it was made to, and
 * by no one else. Callers run deliverOutbox() after.
 *
 * An offer may carry a PDF beside its letter: the route has the uploads module
 * check and store it first, draftOffer writes its `files` row and the offer in
 * one transaction, and the caller deletes the stored file when the draft is
 * refused. Staff can download it always; the candidate once it was sent.
 */
import { and, asc, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import {
  applicationEvents,
  applications,
  files,
  offers,
  openings,
  stages,
  users,
} from "../../db/schema";
import type { OfferStatus } from "~/lib/enums";
import {
  offerApprovalRequestedEmail,
  offerApprovedEmail,
  offerReturnedEmail,
  offerSentEmail,
} from "~/emails/hiring";
import { hireInTransaction, type Actor } from "~/models/pipeline.server";
import type { DB, Tx } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { renderMarkdown } from "~/utils/markdown.server";
import type { StoredUpload } from "~/utils/uploads.server";
import { formatDate, formatPay, utcDayEnd } from "~/utils/time";

export type OfferInput = {
  title: string;
  startDate: string;
  payKind: "salary" | "stipend";
  amount: number;
  currency: string;
  payPeriod: "year" | "month";
  durationMonths: number | null;
  letter: string;
  /** ISO date; the offer can be answered until the end of that day (UTC). */
  expiresOn: string;
  /** The PDF sent with the letter, already checked and stored by the uploads module. */
  pdf?: StoredUpload | null;
};

export type OfferOutcome =
  { ok: true; id: number } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

const OPEN: OfferStatus[] = ["draft", "approved", "sent"];

function event(
  tx: Tx,
  actorId: number | null,
  applicationId: number,
  now: number,
  type:
    | "offer_drafted"
    | "offer_approved"
    | "offer_sent"
    | "offer_accepted"
    | "offer_declined"
    | "offer_expired"
    | "offer_returned",
  detail: string,
  visible?: { toStageId?: number; fromStageId?: number },
) {
  tx.insert(applicationEvents)
    .values({
      applicationId,
      at: now,
      actorUserId: actorId,
      type,
      candidateVisible: Boolean(visible),
      publicStatus: visible ? "offer" : null,
      fromStageId: visible?.fromStageId ?? null,
      toStageId: visible?.toStageId ?? null,
      internalDetail: detail,
    })
    .run();
}

/** Drafts an offer for an active application that has no offer in progress. */
export function draftOffer(
  db: DB,
  ctx: Actor,
  input: OfferInput & { applicationId: number },
): OfferOutcome {
  const now = ctx.now ?? Date.now();
  const { expiresOn, applicationId, pdf, ...fields } = input;
  const expiresAt = utcDayEnd(expiresOn);
  if (expiresAt === null || !(expiresAt > now))
    return {
      ok: false,
      message: "The offer was not saved.",
      fieldErrors: { expiresOn: ["Choose a reply-by date in the future."] },
    };
  return db.transaction(
    (tx): OfferOutcome => {
      const app = tx
        .select({ status: applications.status })
        .from(applications)
        .where(eq(applications.id, applicationId))
        .get();
      if (!app || app.status !== "active")
        return { ok: false, message: "Only an active application can get an offer." };
      const open = tx
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.applicationId, applicationId), inArray(offers.status, OPEN)))
        .get();
      if (open)
        return {
          ok: false,
          message: "This application already has an offer in progress.",
        };
      const pdfFileId = pdf
        ? tx
            .insert(files)
            .values({
              // No owner: the employer's document, listed in the candidate's export with the offer.
              ownerUserId: null,
              kind: "offer",
              storageName: pdf.storageName,
              originalName: pdf.originalName,
              contentType: pdf.contentType,
              size: pdf.size,
              sha256: pdf.sha256,
              createdAt: now,
            })
            .returning({ id: files.id })
            .get().id
        : null;
      const row = tx
        .insert(offers)
        .values({
          ...fields,
          pdfFileId,
          applicationId,
          expiresAt,
          draftedBy: ctx.actorId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: offers.id })
        .get();
      event(
        tx,
        ctx.actorId,
        applicationId,
        now,
        "offer_drafted",
        `${fields.title}, ${formatPay(fields.currency, fields.payPeriod, fields.amount)}`,
      );
      // Every admin who may approve it (anyone but the drafter) is told it waits.
      const facts = offerFacts(tx, applicationId);
      const drafterName = nameOf(tx, ctx.actorId);
      const approvers = tx
        .select({ name: users.name, email: users.email })
        .from(users)
        .where(and(eq(users.role, "admin"), ne(users.id, ctx.actorId)))
        .all();
      for (const admin of approvers)
        queueEmail(
          tx,
          offerApprovalRequestedEmail({
            ...facts,
            to: admin.email,
            staffName: admin.name,
            drafterName,
            approverName: null,
            offerTitle: fields.title,
            link: `${ctx.origin}/recruit/applications/${applicationId}/hiring`,
          }),
        );
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

/** Who an offer is for and for which role, as the approval messages name them. */
function offerFacts(tx: Tx, applicationId: number) {
  const row = tx
    .select({ candidateName: users.name, openingTitle: openings.title })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.candidateId))
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .where(eq(applications.id, applicationId))
    .get();
  return row ?? { candidateName: "", openingTitle: "" };
}

function nameOf(tx: Tx, userId: number): string {
  return tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? "";
}

function loadOffer(tx: Tx, applicationId: number, offerId: number) {
  return tx
    .select()
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.applicationId, applicationId)))
    .get();
}

/**
 * Approves a draft. The caller checks the approver is an admin; this refuses
 * the drafter, whatever their role: an offer needs two people.
 */
export function approveOffer(
  db: DB,
  ctx: Actor,
  input: { applicationId: number; offerId: number },
): OfferOutcome {
  const now = ctx.now ?? Date.now();
  return db.transaction(
    (tx): OfferOutcome => {
      const offer = loadOffer(tx, input.applicationId, input.offerId);
      if (!offer) return { ok: false, message: "That offer no longer exists." };
      if (offer.status !== "draft")
        return { ok: false, message: "Only a draft offer can be approved." };
      if (offer.draftedBy === ctx.actorId)
        return {
          ok: false,
          message: "You drafted this offer, so someone else has to approve it.",
        };
      tx.update(offers)
        .set({ status: "approved", approvedBy: ctx.actorId, approvedAt: now, updatedAt: now })
        .where(eq(offers.id, offer.id))
        .run();
      event(tx, ctx.actorId, offer.applicationId, now, "offer_approved", offer.title);
      // The drafter is told it can go out.
      const drafter = offer.draftedBy
        ? tx
            .select({ name: users.name, email: users.email, role: users.role })
            .from(users)
            .where(eq(users.id, offer.draftedBy))
            .get()
        : undefined;
      if (drafter && drafter.role !== "candidate")
        queueEmail(
          tx,
          offerApprovedEmail({
            ...offerFacts(tx, offer.applicationId),
            to: drafter.email,
            staffName: drafter.name,
            drafterName: drafter.name,
            approverName: nameOf(tx, ctx.actorId),
            offerTitle: offer.title,
            link: `${ctx.origin}/recruit/applications/${offer.applicationId}/hiring`,
          }),
        );
      return { ok: true, id: offer.id };
    },
    { behavior: "immediate" },
  );
}

/**
 * Sends a draft back to its drafter with the approver's reason instead of
 * approving it. The draft is closed (a corrected one is drafted anew, so what
 * was refused stays on record as it was), the drafter is emailed the reason,
 * and the timeline notes it for staff only. Same rules as approveOffer: an
 * admin who did not draft it.
 */
export function returnOffer(
  db: DB,
  ctx: Actor,
  input: { applicationId: number; offerId: number; reason: string },
): OfferOutcome {
  const now = ctx.now ?? Date.now();
  const reason = input.reason.trim();
  return db.transaction(
    (tx): OfferOutcome => {
      const offer = loadOffer(tx, input.applicationId, input.offerId);
      if (!offer) return { ok: false, message: "That offer no longer exists." };
      if (offer.status !== "draft")
        return { ok: false, message: "Only a draft offer waiting for approval can be sent back." };
      if (offer.draftedBy === ctx.actorId)
        return { ok: false, message: "You drafted this offer; withdraw it by drafting a new one." };
      tx.update(offers)
        .set({
          status: "returned",
          returnedBy: ctx.actorId,
          returnedAt: now,
          returnReason: reason,
          updatedAt: now,
        })
        .where(eq(offers.id, offer.id))
        .run();
      event(
        tx,
        ctx.actorId,
        offer.applicationId,
        now,
        "offer_returned",
        `${offer.title} — “${reason}”`,
      );
      const drafter = offer.draftedBy
        ? tx
            .select({ name: users.name, email: users.email, role: users.role })
            .from(users)
            .where(eq(users.id, offer.draftedBy))
            .get()
        : undefined;
      if (drafter && drafter.role !== "candidate")
        queueEmail(
          tx,
          offerReturnedEmail({
            ...offerFacts(tx, offer.applicationId),
            to: drafter.email,
            staffName: drafter.name,
            drafterName: drafter.name,
            approverName: nameOf(tx, ctx.actorId),
            offerTitle: offer.title,
            reason,
            link: `${ctx.origin}/recruit/applications/${offer.applicationId}/hiring`,
          }),
        );
      return { ok: true, id: offer.id };
    },
    { behavior: "immediate" },
  );
}

/**
 * Sends an approved offer: the application moves to the opening's Offer
 * stage (the one of that kind), the candidate is emailed.
 */
export function sendOffer(
  db: DB,
  ctx: Actor,
  input: { applicationId: number; offerId: number },
): OfferOutcome {
  const now = ctx.now ?? Date.now();
  return db.transaction(
    (tx): OfferOutcome => {
      const offer = loadOffer(tx, input.applicationId, input.offerId);
      if (!offer) return { ok: false, message: "That offer no longer exists." };
      if (offer.status !== "approved")
        return {
          ok: false,
          message:
            offer.status === "draft"
              ? "This offer has not been approved yet; an admin other than its drafter approves it first."
              : "This offer has already been sent.",
        };
      if (offer.expiresAt <= now)
        return { ok: false, message: "The offer's reply-by date has passed; draft a new offer." };
      const app = tx
        .select({
          id: applications.id,
          status: applications.status,
          stageId: applications.stageId,
          openingId: applications.openingId,
          openingTitle: openings.title,
          name: users.name,
          email: users.email,
        })
        .from(applications)
        .innerJoin(openings, eq(openings.id, applications.openingId))
        .innerJoin(users, eq(users.id, applications.candidateId))
        .where(eq(applications.id, offer.applicationId))
        .get();
      if (!app || app.status !== "active")
        return { ok: false, message: "This application is no longer active." };
      const stage = tx
        .select({ id: stages.id, name: stages.name })
        .from(stages)
        .where(and(eq(stages.openingId, app.openingId), eq(stages.kind, "offer")))
        .get();
      if (!stage)
        return {
          ok: false,
          message:
            "This opening's pipeline has no Offer stage; give one stage the kind Offer in the opening's editor before sending.",
        };
      tx.update(offers)
        .set({ status: "sent", sentAt: now, updatedAt: now })
        .where(eq(offers.id, offer.id))
        .run();
      tx.update(applications)
        .set({
          stageId: stage.id,
          ...(stage.id !== app.stageId ? { stageEnteredAt: now } : {}),
          // A stage change: a board page loaded before it is now stale.
          version: sql`${applications.version} + 1`,
          updatedAt: now,
          publicChangedAt: now,
        })
        .where(eq(applications.id, app.id))
        .run();
      event(tx, ctx.actorId, app.id, now, "offer_sent", `${offer.title} → ${stage.name}`, {
        fromStageId: app.stageId,
        toStageId: stage.id,
      });
      queueEmail(
        tx,
        offerSentEmail({
          to: app.email,
          candidateName: app.name,
          openingTitle: app.openingTitle,
          offerTitle: offer.title,
          expires: formatDate(offer.expiresAt),
          link: `${ctx.origin}/applications/${app.id}`,
        }),
      );
      return { ok: true, id: offer.id };
    },
    { behavior: "immediate" },
  );
}

export type ResponseOutcome =
  { kind: "done"; accepted: boolean } | { kind: "missing" } | { kind: "closed"; message: string };

/**
 * The candidate answers a sent offer made to them, before it expires.
 * Accepting hires the application (its last stage, the hired email);
 * declining records the reason for staff.
 */
export function respondToOffer(
  db: DB,
  input: {
    candidateId: number;
    applicationId: number;
    offerId: number;
    accept: boolean;
    reason?: string | null;
    origin: string;
    now?: number;
  },
): ResponseOutcome {
  const now = input.now ?? Date.now();
  return db.transaction(
    (tx): ResponseOutcome => {
      const row = tx
        .select({ offer: offers, app: applications })
        .from(offers)
        .innerJoin(applications, eq(applications.id, offers.applicationId))
        .where(
          and(
            eq(offers.id, input.offerId),
            eq(applications.id, input.applicationId),
            eq(applications.candidateId, input.candidateId),
          ),
        )
        .get();
      // Drafts and approved offers the candidate has not been sent do not exist for them.
      if (!row || row.offer.status === "draft" || row.offer.status === "approved")
        return { kind: "missing" };
      const { offer, app } = row;
      if (offer.status !== "sent")
        return { kind: "closed", message: "This offer has already been answered or has expired." };
      if (offer.expiresAt <= now)
        return { kind: "closed", message: "This offer expired, so it can no longer be answered." };
      if (app.status !== "active")
        return { kind: "closed", message: "This application is no longer active." };
      tx.update(offers)
        .set({
          status: input.accept ? "accepted" : "declined",
          respondedAt: now,
          declineReason: input.accept ? null : input.reason?.trim() || null,
          updatedAt: now,
        })
        .where(eq(offers.id, offer.id))
        .run();
      event(
        tx,
        input.candidateId,
        app.id,
        now,
        input.accept ? "offer_accepted" : "offer_declined",
        input.accept
          ? `Candidate accepted: ${offer.title}`
          : `Candidate declined: ${offer.title}${input.reason?.trim() ? ` — “${input.reason.trim()}”` : ""}`,
      );
      if (input.accept) {
        hireInTransaction(
          tx,
          { actorId: input.candidateId, origin: input.origin, now },
          { openingId: app.openingId, item: { id: app.id, version: app.version } },
        );
      } else {
        tx.update(applications).set({ updatedAt: now }).where(eq(applications.id, app.id)).run();
      }
      return { kind: "done", accepted: input.accept };
    },
    { behavior: "immediate" },
  );
}

/** Marks every sent offer past its reply-by time as expired (the daily job). Returns how many. */
export function expireOffers(db: DB, now = Date.now()): number {
  return db.transaction(
    (tx) => {
      const due = tx
        .select({ id: offers.id, applicationId: offers.applicationId, title: offers.title })
        .from(offers)
        .where(and(eq(offers.status, "sent"), lte(offers.expiresAt, now)))
        .all();
      for (const o of due) {
        tx.update(offers)
          .set({ status: "expired", updatedAt: now })
          .where(eq(offers.id, o.id))
          .run();
        event(
          tx,
          null,
          o.applicationId,
          now,
          "offer_expired",
          `${o.title}: no answer by the reply-by date`,
        );
      }
      return due.length;
    },
    { behavior: "immediate" },
  );
}

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
