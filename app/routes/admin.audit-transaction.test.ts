/**
 * A directory change and its audit row commit together or not at all
 * (issue 8): a refused save leaves no audit row, a saved one exactly one,
 * and when the audit row cannot be written the change itself is rolled
 * back — never a change to a lab, an area or a researcher that the audit
 * log does not show.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, labs, publications, researchAreas, researchers } from "../../db/schema";
import { createLab, createResearcher, verifiedSessionFor } from "../../tests/builders";
import { staffUser } from "../../tests/fixtures";
import { answer, contextFor, postForm } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import * as areaNew from "./admin.areas.new";
import * as labEdit from "./admin.labs.$id";
import * as personEdit from "./admin.people.$id";

let db: DB;
let token: string;

beforeAll(async () => {
  db = getDb();
  const admin = await staffUser(db, "admin", "Ada Admin");
  token = verifiedSessionFor(db, admin.id);
});

/** Audit rows of `action` whose detail names `key` = `id`. */
function auditRows(action: string, key: string, id: number) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, action),
        sql`json_extract(${auditLog.detail}, ${`$.${key}`}) = ${id}`,
      ),
    )
    .all();
}

/** Makes every audit insert on this connection fail, as a full disk or a broken table would. */
function breakAuditLog() {
  db.$client.exec(
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END",
  );
}

afterEach(() => {
  db.$client.exec("DROP TRIGGER IF EXISTS temp.audit_down");
});

/** Runs an admin action directly, so an error it throws rejects the promise. */
async function run(fn: unknown, path: string, form: Record<string, string>, id?: number) {
  return (fn as (args: unknown) => unknown)({
    request: postForm(path, form, { token }),
    params: id === undefined ? {} : { id: String(id) },
    context: contextFor("198.51.100.7"),
  });
}

/** The same, described as an HTTP answer (status, Location). */
function post(fn: unknown, path: string, form: Record<string, string>, id?: number) {
  return answer(() => run(fn, path, form, id));
}

describe("directory edits and their audit rows share one transaction", () => {
  it("a saved lab edit has exactly one audit row; a refused one has none", async () => {
    const lab = createLab(db, { name: "Moraine Lab" });
    createLab(db, { name: "Taken Name Lab" });
    const refused = await post(
      labEdit.action,
      `/admin/labs/${lab.id}`,
      { name: "Taken Name Lab", city: "Bergen", country: "NO" },
      lab.id,
    );
    expect(refused.status).toBe(400);
    expect(auditRows("directory.lab_edited", "labId", lab.id)).toHaveLength(0);

    const saved = await post(
      labEdit.action,
      `/admin/labs/${lab.id}`,
      { name: "Moraine & Till Lab", city: "Bergen", country: "NO" },
      lab.id,
    );
    expect(saved.status).toBe(302);
    const rows = auditRows("directory.lab_edited", "labId", lab.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].detail!.summary).toContain("“Moraine Lab” → “Moraine & Till Lab”");
  });

  it("a lab edit whose audit row cannot be written is rolled back", async () => {
    const lab = createLab(db, { name: "Cirque Lab" });
    breakAuditLog();
    await expect(
      run(
        labEdit.action,
        `/admin/labs/${lab.id}`,
        { name: "Cirque Lab Renamed", city: "Bergen", country: "NO" },
        lab.id,
      ),
    ).rejects.toThrow("audit log unavailable");
    expect(db.select().from(labs).where(eq(labs.id, lab.id)).get()!.name).toBe("Cirque Lab");
  });

  it("an area created without its audit row is not created", async () => {
    breakAuditLog();
    await expect(
      run(areaNew.action, "/admin/areas/new", {
        name: "Permafrost Studies",
        summary: "Frozen ground.",
        description: "",
      }),
    ).rejects.toThrow("audit log unavailable");
    expect(
      db.select().from(researchAreas).where(eq(researchAreas.name, "Permafrost Studies")).get(),
    ).toBeUndefined();
  });

  it("researcher edits, retirements and publications roll back with their audit row", async () => {
    const person = createResearcher(db, {
      labId: createLab(db).id,
      name: "Oda Firn",
      title: "Scientist",
    });
    breakAuditLog();
    const path = `/admin/people/${person.id}`;
    const forms: Array<Record<string, string>> = [
      {
        intent: "save",
        name: "Oda Firn",
        title: "Senior Scientist",
        labId: String(person.labId),
        status: "current",
      },
      { intent: "retire" },
      { intent: "add_publication", pubTitle: "Firn in motion", venue: "JGR", year: "2024" },
    ];
    for (const form of forms) {
      await expect(run(personEdit.action, path, form, person.id)).rejects.toThrow(
        "audit log unavailable",
      );
    }
    const after = db.select().from(researchers).where(eq(researchers.id, person.id)).get()!;
    expect(after).toMatchObject({ title: "Scientist", status: "current" });
    expect(
      db.select().from(publications).where(eq(publications.researcherId, person.id)).all(),
    ).toHaveLength(0);

    db.$client.exec("DROP TRIGGER temp.audit_down");
    const retired = await post(personEdit.action, path, { intent: "retire" }, person.id);
    expect(retired.status).toBe(302);
    expect(auditRows("directory.researcher_retired", "researcherId", person.id)).toHaveLength(1);
  });
});
