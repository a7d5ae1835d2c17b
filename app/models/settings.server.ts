/**
 * The organisation's settings (`organisation_settings`, one row): read by
 * every page (the header, titles, the home, about and privacy pages), by
 * emails and calendar files, and changed by admins at /admin/settings.
 *
 * Reads are cached per connection and kept while the content version is the
 * one they were read at: a change commits with a version bump (the table's
 * triggers), so the next read in any process — another worker, a CLI —
 * loads it again, exactly as the public page cache does.
 *
 * Every change is audited inside its own transaction; a refused change
 * (a colour without enough contrast) stores nothing and writes no audit row.
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { eq, inArray } from "drizzle-orm";
import { files, organisationSettings } from "../../db/schema";
import { auditAdminChange, changedFields, type AuditActor } from "~/auth/audit.server";
import { colourProblems, type ColourProblems } from "~/utils/colour";
import type { DB, Writer } from "~/utils/db.server";
import { connectionOf } from "~/utils/prepared.server";
import { SHARE_ART_VERSION } from "~/utils/share";
import type { Brand } from "~/utils/site";
import { deleteStoredFile, writeStoredFile } from "~/utils/uploads.server";
import type { ProcessedLogo } from "~/utils/uploads/logo.server";
import { DEMO_SETTINGS, DEMO_TEXT_FIELDS } from "./settings-content";

type StoredLogoFile = { storageName: string; sha256: string; contentType: string };

export type Settings = {
  name: string;
  shortName: string;
  brandColour: string;
  accentColour: string;
  logo: {
    original: StoredLogoFile;
    png: StoredLogoFile;
    card: StoredLogoFile;
    width: number;
    height: number;
  } | null;
  homeHeading: string;
  homeIntro: string;
  homeCtaLabel: string;
  homeCtaUrl: string;
  contactEmail: string;
  contactPhone: string;
  postalAddress: string;
  privacyController: string;
  privacyContact: string;
  socialLinks: string[];
  aboutLens: string;
  aboutValues: string;
  aboutQuote: string;
  aboutQuoteBy: string;
  updatedAt: number;
};

/** The fields an admin edits as text (everything but the logo). */
export type SettingsChange = Partial<
  Omit<Settings, "logo" | "updatedAt" | "socialLinks"> & { socialLinks: string[] }
>;

const FALLBACK: Settings = {
  ...DEMO_SETTINGS,
  logo: null,
  socialLinks: [],
  updatedAt: 0,
};

function readSettings(db: Writer): Settings {
  const row = db.select().from(organisationSettings).where(eq(organisationSettings.id, 1)).get();
  if (!row) return FALLBACK;
  const ids = [row.logoFileId, row.logoPngFileId, row.logoCardFileId];
  let logo: Settings["logo"] = null;
  if (ids.every((id): id is number => id !== null)) {
    const rows = db
      .select({
        id: files.id,
        storageName: files.storageName,
        sha256: files.sha256,
        contentType: files.contentType,
      })
      .from(files)
      .where(inArray(files.id, ids))
      .all();
    const byId = new Map(rows.map(({ id, ...file }) => [id, file]));
    const [original, png, card] = ids.map((id) => byId.get(id));
    if (original && png && card)
      logo = { original, png, card, width: row.logoWidth ?? 1, height: row.logoHeight ?? 1 };
  }
  return {
    name: row.name,
    shortName: row.shortName,
    brandColour: row.brandColour,
    accentColour: row.accentColour,
    logo,
    homeHeading: row.homeHeading,
    homeIntro: row.homeIntro,
    homeCtaLabel: row.homeCtaLabel,
    homeCtaUrl: row.homeCtaUrl,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    postalAddress: row.postalAddress,
    privacyController: row.privacyController,
    privacyContact: row.privacyContact,
    socialLinks: row.socialLinks,
    aboutLens: row.aboutLens,
    aboutValues: row.aboutValues,
    aboutQuote: row.aboutQuote,
    aboutQuoteBy: row.aboutQuoteBy,
    updatedAt: row.updatedAt,
  };
}

const versionStatements = new WeakMap<Database.Database, Database.Statement>();
const cached = new WeakMap<Database.Database, { version: unknown; settings: Settings }>();

function contentVersion(connection: Database.Database): unknown {
  let statement = versionStatements.get(connection);
  if (!statement) {
    statement = connection.prepare("SELECT version FROM content_version WHERE id = 1").pluck();
    versionStatements.set(connection, statement);
  }
  return statement.get();
}

/** The settings as they are now (one indexed read of the content version when nothing changed). */
export function getSettings(db: Writer): Settings {
  const connection = connectionOf(db);
  if (!connection) return readSettings(db);
  const version = contentVersion(connection);
  const hit = cached.get(connection);
  if (hit && hit.version === version) return hit.settings;
  const settings = readSettings(db);
  // Never remember what an open transaction sees: it may still roll back.
  if (!connection.inTransaction) cached.set(connection, { version, settings });
  return settings;
}

const short = (sha256: string) => sha256.slice(0, 16);
const extOf = (file: StoredLogoFile) => (file.contentType === "image/svg+xml" ? "svg" : "png");

/** The logo's addresses: content-hashed, so each can be cached for a year. */
export function logoUrls(logo: NonNullable<Settings["logo"]>) {
  return {
    src: `/brand/logo-${short(logo.original.sha256)}.${extOf(logo.original)}`,
    png: `/brand/logo-${short(logo.png.sha256)}.png`,
    card: `/brand/card-${short(logo.card.sha256)}.png`,
  };
}

/** The stored logo file a /brand/<name> address names, or null when it is not the current logo. */
export function findLogoFile(settings: Settings, fileName: string): StoredLogoFile | null {
  const logo = settings.logo;
  if (!logo) return null;
  const urls = logoUrls(logo);
  const path = `/brand/${fileName}`;
  if (path === urls.src) return logo.original;
  if (path === urls.png) return logo.png;
  if (path === urls.card) return logo.card;
  return null;
}

const brands = new WeakMap<Settings, Brand>();

/** The organisation as pages, emails and structured data present it. */
export function brandOf(settings: Settings): Brand {
  let brand = brands.get(settings);
  if (!brand) brands.set(settings, (brand = toBrand(settings)));
  return brand;
}

function toBrand(settings: Settings): Brand {
  const logo = settings.logo;
  return {
    name: settings.name,
    shortName: settings.shortName || settings.name,
    primary: settings.brandColour,
    accent: settings.accentColour,
    logo: logo ? { ...logoUrls(logo), width: logo.width, height: logo.height } : null,
    sameAs: settings.socialLinks,
    artwork: createHash("sha256")
      .update(
        JSON.stringify([
          SHARE_ART_VERSION,
          settings.name,
          settings.brandColour,
          settings.accentColour,
          logo?.png.sha256 ?? null,
        ]),
      )
      .digest("hex")
      .slice(0, 16),
  };
}

/** A short, stable fingerprint of the colours: the brand stylesheet's `?v=`. */
export function colourVersion(settings: Pick<Settings, "brandColour" | "accentColour">): string {
  return createHash("sha256")
    .update(`${settings.brandColour}${settings.accentColour}`)
    .digest("hex")
    .slice(0, 12);
}

/**
 * The address of the stylesheet that gives the pages the organisation's
 * colours (`/brand.css?v=…`, cached for a year), or null while they are the
 * colours app.css ships with.
 */
export function brandStylesheet(settings: Settings): string | null {
  if (
    settings.brandColour === DEMO_SETTINGS.brandColour &&
    settings.accentColour === DEMO_SETTINGS.accentColour
  )
    return null;
  return `/brand.css?v=${colourVersion(settings)}`;
}

export type SaveSettingsOutcome = { ok: true } | { ok: false; errors: ColourProblems };

const LABELS: Partial<Record<keyof SettingsChange, string>> = {
  name: "name",
  shortName: "short name",
  brandColour: "brand colour",
  accentColour: "accent colour",
};

/**
 * Stores a change to the settings with its audit row, in one transaction.
 * Colours are checked for contrast first (both as they will be after the
 * change): a refused colour stores nothing.
 */
export function saveSettings(
  db: DB,
  actor: AuditActor,
  change: SettingsChange,
  now = Date.now(),
): SaveSettingsOutcome {
  if (change.brandColour !== undefined || change.accentColour !== undefined) {
    const current = getSettings(db);
    const errors = colourProblems(
      change.brandColour ?? current.brandColour,
      change.accentColour ?? current.accentColour,
    );
    if (errors.brandColour || errors.accentColour) return { ok: false, errors };
  }
  db.transaction((tx) => {
    const before = readSettings(tx);
    const beforeFields = Object.fromEntries(
      Object.keys(change).map((key) => {
        const value = before[key as keyof SettingsChange];
        return [
          LABELS[key as keyof SettingsChange] ?? key,
          Array.isArray(value) ? value.join(" ") : value,
        ];
      }),
    );
    const afterFields = Object.fromEntries(
      Object.entries(change).map(([key, value]) => [
        LABELS[key as keyof SettingsChange] ?? key,
        Array.isArray(value) ? value.join(" ") : value,
      ]),
    );
    tx.update(organisationSettings)
      .set({ ...change, updatedAt: now, updatedBy: actor.userId })
      .where(eq(organisationSettings.id, 1))
      .run();
    auditAdminChange(tx, {
      action: "settings.updated",
      actorUserId: actor.userId,
      ip: actor.ip,
      summary: `Organisation settings: ${changedFields(beforeFields, afterFields)}.`,
      facts: { fields: Object.keys(change).join(", ") },
    });
  });
  return { ok: true };
}

/**
 * The first admin names the organisation (/setup): its name and short name,
 * and the demo's own texts that nobody changed are cleared, so a real
 * organisation never shows Northlight's words. Runs inside the caller's
 * transaction (the one that creates the admin).
 */
export function nameOrganisation(
  tx: Writer,
  actor: AuditActor,
  input: { name: string; shortName: string },
  now = Date.now(),
) {
  const before = readSettings(tx);
  const cleared = Object.fromEntries(
    DEMO_TEXT_FIELDS.filter((field) => before[field] === DEMO_SETTINGS[field]).map((field) => [
      field,
      "",
    ]),
  );
  // The call to action pointed at the people directory: it stays, it fits any organisation.
  tx.update(organisationSettings)
    .set({
      ...cleared,
      name: input.name,
      shortName: input.shortName,
      updatedAt: now,
      updatedBy: actor.userId,
    })
    .where(eq(organisationSettings.id, 1))
    .run();
  auditAdminChange(tx, {
    action: "settings.updated",
    actorUserId: actor.userId,
    ip: actor.ip,
    summary: `Organisation named “${input.name}” at setup; the demo texts were cleared.`,
    facts: { fields: ["name", "shortName", ...Object.keys(cleared)].join(", ") },
  });
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Stores a processed logo (uploads/logo.server.ts) as three stored files
 * with `files` rows (so backups copy them and the sweep keeps them) and makes
 * it the organisation's logo; the previous logo's files are removed after
 * the commit. Audited.
 */
export async function storeLogo(db: DB, actor: AuditActor, logo: ProcessedLogo) {
  const parts = [
    {
      bytes: logo.original,
      ext: logo.type,
      contentType: logo.type === "svg" ? "image/svg+xml" : "image/png",
      name: `logo.${logo.type}`,
    },
    { bytes: logo.png, ext: "png" as const, contentType: "image/png", name: "logo.png" },
    { bytes: logo.card, ext: "png" as const, contentType: "image/png", name: "logo-card.png" },
  ];
  const storageNames: string[] = [];
  try {
    for (const part of parts) storageNames.push(await writeStoredFile(part.bytes, part.ext));
    const old = db.transaction((tx) => {
      const ids = parts.map(
        (part, i) =>
          tx
            .insert(files)
            .values({
              ownerUserId: actor.userId,
              kind: "logo",
              storageName: storageNames[i],
              originalName: part.name,
              contentType: part.contentType,
              size: part.bytes.byteLength,
              sha256: sha256(part.bytes),
            })
            .returning({ id: files.id })
            .get().id,
      );
      const previous = detachLogo(tx);
      tx.update(organisationSettings)
        .set({
          logoFileId: ids[0],
          logoPngFileId: ids[1],
          logoCardFileId: ids[2],
          logoWidth: logo.width,
          logoHeight: logo.height,
          updatedAt: Date.now(),
          updatedBy: actor.userId,
        })
        .where(eq(organisationSettings.id, 1))
        .run();
      auditAdminChange(tx, {
        action: "settings.logo_changed",
        actorUserId: actor.userId,
        ip: actor.ip,
        summary: `Changed the organisation's logo (${logo.type.toUpperCase()}, ${logo.original.byteLength} bytes).`,
        facts: { type: logo.type },
      });
      return previous;
    });
    for (const name of old) await deleteStoredFile(name);
  } catch (error) {
    for (const name of storageNames) await deleteStoredFile(name);
    throw error;
  }
}

/** Removes the current logo's rows (within `tx`); returns their storage names to delete after commit. */
function detachLogo(tx: Writer): string[] {
  const row = tx
    .select({
      a: organisationSettings.logoFileId,
      b: organisationSettings.logoPngFileId,
      c: organisationSettings.logoCardFileId,
    })
    .from(organisationSettings)
    .where(eq(organisationSettings.id, 1))
    .get();
  const ids = [row?.a, row?.b, row?.c].filter((id): id is number => typeof id === "number");
  if (!ids.length) return [];
  const names = tx
    .select({ storageName: files.storageName })
    .from(files)
    .where(inArray(files.id, ids))
    .all()
    .map((f) => f.storageName);
  tx.update(organisationSettings)
    .set({
      logoFileId: null,
      logoPngFileId: null,
      logoCardFileId: null,
      logoWidth: null,
      logoHeight: null,
    })
    .where(eq(organisationSettings.id, 1))
    .run();
  tx.delete(files).where(inArray(files.id, ids)).run();
  return names;
}

/** Removes the logo (pages show the name alone again), audited; false when there was none. */
export async function removeLogo(db: DB, actor: AuditActor): Promise<boolean> {
  const old = db.transaction((tx) => {
    const names = detachLogo(tx);
    if (!names.length) return names;
    tx.update(organisationSettings)
      .set({ updatedAt: Date.now(), updatedBy: actor.userId })
      .where(eq(organisationSettings.id, 1))
      .run();
    auditAdminChange(tx, {
      action: "settings.logo_removed",
      actorUserId: actor.userId,
      ip: actor.ip,
      summary: "Removed the organisation's logo.",
    });
    return names;
  });
  for (const name of old) await deleteStoredFile(name);
  return old.length > 0;
}
