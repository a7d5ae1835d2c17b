/**
 * The organisation's settings: the migration's row is the demo organisation
 * as the code describes it; a change made on another connection (another
 * worker, a CLI) is what the next read sees; a colour without AA contrast is
 * refused with the pairing and ratio, storing nothing and auditing nothing;
 * every stored change has one audit row; naming the organisation at setup
 * clears the demo's texts but keeps an admin's own.
 */
import { and, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditContext, auditLog, organisationSettings } from "../../db/schema";
import { staffUser } from "../../tests/fixtures";
import { getDb, openDatabase, type DB } from "~/utils/db.server";
import { getEnv, resolvePath } from "~/utils/env.server";
import { getBrand } from "~/utils/site";
import { colourProblems, contrastRatio } from "~/utils/colour";
import { DEMO_SETTINGS, DEMO_TEXT_FIELDS } from "./settings-content";
import { brandStylesheet, getSettings, nameOrganisation, saveSettings } from "./settings.server";

let db: DB;
let actor: { userId: number; ip: string };
const auditCount = (action: string) =>
  db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)).get()!.n;
const restore = () =>
  db
    .update(organisationSettings)
    .set({ ...DEMO_SETTINGS, socialLinks: [] })
    .where(eq(organisationSettings.id, 1))
    .run();

beforeAll(async () => {
  db = getDb();
  actor = { userId: (await staffUser(db, "admin", "Ada Admin")).id, ip: "203.0.113.9" };
});

describe("organisation settings", () => {
  it("start as the demo organisation the code describes (the migration's row)", () => {
    const row = db.select().from(organisationSettings).get()!;
    for (const [key, value] of Object.entries(DEMO_SETTINGS))
      expect(row[key as keyof typeof row], key).toBe(value);
    expect(getBrand()).toMatchObject({ name: DEMO_SETTINGS.name, primary: "#1d3b6a" });
    // The shipped colours need no stylesheet of their own.
    expect(brandStylesheet(getSettings(db))).toBeNull();
  });

  it("the shipped colours pass the contrast rules they are held to", () => {
    expect(colourProblems(DEMO_SETTINGS.brandColour, DEMO_SETTINGS.accentColour)).toEqual({});
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });

  it("a change written on another connection is what the next read sees", () => {
    try {
      expect(getSettings(db).name).toBe(DEMO_SETTINGS.name);
      const other = openDatabase(resolvePath(getEnv().DATABASE_URL), { migrate: false });
      other
        .update(organisationSettings)
        .set({ name: "Elsewhere Institute", brandColour: "#0b5d3b" })
        .where(eq(organisationSettings.id, 1))
        .run();
      other.$client.close();
      expect(getSettings(db).name).toBe("Elsewhere Institute");
      expect(getBrand()).toMatchObject({ name: "Elsewhere Institute", primary: "#0b5d3b" });
      expect(brandStylesheet(getSettings(db))).toMatch(/^\/brand\.css\?v=[0-9a-f]{12}$/);
    } finally {
      restore();
    }
  });

  it("refuses a low-contrast colour with the pairing and its ratio, storing and auditing nothing", () => {
    const before = db.select().from(organisationSettings).get();
    const audits = auditCount("settings.updated");
    const outcome = saveSettings(db, actor, { name: "Renamed", brandColour: "#8ab4f8" });
    expect(outcome).toMatchObject({
      ok: false,
      errors: { brandColour: "Brand colour #8ab4f8 on white is 2.1:1; text needs 4.5:1." },
    });
    const accent = saveSettings(db, actor, { accentColour: "#3a4a6a" });
    expect(accent.ok).toBe(false);
    expect(!accent.ok && accent.errors.accentColour).toMatch(
      /^Accent colour #3a4a6a behind the brand's dark text \(#[0-9a-f]{6}\) is 1\.\d:1; text needs 4\.5:1\.$/,
    );
    expect(db.select().from(organisationSettings).get()).toEqual(before);
    expect(auditCount("settings.updated")).toBe(audits);
  });

  it("stores a change with one audit row naming what changed", () => {
    try {
      expect(saveSettings(db, actor, { name: "Harbour Lab", brandColour: "#7a1f3d" })).toEqual({
        ok: true,
      });
      expect(getSettings(db)).toMatchObject({ name: "Harbour Lab", brandColour: "#7a1f3d" });
      const row = db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "settings.updated"), like(auditLog.detail, "%Harbour%")))
        .all();
      expect(row).toHaveLength(1);
      expect(row[0]).toMatchObject({ actorUserId: actor.userId });
      // The address sits beside the hash-chained row (audit_context).
      expect(
        db.select().from(auditContext).where(eq(auditContext.auditId, row[0].id)).get()?.ip,
      ).toBe("203.0.113.9");
      expect(row[0].detail?.summary).toBe(
        "Organisation settings: name “Northlight Research” → “Harbour Lab”, brand colour “#1d3b6a” → “#7a1f3d”.",
      );
    } finally {
      restore();
    }
  });

  it("naming the organisation at setup clears the demo's texts and keeps an admin's own", () => {
    try {
      saveSettings(db, actor, { aboutValues: "- **Care.** Our own words." });
      db.transaction((tx) => nameOrganisation(tx, actor, { name: "Real Org", shortName: "RO" }));
      const s = getSettings(db);
      expect(s).toMatchObject({ name: "Real Org", shortName: "RO" });
      expect(s.aboutValues).toBe("- **Care.** Our own words.");
      for (const field of DEMO_TEXT_FIELDS.filter((f) => f !== "aboutValues"))
        expect(s[field], field).toBe("");
    } finally {
      restore();
    }
  });
});
