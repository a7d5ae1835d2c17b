/**
 * The terms of an opening as the job page words them: employment type,
 * duration, and pay or stipend (interns and fellows receive a stipend).
 */
import type { EmploymentType, OpeningKind, PayPeriod } from "~/lib/enums";
import { formatPay } from "~/utils/time";

export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, string> = {
  full_time: "Full-time",
  part_time: "Part-time",
  temporary: "Fixed-term",
  intern: "Internship",
  contractor: "Contract",
};

/** "CHF 82,000–90,000 a year", "EUR 3,000 a month", or null when the opening states no pay. */
export function openingPay(o: {
  payMin: number | null;
  payMax: number | null;
  payCurrency: string | null;
  payPeriod: PayPeriod | null;
}): string | null {
  if (!o.payCurrency || !o.payPeriod || (o.payMin == null && o.payMax == null)) return null;
  const min = (o.payMin ?? o.payMax)!;
  return formatPay(o.payCurrency, o.payPeriod, min, o.payMax ?? min);
}

/** Interns and fellows are paid a stipend; everyone else a salary. */
export function payLabel(kind: OpeningKind): string {
  return kind === "intern" || kind === "fellowship" ? "Stipend" : "Salary";
}

/** "12 months", "2 years", or null. */
export function formatDuration(months: number | null): string | null {
  if (!months) return null;
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}

/**
 * The description without a leading "About the role" heading: the page gives
 * that heading itself, and descriptions written with one showed it twice.
 */
export function withoutAboutHeading(markdown: string): string {
  return markdown.replace(/^\s*#{1,6}\s*About (the|this) role\s*#*\s*\n+/i, "");
}
