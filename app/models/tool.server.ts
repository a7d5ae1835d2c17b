/**
 * Tools, datasets and models the researchers share: the public list and page
 * (/tools, /tools/:slug), the lists on profiles, lab pages and the home page,
 * and the admin writes (/admin/tools*), which are audited in the same
 * transaction as the change.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  labs,
  researchAreas,
  researchers,
  toolAreas,
  toolMaintainers,
  toolPublications,
  tools,
} from "../../db/schema";
import type { ToolKind } from "~/lib/enums";
import { audit } from "~/auth/audit.server";
import type { DB, Tx } from "~/utils/db.server";
import type { SpdxId } from "~/utils/outputs";
import { preparedFor } from "~/utils/prepared.server";
import { uniqueSlug } from "~/utils/slug";

type ToolSummary = {
  id: number;
  slug: string;
  name: string;
  kind: ToolKind;
  summary: string;
  license: string;
  areas: Array<{ slug: string; name: string }>;
};

const summaryColumns = {
  id: tools.id,
  slug: tools.slug,
  name: tools.name,
  kind: tools.kind,
  summary: tools.summary,
  license: tools.license,
};

/** The public lists' queries, prepared once per database (app/utils/prepared.server.ts). */
const queries = preparedFor((db) => ({
  /** Area tags of the tools whose ids are in the JSON array `ids`. */
  areaTags: db
    .select({ toolId: toolAreas.toolId, slug: researchAreas.slug, name: researchAreas.name })
    .from(toolAreas)
    .innerJoin(researchAreas, eq(researchAreas.id, toolAreas.areaId))
    .where(sql`${toolAreas.toolId} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`)
    .orderBy(asc(researchAreas.position))
    .prepare(),
  forResearcher: db
    .select(summaryColumns)
    .from(tools)
    .innerJoin(toolMaintainers, eq(toolMaintainers.toolId, tools.id))
    .where(eq(toolMaintainers.researcherId, sql.placeholder("researcherId")))
    .orderBy(sql`${tools.name} COLLATE NOCASE`)
    .prepare(),
  forLab: db
    .select(summaryColumns)
    .from(tools)
    .where(eq(tools.labId, sql.placeholder("labId")))
    .orderBy(sql`${tools.name} COLLATE NOCASE`)
    .prepare(),
  featured: db
    .select(summaryColumns)
    .from(tools)
    .where(eq(tools.featured, true))
    .orderBy(sql`${tools.name} COLLATE NOCASE`)
    .limit(sql.placeholder("limit"))
    .prepare(),
}));

/** Attaches area tags with one query. */
function withAreas<T extends { id: number }>(db: DB, rows: T[]) {
  if (rows.length === 0) return [] as Array<T & { areas: ToolSummary["areas"] }>;
  const tags = queries(db).areaTags.all({ ids: JSON.stringify(rows.map((r) => r.id)) });
  return rows.map((r) => ({
    ...r,
    areas: tags.filter((t) => t.toolId === r.id).map(({ slug, name }) => ({ slug, name })),
  }));
}

/** Every tool, optionally of one kind and/or in one area, by name. Tools are few: not paged. */
export function listTools(db: DB, filter: { kind?: ToolKind; areaId?: number } = {}) {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(tools.kind, filter.kind));
  if (filter.areaId !== undefined)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM tool_areas ta WHERE ta.tool_id = ${tools.id} AND ta.area_id = ${filter.areaId})`,
    );
  const rows = db
    .select(summaryColumns)
    .from(tools)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(sql`${tools.name} COLLATE NOCASE`, asc(tools.id))
    .all();
  return withAreas(db, rows);
}

/** The tools a researcher maintains, by name. */
export function listToolsForResearcher(db: DB, researcherId: number) {
  return withAreas(db, queries(db).forResearcher.all({ researcherId }));
}

/** The tools of a lab, by name. */
export function listToolsForLab(db: DB, labId: number) {
  return withAreas(db, queries(db).forLab.all({ labId }));
}

/** Featured tools for the home page, by name. */
export function listFeaturedTools(db: DB, limit = 3) {
  return withAreas(db, queries(db).featured.all({ limit }));
}

/** Everything the public tool page shows, or undefined. */
export function getToolBySlug(db: DB, slug: string) {
  const tool = db
    .select({
      ...summaryColumns,
      description: tools.description,
      repositoryUrl: tools.repositoryUrl,
      documentationUrl: tools.documentationUrl,
      updatedAt: tools.updatedAt,
      createdAt: tools.createdAt,
      labSlug: labs.slug,
      labName: labs.name,
    })
    .from(tools)
    .leftJoin(labs, eq(labs.id, tools.labId))
    .where(eq(tools.slug, slug))
    .get();
  if (!tool) return undefined;
  const [withTags] = withAreas(db, [tool]);
  const maintainers = db
    .select({
      slug: researchers.slug,
      name: researchers.name,
      title: researchers.title,
      status: researchers.status,
    })
    .from(toolMaintainers)
    .innerJoin(researchers, eq(researchers.id, toolMaintainers.researcherId))
    .where(eq(toolMaintainers.toolId, tool.id))
    .orderBy(asc(toolMaintainers.position), asc(researchers.sortName))
    .all();
  const publicationIds = db
    .select({ id: toolPublications.publicationId })
    .from(toolPublications)
    .where(eq(toolPublications.toolId, tool.id))
    .all()
    .map((r) => r.id);
  return { ...withTags, maintainers, publicationIds };
}

// ───────────────────────────── admin ─────────────────────────────

/** A tool as the admin form submits it (validated by ToolSchema in components/outputs/tool-form.tsx). */
export type ToolInput = {
  name: string;
  kind: ToolKind;
  summary: string;
  description: string;
  repositoryUrl: string;
  documentationUrl: string;
  license: SpdxId;
  labId?: number;
  areaIds: number[];
  /** Profile slugs, in the order they should be listed. */
  maintainers: string[];
  publicationIds: number[];
  featured: boolean;
};

export type Actor = { userId: number; ip: string };
export type ToolSaveResult =
  { ok: true; id: number; slug: string } | { ok: false; errors: Record<string, string[]> };

/** Every tool for the admin list, by name. */
export function listToolsForAdmin(db: DB) {
  return db
    .select({
      id: tools.id,
      slug: tools.slug,
      name: tools.name,
      kind: tools.kind,
      license: tools.license,
      featured: tools.featured,
      updatedAt: tools.updatedAt,
      maintainers: sql<number>`(SELECT count(*) FROM tool_maintainers tm WHERE tm.tool_id = ${tools.id})`,
    })
    .from(tools)
    .orderBy(sql`${tools.name} COLLATE NOCASE`)
    .all();
}

/** A tool with its links as form values, or undefined. */
export function getToolForAdmin(db: DB, id: number) {
  const tool = db.select().from(tools).where(eq(tools.id, id)).get();
  if (!tool) return undefined;
  const areaIds = db
    .select({ id: toolAreas.areaId })
    .from(toolAreas)
    .where(eq(toolAreas.toolId, id))
    .all()
    .map((r) => r.id);
  const maintainers = db
    .select({ slug: researchers.slug, id: researchers.id })
    .from(toolMaintainers)
    .innerJoin(researchers, eq(researchers.id, toolMaintainers.researcherId))
    .where(eq(toolMaintainers.toolId, id))
    .orderBy(asc(toolMaintainers.position))
    .all();
  const publicationIds = db
    .select({ id: toolPublications.publicationId })
    .from(toolPublications)
    .where(eq(toolPublications.toolId, id))
    .all()
    .map((r) => r.id);
  return { tool, areaIds, maintainers, publicationIds };
}

/** The publications a tool may be linked to: those of the given researchers, newest first. */
export function listPublicationChoices(db: DB, researcherIds: number[]) {
  if (researcherIds.length === 0) return [];
  return db.all<{ id: number; title: string; year: number }>(sql`
    SELECT DISTINCT p.id, p.title, p.year
    FROM publication_authors pa JOIN publications p ON p.id = pa.publication_id
    WHERE pa.researcher_id IN ${researcherIds}
    ORDER BY p.year DESC, p.id DESC
    LIMIT 200`);
}

class FieldErrors extends Error {
  constructor(public errors: Record<string, string[]>) {
    super("field errors");
  }
}

/** What changed, as a readable list of field names for the audit log. */
function changedFields(before: typeof tools.$inferSelect, v: ToolInput): string[] {
  const pairs: Array<[string, unknown, unknown]> = [
    ["name", before.name, v.name],
    ["kind", before.kind, v.kind],
    ["summary", before.summary, v.summary],
    ["description", before.description, v.description],
    ["repository", before.repositoryUrl ?? "", v.repositoryUrl],
    ["documentation", before.documentationUrl ?? "", v.documentationUrl],
    ["licence", before.license, v.license],
    ["lab", before.labId ?? null, v.labId ?? null],
    ["featured", before.featured, v.featured],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([name]) => name);
}

/**
 * Creates (id null) or updates a tool with its areas, maintainers and related
 * publications, and writes the audit row, in one immediate transaction.
 * Database rules (a name in use, a maintainer slug that names nobody, an
 * unknown area, lab or publication) come back as field errors with nothing
 * written.
 */
export function saveTool(db: DB, id: number | null, v: ToolInput, actor: Actor): ToolSaveResult {
  try {
    const row = db.transaction(
      (tx) => {
        const errors: Record<string, string[]> = {};
        const sameName = tx
          .select({ id: tools.id })
          .from(tools)
          .where(sql`lower(${tools.name}) = lower(${v.name})`)
          .all()
          .filter((r) => r.id !== id);
        if (sameName.length) errors.name = ["Another tool already has this name"];
        const people = v.maintainers.length
          ? tx
              .select({ id: researchers.id, slug: researchers.slug })
              .from(researchers)
              .where(inArray(researchers.slug, v.maintainers))
              .all()
          : [];
        const unknown = v.maintainers.filter((s) => !people.some((p) => p.slug === s));
        if (unknown.length)
          errors.maintainers = [`No profile has the address: ${unknown.join(", ")}`];
        const areaCount = v.areaIds.length
          ? tx
              .select({ id: researchAreas.id })
              .from(researchAreas)
              .where(inArray(researchAreas.id, v.areaIds))
              .all().length
          : 0;
        if (areaCount !== v.areaIds.length) errors.areaIds = ["Choose areas from the list"];
        if (
          v.labId !== undefined &&
          !tx.select({ id: labs.id }).from(labs).where(eq(labs.id, v.labId)).get()
        )
          errors.labId = ["Choose a lab from the list"];
        if (v.publicationIds.length) {
          const n =
            tx.get<{ n: number }>(
              sql`SELECT count(*) AS n FROM publications WHERE id IN ${v.publicationIds}`,
            )?.n ?? 0;
          if (n !== v.publicationIds.length)
            errors.publicationIds = ["Choose related publications from the list"];
        }
        if (Object.keys(errors).length) throw new FieldErrors(errors);

        const now = Date.now();
        const fields = {
          name: v.name,
          kind: v.kind,
          summary: v.summary,
          description: v.description,
          repositoryUrl: v.repositoryUrl || null,
          documentationUrl: v.documentationUrl || null,
          license: v.license,
          labId: v.labId ?? null,
          featured: v.featured,
          updatedAt: now,
        };
        let saved: { id: number; slug: string };
        let changed: string[] = [];
        if (id !== null) {
          const before = tx.select().from(tools).where(eq(tools.id, id)).get();
          if (!before) throw new FieldErrors({ name: ["This tool no longer exists"] });
          changed = changedFields(before, v);
          saved = tx
            .update(tools)
            .set(fields)
            .where(eq(tools.id, id))
            .returning({ id: tools.id, slug: tools.slug })
            .get();
          tx.delete(toolAreas).where(eq(toolAreas.toolId, id)).run();
          tx.delete(toolMaintainers).where(eq(toolMaintainers.toolId, id)).run();
          tx.delete(toolPublications).where(eq(toolPublications.toolId, id)).run();
        } else {
          const slug = uniqueSlug(v.name, (s) =>
            Boolean(tx.select({ id: tools.id }).from(tools).where(eq(tools.slug, s)).get()),
          );
          saved = tx
            .insert(tools)
            .values({ ...fields, slug, createdAt: now })
            .returning({ id: tools.id, slug: tools.slug })
            .get();
        }
        linkTool(tx, saved.id, v, people);
        audit(tx, {
          action: id === null ? "tool.created" : "tool.updated",
          actorUserId: actor.userId,
          ip: actor.ip,
          detail: {
            tool: v.name,
            slug: saved.slug,
            ...(id === null
              ? { kind: v.kind, licence: v.license }
              : { changed: changed.join(", ") || "links only" }),
            maintainers: v.maintainers.join(", "),
          },
          at: now,
        });
        return saved;
      },
      { behavior: "immediate" },
    );
    return { ok: true, ...row };
  } catch (error) {
    if (error instanceof FieldErrors) return { ok: false, errors: error.errors };
    throw error;
  }
}

function linkTool(
  tx: Tx,
  toolId: number,
  v: ToolInput,
  people: Array<{ id: number; slug: string }>,
) {
  for (const areaId of new Set(v.areaIds)) tx.insert(toolAreas).values({ toolId, areaId }).run();
  [...new Set(v.maintainers)].forEach((slug, position) => {
    const person = people.find((p) => p.slug === slug)!;
    tx.insert(toolMaintainers).values({ toolId, researcherId: person.id, position }).run();
  });
  for (const publicationId of new Set(v.publicationIds))
    tx.insert(toolPublications).values({ toolId, publicationId }).run();
}

/** Deletes a tool (its links cascade) and audits it; false when it did not exist. */
export function deleteTool(db: DB, id: number, actor: Actor): boolean {
  return db.transaction(
    (tx) => {
      const tool = tx.select().from(tools).where(eq(tools.id, id)).get();
      if (!tool) return false;
      tx.delete(tools).where(eq(tools.id, id)).run();
      audit(tx, {
        action: "tool.deleted",
        actorUserId: actor.userId,
        ip: actor.ip,
        detail: { tool: tool.name, slug: tool.slug, kind: tool.kind },
      });
      return true;
    },
    { behavior: "immediate" },
  );
}
