/** What a candidate sees of their interviews and offers on one of their own applications. */
import { listInterviewsForCandidate } from "~/models/interview-lists.server";
import { listOffersForCandidate } from "~/models/offer-lists.server";
import type { DB } from "~/utils/db.server";

export function getCandidateHiring(db: DB, candidateId: number, applicationId: number) {
  return {
    interviews: listInterviewsForCandidate(db, candidateId, applicationId),
    offers: listOffersForCandidate(db, candidateId, applicationId),
  };
}
