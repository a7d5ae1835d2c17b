/**
 * Choices shared by the pipeline's server code and its forms (safe for the
 * browser bundle: no database here).
 */
import type { PublicStatus } from "./enums";

/** The default pipeline every new opening starts from. */
export const DEFAULT_STAGES: Array<{ name: string; publicStatus: PublicStatus }> = [
  { name: "Applied", publicStatus: "received" },
  { name: "Screening", publicStatus: "in_review" },
  { name: "Interview", publicStatus: "interviewing" },
  { name: "Offer", publicStatus: "offer" },
  { name: "Hired", publicStatus: "decision" },
];

/** Reasons a recruiter can pick when rejecting; stored as internal detail only. */
export const REJECT_REASONS = {
  experience: "Not enough relevant experience",
  skills: "Skills do not match the role",
  qualifications: "Does not meet the required qualifications",
  filled: "Position filled by another candidate",
  culture: "Not a fit for the team's current needs",
  withdrew_interest: "Candidate no longer interested",
  other: "Other",
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;
export const REJECT_REASON_KEYS = Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]];

/** Choices for reject forms. */
export const REJECT_REASON_OPTIONS = REJECT_REASON_KEYS.map((value) => ({
  value,
  label: REJECT_REASONS[value],
}));

export const RECOMMENDATIONS = {
  strong_no: "Strong no",
  no: "No",
  yes: "Yes",
  strong_yes: "Strong yes",
} as const;
export type Recommendation = keyof typeof RECOMMENDATIONS;
