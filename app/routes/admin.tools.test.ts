/**
 * /admin/tools: admins add, edit and delete tools, datasets and models. Bad
 * input is a 400 with nothing stored; every write is audited with readable detail.
 */
import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, toolAreas, toolMaintainers, tools } from "../../db/schema";
import { createArea, createLab, createResearcher, verifiedSessionFor } from "../../tests/builders";
import { staffUser } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm, type RouteFunction } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import * as edit from "./admin.tools.$id";
import * as list from "./admin.tools._index";
import * as create from "./admin.tools.new";

let db: DB;
let adminToken: string;
let recruiterToken: string;
let adminId: number;
let labId: number;
let areaId: number;
const toolCount = () => db.select({ n: count() }).from(tools).get()!.n;
const auditCount = () => db.select({ n: count() }).from(auditLog).get()!.n;
const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.id)).get()!;

const good = () => ({
  name: "Glasswing",
  kind: "library",
  summary: "A library for looking through model internals.",
  description: "## Usage\n\nImport it.",
  repositoryUrl: "https://code.example.org/glasswing",
  documentationUrl: "",
  license: "MIT",
  labId: String(labId),
  areaIds: String(areaId),
  maintainers: "tool-maker\n",
  featured: "on",
});
const post = (fn: RouteFunction, form: Record<string, string | string[]>, id?: number) =>
  call(
    fn,
    postForm(id ? `/admin/tools/${id}` : "/admin/tools/new", form, { token: adminToken }),
    id ? { id: String(id) } : {},
  );

beforeAll(async () => {
  db = getDb();
  const admin = await staffUser(db, "admin", "Ada Admin");
  adminId = admin.id;
  adminToken = verifiedSessionFor(db, admin.id);
  recruiterToken = verifiedSessionFor(db, (await staffUser(db, "recruiter")).id);
  labId = createLab(db, { name: "Tool Lab" }).id;
  areaId = createArea(db, { name: "Tooling" }).id;
  createResearcher(db, { name: "Tool Maker", slug: "tool-maker", labId });
  createResearcher(db, { name: "Second Maker", slug: "second-maker", labId });
});

describe("/admin/tools", () => {
  it("is for admins only: recruiters get 403 from every loader and action", async () => {
    for (const fn of [list.loader, create.loader, edit.loader]) {
      const res = await call(fn, getRequest("/admin/tools", { token: recruiterToken }), {
        id: "1",
      });
      expect(res.status).toBe(403);
    }
    for (const fn of [create.action, edit.action]) {
      const res = await call(fn, postForm("/admin/tools/new", good(), { token: recruiterToken }), {
        id: "1",
      });
      expect(res.status).toBe(403);
    }
    expect(toolCount()).toBe(0);
  });

  it("refuses bad input with 400 and field errors, storing nothing and auditing nothing", async () => {
    const before = [toolCount(), auditCount()];
    const bad = await post(create.action, {
      name: "",
      kind: "spaceship",
      summary: "short",
      repositoryUrl: "javascript:alert(1)",
      license: "WTFPL-9",
      labId: "abc",
      areaIds: "x",
      maintainers: "Not A Slug!",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(formErrors(bad))).toEqual(
      expect.arrayContaining([
        "name",
        "kind",
        "summary",
        "repositoryUrl",
        "license",
        "maintainers",
      ]),
    );
    // Database rules: a maintainer nobody has, an area and a lab that do not exist.
    const unknown = await post(create.action, {
      ...good(),
      maintainers: "tool-maker\nnobody-here",
      areaIds: "99999",
      labId: "99999",
    });
    expect(unknown.status).toBe(400);
    expect(formErrors(unknown).maintainers?.[0]).toContain("nobody-here");
    expect(formErrors(unknown).areaIds).toBeDefined();
    expect(formErrors(unknown).labId).toBeDefined();
    // Control characters are refused.
    const control = await post(create.action, { ...good(), name: "Glass\u0000wing" });
    expect(control.status).toBe(400);
    expect([toolCount(), auditCount()]).toEqual(before);
    expect(db.select().from(toolMaintainers).all()).toEqual([]);
  });

  it("creates, edits and deletes a tool, auditing each with readable detail", async () => {
    const created = await post(create.action, good());
    expect(created.status).toBe(302);
    const tool = db.select().from(tools).where(eq(tools.name, "Glasswing")).get()!;
    expect(created.location).toBe(`/admin/tools/${tool.id}?created=1`);
    expect(tool).toMatchObject({
      slug: "glasswing",
      kind: "library",
      license: "MIT",
      labId,
      featured: true,
      documentationUrl: null,
    });
    expect(db.select().from(toolAreas).where(eq(toolAreas.toolId, tool.id)).all()).toHaveLength(1);
    let entry = lastAudit();
    expect(entry).toMatchObject({ action: "tool.created", actorUserId: adminId });
    expect(entry.detail).toMatchObject({ tool: "Glasswing", slug: "glasswing", licence: "MIT" });

    // The edit page loads with the saved values.
    const page = await call(
      edit.loader,
      getRequest(`/admin/tools/${tool.id}`, { token: adminToken }),
      { id: String(tool.id) },
    );
    expect(page.status).toBe(200);
    expect((page.data as { values: { maintainers: string } }).values.maintainers).toBe(
      "tool-maker",
    );

    // A bad edit changes nothing.
    const audits = auditCount();
    const bad = await post(edit.action, { ...good(), license: "nope" }, tool.id);
    expect(bad.status).toBe(400);
    expect(db.select().from(tools).where(eq(tools.id, tool.id)).get()).toEqual(tool);
    expect(auditCount()).toBe(audits);

    const saved = await post(
      edit.action,
      {
        ...good(),
        license: "Apache-2.0",
        kind: "model",
        maintainers: "second-maker tool-maker",
        featured: [],
      },
      tool.id,
    );
    expect(saved.status).toBe(302);
    const after = db.select().from(tools).where(eq(tools.id, tool.id)).get()!;
    expect(after).toMatchObject({ license: "Apache-2.0", kind: "model", slug: "glasswing" });
    expect(after.featured).toBe(false);
    const order = db
      .select({ id: toolMaintainers.researcherId, position: toolMaintainers.position })
      .from(toolMaintainers)
      .where(eq(toolMaintainers.toolId, tool.id))
      .orderBy(toolMaintainers.position)
      .all();
    expect(order).toHaveLength(2);
    entry = lastAudit();
    expect(entry.action).toBe("tool.updated");
    expect(entry.detail).toMatchObject({ tool: "Glasswing", changed: "kind, licence, featured" });

    // A second tool cannot take its name.
    const dup = await post(create.action, { ...good(), name: "glasswing" });
    expect(dup.status).toBe(400);
    expect(formErrors(dup).name).toBeDefined();

    const deleted = await post(edit.action, { intent: "delete" }, tool.id);
    expect(deleted.status).toBe(302);
    expect(deleted.location).toBe("/admin/tools?deleted=1");
    expect(db.select().from(tools).where(eq(tools.id, tool.id)).get()).toBeUndefined();
    expect(
      db.select().from(toolMaintainers).where(eq(toolMaintainers.toolId, tool.id)).all(),
    ).toEqual([]);
    entry = lastAudit();
    expect(entry).toMatchObject({ action: "tool.deleted", actorUserId: adminId });
    expect(entry.detail).toMatchObject({ tool: "Glasswing", slug: "glasswing" });

    // Deleting or editing it again is a 404.
    expect((await post(edit.action, { intent: "delete" }, tool.id)).status).toBe(404);
    expect((await post(edit.action, good(), tool.id)).status).toBe(404);
  });
});
