/**
 * A researcher's link to a user account (`researcher_accounts`): the
 * staff-only email an admin puts on the profile, the invitation sent to it,
 * and the account that accepted. Accepting proves the person reads that
 * mailbox, so the link is made only to the account with that very email
 * (existing, or created on the spot); the account's role stays as it is.
 *
 * Invitation tokens are 32 random bytes; only their SHA-256 is stored, they
 * last seven days, a new invitation replaces the last one, and accepting uses
 * it up. Every change is audited inside its own transaction.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, ne } from "drizzle-orm";
import { researcherAccounts, researchers, users } from "../../db/schema";
import type { Role } from "~/lib/enums";
import { auditAdminChange, audit, type AuditActor } from "~/auth/audit.server";
import { hashToken } from "~/auth/session.server";
import { researcherInvitationEmail } from "~/emails/account";
import type { DB, Tx, Writer } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type AccountLinkState = "none" | "email" | "invited" | "linked";

export type ResearcherAccount = {
  email: string;
  state: Exclude<AccountLinkState, "none">;
  invitedAt: number | null;
  inviteExpiresAt: number | null;
  linkedAt: number | null;
  user: { id: number; name: string; email: string; role: Role } | null;
};

/** The link state of a row, at `now` (an expired invitation is no longer "invited"). */
export function linkState(
  row: {
    userId: number | null;
    inviteTokenHash: string | null;
    inviteExpiresAt: number | null;
  } | null,
  now = Date.now(),
): AccountLinkState {
  if (!row) return "none";
  if (row.userId !== null) return "linked";
  if (row.inviteTokenHash && (row.inviteExpiresAt ?? 0) > now) return "invited";
  return "email";
}

/** A researcher's staff email and link, or null when the profile has no staff email. */
export function getResearcherAccount(
  db: DB,
  researcherId: number,
  now = Date.now(),
): ResearcherAccount | null {
  const row = db
    .select({
      email: researcherAccounts.email,
      userId: researcherAccounts.userId,
      inviteTokenHash: researcherAccounts.inviteTokenHash,
      inviteExpiresAt: researcherAccounts.inviteExpiresAt,
      invitedAt: researcherAccounts.invitedAt,
      linkedAt: researcherAccounts.linkedAt,
      userName: users.name,
      userEmail: users.email,
      userRole: users.role,
    })
    .from(researcherAccounts)
    .leftJoin(users, eq(users.id, researcherAccounts.userId))
    .where(eq(researcherAccounts.researcherId, researcherId))
    .get();
  if (!row) return null;
  const state = linkState(row, now);
  return {
    email: row.email,
    state: state === "none" ? "email" : state,
    invitedAt: row.invitedAt,
    inviteExpiresAt: row.inviteExpiresAt,
    linkedAt: row.linkedAt,
    user:
      row.userId !== null &&
      row.userName !== null &&
      row.userEmail !== null &&
      row.userRole !== null
        ? { id: row.userId, name: row.userName, email: row.userEmail, role: row.userRole }
        : null,
  };
}

/** Whether another researcher's profile already has this staff email. */
export function isStaffEmailTaken(db: DB, email: string, researcherId: number | null): boolean {
  if (!email) return false;
  const where =
    researcherId === null
      ? eq(researcherAccounts.email, email)
      : and(eq(researcherAccounts.email, email), ne(researcherAccounts.researcherId, researcherId));
  return (
    db
      .select({ id: researcherAccounts.researcherId })
      .from(researcherAccounts)
      .where(where)
      .get() !== undefined
  );
}

/**
 * Sets a researcher's staff email inside the caller's transaction (the
 * profile's save). Blank removes it and any link; a different address
 * removes the link and any pending invitation, which were made for the old
 * one. Returns a sentence for the audit summary, or null when nothing changed.
 */
export function writeStaffEmail(tx: Tx, researcherId: number, email: string): string | null {
  const current = tx
    .select({ email: researcherAccounts.email, userId: researcherAccounts.userId })
    .from(researcherAccounts)
    .where(eq(researcherAccounts.researcherId, researcherId))
    .get();
  if ((current?.email ?? "") === email) return null;
  if (!email) {
    tx.delete(researcherAccounts).where(eq(researcherAccounts.researcherId, researcherId)).run();
    return current?.userId ? "staff email removed and the account unlinked" : "staff email removed";
  }
  if (current) {
    tx.update(researcherAccounts)
      .set({
        email,
        userId: null,
        inviteTokenHash: null,
        inviteExpiresAt: null,
        invitedAt: null,
        invitedBy: null,
        linkedAt: null,
      })
      .where(eq(researcherAccounts.researcherId, researcherId))
      .run();
    return current.userId
      ? `staff email changed to ${email} and the account unlinked`
      : `staff email changed to ${email}`;
  }
  tx.insert(researcherAccounts).values({ researcherId, email }).run();
  return `staff email set to ${email}`;
}

export type InviteOutcome =
  { ok: true; email: string } | { ok: false; reason: "no_email" | "linked" | "missing" };

/**
 * Sends (or sends again) the invitation to a researcher's staff email: a new
 * token replaces any earlier one, the message is queued in the same
 * transaction, and the audit row says who invited whom. `origin` is the
 * public address the link points to.
 */
export function inviteResearcher(
  db: DB,
  researcherId: number,
  actor: AuditActor & { name: string },
  origin: string,
  now = Date.now(),
): InviteOutcome {
  const token = randomBytes(32).toString("base64url");
  return db.transaction((tx): InviteOutcome => {
    const row = tx
      .select({
        name: researchers.name,
        email: researcherAccounts.email,
        userId: researcherAccounts.userId,
      })
      .from(researchers)
      .leftJoin(researcherAccounts, eq(researcherAccounts.researcherId, researchers.id))
      .where(eq(researchers.id, researcherId))
      .get();
    if (!row) return { ok: false, reason: "missing" };
    if (!row.email) return { ok: false, reason: "no_email" };
    if (row.userId !== null) return { ok: false, reason: "linked" };
    tx.update(researcherAccounts)
      .set({
        inviteTokenHash: hashToken(token),
        inviteExpiresAt: now + INVITATION_LIFETIME_MS,
        invitedAt: now,
        invitedBy: actor.userId,
      })
      .where(eq(researcherAccounts.researcherId, researcherId))
      .run();
    queueEmail(
      tx,
      researcherInvitationEmail({
        researcher: { name: row.name },
        to: row.email,
        inviterName: actor.name,
        invitationUrl: `${origin.replace(/\/+$/, "")}/invitation?token=${token}`,
      }),
    );
    auditAdminChange(tx, {
      action: "directory.researcher_invited",
      actorUserId: actor.userId,
      ip: actor.ip,
      summary: `Invited researcher “${row.name}” (id ${researcherId}) to link an account, at ${row.email}.`,
      facts: { researcherId, email: row.email },
    });
    return { ok: true, email: row.email };
  });
}

export type Invitation = {
  researcherId: number;
  researcherName: string;
  researcherSlug: string;
  email: string;
  /** The account that already uses the invitation's email, if any. */
  existingUserId: number | null;
};

function liveInvitation(db: Writer, token: string, now: number): Invitation | null {
  if (!token || token.length > 100) return null;
  const row = db
    .select({
      researcherId: researcherAccounts.researcherId,
      researcherName: researchers.name,
      researcherSlug: researchers.slug,
      email: researcherAccounts.email,
      linked: researcherAccounts.userId,
    })
    .from(researcherAccounts)
    .innerJoin(researchers, eq(researchers.id, researcherAccounts.researcherId))
    .where(
      and(
        eq(researcherAccounts.inviteTokenHash, hashToken(token)),
        gt(researcherAccounts.inviteExpiresAt, now),
      ),
    )
    .get();
  if (!row || row.linked !== null) return null;
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, row.email)).get();
  return {
    researcherId: row.researcherId,
    researcherName: row.researcherName,
    researcherSlug: row.researcherSlug,
    email: row.email,
    existingUserId: user?.id ?? null,
  };
}

/** The invitation a token opens, or null (unknown, expired, used or replaced). */
export function findInvitation(db: Writer, token: string, now = Date.now()): Invitation | null {
  return liveInvitation(db, token, now);
}

export type AcceptOutcome =
  | { ok: true; researcherId: number; userId: number }
  | { ok: false; reason: "invalid" | "wrong_account" | "account_exists" };

/**
 * Links the researcher to `userId` inside `tx` when the token is live and the
 * account's email is the invitation's; uses the token up and audits.
 */
export function linkInvitation(
  tx: Writer,
  token: string,
  userId: number,
  ip: string | null,
  now = Date.now(),
): AcceptOutcome {
  const invitation = liveInvitation(tx, token, now);
  if (!invitation) return { ok: false, reason: "invalid" };
  if (invitation.existingUserId !== userId) return { ok: false, reason: "wrong_account" };
  // An account links to one profile: a link made earlier to another one is moved here.
  tx.update(researcherAccounts)
    .set({ userId: null, linkedAt: null })
    .where(eq(researcherAccounts.userId, userId))
    .run();
  tx.update(researcherAccounts)
    .set({ userId, linkedAt: now, inviteTokenHash: null, inviteExpiresAt: null })
    .where(eq(researcherAccounts.researcherId, invitation.researcherId))
    .run();
  audit(tx, {
    action: "directory.researcher_linked",
    actorUserId: userId,
    ip,
    at: now,
    detail: {
      summary: `Linked the account ${invitation.email} to researcher “${invitation.researcherName}” (id ${invitation.researcherId}).`,
      researcherId: invitation.researcherId,
    },
  });
  return { ok: true, researcherId: invitation.researcherId, userId };
}

/** Accepts an invitation for the signed-in account `userId` (whose email must be the invitation's). */
export function acceptInvitation(db: DB, token: string, userId: number, ip: string | null) {
  return db.transaction((tx) => linkInvitation(tx, token, userId, ip), { behavior: "immediate" });
}
