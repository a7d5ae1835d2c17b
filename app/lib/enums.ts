/**
 * The fixed value lists of Atrium's data (opening kinds, statuses, roles…)
 * and their types. The schema builds its enum columns from them and the forms,
 * filters and pages use them in the browser, so this module imports nothing:
 * a client bundle that needs a list must not pull in the schema, drizzle-orm
 * or any table and column name with it.
 */
export const OPENING_KINDS = ["researcher", "postdoc", "intern", "fellowship", "engineer"] as const;
export type OpeningKind = (typeof OPENING_KINDS)[number];
export const OPENING_STATUSES = ["draft", "open", "closed"] as const;
export type OpeningStatus = (typeof OPENING_STATUSES)[number];
/** The columns the staff openings list sorts by; "updated" (newest change first) unless asked. */
export const OPENING_SORTS = ["updated", "title", "lab", "status", "active", "closes"] as const;
export type OpeningSort = (typeof OPENING_SORTS)[number];
export const OPENING_STATUS_LABELS: Record<OpeningStatus, string> = {
  draft: "Draft",
  open: "Open",
  closed: "Closed",
};
export const REMOTE_POLICIES = ["onsite", "hybrid", "remote"] as const;
/** schema.org JobPosting employment types an opening can state (lower case here). */
export const EMPLOYMENT_TYPES = [
  "full_time",
  "part_time",
  "temporary",
  "intern",
  "contractor",
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const PAY_PERIODS = ["year", "month", "hour"] as const;
export type PayPeriod = (typeof PAY_PERIODS)[number];
export type RemotePolicy = (typeof REMOTE_POLICIES)[number];
export const ROLES = ["candidate", "recruiter", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  candidate: "Candidate",
  recruiter: "Recruiter",
  admin: "Admin",
};
/**
 * What a candidate sees of an application. A stage shows one of the first
 * five (its kind decides which: app/lib/pipeline-options.ts); an
 * application the organisation ended shows "not_selected", whichever stage
 * it was in.
 */
export const PUBLIC_STATUSES = [
  "received",
  "in_review",
  "interviewing",
  "offer",
  "hired",
  "not_selected",
] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
/**
 * What a pipeline stage is for, in funnel order. Each of applied, screening,
 * interview and offer appears at most once per pipeline and in this order;
 * custom stages sit anywhere before the one hired stage, which is last.
 */
export const STAGE_KINDS = [
  "applied",
  "screening",
  "interview",
  "offer",
  "custom",
  "hired",
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
export const APPLICATION_STATUSES = ["active", "withdrawn", "rejected", "hired"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const PUBLICATION_TYPES = [
  "article",
  "inproceedings",
  "preprint",
  "book",
  "thesis",
  "report",
  "other",
] as const;
export type PublicationType = (typeof PUBLICATION_TYPES)[number];
export const TOOL_KINDS = ["dataset", "model", "library", "api", "service"] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];
export const QUESTION_TYPES = ["short_text", "long_text", "yes_no", "single_choice"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const EVENT_TYPES = [
  "submitted",
  "moved",
  "rejected",
  "hired",
  "withdrawn",
  "note",
  "scorecard",
  "opening_closed",
  "interview_scheduled",
  "interview_rescheduled",
  "interview_cancelled",
  "interview_proposal",
  "offer_drafted",
  "offer_approved",
  "offer_sent",
  "offer_accepted",
  "offer_declined",
  "offer_expired",
  "offer_returned",
  "referee_named",
  "referee_reminded",
  "referee_replaced",
  "letter_received",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
// interviews & offers
export const INTERVIEW_KINDS = ["screen", "technical", "talk", "panel"] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];
export const OFFER_STATUSES = [
  "draft",
  "approved",
  "sent",
  "accepted",
  "declined",
  "expired",
  "returned",
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
// programs and events
export const PROGRAM_KINDS = ["internship", "residency", "fellowship", "phd"] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];
export const EVENT_KINDS = ["talk", "seminar", "workshop", "conference"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
// reference letters
export const REFEREE_STATUSES = ["requested", "received", "replaced"] as const;
export type RefereeStatus = (typeof REFEREE_STATUSES)[number];
