/**
 * The audit log in sentences, for /admin and /admin/audit. Rows store facts
 * (`{ trusted: false, replacedSession: true }`); an admin reads "From a device
 * not seen before. Ended the session this browser held before." Directory and
 * settings changes store their own sentence as `summary`. A fact without a
 * phrase here still shows, as "name: value", so nothing recorded is hidden.
 */
import { formatStaffDateTime } from "~/utils/time";
import { plural } from "~/utils/misc";

type Detail = Record<string, unknown> | null | undefined;
type Phrase = (value: unknown, detail: Record<string, unknown>) => string | null;

const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const num = (v: unknown) => (typeof v === "number" ? v : Number(v) || 0);
const some = (v: unknown, one: string, many?: string) =>
  num(v) > 0 ? plural(num(v), one, many) : null;

const MOMENTS: Record<string, string> = {
  "sign-in": "signing in",
  "step-up": "confirming a sensitive change",
  regenerate: "making new recovery codes",
  disable: "turning two-factor off",
  enrol: "setting up two-factor",
  "enrolment link": "setting up two-factor through an enrolment link",
};

const ROUTES: Record<string, string> = {
  "enrolment link": "an enrolment link",
  "researcher invitation": "a researcher invitation",
};

/** One phrase per fact, in the order they read best; facts not named here follow as "name: value". */
const PHRASES: Record<string, Phrase> = {
  summary: (v) => text(v),
  from: (v, d) => `Role changed from ${text(v)} to ${text(d.to)}.`,
  to: () => null,
  twoFactorReset: (v) =>
    v ? "As staff they set up two-factor again, through an enrolment link." : null,
  via: (v) => `Through ${ROUTES[text(v)] ?? text(v)}.`,
  at: (v) => `While ${MOMENTS[text(v)] ?? text(v)}.`,
  mfa: (v) => (v ? "With a two-factor code." : null),
  trusted: (v) =>
    v ? "From a device that signed in here before." : "From a device not seen before.",
  deactivated: (v) => (v ? "The account is deactivated." : null),
  providerMfa: (v) =>
    v
      ? "The identity provider confirmed a second factor."
      : "The identity provider did not confirm a second factor.",
  ssoRefused: (v) =>
    ({
      no_account: "No staff account has the email the identity provider gave.",
      unverified_email: "The identity provider gave no verified email.",
      not_staff: "The email belongs to a candidate account.",
      deactivated: "The account is deactivated.",
    })[text(v)] ?? `Refused: ${text(v)}.`,
  replacedSession: (v) => (v ? "The session this browser held before ended." : null),
  throttled: (v) => (v ? "Refused: too many wrong codes; waiting." : null),
  left: (v) => `${plural(num(v), "try", "tries")} left.`,
  sessionsEnded: (v) => {
    const n = some(v, "session");
    return n ? `Ended ${n}.` : "No other session was open.";
  },
  sessions: (v) => `Ended ${plural(num(v), "session")}.`,
  resetLinksRevoked: (v) => {
    const n = some(v, "unused reset link");
    return n ? `Revoked ${n}.` : null;
  },
  passwordSet: (v) => (v ? "A password was set." : null),
  expiresAt: (v) => `Valid until ${formatStaffDateTime(num(v))}.`,
  email: (v, d) =>
    d.organisation !== undefined ? `First admin ${text(v)} for “${text(d.organisation)}”.` : null,
  organisation: () => null,
  userId: (v, d) => `Account ${text(v)}${d.role ? ` (${text(d.role)})` : ""}.`,
  role: () => null,
  filesDeleted: (v) => `${plural(num(v), "file")} deleted.`,
  messagesDeleted: (v) => some(v, "queued message") && `${some(v, "queued message")} deleted.`,
  countersDeleted: () => null,
  auditContextDeleted: (v) =>
    some(v, "audit address record") && `${some(v, "audit address record")} deleted.`,
  dryRun: (v, d) =>
    `${v ? "Dry run: would anonymise" : "Anonymised"} ${plural(num(d.applications), "application")} ended before ${text(d.cutoff).slice(0, 10)} (kept ${plural(num(d.months), "month")}): ${plural(num(d.files), "file")}, ${plural(num(d.notes), "note")}, ${plural(num(d.scorecards), "scorecard")}, ${plural(num(d.answers), "answer")}, ${plural(num(d.events), "event")}; ${plural(num(d.auditContext), "audit address record")}.`,
  ...Object.fromEntries(
    [
      "months",
      "cutoff",
      "applications",
      "files",
      "notes",
      "scorecards",
      "answers",
      "events",
      "auditContext",
    ].map((k) => [k, (() => null) as Phrase]),
  ),
  event: (v) => `Event “${text(v)}”.`,
  program: (v) => `Program “${text(v)}”.`,
  tool: (v) => `“${text(v)}”.`,
  slug: () => null,
  starts: (v, d) => `Starts ${text(v)}${d.timeZone ? ` (${text(d.timeZone)})` : ""}.`,
  timeZone: () => null,
  window: (v) => `Applications ${text(v)}.`,
  kind: (v) => `Kind: ${text(v)}.`,
  licence: (v) => (v ? `Licence: ${text(v)}.` : null),
  changed: (v) => `Changed: ${text(v)}.`,
  maintainers: (v) => (v ? `Maintainers: ${text(v)}.` : null),
  researcherId: () => null,
};

const humanised = (k: string) =>
  k
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();

/**
 * The readable detail of an audit row; `emailTried` is the row's context (the
 * email typed at a failed sign-in) while retention keeps it.
 */
export function describeAuditDetail(
  action: string,
  detail: Detail,
  emailTried: string | null = null,
): string {
  const parts: string[] = [];
  if ((action === "auth.sign_in_failed" || action === "auth.sign_in_throttled") && emailTried)
    parts.push(`Email tried: ${emailTried}.`);
  if (action === "admin.sessions_ended" && detail?.sessions === undefined)
    parts.push("Ended the account's sessions.");
  if (!detail) return parts.join(" ");
  // A row that wrote its own sentence says everything in it.
  if (typeof detail.summary === "string") return [...parts, detail.summary].join(" ");
  for (const [key, value] of Object.entries(detail)) {
    if (value === null || value === undefined || value === "") continue;
    const phrase = PHRASES[key];
    const said = phrase ? phrase(value, detail) : `${humanised(key)}: ${String(value)}.`;
    if (said) parts.push(said);
  }
  return parts.join(" ");
}
