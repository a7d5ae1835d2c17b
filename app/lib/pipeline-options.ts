/**
 * Choices shared by the pipeline's server code and its forms (safe for the
 * browser bundle: no database here).
 */
import type { PublicStatus, StageKind } from "~/lib/enums";

export type { StageKind };

/** What each kind of stage is called (the editor's choices, the reports' rows). */
export const STAGE_KIND_LABELS = {
  applied: "Applied",
  screening: "Screening",
  interview: "Interview",
  offer: "Offer",
  custom: "Custom",
  hired: "Hired",
} as const satisfies Record<StageKind, string>;

/** The kinds that mark a step of the funnel, in its order (custom stages have no step of their own). */
export const FUNNEL_KINDS = ["applied", "screening", "interview", "offer", "hired"] as const;
type FunnelKind = (typeof FUNNEL_KINDS)[number];

/** What a candidate sees while in a stage of each funnel kind. */
const KIND_PUBLIC_STATUS = {
  applied: "received",
  screening: "in_review",
  interview: "interviewing",
  offer: "offer",
  hired: "hired",
} as const satisfies Record<FunnelKind, PublicStatus>;

/** A stage of one kind, as the default pipeline and the editor describe it. */
export type StageDef = { name: string; kind: StageKind };

/** The default pipeline every new opening starts from. */
export const DEFAULT_STAGES: StageDef[] = [
  { name: "Applied", kind: "applied" },
  { name: "Screening", kind: "screening" },
  { name: "Interview", kind: "interview" },
  { name: "Offer", kind: "offer" },
  { name: "Hired", kind: "hired" },
];

/**
 * The public status of each stage of a pipeline, from the kinds in order: a
 * funnel kind shows its own (KIND_PUBLIC_STATUS); a custom stage shows that
 * of the nearest funnel kind before it, or "In review" when none is — a stage
 * the organisation added is part of the step it follows, and before any step
 * the application is being looked at.
 */
export function publicStatusesOf(kinds: StageKind[]): PublicStatus[] {
  let previous: PublicStatus = "in_review";
  return kinds.map((kind) => {
    if (kind === "custom") return previous;
    previous = KIND_PUBLIC_STATUS[kind];
    return previous;
  });
}

/** With `stages` as the pipeline's stages in order: each stage with its public status. */
export function withPublicStatus<T extends { kind: StageKind }>(
  stages: T[],
): Array<T & { publicStatus: PublicStatus }> {
  const statuses = publicStatusesOf(stages.map((s) => s.kind));
  return stages.map((s, i) => ({ ...s, publicStatus: statuses[i] }));
}

/**
 * The rules of a pipeline's kinds, as messages about the stage (by index)
 * that breaks them, or [] when the pipeline is sound: exactly one hired stage
 * and it is last; applied, screening, interview and offer each at most once
 * and in that order.
 */
export function stageKindProblems(kinds: StageKind[]): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = [];
  const last = kinds.length - 1;
  const hired = kinds.flatMap((k, i) => (k === "hired" ? [i] : []));
  if (kinds.length > 0 && !hired.includes(last))
    problems.push({
      index: last,
      message: `Stage ${last + 1}: the last stage must be the hired stage`,
    });
  for (const i of hired)
    if (i !== last)
      problems.push({
        index: i,
        message: `Stage ${i + 1}: only the last stage can be the hired stage`,
      });
  const seen = new Map<StageKind, number>();
  let furthest: { index: number; rank: number } | null = null;
  kinds.forEach((kind, i) => {
    if (kind === "custom" || kind === "hired") return;
    const label = STAGE_KIND_LABELS[kind];
    const first = seen.get(kind);
    if (first !== undefined) {
      problems.push({
        index: i,
        message: `Stage ${i + 1}: stage ${first + 1} is already the ${label} stage; make one of them Custom`,
      });
      return;
    }
    seen.set(kind, i);
    const rank = FUNNEL_KINDS.indexOf(kind);
    if (furthest && furthest.rank > rank) {
      problems.push({
        index: i,
        message: `Stage ${i + 1}: ${label} comes before ${STAGE_KIND_LABELS[FUNNEL_KINDS[furthest.rank]]} (stage ${furthest.index + 1}); reorder the stages or make one Custom`,
      });
      return;
    }
    furthest = { index: i, rank };
  });
  return problems;
}

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

/**
 * The question a recruiter answers before a hire, on every path into the
 * hired stage (drag, keyboard, a card's Move or Hire…, the bulk bar, the
 * review page; the dialog with JavaScript, the confirmation page without):
 * who, for which opening, and exactly what happens.
 */
export function hireQuestion(input: { names: string[]; openingTitle: string; stageName: string }): {
  title: string;
  body: string;
} {
  const one = input.names.length === 1;
  const who = one ? input.names[0] : `${input.names.length} candidates`;
  return {
    title: `Hire ${who} for ${input.openingTitle}?`,
    body: one
      ? `This sends ${who} the hiring email (“You were hired: congratulations, and welcome!”) at once, and closes the application as hired: it moves to ${input.stageName} and can no longer be moved or rejected. The opening stays open, and no other candidate is told.`
      : `This sends each of them the hiring email (“You were hired: congratulations, and welcome!”) at once, and closes their applications as hired: they move to ${input.stageName} and can no longer be moved or rejected. The opening stays open, and no other candidate is told.`,
  };
}
