/**
 * Accepting a researcher's invitation without an account: the account is
 * created for the invitation's email (the token proves the mailbox), linked
 * to the profile and signed in, in one transaction. New accounts get the
 * default role; a role of their own comes from an admin.
 */
import { users } from "../../db/schema";
import {
  findInvitation,
  linkInvitation,
  type AcceptOutcome,
} from "~/models/researcher-account.server";
import type { DB } from "~/utils/db.server";
import { audit } from "./audit.server";
import { startSession, type RequestMeta, type SignedIn } from "./sign-in.server";

export function acceptWithNewAccount(
  db: DB,
  token: string,
  account: { name: string; passwordHash: string },
  meta: RequestMeta,
): (AcceptOutcome & { ok: false }) | (SignedIn & { researcherId: number }) {
  const now = meta.now ?? Date.now();
  return db.transaction(
    (tx) => {
      const invitation = findInvitation(tx, token, now);
      if (!invitation) return { ok: false as const, reason: "invalid" as const };
      if (invitation.existingUserId !== null)
        return { ok: false as const, reason: "account_exists" as const };
      const email = invitation.email;
      const user = tx
        .insert(users)
        .values({ ...account, email, createdAt: now, updatedAt: now })
        .returning({ id: users.id })
        .get();
      audit(tx, {
        action: "auth.sign_up",
        actorUserId: user.id,
        ip: meta.ip,
        at: now,
        detail: { via: "researcher invitation" },
      });
      // The invitation is live and the new account has its email: the link is made.
      linkInvitation(tx, token, user.id, meta.ip, now);
      const signedIn = startSession(
        tx,
        user.id,
        email,
        { ...meta, now },
        {
          via: "researcher invitation",
        },
      );
      return { ...signedIn, researcherId: invitation.researcherId };
    },
    { behavior: "immediate" },
  );
}
