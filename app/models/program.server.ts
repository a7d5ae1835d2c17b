/**
 * Academic programs (internships, residencies, fellowships, PhD programmes):
 * the public pages (/programs, /programs/:slug), the program choice on the
 * opening editor, and the admin writes (app/routes/admin.programs.*), each
 * audited in the same transaction as the change.
 *
 * A program's timeline repeats yearly as month-days ("MM-DD", UTC): the
 * window opens at the start of `opensOn` and closes at the end of `closesOn`
 * (which may fall in the next year, e.g. 11-01 → 01-31).
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import { openings, programAlumni, programs, researchers } from "../../db/schema";
import type { ProgramKind } from "~/lib/enums";
import { audit } from "~/auth/audit.server";
import type { OpenRole } from "~/models/directory-openings.server";
import type { DB } from "~/utils/db.server";
import { programWindow } from "~/utils/program-window";
import { uniqueSlug } from "~/utils/slug";

export { PROGRAM_KIND_LABELS } from "~/lib/event-labels";

/** FAQ text (blocks separated by a blank line, question first) → question/answer pairs. */
export function parseFaq(text: string): Array<{ q: string; a: string }> {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const [q, ...rest] = block.split(/\r?\n/);
      return { q: q.trim(), a: rest.join("\n").trim() };
    });
}

/** Every program in display order with its window at `now` and its open roles counted. */
export function listPrograms(db: DB, now: number) {
  const rows = db
    .select({
      id: programs.id,
      slug: programs.slug,
      name: programs.name,
      kind: programs.kind,
      summary: programs.summary,
      duration: programs.duration,
      stipend: programs.stipend,
      opensOn: programs.opensOn,
      closesOn: programs.closesOn,
      decisionsOn: programs.decisionsOn,
      startsOn: programs.startsOn,
      openRoles: sql<number>`(SELECT count(*) FROM openings o WHERE o.program_id = ${programs.id} AND o.status = 'open' AND (o.closes_at IS NULL OR o.closes_at > ${now}))`,
    })
    .from(programs)
    .orderBy(asc(programs.position), asc(programs.name))
    .all();
  return rows.map(({ opensOn, closesOn, decisionsOn, startsOn, ...r }) => ({
    ...r,
    window: programWindow({ opensOn, closesOn, decisionsOn, startsOn }, now),
  }));
}

export function getProgramBySlug(db: DB, slug: string) {
  return db.select().from(programs).where(eq(programs.slug, slug)).get();
}

/** A program's open roles (as the careers site defines open), newest first. */
export function listProgramOpenRoles(db: DB, programId: number, now: number): OpenRole[] {
  return db.all<OpenRole>(sql`
    SELECT o.id, o.slug, o.title, o.kind, o.location, o.remote_policy AS remotePolicy,
      o.published_at AS publishedAt, o.closes_at AS closesAt, l.name AS labName
    FROM openings o JOIN labs l ON l.id = o.lab_id
    WHERE o.program_id = ${programId} AND o.status = 'open' AND (o.closes_at IS NULL OR o.closes_at > ${now})
    ORDER BY o.published_at DESC, o.id DESC LIMIT 20`);
}

/** Researchers marked as alumni of a program, latest cohort first. */
export function listProgramAlumni(db: DB, programId: number) {
  return db
    .select({
      slug: researchers.slug,
      name: researchers.name,
      title: researchers.title,
      year: programAlumni.year,
    })
    .from(programAlumni)
    .innerJoin(researchers, eq(researchers.id, programAlumni.researcherId))
    .where(eq(programAlumni.programId, programId))
    .orderBy(sql`${programAlumni.year} DESC`, asc(researchers.sortName))
    .all();
}

// ───────────────────────────── admin ─────────────────────────────

export type ProgramInput = {
  name: string;
  kind: ProgramKind;
  summary: string;
  audience: string;
  duration: string;
  stipend: string;
  eligibility: string;
  description: string;
  faq: string;
  opensOn: string;
  closesOn: string;
  decisionsOn: string;
  startsOn: string;
  position?: number;
  /** One per line: "researcher-slug 2023" (profile address and cohort year). */
  alumni: string;
};

type FieldErrors = Record<string, string[]>;
export type SaveOutcome =
  { ok: true; id: number; slug: string } | { ok: false; errors: FieldErrors };
type Actor = { userId: number; ip: string };

class Invalid extends Error {
  constructor(public errors: FieldErrors) {
    super("invalid");
  }
}

/** Creates (id null) or updates a program and its alumni list, audited, in one immediate transaction. */
export function saveProgram(db: DB, id: number | null, v: ProgramInput, actor: Actor): SaveOutcome {
  try {
    return db.transaction(
      (tx) => {
        const errors: FieldErrors = {};
        const clash = tx
          .select({ id: programs.id })
          .from(programs)
          .where(sql`lower(${programs.name}) = lower(${v.name})`)
          .get();
        if (clash && clash.id !== id) errors.name = ["Another program already has this name"];
        const alumniLines = v.alumni
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
        const parsed = alumniLines.map((l) => /^([a-z0-9-]+)\s+(\d{4})$/.exec(l));
        const bad = alumniLines.find((_, i) => !parsed[i]);
        const slugs = parsed.filter(Boolean).map((m) => m![1]);
        const found = slugs.length
          ? tx
              .select({ id: researchers.id, slug: researchers.slug })
              .from(researchers)
              .where(inArray(researchers.slug, slugs))
              .all()
          : [];
        const idBySlug = new Map(found.map((r) => [r.slug, r.id]));
        if (bad)
          errors.alumni = [`Write "${bad}" as a profile address and a year, like "ana-lima 2023"`];
        else {
          const missing = slugs.find((s) => !idBySlug.has(s));
          if (missing) errors.alumni = [`No researcher has the profile address "${missing}"`];
          else if (new Set(slugs).size !== slugs.length) errors.alumni = ["List each person once"];
        }
        if (Object.keys(errors).length) throw new Invalid(errors);

        const now = Date.now();
        const fields = {
          name: v.name,
          kind: v.kind,
          summary: v.summary,
          audience: v.audience,
          duration: v.duration,
          stipend: v.stipend,
          eligibility: v.eligibility,
          description: v.description,
          faq: v.faq,
          opensOn: v.opensOn,
          closesOn: v.closesOn,
          decisionsOn: v.decisionsOn,
          startsOn: v.startsOn,
          ...(v.position !== undefined ? { position: v.position } : {}),
          updatedAt: now,
        };
        let row: { id: number; slug: string } | undefined;
        if (id === null) {
          const slug = uniqueSlug(v.name, (s) =>
            Boolean(
              tx.select({ id: programs.id }).from(programs).where(eq(programs.slug, s)).get(),
            ),
          );
          row = tx
            .insert(programs)
            .values({ ...fields, slug, createdAt: now })
            .returning({ id: programs.id, slug: programs.slug })
            .get();
        } else {
          row = tx
            .update(programs)
            .set(fields)
            .where(eq(programs.id, id))
            .returning({ id: programs.id, slug: programs.slug })
            .get();
          if (!row) throw new Invalid({ name: ["This program no longer exists"] });
          tx.delete(programAlumni).where(eq(programAlumni.programId, id)).run();
        }
        const saved = row;
        if (parsed.length)
          tx.insert(programAlumni)
            .values(
              parsed.map((m) => ({
                programId: saved.id,
                researcherId: idBySlug.get(m![1])!,
                year: Number(m![2]),
              })),
            )
            .run();
        audit(tx, {
          action: id === null ? "content.program_created" : "content.program_updated",
          actorUserId: actor.userId,
          ip: actor.ip,
          detail: { program: v.name, slug: saved.slug, window: `${v.opensOn} to ${v.closesOn}` },
        });
        return { ok: true as const, ...saved };
      },
      { behavior: "immediate" },
    );
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, errors: e.errors };
    throw e;
  }
}

/** Deletes a program (its roles stay, without a program) and audits it; false when it did not exist. */
export function deleteProgram(db: DB, id: number, actor: Actor): boolean {
  return db.transaction((tx) => {
    tx.update(openings).set({ programId: null }).where(eq(openings.programId, id)).run();
    const row = tx
      .delete(programs)
      .where(eq(programs.id, id))
      .returning({ name: programs.name, slug: programs.slug })
      .get();
    if (!row) return false;
    audit(tx, {
      action: "content.program_deleted",
      actorUserId: actor.userId,
      ip: actor.ip,
      detail: { program: row.name, slug: row.slug },
    });
    return true;
  });
}

export function listProgramsForAdmin(db: DB) {
  return db
    .select({ id: programs.id, slug: programs.slug, name: programs.name, kind: programs.kind })
    .from(programs)
    .orderBy(asc(programs.position), asc(programs.name))
    .all();
}

/** The stored program as the admin form's values. */
export function getProgramFormValues(db: DB, id: number) {
  const p = db.select().from(programs).where(eq(programs.id, id)).get();
  if (!p) return null;
  const alumni = db
    .select({ slug: researchers.slug, year: programAlumni.year })
    .from(programAlumni)
    .innerJoin(researchers, eq(researchers.id, programAlumni.researcherId))
    .where(eq(programAlumni.programId, id))
    .orderBy(sql`${programAlumni.year} DESC`)
    .all()
    .map((a) => `${a.slug} ${a.year}`)
    .join("\n");
  return {
    program: { id: p.id, slug: p.slug, name: p.name },
    values: {
      name: p.name,
      kind: p.kind,
      summary: p.summary,
      audience: p.audience,
      duration: p.duration,
      stipend: p.stipend,
      eligibility: p.eligibility,
      description: p.description,
      faq: p.faq,
      opensOn: p.opensOn,
      closesOn: p.closesOn,
      decisionsOn: p.decisionsOn,
      startsOn: p.startsOn,
      position: String(p.position),
      alumni,
    },
  };
}
