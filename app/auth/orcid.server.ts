/**
 * Sign in with ORCID, for candidates (staff sign in with single sign-on or
 * a password and an authenticator). ORCID's OpenID Connect
 * (app/auth/oidc.server.ts) vouches for an iD and a public name, never an
 * email, so:
 *
 * - An iD linked to an account signs that account in.
 * - A new iD waits in `orcid_sign_ups` (behind a one-hour cookie) for an
 *   email address; a link mailed to it must be opened in the same browser,
 *   so nobody can tie their iD to an address that is not theirs by getting
 *   its owner to click a link. Confirming creates the candidate account
 *   (without a password: "Forgot your password?" sets one), or links the iD
 *   to the candidate account that already has the address.
 * - A signed-in candidate links or unlinks an iD from /account.
 *
 * Every link, unlink and account is audited; tokens are never logged.
 */
import { randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { externalIdentities, orcidSignUps, users } from "../../db/schema";
import { orcidEmailVerificationEmail, welcomeEmail } from "~/emails/account";
import { queueEmail } from "~/emails/mailer.server";
import type { DB, Writer } from "~/utils/db.server";
import { isOrcidId } from "~/utils/links";
import { audit } from "./audit.server";
import { isStaffRole } from "./mfa.server";
import type { VerifiedIdentity } from "./oidc.server";
import { NO_PASSWORD } from "./password.server";
import { generateSessionToken, hashToken } from "./session.server";
import { startSession, type RequestMeta, type SignedIn } from "./sign-in.server";

const SIGN_UP_LIFETIME_MS = 60 * 60 * 1000;
const SIGN_UP_COOKIE = "__Host-atrium_orcid";

/** The iD an ORCID identity is: its subject, in the 0000-0000-0000-000X form. */
function orcidOf(identity: VerifiedIdentity): string | null {
  return isOrcidId(identity.subject) ? identity.subject : null;
}

/** The public name ORCID gave, or "". */
function nameOf(claims: Record<string, unknown>): string {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const full = text(claims.name) || [text(claims.given_name), text(claims.family_name)].join(" ");
  return full.trim().slice(0, 100);
}

/** The ORCID iD linked to `userId`, or null. */
export function getLinkedOrcid(db: Pick<Writer, "select">, userId: number): string | null {
  return (
    db
      .select({ subject: externalIdentities.subject })
      .from(externalIdentities)
      .where(and(eq(externalIdentities.userId, userId), eq(externalIdentities.provider, "orcid")))
      .get()?.subject ?? null
  );
}

function accountOfOrcid(db: Writer, issuer: string, orcid: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
    })
    .from(externalIdentities)
    .innerJoin(users, eq(users.id, externalIdentities.userId))
    .where(
      and(
        eq(externalIdentities.provider, "orcid"),
        eq(externalIdentities.issuer, issuer),
        eq(externalIdentities.subject, orcid),
      ),
    )
    .get();
}

function insertLink(
  tx: Writer,
  userId: number,
  issuer: string,
  orcid: string,
  ip: string,
  now: number,
) {
  tx.insert(externalIdentities)
    .values({
      userId,
      provider: "orcid",
      issuer,
      subject: orcid,
      createdAt: now,
      lastUsedAt: now,
    })
    .run();
  audit(tx, { action: "auth.orcid_linked", actorUserId: userId, ip, at: now });
}

export type OrcidSignInOutcome =
  | { kind: "signed_in"; signedIn: SignedIn; redirectTo: string }
  /** A new iD: ask for an email (the cookie finds the sign-up again). */
  | { kind: "needs_email"; cookie: string }
  | { kind: "staff" }
  | { kind: "deactivated" }
  | { kind: "invalid" };

/** Signs in the candidate an ORCID identity is linked to, or starts a sign-up that asks for an email. */
export function signInWithOrcid(
  db: DB,
  identity: VerifiedIdentity,
  meta: RequestMeta,
): OrcidSignInOutcome {
  const now = meta.now ?? Date.now();
  const orcid = orcidOf(identity);
  if (!orcid) return { kind: "invalid" };
  return db.transaction(
    (tx): OrcidSignInOutcome => {
      const account = accountOfOrcid(tx, identity.issuer, orcid);
      if (account) {
        if (isStaffRole(account.role)) return { kind: "staff" };
        if (account.deactivatedAt !== null) return { kind: "deactivated" };
        tx.update(externalIdentities)
          .set({ lastUsedAt: now })
          .where(
            and(
              eq(externalIdentities.issuer, identity.issuer),
              eq(externalIdentities.subject, orcid),
            ),
          )
          .run();
        const signedIn = startSession(
          tx,
          account.id,
          account.email,
          { ...meta, now },
          {
            via: "ORCID",
          },
        );
        return { kind: "signed_in", signedIn, redirectTo: identity.redirectTo };
      }
      const handle = generateSessionToken();
      tx.delete(orcidSignUps).where(lt(orcidSignUps.expiresAt, now)).run();
      tx.insert(orcidSignUps)
        .values({
          id: hashToken(handle),
          issuer: identity.issuer,
          orcid,
          name: nameOf(identity.claims),
          redirectTo: identity.redirectTo,
          createdAt: now,
          expiresAt: now + SIGN_UP_LIFETIME_MS,
        })
        .run();
      return {
        kind: "needs_email",
        cookie: [
          `${SIGN_UP_COOKIE}=${handle}`,
          "Path=/",
          "HttpOnly",
          "Secure",
          "SameSite=Lax",
          `Max-Age=${SIGN_UP_LIFETIME_MS / 1000}`,
        ].join("; "),
      };
    },
    { behavior: "immediate" },
  );
}

export type LinkOutcome =
  { kind: "linked" } | { kind: "taken" } | { kind: "has_other" } | { kind: "invalid" };

/** Links an ORCID identity to the signed-in candidate `userId` (from /account). */
export function linkOrcid(
  db: DB,
  userId: number,
  identity: VerifiedIdentity,
  ip: string,
  now = Date.now(),
): LinkOutcome {
  const orcid = orcidOf(identity);
  if (!orcid) return { kind: "invalid" };
  return db.transaction(
    (tx): LinkOutcome => {
      const owner = accountOfOrcid(tx, identity.issuer, orcid);
      if (owner) return owner.id === userId ? { kind: "linked" } : { kind: "taken" };
      if (getLinkedOrcid(tx, userId)) return { kind: "has_other" };
      insertLink(tx, userId, identity.issuer, orcid, ip, now);
      return { kind: "linked" };
    },
    { behavior: "immediate" },
  );
}

/** Removes the ORCID iD linked to `userId`; false when there was none. */
export function unlinkOrcid(db: DB, userId: number, ip: string, now = Date.now()): boolean {
  return db.transaction((tx) => {
    const removed = tx
      .delete(externalIdentities)
      .where(and(eq(externalIdentities.userId, userId), eq(externalIdentities.provider, "orcid")))
      .run().changes;
    if (removed) audit(tx, { action: "auth.orcid_unlinked", actorUserId: userId, ip, at: now });
    return removed > 0;
  });
}

function readSignUpHandle(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at !== -1 && part.slice(0, at).trim() === SIGN_UP_COOKIE) {
      const value = part.slice(at + 1).trim();
      return /^[a-z2-7]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Set-Cookie value that removes the ORCID sign-up cookie. */
export function clearSignUpCookie(): string {
  return `${SIGN_UP_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

export type PendingSignUp = { orcid: string; name: string; email: string | null };

/** The ORCID sign-up this browser has under way, or null. */
export function getPendingSignUp(db: DB, request: Request, now = Date.now()): PendingSignUp | null {
  const handle = readSignUpHandle(request);
  if (!handle) return null;
  const row = db
    .select({
      orcid: orcidSignUps.orcid,
      name: orcidSignUps.name,
      email: orcidSignUps.email,
      expiresAt: orcidSignUps.expiresAt,
    })
    .from(orcidSignUps)
    .where(eq(orcidSignUps.id, hashToken(handle)))
    .get();
  if (!row || row.expiresAt <= now) return null;
  return { orcid: row.orcid, name: row.name, email: row.email };
}

/**
 * Records the email address (and name) for this browser's sign-up and queues
 * the link that confirms it; a new request replaces the earlier link. The
 * caller delivers the outbox after commit.
 */
export function requestEmailVerification(
  db: DB,
  request: Request,
  input: { email: string; name: string; origin: string; ip: string },
  now = Date.now(),
): { ok: true } | { ok: false } {
  const handle = readSignUpHandle(request);
  if (!handle) return { ok: false };
  const token = randomBytes(32).toString("base64url");
  return db.transaction((tx) => {
    const row = tx
      .update(orcidSignUps)
      .set({ email: input.email, name: input.name, emailTokenHash: hashToken(token) })
      .where(and(eq(orcidSignUps.id, hashToken(handle))))
      .returning({ orcid: orcidSignUps.orcid, expiresAt: orcidSignUps.expiresAt })
      .get();
    if (!row || row.expiresAt <= now) return { ok: false as const };
    queueEmail(
      tx,
      orcidEmailVerificationEmail({
        to: input.email,
        name: input.name,
        orcid: row.orcid,
        verifyUrl: `${input.origin}/auth/orcid/verify?token=${token}`,
      }),
    );
    audit(tx, { action: "auth.orcid_email_sent", ip: input.ip, at: now });
    return { ok: true as const };
  });
}

export type VerifyCheck =
  | { kind: "ok"; orcid: string; email: string; name: string; existing: boolean }
  /** Unknown, used or expired. */
  | { kind: "invalid" }
  /** A live link opened in a browser that did not sign in with ORCID. */
  | { kind: "other_browser" };

function liveVerification(db: Writer, request: Request, token: string, now: number) {
  if (!token || token.length > 100) return { kind: "invalid" as const };
  const row = db
    .select()
    .from(orcidSignUps)
    .where(eq(orcidSignUps.emailTokenHash, hashToken(token)))
    .get();
  if (!row || row.expiresAt <= now || !row.email) return { kind: "invalid" as const };
  const handle = readSignUpHandle(request);
  if (!handle || hashToken(handle) !== row.id) return { kind: "other_browser" as const };
  return { kind: "ok" as const, row: { ...row, email: row.email } };
}

/** What the verification link's page shows before the person confirms. */
export function checkVerification(
  db: DB,
  request: Request,
  token: string,
  now = Date.now(),
): VerifyCheck {
  const live = liveVerification(db, request, token, now);
  if (live.kind !== "ok") return live;
  const existing =
    db.select({ id: users.id }).from(users).where(eq(users.email, live.row.email)).get() !==
    undefined;
  return {
    kind: "ok",
    orcid: live.row.orcid,
    email: live.row.email,
    name: live.row.name,
    existing,
  };
}

export type VerifyOutcome =
  | { kind: "signed_in"; signedIn: SignedIn; redirectTo: string; created: boolean }
  | { kind: "invalid" }
  | { kind: "other_browser" }
  /** The address is a staff account's: ORCID is for candidates. */
  | { kind: "staff" }
  | { kind: "deactivated" }
  /** The candidate account with this address already has another iD. */
  | { kind: "has_other" };

/**
 * Confirms the sign-up: the account with the proved address gets the iD (or
 * is created with it), and is signed in — in one transaction that also uses
 * the sign-up up. The caller delivers the outbox (the welcome) after commit.
 */
export function completeOrcidSignUp(
  db: DB,
  request: Request,
  token: string,
  meta: RequestMeta & { origin: string },
): VerifyOutcome {
  const now = meta.now ?? Date.now();
  return db.transaction(
    (tx): VerifyOutcome => {
      const live = liveVerification(tx, request, token, now);
      if (live.kind !== "ok") return live;
      const { row } = live;
      const taken = accountOfOrcid(tx, row.issuer, row.orcid);
      const existing = tx
        .select({ id: users.id, role: users.role, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.email, row.email))
        .get();
      if (existing && isStaffRole(existing.role)) return { kind: "staff" };
      if (existing && existing.deactivatedAt !== null) return { kind: "deactivated" };
      if (taken && taken.id !== existing?.id) return { kind: "has_other" };
      if (existing && !taken && getLinkedOrcid(tx, existing.id)) return { kind: "has_other" };
      let userId = existing?.id;
      if (!userId) {
        const name = row.name || row.email.split("@")[0]!;
        userId = tx
          .insert(users)
          .values({
            name,
            email: row.email,
            passwordHash: NO_PASSWORD,
            role: "candidate",
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: users.id })
          .get().id;
        audit(tx, {
          action: "auth.sign_up",
          actorUserId: userId,
          ip: meta.ip,
          at: now,
          detail: { via: "ORCID" },
        });
        queueEmail(tx, welcomeEmail({ user: { name, email: row.email }, origin: meta.origin }));
      }
      if (!taken) insertLink(tx, userId, row.issuer, row.orcid, meta.ip, now);
      tx.delete(orcidSignUps).where(eq(orcidSignUps.id, row.id)).run();
      const signedIn = startSession(tx, userId, row.email, { ...meta, now }, { via: "ORCID" });
      return { kind: "signed_in", signedIn, redirectTo: row.redirectTo, created: !existing };
    },
    { behavior: "immediate" },
  );
}
