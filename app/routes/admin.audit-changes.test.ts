/**
 * Every admin change to the directory writes one audit row whose detail is
 * a readable sentence (shown as such on /admin/audit, never as JSON): labs
 * and areas created and edited, researchers created, edited and retired,
 * photos and publications; role changes read "Role changed from … to …".
 */
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditContext, auditLog, publications } from "../../db/schema";
import { createLab, verifiedSessionFor } from "../../tests/builders";
import { signedIn, staffUser } from "../../tests/fixtures";
import { call, contextFor, getRequest, postForm, type RouteFunction } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import * as audit from "./admin.audit";
import * as areaEdit from "./admin.areas.$id";
import * as areaNew from "./admin.areas.new";
import * as labEdit from "./admin.labs.$id";
import * as labNew from "./admin.labs.new";
import * as personEdit from "./admin.people.$id";
import * as personNew from "./admin.people.new";
import * as user from "./admin.users_.$id._index";

let db: DB;
let token: string;
let adminId: number;

beforeAll(async () => {
  db = getDb();
  const admin = await staffUser(db, "admin", "Ada Admin");
  adminId = admin.id;
  token = verifiedSessionFor(db, admin.id);
});

const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;

async function post(
  fn: RouteFunction,
  path: string,
  form: Record<string, string> | FormData,
  id?: number,
) {
  const res = await call(
    fn,
    postForm(path, form, { token }),
    id === undefined ? {} : { id: String(id) },
    contextFor("198.51.100.4"),
  );
  expect(res.status, path).toBeLessThan(400);
  return lastAudit();
}

describe("admin changes are audited with a readable detail", () => {
  it("labs: create and edit", async () => {
    const created = await post(labNew.action, "/admin/labs/new", {
      name: "Glacier Lab",
      city: "Bergen",
      country: "NO",
    });
    expect(created).toMatchObject({ action: "directory.lab_created", actorUserId: adminId });
    // The address is kept beside the row, not in it (the chained row holds ids only).
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      db.select().from(auditContext).where(eq(auditContext.auditId, created.id)).get()?.ip,
    ).toBe("198.51.100.4");
    const labId = Number(created.detail!.labId);
    expect(created.detail!.summary).toBe(`Created lab “Glacier Lab” (id ${labId}).`);
    const edited = await post(
      labEdit.action,
      `/admin/labs/${labId}`,
      { name: "Glacier & Ice Lab", city: "Bergen", country: "NO" },
      labId,
    );
    expect(edited.action).toBe("directory.lab_edited");
    expect(edited.detail!.summary).toBe(
      `Edited lab “Glacier Lab” (id ${labId}): name “Glacier Lab” → “Glacier & Ice Lab”.`,
    );
  });

  it("areas: create and edit", async () => {
    const created = await post(areaNew.action, "/admin/areas/new", {
      name: "Cryosphere",
      summary: "Ice.",
    });
    expect(created.action).toBe("directory.area_created");
    const areaId = Number(created.detail!.areaId);
    expect(created.detail!.summary).toBe(`Created research area “Cryosphere” (id ${areaId}).`);
    const edited = await post(
      areaEdit.action,
      `/admin/areas/${areaId}`,
      { name: "Cryosphere", slug: "cryosphere", summary: "Ice and snow." },
      areaId,
    );
    expect(edited.action).toBe("directory.area_edited");
    expect(edited.detail!.summary).toContain("summary “Ice.” → “Ice and snow.”");
  });

  it("researchers: create, edit, publications, photo and retire", async () => {
    const lab = createLab(db);
    const created = await post(personNew.action, "/admin/people/new", {
      intent: "save",
      name: "Ines Floe",
      title: "Scientist",
      labId: String(lab.id),
      status: "current",
    });
    expect(created.action).toBe("directory.researcher_created");
    const id = Number(created.detail!.researcherId);
    // A person's name never goes into the audit row; their id does.
    expect(created.detail!.summary).toBe(`Created researcher ${id}.`);
    const who = `researcher ${id}`;
    const edited = await post(
      personEdit.action,
      `/admin/people/${id}`,
      {
        intent: "save",
        name: "Ines Floe",
        title: "Senior Scientist",
        labId: String(lab.id),
        status: "current",
      },
      id,
    );
    expect(edited).toMatchObject({ action: "directory.researcher_edited" });
    expect(edited.detail!.summary).toBe(`Edited ${who}.`);
    const added = await post(
      personEdit.action,
      `/admin/people/${id}`,
      { intent: "add_publication", pubTitle: "Sea ice in motion", venue: "JGR", year: "2024" },
      id,
    );
    expect(added.detail!.summary).toBe(`Added “Sea ice in motion” (2024) to ${who}.`);
    const pub = db.select().from(publications).where(eq(publications.researcherId, id)).get()!;
    const removed = await post(
      personEdit.action,
      `/admin/people/${id}`,
      { intent: "remove_publication", publicationId: String(pub.id) },
      id,
    );
    expect(removed).toMatchObject({ action: "directory.publication_removed" });
    expect(removed.detail!.summary).toBe(`Removed publication ${pub.id} from ${who}.`);
    const fd = new FormData();
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
    ]);
    fd.append("photo", new File([png], "me.png", { type: "image/png" }));
    const photo = await post(personEdit.action, `/admin/people/${id}`, fd, id);
    expect(photo.detail!.summary).toBe(`Changed the photo of ${who}.`);
    const retired = await post(personEdit.action, `/admin/people/${id}`, { intent: "retire" }, id);
    expect(retired.detail!.summary).toBe(`Retired ${who}.`);
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain("Ines Floe");
    // The audit page says who that is now.
    const page = await call(audit.loader, getRequest("/admin/audit", { token }));
    const rows = (page.data as { rows: Array<{ action: string; detail: string }> }).rows;
    expect(rows.find((r) => r.action === "directory.researcher_retired")!.detail).toBe(
      `Retired ${who}. (researcher: Ines Floe)`,
    );
  });

  it("users: a role change reads as a sentence on /admin/audit, not JSON", async () => {
    const { user: candidate } = await signedIn(db, "candidate");
    await post(
      user.action,
      `/admin/users/${candidate.id}`,
      { intent: "role", role: "recruiter" },
      candidate.id,
    );
    const page = await call(audit.loader, getRequest("/admin/audit", { token }));
    const rows = (page.data as { rows: Array<{ action: string; detail: string }> }).rows;
    const role = rows.find((r) => r.action === "admin.role_changed")!;
    expect(role.detail).toBe(
      "Role changed from candidate to recruiter. As staff they set up two-factor again, through an enrolment link.",
    );
    const lab = rows.find((r) => r.action === "directory.lab_created")!;
    expect(lab.detail).toMatch(/^Created lab “Glacier Lab” \(id \d+\)\.$/);
    for (const r of rows) expect(r.detail).not.toMatch(/^[{[]/);
  });
});
