/**
 * The first run of a deployment without demo data: while no admin exists,
 * the server prints one address at start, /setup?token=…, whose page creates
 * the first admin and names the organisation. The token is 32 random bytes;
 * only its SHA-256 is stored, it expires after a day, a new start replaces
 * it, and it is deleted when used. Once any admin exists there is no setup:
 * no token is issued and none is accepted. `npm run create-admin` stays for
 * scripts.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { setupTokens, users } from "../../db/schema";
import { nameOrganisation } from "~/models/settings.server";
import type { DB } from "~/utils/db.server";
import { audit } from "./audit.server";
import { hashToken } from "./session.server";
import { writeEnrolmentLink } from "./enrolment.server";
import type { RequestMeta } from "./sign-in.server";

export const SETUP_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Whether any admin account exists. */
export function hasAdmin(db: DB): boolean {
  return (
    db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1).get() !==
    undefined
  );
}

/**
 * A new setup token when there is no admin (replacing any earlier one), or
 * null when there is one. Returns the token itself: it is shown once.
 */
export function issueSetupToken(db: DB, now = Date.now()): string | null {
  const token = randomBytes(32).toString("base64url");
  const issued = db.transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1).get())
        return false;
      tx.delete(setupTokens).run();
      tx.insert(setupTokens)
        .values({ id: hashToken(token), createdAt: now, expiresAt: now + SETUP_TOKEN_LIFETIME_MS })
        .run();
      return true;
    },
    { behavior: "immediate" },
  );
  return issued ? token : null;
}

/** Whether `token` opens the setup page now: a live token, and still no admin. */
export function isSetupTokenValid(db: DB, token: string | null, now = Date.now()): boolean {
  if (!token || token.length > 100) return false;
  const row = db
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(and(eq(setupTokens.id, hashToken(token)), gt(setupTokens.expiresAt, now)))
    .get();
  return row !== undefined && !hasAdmin(db);
}

export type SetupInput = {
  token: string;
  organisationName: string;
  shortName: string;
  name: string;
  email: string;
  /** Already hashed. */
  passwordHash: string;
};

export type SetupResult =
  { kind: "ok"; enrolmentToken: string } | { kind: "invalid_token" } | { kind: "email_taken" };

/**
 * Creates the first admin, names the organisation, uses up the token and
 * issues the admin's two-factor enrolment link (staff enrol only through one,
 * app/auth/enrolment.server.ts), in one transaction that checks the token and that no
 * admin exists again (two tabs submitting at once make one admin).
 */
export function completeSetup(db: DB, input: SetupInput, meta: RequestMeta): SetupResult {
  const now = meta.now ?? Date.now();
  return db.transaction(
    (tx): SetupResult => {
      const live = tx
        .select({ id: setupTokens.id })
        .from(setupTokens)
        .where(and(eq(setupTokens.id, hashToken(input.token)), gt(setupTokens.expiresAt, now)))
        .get();
      const admin = tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).get();
      if (!live || admin) return { kind: "invalid_token" };
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get())
        return { kind: "email_taken" };
      const user = tx
        .insert(users)
        .values({
          name: input.name,
          email: input.email,
          passwordHash: input.passwordHash,
          role: "admin",
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id })
        .get();
      tx.delete(setupTokens).run();
      audit(tx, {
        action: "setup.completed",
        actorUserId: user.id,
        ip: meta.ip,
        at: now,
        detail: { email: input.email, organisation: input.organisationName },
      });
      nameOrganisation(
        tx,
        { userId: user.id, ip: meta.ip },
        { name: input.organisationName, shortName: input.shortName },
        now,
      );
      // Not signed in yet: a staff account's first session comes with its authenticator.
      const link = writeEnrolmentLink(
        tx,
        { userId: user.id, actorUserId: null },
        { ip: meta.ip, now },
      );
      if (link.kind !== "ok")
        throw new Error(`The first admin's enrolment link failed: ${link.kind}`);
      return { kind: "ok", enrolmentToken: link.token };
    },
    { behavior: "immediate" },
  );
}

/**
 * At server start: when there is no admin, issues a token and prints the one
 * line with the setup address (on PUBLIC_ORIGIN, else this machine's port).
 */
export function announceSetup(
  db: DB,
  env: { PUBLIC_ORIGIN?: string; PORT: number },
  log: (line: string) => void = console.log,
) {
  const token = issueSetupToken(db);
  if (!token) return;
  const origin = (env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  log(
    `No admin yet. Create the first one at ${origin}/setup?token=${token} (valid for 24 hours, once).`,
  );
}
