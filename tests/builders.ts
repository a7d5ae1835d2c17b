/**
 * Small, explicit builders for test fixtures and the demo seed. Each inserts
 * one record (with sensible defaults) and returns it. They write through the
 * real schema, so fixtures obey the same constraints as production data.
 */
import { eq } from "drizzle-orm";
import type { DB } from "../app/utils/db.server";
import { createSession } from "../app/auth/session.server";
import { generateTotpSecret } from "../app/auth/totp.server";
import { sealTotpSecret } from "../app/auth/mfa.server";
import { slugify } from "../app/utils/slug";
import * as s from "../db/schema";
import { DEFAULT_STAGES, withPublicStatus, type StageDef } from "~/lib/pipeline-options";

let counter = 0;
const next = () => ++counter;

export function createArea(db: DB, overrides: Partial<typeof s.researchAreas.$inferInsert> = {}) {
  const n = next();
  const name = overrides.name ?? `Area ${n}`;
  return db
    .insert(s.researchAreas)
    .values({
      slug: overrides.slug ?? slugify(`${name}-${n}`),
      name,
      summary: `Summary of ${name}.`,
      description: `Description of ${name}.`,
      position: n,
      ...overrides,
    })
    .returning()
    .get();
}

export function createLab(db: DB, overrides: Partial<typeof s.labs.$inferInsert> = {}) {
  const n = next();
  const name = overrides.name ?? `Lab ${n}`;
  return db
    .insert(s.labs)
    .values({
      slug: overrides.slug ?? slugify(`${name}-${n}`),
      name,
      city: "Zurich",
      country: "CH",
      description: `About ${name}.`,
      ...overrides,
    })
    .returning()
    .get();
}

export function createResearcher(
  db: DB,
  overrides: Partial<typeof s.researchers.$inferInsert> & { labId: number; areaIds?: number[] },
) {
  const n = next();
  const { areaIds = [], ...values } = overrides;
  const name = values.name ?? `Researcher ${n}`;
  const researcher = db
    .insert(s.researchers)
    .values({
      slug: values.slug ?? slugify(`${name}-${n}`),
      name,
      sortName: (values.sortName ?? name).toLowerCase(),
      title: "Research Scientist",
      bio: `${name} works on interesting problems.`,
      ...values,
    })
    .returning()
    .get();
  for (const areaId of areaIds) {
    db.insert(s.researcherAreas).values({ researcherId: researcher.id, areaId }).run();
  }
  return researcher;
}

export function createOpening(
  db: DB,
  overrides: Partial<typeof s.openings.$inferInsert> & {
    labId: number;
    areaIds?: number[];
    teamIds?: number[];
    questions?: Array<Omit<typeof s.screeningQuestions.$inferInsert, "openingId" | "position">>;
    /** In order, with their kinds (the default pipeline unless given); public statuses follow. */
    stages?: StageDef[];
  },
) {
  const n = next();
  const {
    areaIds = [],
    teamIds = [],
    questions = [],
    stages = DEFAULT_STAGES,
    ...values
  } = overrides;
  const title = values.title ?? `Opening ${n}`;
  const status = values.status ?? "open";
  const now = Date.now();
  return db.transaction((tx) => {
    const opening = tx
      .insert(s.openings)
      .values({
        slug: values.slug ?? slugify(`${title}-${n}`),
        title,
        kind: "researcher",
        location: "Zurich, Switzerland",
        summary: `Join us as ${title}.`,
        description: `We are hiring for ${title}.`,
        qualifications: "- A PhD or equivalent experience",
        status,
        publishedAt: status === "draft" ? null : now,
        ...values,
      })
      .returning()
      .get();
    areaIds.forEach((areaId) =>
      tx.insert(s.openingAreas).values({ openingId: opening.id, areaId }).run(),
    );
    teamIds.forEach((researcherId, position) =>
      tx.insert(s.openingTeam).values({ openingId: opening.id, researcherId, position }).run(),
    );
    questions.forEach((q, position) =>
      tx
        .insert(s.screeningQuestions)
        .values({ ...q, openingId: opening.id, position })
        .run(),
    );
    withPublicStatus(stages).forEach((st, position) =>
      tx
        .insert(s.stages)
        .values({ ...st, openingId: opening.id, position })
        .run(),
    );
    return opening;
  });
}

/**
 * A user with a real argon2id hash of `password` (default "correct horse battery staple").
 * Pass `passwordHash` to reuse a hash computed once (hashing is deliberately slow).
 */
export async function createUser(
  db: DB,
  overrides: Partial<typeof s.users.$inferInsert> & { password?: string } = {},
) {
  const n = next();
  const { password = "correct horse battery staple", ...values } = overrides;
  const { hashPassword } = await import("../app/auth/password.server");
  const passwordHash = values.passwordHash ?? (await hashPassword(password));
  return db
    .insert(s.users)
    .values({
      email: `user${n}-${Date.now()}@example.test`,
      name: `User ${n}`,
      role: "candidate",
      ...values,
      passwordHash,
    })
    .returning()
    .get();
}

/** A session row for `userId`; returns the raw token to send as the cookie value. */
export function createSessionFor(db: DB, userId: number, now = Date.now()) {
  return createSession(db, userId, {}, now).token;
}

/**
 * Turns on two-factor authentication for `userId` with `secret` (a fixed test
 * key unless given), as finishing enrolment would; returns the secret so a
 * test can compute codes (totpCodeAt in app/auth/mfa.server.ts).
 */
export function enrolTwoFactor(db: DB, userId: number, secret = generateTotpSecret()) {
  const sealed = sealTotpSecret(userId, secret);
  db.insert(s.totpCredentials)
    .values({ userId, secret: sealed, enabledAt: Date.now() })
    .onConflictDoUpdate({
      target: s.totpCredentials.userId,
      set: { secret: sealed, enabledAt: Date.now(), lastUsedStep: null },
    })
    .run();
  return secret;
}

/**
 * A session for a staff member who signed in as staff must: enrolled in
 * two-factor authentication and with the code proved for this session.
 * Returns the raw token.
 */
export function verifiedSessionFor(db: DB, userId: number, now = Date.now()) {
  const enrolled = db
    .select({ enabledAt: s.totpCredentials.enabledAt })
    .from(s.totpCredentials)
    .where(eq(s.totpCredentials.userId, userId))
    .get();
  if (enrolled?.enabledAt == null) enrolTwoFactor(db, userId);
  const { token, session } = createSession(db, userId, {}, now);
  db.update(s.sessions).set({ twoFactorAt: now }).where(eq(s.sessions.id, session.id)).run();
  return token;
}

/** The stages of an opening, in order. */
export function stagesOf(db: DB, openingId: number) {
  return db
    .select()
    .from(s.stages)
    .where(eq(s.stages.openingId, openingId))
    .orderBy(s.stages.position)
    .all();
}
