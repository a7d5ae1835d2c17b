/**
 * The security audit log (OWASP ASVS 7.2): who did what to which account,
 * when and from where. Never write passwords, tokens or session ids here;
 * `detail` holds small facts such as the email tried or the roles involved.
 */
import { auditLog } from "../../db/schema";
import type { DB } from "~/utils/db.server";

export const AUDIT_ACTIONS = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_throttled": "Sign-in refused (throttled)",
  "auth.sign_out": "Signed out",
  "auth.sign_up": "Account created",
  "auth.password_changed": "Password changed",
  "auth.password_check_failed": "Wrong current password (account page)",
  "auth.reset_requested": "Password reset requested",
  "auth.reset_completed": "Password reset completed",
  "auth.sessions_revoked": "Other sessions signed out",
  "account.name_changed": "Name changed",
  "account.exported": "Data exported",
  "account.deleted": "Account deleted",
  "admin.role_changed": "Role changed",
  "admin.created": "Admin created (create-admin command)",
  "admin.sessions_ended": "Sessions ended by an admin",
  "mfa.enrolled": "Two-factor authentication enabled",
  "mfa.verified": "Two-factor code accepted",
  "mfa.failed": "Two-factor code refused",
  "mfa.recovery_used": "Recovery code used",
  "mfa.recovery_regenerated": "Recovery codes regenerated",
  "mfa.disabled": "Two-factor authentication disabled",
  "mfa.enrolment_link_issued": "Enrolment link issued (staff two-factor set-up)",
  "retention.run": "Retention run (ended applications anonymised)",
  "secrets.rotated": "Key for stored secrets rotated (secrets:rotate command)",
  "content.event_created": "Event added",
  "content.event_updated": "Event edited",
  "content.event_deleted": "Event deleted",
  "content.program_created": "Program added",
  "content.program_updated": "Program edited",
  "content.program_deleted": "Program deleted",
  "directory.lab_created": "Lab created",
  "directory.lab_edited": "Lab edited",
  "directory.area_created": "Research area created",
  "directory.area_edited": "Research area edited",
  "directory.researcher_created": "Researcher created",
  "directory.researcher_edited": "Researcher edited",
  "directory.researcher_retired": "Researcher retired",
  "directory.photo_changed": "Researcher photo changed",
  "directory.publication_added": "Publication added",
  "directory.publication_removed": "Publication removed",
  "directory.publications_imported": "Publications imported (BibTeX / ORCID)",
  "tool.created": "Tool, dataset or model added",
  "tool.updated": "Tool, dataset or model edited",
  "tool.deleted": "Tool, dataset or model deleted",
  "email.template_saved": "Email template edited",
  "email.template_reset": "Email template reset to the shipped text",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && Object.hasOwn(AUDIT_ACTIONS, value);
}

export type AuditEntry = {
  action: AuditAction;
  actorUserId?: number | null;
  subjectUserId?: number | null;
  ip?: string | null;
  detail?: Record<string, string | number | boolean | null>;
  at?: number;
};

type Writer = Pick<DB, "insert">;

/**
 * Who is making an admin change, as a model that audits it inside its own
 * transaction takes it (the route passes the signed-in user and getClientIp).
 */
export type AuditActor = { userId: number; ip: string | null };

/** Writes one audit row (synchronously, so it can join the caller's transaction). */
export function audit(db: Writer, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      action: entry.action,
      actorUserId: entry.actorUserId ?? null,
      subjectUserId: entry.subjectUserId ?? entry.actorUserId ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ?? null,
      ...(entry.at ? { at: entry.at } : {}),
    })
    .run();
}

type Detail = Record<string, unknown> | null | undefined;

/**
 * An admin's change to the directory (labs, areas, researchers, photos,
 * publications): one audit row whose `summary` is the sentence the audit
 * page shows ("Renamed lab 7 “Vision” to “Vision & Learning”"), beside the
 * structured facts (ids, names).
 */
export function auditAdminChange(
  db: Writer,
  entry: {
    action: AuditAction;
    actorUserId: number;
    ip?: string | null;
    summary: string;
    facts?: Record<string, string | number | boolean | null>;
  },
) {
  audit(db, {
    action: entry.action,
    actorUserId: entry.actorUserId,
    ip: entry.ip,
    detail: { summary: entry.summary, ...entry.facts },
  });
}

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/** The one-line, readable detail of an audit row, for /admin/audit. */
export function describeAuditDetail(action: string, detail: Detail): string {
  if (!detail) return "";
  if (typeof detail.summary === "string") return detail.summary;
  switch (action) {
    case "admin.role_changed":
      return `Role changed from ${str(detail.from)} to ${str(detail.to)}.`;
    case "admin.sessions_ended":
      return detail.sessions !== undefined
        ? `Ended ${str(detail.sessions)} session(s).`
        : "Ended the account's sessions.";
    case "auth.sign_in_failed":
    case "auth.sign_in_throttled":
    case "auth.reset_requested":
      return detail.email ? `Email tried: ${str(detail.email)}.` : "";
  }
  // Anything else: its facts, as "key: value" pairs (never JSON).
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ")}: ${String(v)}`)
    .join("; ");
}

/**
 * Which fields an edit changed, in words: `name “A” → “B”` for short text,
 * the field's name alone for long text; "nothing changed" when none did.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const parts = Object.entries(after)
    .filter(([k, v]) => k in before && String(before[k] ?? "") !== String(v ?? ""))
    .map(([k, v]) => {
      const label = k.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
      const a = String(before[k] ?? "");
      const b = String(v ?? "");
      return a.length <= 60 && b.length <= 60 && !/\n/.test(a + b)
        ? `${label} “${a}” → “${b}”`
        : `${label} changed`;
    });
  return parts.length ? parts.join(", ") : "nothing changed";
}
