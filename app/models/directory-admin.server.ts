/**
 * Directory administration of labs and research areas (admins only; the
 * routes app/routes/admin.labs* and admin.areas* check the role). The public
 * pages read the same tables through lab.server.ts and area.server.ts.
 *
 * Input is validated in two steps, both answered as field errors: the zod
 * schemas below (shape, lengths, slug format), then the database rules (a
 * name or slug already in use) checked inside the same immediate transaction
 * as the write, so two admins saving at once cannot both take a name.
 *
 * Every save writes its audit row (who, what changed) inside the same
 * transaction as the change: a refused or failed save leaves no row, a
 * committed one exactly one.
 *
 * Renaming an area reaches full-text search through the triggers of
 * db/migrations/0004_area_rename_fts.sql.
 */
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import { labs, researchAreas } from "../../db/schema";
import { auditAdminChange, changedFields, type AuditActor } from "~/auth/audit.server";
import type { DB, Tx } from "~/utils/db.server";
import { pageCount as countPages } from "~/utils/route-params";
import { slugify, uniqueSlug } from "~/utils/slug";

type FieldErrors = Record<string, string[]>;
export type SaveResult =
  { ok: true; id: number; slug: string } | { ok: false; errors: FieldErrors };

/** A lab as the admin form submits it (validated by LabSchema in components/recruit/directory-forms.tsx). */
export type LabInput = {
  name: string;
  city: string;
  country: string;
  description: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  timeZone?: string;
};

/** A research area as the admin form submits it; a missing slug or position is chosen on create. */
export type AreaInput = {
  name: string;
  slug?: string;
  summary: string;
  description: string;
  position?: number;
};

/** Case-insensitive "is this value used by another row" for a text column. */
function taken(
  tx: Tx,
  table: typeof labs | typeof researchAreas,
  column: SQL,
  value: string,
  exceptId: number | null,
) {
  const where =
    exceptId === null
      ? sql`lower(${column}) = lower(${value})`
      : and(sql`lower(${column}) = lower(${value})`, ne(table.id, exceptId));
  return Boolean(tx.select({ id: table.id }).from(table).where(where).limit(1).get());
}

/** Runs `body` in one immediate transaction; thrown field errors roll it back and are returned. */
function saving(db: DB, body: (tx: Tx) => { id: number; slug: string }): SaveResult {
  try {
    return { ok: true, ...db.transaction(body, { behavior: "immediate" }) };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, errors: error.errors };
    throw error;
  }
}

class FieldError extends Error {
  constructor(public errors: FieldErrors) {
    super("field errors");
  }
}

/**
 * Creates (id null) or updates a lab. The slug is made from the name on
 * create (unique, with -2, -3… when needed) and kept on edit so public links
 * keep working. A name another lab already uses is a field error.
 */
export function saveLab(db: DB, id: number | null, v: LabInput, actor: AuditActor): SaveResult {
  return saving(db, (tx) => {
    if (taken(tx, labs, sql`${labs.name}`, v.name, id))
      throw new FieldError({ name: ["Another lab already has this name"] });
    const now = Date.now();
    const fields = {
      name: v.name,
      city: v.city,
      country: v.country,
      description: v.description,
      address: v.address ?? "",
      latitude: v.latitude ?? null,
      longitude: v.longitude ?? null,
      timeZone: v.timeZone ?? "UTC",
      updatedAt: now,
    };
    if (id !== null) {
      const before = tx.select().from(labs).where(eq(labs.id, id)).get();
      if (!before) throw new FieldError({ name: ["This lab no longer exists"] });
      const row = tx
        .update(labs)
        .set(fields)
        .where(eq(labs.id, id))
        .returning({ id: labs.id, slug: labs.slug })
        .get()!;
      auditAdminChange(tx, {
        action: "directory.lab_edited",
        actorUserId: actor.userId,
        ip: actor.ip,
        summary: `Edited lab “${before.name}” (id ${id}): ${changedFields(before, v)}.`,
        facts: { labId: id },
      });
      return row;
    }
    const slug = uniqueSlug(v.name, (s) =>
      Boolean(tx.select({ id: labs.id }).from(labs).where(eq(labs.slug, s)).get()),
    );
    const row = tx
      .insert(labs)
      .values({ ...fields, slug, createdAt: now })
      .returning({ id: labs.id, slug: labs.slug })
      .get();
    auditAdminChange(tx, {
      action: "directory.lab_created",
      actorUserId: actor.userId,
      ip: actor.ip,
      summary: `Created lab “${v.name}” (id ${row.id}).`,
      facts: { labId: row.id },
    });
    return row;
  });
}

/**
 * Creates (id null) or updates a research area. A slug left blank on create
 * comes from the name; a slug or name another area uses is a field error (a
 * typed slug is never silently changed). A blank position on create puts the
 * area last; on edit it keeps its position.
 */
export function saveArea(db: DB, id: number | null, v: AreaInput, actor: AuditActor): SaveResult {
  return saving(db, (tx) => {
    const errors: FieldErrors = {};
    if (taken(tx, researchAreas, sql`${researchAreas.name}`, v.name, id))
      errors.name = ["Another research area already has this name"];
    const slugTaken = (s: string) => taken(tx, researchAreas, sql`${researchAreas.slug}`, s, id);
    if (v.slug && slugTaken(v.slug)) errors.slug = ["Another research area already uses this slug"];
    if (id === null && !v.slug && !errors.name && slugTaken(slugify(v.name) || "area")) {
      errors.slug = ["The slug made from this name is taken; enter another slug"];
    }
    if (Object.keys(errors).length) throw new FieldError(errors);
    const now = Date.now();
    const fields = { name: v.name, summary: v.summary, description: v.description, updatedAt: now };
    if (id !== null) {
      const before = tx.select().from(researchAreas).where(eq(researchAreas.id, id)).get();
      if (!before) throw new FieldError({ name: ["This research area no longer exists"] });
      const row = tx
        .update(researchAreas)
        .set({
          ...fields,
          ...(v.slug ? { slug: v.slug } : {}),
          ...(v.position !== undefined ? { position: v.position } : {}),
        })
        .where(eq(researchAreas.id, id))
        .returning({ id: researchAreas.id, slug: researchAreas.slug })
        .get()!;
      auditAdminChange(tx, {
        action: "directory.area_edited",
        actorUserId: actor.userId,
        ip: actor.ip,
        summary: `Edited research area “${before.name}” (id ${id}): ${changedFields(before, v)}.`,
        facts: { areaId: id },
      });
      return row;
    }
    const position =
      v.position ??
      (tx.get<{ n: number | null }>(sql`SELECT max(position) AS n FROM research_areas`).n ?? -1) +
        1;
    const slug = v.slug ?? (slugify(v.name) || "area");
    const row = tx
      .insert(researchAreas)
      .values({ ...fields, slug, position, createdAt: now })
      .returning({ id: researchAreas.id, slug: researchAreas.slug })
      .get();
    auditAdminChange(tx, {
      action: "directory.area_created",
      actorUserId: actor.userId,
      ip: actor.ip,
      summary: `Created research area “${v.name}” (id ${row.id}).`,
      facts: { areaId: row.id },
    });
    return row;
  });
}

const ADMIN_PER_PAGE = 50;

/** One page of labs by name, each with its current researchers and open openings counted in the same query. */
export function listLabsForAdmin(db: DB, page: number) {
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM labs`).n;
  const pageCount = countPages(total, ADMIN_PER_PAGE);
  const p = Math.min(page, pageCount);
  const rows = db.all<{
    id: number;
    slug: string;
    name: string;
    city: string;
    country: string;
    people: number;
    openings: number;
  }>(sql`
    SELECT l.id, l.slug, l.name, l.city, l.country,
      (SELECT count(*) FROM researchers r WHERE r.lab_id = l.id AND r.status = 'current') AS people,
      (SELECT count(*) FROM openings o WHERE o.lab_id = l.id AND o.status = 'open') AS openings
    FROM labs l ORDER BY l.name, l.id LIMIT ${ADMIN_PER_PAGE} OFFSET ${(p - 1) * ADMIN_PER_PAGE}`);
  return { rows, total, page: p, pageCount };
}

/** One page of research areas in display order, with their current researchers and open openings counted. */
export function listAreasForAdmin(db: DB, page: number) {
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM research_areas`).n;
  const pageCount = countPages(total, ADMIN_PER_PAGE);
  const p = Math.min(page, pageCount);
  const rows = db.all<{
    id: number;
    slug: string;
    name: string;
    summary: string;
    position: number;
    people: number;
    openings: number;
  }>(sql`
    SELECT a.id, a.slug, a.name, a.summary, a.position,
      (SELECT count(*) FROM researcher_areas ra JOIN researchers r ON r.id = ra.researcher_id AND r.status = 'current' WHERE ra.area_id = a.id) AS people,
      (SELECT count(*) FROM opening_areas oa JOIN openings o ON o.id = oa.opening_id AND o.status = 'open' WHERE oa.area_id = a.id) AS openings
    FROM research_areas a ORDER BY a.position, a.name, a.id LIMIT ${ADMIN_PER_PAGE} OFFSET ${(p - 1) * ADMIN_PER_PAGE}`);
  return { rows, total, page: p, pageCount };
}

export function getLabForAdmin(db: DB, id: number) {
  return db.select().from(labs).where(eq(labs.id, id)).get();
}

export function getAreaForAdmin(db: DB, id: number) {
  return db.select().from(researchAreas).where(eq(researchAreas.id, id)).get();
}
