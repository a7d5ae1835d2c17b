/**
 * Directory administration (admins only): researchers' profile fields,
 * publications, retirement, photos, and a profile made from a hired
 * application (createProfileFromHire). The public pages read the same tables
 * (app/models/researcher.server.ts, owned by the directory).
 *
 * Photos: JPEG, PNG or WebP recognised by their first bytes (never by the
 * name or the browser's content type), at most 2 MB, stored under
 * UPLOADS_DIR with a server-generated name and a `files` row of kind "photo"
 * (parsed, checked and written by app/utils/uploads.server.ts).
 *
 * Every admin write here records its audit row inside its own transaction
 * (`actor` is who made it): a write that rolls back leaves no audit row, and
 * a committed one always has exactly one.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  applications,
  candidateProfiles,
  files,
  labs,
  openingAreas,
  openings,
  publications,
  researcherAccounts,
  researchAreas,
  researcherAreas,
  researchers,
  users,
} from "../../db/schema";
import { auditAdminChange, type AuditAction, type AuditActor } from "~/auth/audit.server";
import type { DB, Tx } from "~/utils/db.server";
import { deleteStoredFile, type ImageType, writeStoredFile } from "~/utils/uploads.server";
import { isOrcidId, isWebAddress } from "~/utils/links";
import { uniqueSlug } from "~/utils/slug";
import { isStaffEmailTaken, linkState, writeStaffEmail } from "./researcher-account.server";

/** A researcher's profile fields, checked by the form's schema (app/components/recruit/researcher-form.tsx). */
export type ResearcherInput = {
  name: string;
  title: string;
  labId: number;
  areaIds: number[];
  bio: string;
  /** Blank ("" or undefined) means none. */
  homepageUrl?: string;
  orcid?: string;
  scholarUrl?: string;
  githubUrl?: string;
  status: "current" | "alumni";
  featured: boolean;
  /** The staff-only email (researcher-account.server.ts); undefined leaves it as it is. */
  staffEmail?: string;
};

export type PublicationInput = { title: string; venue: string; year: number; url?: string };

export function directoryChoices(db: DB) {
  return {
    labs: db.select({ id: labs.id, name: labs.name }).from(labs).orderBy(labs.name).all(),
    areas: db
      .select({ id: researchAreas.id, name: researchAreas.name })
      .from(researchAreas)
      .orderBy(researchAreas.position)
      .all(),
  };
}

/**
 * One page of researchers (current and alumni) by sort name, with their lab;
 * `match` is a people_fts MATCH expression (utils/search.ts toFtsQuery) or null for all.
 */
export function listResearchersForAdmin(
  db: DB,
  { match, page, perPage }: { match: string | null; page: number; perPage: number },
) {
  const where = match
    ? sql`${researchers.id} IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ${match})`
    : undefined;
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(researchers)
      .where(where)
      .get()?.n ?? 0;
  const people = db
    .select({
      id: researchers.id,
      slug: researchers.slug,
      name: researchers.name,
      title: researchers.title,
      status: researchers.status,
      lab: labs.name,
      account: {
        userId: researcherAccounts.userId,
        inviteTokenHash: researcherAccounts.inviteTokenHash,
        inviteExpiresAt: researcherAccounts.inviteExpiresAt,
        email: researcherAccounts.email,
      },
    })
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .leftJoin(researcherAccounts, eq(researcherAccounts.researcherId, researchers.id))
    .where(where)
    .orderBy(researchers.sortName)
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all()
    .map(({ account, ...p }) => ({
      ...p,
      accountState: linkState(account?.email ? account : null),
    }));
  return { total, people };
}

/** A researcher's id, or undefined when there is none with that id. */
export function findResearcher(db: DB, id: number): { id: number } | undefined {
  return db.select({ id: researchers.id }).from(researchers).where(eq(researchers.id, id)).get();
}

/** A researcher as the edit page shows them: the row, their area ids and publications; null when missing. */
export function getResearcherForEdit(db: DB, id: number) {
  const researcher = db.select().from(researchers).where(eq(researchers.id, id)).get();
  if (!researcher) return null;
  const areaIds = db
    .select({ id: researcherAreas.areaId })
    .from(researcherAreas)
    .where(eq(researcherAreas.researcherId, id))
    .all()
    .map((a) => a.id);
  const pubs = db
    .select()
    .from(publications)
    .where(eq(publications.researcherId, id))
    .orderBy(desc(publications.year), publications.title)
    .all();
  return { researcher, areaIds, pubs };
}

/** Checks that the lab and areas exist and the staff email is no one else's; returns field errors. */
export function checkResearcherRefs(
  db: DB,
  v: Pick<ResearcherInput, "labId" | "areaIds" | "staffEmail">,
  researcherId: number | null = null,
) {
  const errors: Record<string, string[]> = {};
  if (v.staffEmail && isStaffEmailTaken(db, v.staffEmail, researcherId))
    errors.staffEmail = ["Another researcher's profile has this staff email"];
  if (!db.select({ id: labs.id }).from(labs).where(eq(labs.id, v.labId)).get())
    errors.labId = ["Choose a lab from the list"];
  const unique = [...new Set(v.areaIds)];
  if (
    unique.length &&
    db
      .select({ id: researchAreas.id })
      .from(researchAreas)
      .where(inArray(researchAreas.id, unique))
      .all().length !== unique.length
  ) {
    errors.areaIds = ["Choose research areas from the list"];
  }
  return errors;
}

/**
 * One audit row for a change to researcher `id`. The row names them by id
 * only: a person's name is personal data, and audit rows are never edited
 * (the audit page shows the current name beside the id).
 */
function auditResearcher(
  tx: Tx,
  actor: AuditActor,
  id: number,
  action: AuditAction,
  summary: (who: string) => string,
  facts: Record<string, number> = {},
) {
  auditAdminChange(tx, {
    action,
    actorUserId: actor.userId,
    ip: actor.ip,
    summary: summary(`researcher ${id}`),
    facts: { researcherId: id, ...facts },
  });
}

/** Creates (id null) or updates a researcher and their areas, audited, in one transaction. */
export function saveResearcher(
  db: DB,
  id: number | null,
  v: ResearcherInput,
  actor: AuditActor,
): { id: number; slug: string } {
  return db.transaction((tx) => {
    if (id !== null)
      auditResearcher(tx, actor, id, "directory.researcher_edited", (who) => `Edited ${who}.`);
    const saved = writeResearcher(tx, id, v);
    const emailChange =
      v.staffEmail === undefined ? null : writeStaffEmail(tx, saved.id, v.staffEmail);
    if (emailChange)
      auditResearcher(
        tx,
        actor,
        saved.id,
        "directory.account_email_changed",
        (who) => `${who[0].toUpperCase()}${who.slice(1)}: ${emailChange}.`,
      );
    if (id === null)
      auditAdminChange(tx, {
        action: "directory.researcher_created",
        actorUserId: actor.userId,
        ip: actor.ip,
        summary: `Created researcher ${saved.id}.`,
        facts: { researcherId: saved.id },
      });
    return saved;
  });
}

/** The write behind saveResearcher, for callers that already hold a transaction. */
function writeResearcher(
  tx: Tx,
  id: number | null,
  v: ResearcherInput,
): { id: number; slug: string } {
  const now = Date.now();
  const fields = {
    name: v.name,
    sortName: v.name.toLowerCase(),
    title: v.title,
    labId: v.labId,
    bio: v.bio,
    homepageUrl: v.homepageUrl || null,
    orcid: v.orcid || null,
    scholarUrl: v.scholarUrl || null,
    githubUrl: v.githubUrl || null,
    status: v.status,
    featured: v.featured,
    updatedAt: now,
  };
  let row;
  if (id === null) {
    const slug = uniqueSlug(v.name, (s) =>
      Boolean(
        tx.select({ id: researchers.id }).from(researchers).where(eq(researchers.slug, s)).get(),
      ),
    );
    row = tx
      .insert(researchers)
      .values({ ...fields, slug, createdAt: now })
      .returning()
      .get();
  } else {
    row = tx.update(researchers).set(fields).where(eq(researchers.id, id)).returning().get();
    tx.delete(researcherAreas).where(eq(researcherAreas.researcherId, id)).run();
  }
  for (const areaId of new Set(v.areaIds))
    tx.insert(researcherAreas).values({ researcherId: row.id, areaId }).run();
  return { id: row.id, slug: row.slug };
}

// ───────────── a researcher profile from a hired application ─────────────

/**
 * The researcher profile made from a hired application, if there is one.
 * The schema has no link from a researcher to an application, so "made from
 * it" means: same name and same lab as the candidate and the opening, and
 * created at or after the hire. (If an admin renames the profile afterwards,
 * it is no longer recognised.)
 */
export function findProfileFromHire(
  db: DB | Tx,
  applicationId: number,
): { id: number; slug: string; name: string } | null {
  return (
    db.get<{ id: number; slug: string; name: string } | undefined>(sql`
      SELECT r.id, r.slug, r.name
      FROM applications a
      JOIN users u ON u.id = a.candidate_id
      JOIN openings o ON o.id = a.opening_id
      JOIN researchers r ON r.lab_id = o.lab_id AND r.name = u.name
      WHERE a.id = ${applicationId} AND a.status = 'hired'
        AND r.created_at >= coalesce(
          (SELECT max(e.at) FROM application_events e WHERE e.application_id = a.id AND e.type = 'hired'),
          a.updated_at)
      ORDER BY r.id LIMIT 1`) ?? null
  );
}

export type ProfileFromHireResult =
  { ok: true; created: boolean; id: number; slug: string } | { ok: false; message: string };

/**
 * Creates a researcher profile from a hired application, in one immediate
 * transaction: the candidate's name, their headline as the title (the
 * opening's title when they gave none), the opening's lab and areas, and
 * those of their links that pass the profile form's own checks; empty bio,
 * status "current", not featured. There is no draft status, so the profile
 * is public at once — the admin finishes it on /admin/people/:id.
 * When a profile was already made from this hire, returns it instead
 * (created: false): a second click never makes a duplicate.
 */
export function createProfileFromHire(db: DB, applicationId: number): ProfileFromHireResult {
  return db.transaction(
    (tx): ProfileFromHireResult => {
      const app = tx
        .select({
          status: applications.status,
          openingId: openings.id,
          openingTitle: openings.title,
          labId: openings.labId,
          name: users.name,
          headline: candidateProfiles.headline,
          homepageUrl: candidateProfiles.homepageUrl,
          orcid: candidateProfiles.orcid,
          scholarUrl: candidateProfiles.scholarUrl,
          githubUrl: candidateProfiles.githubUrl,
        })
        .from(applications)
        .innerJoin(openings, eq(openings.id, applications.openingId))
        .innerJoin(users, eq(users.id, applications.candidateId))
        .leftJoin(candidateProfiles, eq(candidateProfiles.userId, applications.candidateId))
        .where(eq(applications.id, applicationId))
        .get();
      if (!app) return { ok: false, message: "That application no longer exists." };
      if (app.status !== "hired")
        return {
          ok: false,
          message: "Only a hired candidate can get a researcher profile from their application.",
        };
      const existing = findProfileFromHire(tx, applicationId);
      if (existing) return { ok: true, created: false, id: existing.id, slug: existing.slug };

      const areaIds = tx
        .select({ id: openingAreas.areaId })
        .from(openingAreas)
        .where(eq(openingAreas.openingId, app.openingId))
        .all()
        .map((a) => a.id);
      // A link the profile form would refuse is left out rather than copied to a public page.
      const keep = (value: string | null, ok: (v: string) => boolean) => {
        const v = value?.trim();
        return v && ok(v) ? v : undefined;
      };
      const headline = (app.headline ?? "").trim().slice(0, 150);
      const saved = writeResearcher(tx, null, {
        name: app.name.trim().slice(0, 120),
        title: headline.length >= 2 ? headline : app.openingTitle.slice(0, 150),
        labId: app.labId,
        areaIds,
        bio: "",
        homepageUrl: keep(app.homepageUrl, isWebAddress),
        orcid: keep(app.orcid, isOrcidId),
        scholarUrl: keep(app.scholarUrl, isWebAddress),
        githubUrl: keep(app.githubUrl, isWebAddress),
        status: "current",
        featured: false,
      });
      return { ok: true, created: true, ...saved };
    },
    { behavior: "immediate" },
  );
}

/** Moves a researcher to the alumni (and off the featured list), audited. */
export function retireResearcher(db: DB, id: number, actor: AuditActor) {
  db.transaction((tx) => {
    auditResearcher(tx, actor, id, "directory.researcher_retired", (who) => `Retired ${who}.`);
    tx.update(researchers)
      .set({ status: "alumni", featured: false, updatedAt: Date.now() })
      .where(eq(researchers.id, id))
      .run();
  });
}

/** Adds a publication to a researcher's profile, audited. */
export function addPublication(
  db: DB,
  researcherId: number,
  p: PublicationInput,
  actor: AuditActor,
) {
  db.transaction((tx) => {
    tx.insert(publications)
      .values({ researcherId, title: p.title, venue: p.venue, year: p.year, url: p.url || null })
      .run();
    auditResearcher(
      tx,
      actor,
      researcherId,
      "directory.publication_added",
      (who) => `Added “${p.title}” (${p.year}) to ${who}.`,
    );
  });
}

/** Removes one of a researcher's publications, audited. */
export function removePublication(
  db: DB,
  researcherId: number,
  publicationId: number,
  actor: AuditActor,
) {
  db.transaction((tx) => {
    tx.delete(publications)
      .where(and(eq(publications.id, publicationId), eq(publications.researcherId, researcherId)))
      .run();
    auditResearcher(
      tx,
      actor,
      researcherId,
      "directory.publication_removed",
      (who) => `Removed publication ${publicationId} from ${who}.`,
      { publicationId },
    );
  });
}

/** Stores a checked photo and makes it the researcher's photo; the old file is removed after commit. */
export async function storePhoto(
  db: DB,
  researcherId: number,
  actor: AuditActor,
  photo: {
    bytes: Uint8Array;
    originalName: string;
    type: ImageType;
  },
) {
  const storageName = await writeStoredFile(photo.bytes, photo.type.ext);
  let old: string | null = null;
  try {
    db.transaction((tx) => {
      const prev = tx
        .select({ id: files.id, storageName: files.storageName })
        .from(researchers)
        .innerJoin(files, eq(files.id, researchers.photoFileId))
        .where(eq(researchers.id, researcherId))
        .get();
      const row = tx
        .insert(files)
        .values({
          ownerUserId: actor.userId,
          kind: "photo",
          storageName,
          originalName: photo.originalName,
          contentType: photo.type.contentType,
          size: photo.bytes.byteLength,
          sha256: createHash("sha256").update(photo.bytes).digest("hex"),
        })
        .returning({ id: files.id })
        .get();
      tx.update(researchers)
        .set({ photoFileId: row.id, updatedAt: Date.now() })
        .where(eq(researchers.id, researcherId))
        .run();
      if (prev) {
        tx.delete(files).where(eq(files.id, prev.id)).run();
        old = prev.storageName;
      }
      auditResearcher(
        tx,
        actor,
        researcherId,
        "directory.photo_changed",
        (who) => `Changed the photo of ${who}.`,
      );
    });
  } catch (error) {
    await deleteStoredFile(storageName);
    throw error;
  }
  if (old && /\.(jpg|png|webp)$/.test(old)) await deleteStoredFile(old);
}
