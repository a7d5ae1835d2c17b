/**
 * How staff sign in (`sign_in_settings`, one row): whether staff must use
 * the organisation's single sign-on, and the one admin kept as break glass,
 * who may still sign in with a password and an authenticator when the
 * identity provider is down. Changed by admins at /admin/settings/sign-in,
 * audited in the same transaction.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { signInSettings, totpCredentials, users } from "../../db/schema";
import { auditAdminChange, type AuditActor } from "~/auth/audit.server";
import type { DB, Writer } from "~/utils/db.server";

export type SignInSettings = { requireStaffSso: boolean; breakGlassUserId: number | null };

/** The current settings (nothing required until an admin says so). */
export function getSignInSettings(db: Pick<Writer, "select">): SignInSettings {
  const row = db
    .select({
      requireStaffSso: signInSettings.requireStaffSso,
      breakGlassUserId: signInSettings.breakGlassUserId,
    })
    .from(signInSettings)
    .where(eq(signInSettings.id, 1))
    .get();
  return row ?? { requireStaffSso: false, breakGlassUserId: null };
}

/** Admins with an authenticator: the accounts that may be the break-glass one. */
export function breakGlassCandidates(db: Writer): { id: number; name: string; email: string }[] {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(and(eq(users.role, "admin"), isNotNull(totpCredentials.enabledAt)))
    .orderBy(users.name)
    .all();
}

export type SignInSettingsOutcome =
  { ok: true; changed: boolean } | { ok: false; field: "breakGlassUserId"; message: string };

/**
 * Saves the settings. Requiring single sign-on needs a break-glass admin who
 * has an authenticator (someone must be able to get in when the provider is
 * down); a refused change stores nothing and audits nothing.
 */
export function saveSignInSettings(
  db: DB,
  input: SignInSettings,
  actor: AuditActor,
  now = Date.now(),
): SignInSettingsOutcome {
  return db.transaction((tx): SignInSettingsOutcome => {
    if (input.breakGlassUserId !== null) {
      const eligible = breakGlassCandidates(tx).some((u) => u.id === input.breakGlassUserId);
      if (!eligible)
        return {
          ok: false,
          field: "breakGlassUserId",
          message: "The break-glass account must be an admin with an authenticator.",
        };
    } else if (input.requireStaffSso) {
      return {
        ok: false,
        field: "breakGlassUserId",
        message:
          "Choose a break-glass admin first: without one, nobody can sign in while the identity provider is down.",
      };
    }
    const before = getSignInSettings(tx);
    if (
      before.requireStaffSso === input.requireStaffSso &&
      before.breakGlassUserId === input.breakGlassUserId
    )
      return { ok: true, changed: false };
    tx.insert(signInSettings)
      .values({ id: 1, ...input, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: signInSettings.id,
        set: { ...input, updatedAt: now, updatedBy: actor.userId },
      })
      .run();
    auditAdminChange(tx, {
      action: "settings.sign_in_changed",
      actorUserId: actor.userId,
      ip: actor.ip,
      summary: `Staff sign-in: single sign-on ${input.requireStaffSso ? "required" : "not required"}; break-glass account ${input.breakGlassUserId === null ? "none" : `user ${input.breakGlassUserId}`}.`,
      facts: { requireStaffSso: input.requireStaffSso, breakGlassUserId: input.breakGlassUserId },
    });
    return { ok: true, changed: true };
  });
}
