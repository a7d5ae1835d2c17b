/**
 * The security audit log (OWASP ASVS 16.x): who did what to which account,
 * when and from where. Rows hold ids and small facts, never passwords,
 * tokens, emails or people's names, and are hash-chained (audit-chain.server.ts)
 * so an edited or deleted row is found by `npm run audit:verify`. What is
 * personal — the request's address, the email typed at a failed sign-in —
 * goes to `audit_context` beside the row, which retention and account
 * deletion remove without touching the chain.
 */
import { auditContext } from "../../db/schema";
import type { Writer } from "~/utils/db.server";
import { appendAuditRow } from "~/utils/audit-chain.server";

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
  "admin.user_deactivated": "Account deactivated (offboarding)",
  "admin.user_reactivated": "Account reactivated",
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
  "directory.people_imported": "People imported from a CSV file",
  "tool.created": "Tool, dataset or model added",
  "tool.updated": "Tool, dataset or model edited",
  "tool.deleted": "Tool, dataset or model deleted",
  "email.template_saved": "Email template edited",
  "email.template_reset": "Email template reset to the shipped text",
  "settings.updated": "Organisation settings changed",
  "settings.logo_changed": "Organisation logo changed",
  "settings.logo_removed": "Organisation logo removed",
  "settings.sign_in_changed": "Staff sign-in settings changed (single sign-on, break glass)",
  "auth.sso_linked": "Single sign-on identity linked to the account",
  "auth.sso_refused": "Single sign-on refused (no account, unverified email or not staff)",
  "auth.sso_required": "Password sign-in refused: staff sign in with single sign-on",
  "auth.break_glass": "Break-glass password sign-in while single sign-on is required",
  "auth.orcid_linked": "ORCID iD linked to the account",
  "auth.orcid_unlinked": "ORCID iD unlinked from the account",
  "auth.orcid_email_sent": "ORCID sign-up: email verification link sent",
  "setup.completed": "First admin created (setup page)",
  "directory.account_email_changed": "Researcher's staff email changed",
  "directory.researcher_invited": "Researcher invited to link an account",
  "directory.researcher_linked": "Researcher profile linked to an account",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && Object.hasOwn(AUDIT_ACTIONS, value);
}

export type AuditEntry = {
  action: AuditAction;
  actorUserId?: number | null;
  subjectUserId?: number | null;
  /** The client's address: kept in audit_context, not in the chained row. */
  ip?: string | null;
  /** An email typed that belongs to no one we can name by id (a failed sign-in): audit_context. */
  email?: string | null;
  /** Ids, counts, roles, flags; never an email or a person's name. */
  detail?: Record<string, string | number | boolean | null>;
  at?: number;
};

/**
 * Who is making an admin change, as a model that audits it inside its own
 * transaction takes it (the route passes the signed-in user and getClientIp).
 */
export type AuditActor = { userId: number; ip: string | null };

/** Writes one audit row (synchronously, so it can join the caller's transaction). */
export function audit(db: Writer, entry: AuditEntry) {
  const at = entry.at ?? Date.now();
  const write = (tx: Writer) => {
    const id = appendAuditRow(tx, {
      at,
      action: entry.action,
      actorUserId: entry.actorUserId ?? null,
      subjectUserId: entry.subjectUserId ?? entry.actorUserId ?? null,
      detail: entry.detail ?? null,
    });
    if (entry.ip || entry.email)
      tx.insert(auditContext)
        .values({ auditId: id, at, ip: entry.ip ?? null, email: entry.email ?? null })
        .run();
  };
  // The row and its context together: in the caller's transaction, or in one of their own.
  if ("$client" in db && !db.$client.inTransaction)
    db.transaction((tx) => write(tx), { behavior: "immediate" });
  else write(db);
}

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
