/**
 * The second person's step on a drafted offer: an admin who did not draft
 * it approves it (the drafter is told and may send it) or sends it back with
 * a reason. Drafting, sending and the candidate's answer are in
 * offer.server.ts.
 */
import { eq } from "drizzle-orm";
import { offers, users } from "../../db/schema";
import { offerApprovedEmail, offerReturnedEmail } from "~/emails/hiring";
import { type Actor } from "~/models/pipeline.server";
import type { DB, Tx } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { loadOffer, nameOf, offerEvent, offerFacts, type OfferOutcome } from "./offer.server";

/**
 * What the emails to an offer's drafter carry, or null when there is nobody
 * to tell (the drafter's account is gone or is no longer staff).
 */
function drafterFacts(
  tx: Tx,
  ctx: Actor,
  offer: { draftedBy: number | null; applicationId: number; title: string },
) {
  const drafter = offer.draftedBy
    ? tx
        .select({ name: users.name, email: users.email, role: users.role })
        .from(users)
        .where(eq(users.id, offer.draftedBy))
        .get()
    : undefined;
  if (!drafter || drafter.role === "candidate") return null;
  return {
    ...offerFacts(tx, offer.applicationId),
    to: drafter.email,
    staffName: drafter.name,
    drafterName: drafter.name,
    approverName: nameOf(tx, ctx.actorId),
    offerTitle: offer.title,
    link: `${ctx.origin}/recruit/applications/${offer.applicationId}/hiring`,
  };
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
      offerEvent(tx, ctx.actorId, offer.applicationId, now, "offer_approved", offer.title);
      // The drafter is told it can go out.
      const facts = drafterFacts(tx, ctx, offer);
      if (facts) queueEmail(tx, offerApprovedEmail({ ...facts }));
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
      offerEvent(
        tx,
        ctx.actorId,
        offer.applicationId,
        now,
        "offer_returned",
        `${offer.title} — “${reason}”`,
      );
      const facts = drafterFacts(tx, ctx, offer);
      if (facts) queueEmail(tx, offerReturnedEmail({ ...facts, reason }));
      return { ok: true, id: offer.id };
    },
    { behavior: "immediate" },
  );
}
