/**
 * npm run create-admin -- --email you@example.org [--name "Your Name"]
 *
 * Creates the first admin of a deployment without demo data (ATRIUM_DEMO=0),
 * promotes an existing user to admin, or gives an existing admin a new
 * enrolment link. It prints an enrolment link (app/auth/enrolment.server.ts),
 * never a password: whoever opens it chooses the password (a new account has
 * none until then) and sets up two-factor authentication in the same step,
 * so the account is never usable with a password alone. The link works once,
 * for three days. The audit log records who was made admin and how.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { changeRole } from "../app/auth/admin.server";
import { audit } from "../app/auth/audit.server";
import { enrolmentPath, issueEnrolmentLink } from "../app/auth/enrolment.server";
import { NO_PASSWORD } from "../app/auth/password.server";
import { EmailSchema, NameSchema } from "../app/utils/form-fields";
import { openDatabase, type DB } from "../app/utils/db.server";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { users } from "./schema";

const USAGE = 'Usage: npm run create-admin -- --email you@example.org [--name "Your Name"]';
const VIA = "npm run create-admin";

const ArgsSchema = z.object({ email: EmailSchema, name: NameSchema.optional() });

export interface CreateAdminIO {
  db?: DB;
  now?: number;
  log?: (message: string) => void;
  error?: (message: string) => void;
}

/** Where links point: PUBLIC_ORIGIN, or this machine's server for a local run. */
function origin(): string {
  const env = getEnv();
  return (env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** Runs the command; returns the process exit code. */
export async function runCreateAdmin(argv: string[], io: CreateAdminIO = {}): Promise<number> {
  const log = io.log ?? ((m: string) => console.log(m));
  const error = io.error ?? ((m: string) => console.error(m));
  const now = io.now ?? Date.now();

  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: { email: { type: "string" }, name: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    const hint = argv.includes("--password")
      ? "\nThere is no --password: the enrolment link lets the new admin choose one."
      : "";
    error(`${(e as Error).message}${hint}\n${USAGE}`);
    return 1;
  }
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
    error(`Invalid options:\n${lines.join("\n")}\n${USAGE}`);
    return 1;
  }
  const { email, name } = parsed.data;

  const db = io.db ?? openDatabase(resolvePath(getEnv().DATABASE_URL));
  try {
    const existing = db.select().from(users).where(eq(users.email, email)).get();
    let userId: number;
    if (existing?.role === "admin") {
      userId = existing.id;
      log(`${email} is already an admin. Here is a new enrolment link; earlier ones stop working.`);
    } else if (existing) {
      userId = existing.id;
      const changed = changeRole(db, null, existing.id, "admin", { ip: null, now });
      if (changed.kind !== "ok") throw new Error(`Could not promote ${email}: ${changed.kind}`);
      log(`Promoted ${email} (${existing.role}) to admin. Their name and password were kept.`);
    } else {
      userId = db.transaction((tx) => {
        const user = tx
          .insert(users)
          .values({
            email,
            name: name ?? email.split("@")[0],
            // No password until the enrolment link sets one.
            passwordHash: NO_PASSWORD,
            role: "admin",
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: users.id })
          .get();
        audit(tx, {
          action: "admin.created",
          subjectUserId: user.id,
          at: now,
          detail: { via: VIA },
        });
        return user.id;
      });
      log(`Created admin ${email}.`);
    }
    const link = issueEnrolmentLink(db, { userId, actorUserId: null }, { now });
    if (link.kind !== "ok") throw new Error(`Could not make an enrolment link: ${link.kind}`);
    log(
      [
        "",
        `Open this link to ${existing && existing.passwordHash !== NO_PASSWORD ? "confirm the password" : "choose a password"} and set up two-factor authentication.`,
        `It works once, until ${new Date(link.expiresAt).toISOString()}; keep it to yourself:`,
        "",
        `  ${origin()}${enrolmentPath(link.token)}`,
        "",
      ].join("\n"),
    );
    return 0;
  } finally {
    if (!io.db) db.$client.close();
  }
}

// Run only when executed directly (`tsx db/create-admin.ts`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runCreateAdmin(process.argv.slice(2));
}
