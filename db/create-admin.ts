/**
 * npm run create-admin -- --email you@example.org [--name "Your Name"] [--password "..."]
 *
 * Creates the first admin of a deployment without demo data (ATRIUM_DEMO=0),
 * or promotes an existing user to admin. Without --password a strong random
 * password is generated and printed once. The audit log records who was made
 * admin and how — never the password.
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../app/auth/audit.server";
import { EmailSchema, NameSchema } from "../app/utils/form-fields";
import { hashPassword } from "../app/auth/password.server";
import { passwordProblem } from "../app/auth/password-policy.server";
import { openDatabase, type DB } from "../app/utils/db.server";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { users } from "./schema";

const USAGE =
  'Usage: npm run create-admin -- --email you@example.org [--name "Your Name"] [--password "..."]';
const VIA = "npm run create-admin";

const ArgsSchema = z.object({
  email: EmailSchema,
  name: NameSchema.optional(),
  password: z.string().optional(),
});

/** A random password of 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString("base64url");
}

export interface CreateAdminIO {
  db?: DB;
  now?: number;
  log?: (message: string) => void;
  error?: (message: string) => void;
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
      options: {
        email: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    error(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
    error(`Invalid options:\n${lines.join("\n")}\n${USAGE}`);
    return 1;
  }
  const { email, name, password: given } = parsed.data;
  if (given !== undefined) {
    const problem = passwordProblem(given, email);
    if (problem) {
      error(`Invalid options:\n  --password: ${problem}\n${USAGE}`);
      return 1;
    }
  }

  const db = io.db ?? openDatabase(resolvePath(getEnv().DATABASE_URL));
  try {
    const existing = db.select().from(users).where(eq(users.email, email)).get();
    if (existing) {
      if (existing.role === "admin") {
        log(`${email} is already an admin; nothing changed.`);
        return 0;
      }
      db.transaction((tx) => {
        tx.update(users)
          .set({ role: "admin", updatedAt: now })
          .where(eq(users.id, existing.id))
          .run();
        audit(tx, {
          action: "admin.role_changed",
          subjectUserId: existing.id,
          at: now,
          detail: { from: existing.role, to: "admin", via: VIA },
        });
      });
      log(`Promoted ${email} (${existing.role}) to admin.`);
      if (given !== undefined || name !== undefined)
        log("Their existing name and password were kept.");
      return 0;
    }

    const password = given ?? generatePassword();
    const passwordHash = await hashPassword(password);
    db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          email,
          name: name ?? email.split("@")[0],
          passwordHash,
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
        detail: { email, via: VIA },
      });
    });
    log(`Created admin ${email}.`);
    if (given === undefined) {
      log(
        `Generated password (shown only this once — store it now or reset it later):\n\n  ${password}\n`,
      );
    }
    return 0;
  } finally {
    if (!io.db) db.$client.close();
  }
}

// Run only when executed directly (`tsx db/create-admin.ts`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runCreateAdmin(process.argv.slice(2));
}
