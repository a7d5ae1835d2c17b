/**
 * Staff single sign-on: what an identity the organisation's provider vouched
 * for (app/auth/oidc.server.ts) may do here, and the password rule that
 * "Require single sign-on for staff" adds.
 *
 * - An identity already linked (its `iss` + `sub`) signs its account in.
 * - Otherwise it links on first sign-in to the account with its email, but
 *   only when the provider says the email is verified, and only to a staff
 *   account, an account linked to a researcher's profile, or a researcher an
 *   admin invited (whose account is then created and linked). Candidate
 *   accounts are never taken over this way: anyone can sign up with any
 *   address, so an address alone does not prove the account is the person's.
 * - An unknown email gets no account.
 * - With OIDC_ADMIN_GROUP / OIDC_RECRUITER_GROUP set, the groups claim sets
 *   the role at each sign-in (the last admin stays an admin).
 * - The password rule "Require single sign-on for staff" adds is in
 *   sign-in.server.ts (passwordSignInRule).
 * - The provider's multi-factor sign-in (`amr` "mfa", or an `acr` listed in
 *   OIDC_MFA_ACR) counts as the staff second factor; otherwise Atrium's own
 *   authenticator is asked for, as after a password.
 */
import { and, eq, gt } from "drizzle-orm";
import { externalIdentities, researcherAccounts, researchers, users } from "../../db/schema";
import type { Role } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { changeRole } from "./admin.server";
import { audit } from "./audit.server";
import { isStaffRole } from "./mfa.server";
import { markSessionVerified } from "./staff-sessions.server";
import type { VerifiedIdentity } from "./oidc.server";
import { NO_PASSWORD } from "./password.server";
import { startSession, type RequestMeta, type SignedIn } from "./sign-in.server";

export type StaffSsoOutcome =
  | { kind: "ok"; signedIn: SignedIn }
  /** The provider did not say the email is verified (or gave none). */
  | { kind: "unverified_email" }
  /** No account has this email, and no researcher was invited with it. */
  | { kind: "no_account" }
  /** The email belongs to a candidate account, which single sign-on does not take over. */
  | { kind: "not_staff" }
  /** The account was deactivated by an admin. */
  | { kind: "deactivated" };

/** The email the provider vouches for, lower-cased, or null when it is missing or unverified. */
function verifiedEmail(claims: Record<string, unknown>): string | null {
  if (typeof claims.email !== "string" || !claims.email.includes("@")) return null;
  // Entra ID has no email_verified; its `xms_edov` says the email's domain is the tenant's own.
  const verified = claims.email_verified === true || claims.xms_edov === true;
  return verified ? claims.email.trim().normalize("NFC").toLowerCase() : null;
}

/** True when the provider says the person used more than one factor. */
function providerUsedMfa(claims: Record<string, unknown>, mfaAcr: string[]): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.includes("mfa")) return true;
  return typeof claims.acr === "string" && mfaAcr.includes(claims.acr);
}

/** The role the groups claim gives, or null when no mapping is configured or no groups came. */
function mappedRole(claims: Record<string, unknown>): Role | null {
  const env = getEnv();
  if (!env.OIDC_ADMIN_GROUP && !env.OIDC_RECRUITER_GROUP) return null;
  const groups = claims[env.OIDC_GROUPS_CLAIM];
  if (!Array.isArray(groups)) return null;
  if (env.OIDC_ADMIN_GROUP && groups.includes(env.OIDC_ADMIN_GROUP)) return "admin";
  if (env.OIDC_RECRUITER_GROUP && groups.includes(env.OIDC_RECRUITER_GROUP)) return "recruiter";
  return "candidate";
}

type Linked = { userId: number; email: string } | Exclude<StaffSsoOutcome, { kind: "ok" }>;

/**
 * The account this identity signs in to, linking it on first use (in one
 * transaction with the account a researcher's invitation creates).
 */
function linkedAccount(db: DB, identity: VerifiedIdentity, ip: string, now: number): Linked {
  return db.transaction(
    (tx): Linked => {
      const known = tx
        .select({ userId: users.id, email: users.email, deactivatedAt: users.deactivatedAt })
        .from(externalIdentities)
        .innerJoin(users, eq(users.id, externalIdentities.userId))
        .where(
          and(
            eq(externalIdentities.provider, "staff"),
            eq(externalIdentities.issuer, identity.issuer),
            eq(externalIdentities.subject, identity.subject),
          ),
        )
        .get();
      if (known?.deactivatedAt != null) return { kind: "deactivated" };
      if (known) {
        tx.update(externalIdentities)
          .set({ lastUsedAt: now })
          .where(
            and(
              eq(externalIdentities.issuer, identity.issuer),
              eq(externalIdentities.subject, identity.subject),
            ),
          )
          .run();
        return { userId: known.userId, email: known.email };
      }

      const email = verifiedEmail(identity.claims);
      if (!email) return { kind: "unverified_email" };
      let user = tx
        .select({
          id: users.id,
          role: users.role,
          deactivatedAt: users.deactivatedAt,
          researcher: researcherAccounts.researcherId,
        })
        .from(users)
        .leftJoin(researcherAccounts, eq(researcherAccounts.userId, users.id))
        .where(eq(users.email, email))
        .get();
      if (user?.deactivatedAt != null) return { kind: "deactivated" };
      if (user && !isStaffRole(user.role) && user.researcher === null) return { kind: "not_staff" };
      if (!user) {
        const invited = tx
          .select({ researcherId: researcherAccounts.researcherId, name: researchers.name })
          .from(researcherAccounts)
          .innerJoin(researchers, eq(researchers.id, researcherAccounts.researcherId))
          .where(
            and(eq(researcherAccounts.email, email), gt(researcherAccounts.inviteExpiresAt, now)),
          )
          .get();
        if (!invited) return { kind: "no_account" };
        // The provider proved the mailbox the invitation went to, as its link would have.
        const name =
          typeof identity.claims.name === "string" && identity.claims.name.trim()
            ? identity.claims.name.trim().slice(0, 120)
            : invited.name;
        const created = tx
          .insert(users)
          .values({ email, name, passwordHash: NO_PASSWORD, createdAt: now, updatedAt: now })
          .returning({ id: users.id, role: users.role })
          .get();
        audit(tx, {
          action: "auth.sign_up",
          actorUserId: created.id,
          ip,
          at: now,
          detail: { via: "single sign-on, researcher invitation" },
        });
        tx.update(researcherAccounts)
          .set({ userId: created.id, linkedAt: now, inviteTokenHash: null, inviteExpiresAt: null })
          .where(eq(researcherAccounts.researcherId, invited.researcherId))
          .run();
        audit(tx, {
          action: "directory.researcher_linked",
          actorUserId: created.id,
          ip,
          at: now,
          detail: {
            summary: `Linked the account ${email} to researcher “${invited.name}” (id ${invited.researcherId}) through single sign-on.`,
            researcherId: invited.researcherId,
          },
        });
        user = { ...created, deactivatedAt: null, researcher: invited.researcherId };
      }
      tx.delete(externalIdentities)
        .where(
          and(eq(externalIdentities.userId, user.id), eq(externalIdentities.provider, "staff")),
        )
        .run();
      tx.insert(externalIdentities)
        .values({
          userId: user.id,
          provider: "staff",
          issuer: identity.issuer,
          subject: identity.subject,
          createdAt: now,
          lastUsedAt: now,
        })
        .run();
      audit(tx, { action: "auth.sso_linked", actorUserId: user.id, ip, at: now });
      return { userId: user.id, email };
    },
    { behavior: "immediate" },
  );
}

/** Signs in the account behind a staff identity, or says why not (audited either way). */
export function signInWithStaffIdentity(
  db: DB,
  identity: VerifiedIdentity,
  meta: RequestMeta,
): StaffSsoOutcome {
  const now = meta.now ?? Date.now();
  const linked = linkedAccount(db, identity, meta.ip, now);
  if ("kind" in linked) {
    audit(db, {
      action: "auth.sso_refused",
      ip: meta.ip,
      at: now,
      detail: { ssoRefused: linked.kind },
    });
    return linked;
  }
  const role = mappedRole(identity.claims);
  if (role) changeRole(db, null, linked.userId, role, { ip: meta.ip, now });
  const mfa = providerUsedMfa(identity.claims, getEnv().OIDC_MFA_ACR);
  const signedIn = db.transaction(
    (tx) => {
      const started = startSession(
        tx,
        linked.userId,
        linked.email,
        { ...meta, now },
        { via: "single sign-on", providerMfa: mfa },
      );
      if (mfa) markSessionVerified(tx, started.session.id, now);
      return started;
    },
    { behavior: "immediate" },
  );
  return { kind: "ok", signedIn };
}
