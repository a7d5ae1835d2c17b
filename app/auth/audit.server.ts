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
  "retention.run": "Retention run (ended applications anonymised)",
  "tool.created": "Tool, dataset or model added",
  "tool.updated": "Tool, dataset or model edited",
  "tool.deleted": "Tool, dataset or model deleted",
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
