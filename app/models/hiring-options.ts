/**
 * Choices and formatting shared by the interview and offer server code and
 * their forms and pages (safe for the browser bundle: no database here).
 */
import type { InterviewKind } from "../../db/schema";
import { INTERVIEW_KIND_LABELS } from "~/emails/hiring";

export { INTERVIEW_KIND_LABELS };

export const INTERVIEW_KIND_OPTIONS = (Object.keys(INTERVIEW_KIND_LABELS) as InterviewKind[]).map(
  (value) => ({ value, label: INTERVIEW_KIND_LABELS[value] }),
);

/** "Thursday 10 December 2026, 14:00–15:00 (Europe/Zurich)": an interview's time in `zone`. */
export function formatInterviewTime(start: number, end: number, zone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(start);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return `${day}, ${time.format(start)}–${time.format(end)} (${zone})`;
}

/** "12,000 CHF per month". */
export function formatPay(o: { amount: number; currency: string; payPeriod: "year" | "month" }) {
  return `${o.amount.toLocaleString("en-GB")} ${o.currency} per ${o.payPeriod}`;
}

export const OFFER_STATUS_LABELS = {
  draft: "Draft — waiting for approval",
  approved: "Approved — ready to send",
  sent: "Sent — waiting for the candidate",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
} as const;

/** Whether `zone` is an IANA time-zone name this runtime knows ("Europe/Zurich", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
