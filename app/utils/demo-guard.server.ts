/**
 * Refuses to serve demo accounts on a public host by accident.
 *
 * `npm start` seeds the demo accounts, whose password is in the README, into
 * an empty database unless ATRIUM_DEMO=0. A deployment that forgot the
 * variable would go live with a published admin password. The server checks
 * at start: demo accounts in the database + PUBLIC_ORIGIN naming a non-local
 * host + demo mode not asked for explicitly (ATRIUM_DEMO=1 set, not defaulted)
 * → it refuses to start and says what to do.
 */
import { inArray } from "drizzle-orm";
import { users } from "../../db/schema";
import type { DB } from "./db.server";
import type { Env } from "./env.server";

/**
 * The demo seed's published accounts (db/seed.ts DEMO_ACCOUNTS; a test keeps
 * the two lists equal). Listed here so the server bundle does not pull in the seed.
 */
export const DEMO_EMAILS = [
  "candidate@atrium.test",
  "recruiter@atrium.test",
  "admin@atrium.test",
] as const;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Whether an origin names this machine (loopback or a *.localhost name). */
export function isLocalOrigin(origin: string | undefined): boolean {
  if (!origin) return true;
  const host = new URL(origin).hostname.toLowerCase();
  return LOCAL_HOSTS.has(host) || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The demo accounts present in the database. */
function getDemoAccounts(db: DB): string[] {
  return db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, [...DEMO_EMAILS]))
    .all()
    .map((u) => u.email);
}

/**
 * Why the server must not start, or null when it may. Pure over the database
 * and the parsed environment, so the rule is tested without a process exit.
 */
export function getDemoStartupProblem(
  db: DB,
  env: Pick<Env, "PUBLIC_ORIGIN" | "ATRIUM_DEMO_EXPLICIT">,
): string | null {
  if (isLocalOrigin(env.PUBLIC_ORIGIN) || env.ATRIUM_DEMO_EXPLICIT) return null;
  const found = getDemoAccounts(db);
  if (found.length === 0) return null;
  return [
    `Refusing to start: PUBLIC_ORIGIN is ${env.PUBLIC_ORIGIN}, a public address, and the database`,
    `holds demo accounts whose password is published in the README (${found.join(", ")}).`,
    "",
    "To deploy for real: start from an empty database with ATRIUM_DEMO=0 (no demo data is seeded),",
    "then create the first admin with `npm run create-admin -- --email you@example.org`.",
    "To run the demo on a public address on purpose: set ATRIUM_DEMO=1 explicitly.",
  ].join("\n");
}
