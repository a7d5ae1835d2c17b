/**
 * /admin/areas: admins list, add and edit research areas. Duplicate names and
 * slugs are field errors; a rename reaches the people and careers searches.
 */
import { count, eq, max } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createArea,
  createLab,
  createOpening,
  createResearcher,
  verifiedSessionFor,
} from "../../tests/builders";
import { researchAreas } from "../../db/schema";
import { staffUser } from "../../tests/fixtures";
import {
  call,
  formErrors,
  formValues,
  getRequest,
  postForm,
  type RouteFunction,
} from "../../tests/requests";

import { searchOpenings } from "~/models/opening.server";
import { listResearchers } from "~/models/researcher.server";
import { getDb, type DB } from "~/utils/db.server";
import { toFtsQuery } from "~/utils/search";
import * as edit from "./admin.areas.$id";
import * as list from "./admin.areas._index";
import * as create from "./admin.areas.new";

let db: DB;
let adminToken: string;
let recruiterToken: string;
const areaCount = () => db.select({ n: count() }).from(researchAreas).get()!.n;
const errorsOf = formErrors;
const post = (fn: RouteFunction, path: string, form: Record<string, string>, id?: number) =>
  call(fn, postForm(path, form, { token: adminToken }), id ? { id: String(id) } : {});

beforeAll(async () => {
  db = getDb();
  adminToken = verifiedSessionFor(db, (await staffUser(db, "admin", "Ada Admin")).id);
  recruiterToken = verifiedSessionFor(db, (await staffUser(db, "recruiter")).id);
});

describe("/admin/areas", () => {
  it("is for admins only: recruiters get 403 from every loader and action", async () => {
    const area = createArea(db);
    const params = { id: String(area.id) };
    for (const fn of [list.loader, create.loader, edit.loader]) {
      expect(
        (await call(fn, getRequest("/admin/areas", { token: recruiterToken }), params)).status,
      ).toBe(403);
    }
    for (const fn of [create.action, edit.action]) {
      const res = await call(
        fn,
        postForm(
          "/admin/areas/new",
          { name: "Hijacked", summary: "Nope" },
          { token: recruiterToken },
        ),
        params,
      );
      expect(res.status).toBe(403);
    }
    expect(
      db.select().from(researchAreas).where(eq(researchAreas.name, "Hijacked")).get(),
    ).toBeUndefined();
  });

  it("refuses bad input with messages beside the fields and stores nothing", async () => {
    const before = areaCount();
    const res = await post(create.action, "/admin/areas/new", {
      name: "",
      slug: "Not a slug!",
      summary: "",
      position: "-3",
    });
    expect(res.status).toBe(400);
    expect(Object.keys(errorsOf(res))).toEqual(
      expect.arrayContaining(["name", "slug", "summary", "position"]),
    );
    expect(formValues(res)).toMatchObject({
      slug: "Not a slug!",
      position: "-3",
    });
    expect(
      (
        await post(create.action, "/admin/areas/new", {
          name: "Robotics",
          summary: "Robots.",
          position: "1.5",
        })
      ).status,
    ).toBe(400);
    expect(areaCount()).toBe(before);
  });

  it("creates an area: slug from the name when blank, placed last when no position is given", async () => {
    const [{ top }] = db
      .select({ top: max(researchAreas.position) })
      .from(researchAreas)
      .all();
    const last = createArea(db, { position: (top ?? 0) + 40 });
    const res = await post(create.action, "/admin/areas/new", {
      name: "Climate & Agriculture",
      summary: "Food systems under a changing climate.",
      description: "## Why\nBecause.",
    });
    expect(res.status).toBe(302);
    const id = Number(
      res.response!.headers.get("Location")!.match(/^\/admin\/areas\/(\d+)\?created=1$/)![1],
    );
    expect(db.select().from(researchAreas).where(eq(researchAreas.id, id)).get()).toMatchObject({
      slug: "climate-agriculture",
      position: last.position + 1,
    });

    const typed = await post(create.action, "/admin/areas/new", {
      name: "Human-Computer Interaction",
      slug: "HCI",
      summary: "People and computers.",
      position: "2",
    });
    expect(typed.status).toBe(302);
    expect(
      db
        .select()
        .from(researchAreas)
        .where(eq(researchAreas.name, "Human-Computer Interaction"))
        .get(),
    ).toMatchObject({ slug: "hci", position: 2 });

    const listed = await call(list.loader, getRequest("/admin/areas", { token: adminToken }));
    const rows = (listed.data as { rows: Array<{ name: string; position: number }> }).rows;
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(["Climate & Agriculture", "Human-Computer Interaction"]),
    );
    expect(rows.map((r) => r.position)).toEqual(
      [...rows.map((r) => r.position)].sort((a, b) => a - b),
    );
  });

  it("refuses a slug or a name another area uses, on create and on edit", async () => {
    const taken = createArea(db, { name: "Privacy", slug: "privacy" });
    const other = createArea(db, { name: "Security", slug: "security" });
    const before = areaCount();

    const dupSlug = await post(create.action, "/admin/areas/new", {
      name: "Data Privacy",
      slug: "privacy",
      summary: "Data.",
    });
    expect(dupSlug.status).toBe(400);
    expect(errorsOf(dupSlug).slug).toEqual(["Another research area already uses this slug"]);
    const dupName = await post(create.action, "/admin/areas/new", {
      name: "PRIVACY",
      slug: "privacy-2",
      summary: "Data.",
    });
    expect(dupName.status).toBe(400);
    expect(errorsOf(dupName).name).toEqual(["Another research area already has this name"]);
    // A blank slug whose name-made slug is taken is a field error, never a silent "-2".
    const derived = await post(create.action, "/admin/areas/new", {
      name: "Privacy!",
      summary: "Data.",
    });
    expect(derived.status).toBe(400);
    expect(errorsOf(derived).slug).toBeDefined();
    expect(areaCount()).toBe(before);

    const clash = await post(
      edit.action,
      `/admin/areas/${other.id}`,
      { name: "Security", slug: taken.slug, summary: "S." },
      other.id,
    );
    expect(clash.status).toBe(400);
    expect(errorsOf(clash).slug).toBeDefined();
    expect(db.select().from(researchAreas).where(eq(researchAreas.id, other.id)).get()!.slug).toBe(
      "security",
    );
  });

  it("edits an area, and the rename reaches the people and careers searches", async () => {
    const area = createArea(db, { name: "Quantum Sensing", slug: "quantum-sensing" });
    const lab = createLab(db);
    const person = createResearcher(db, {
      name: "Iris Ito",
      labId: lab.id,
      areaIds: [area.id],
      bio: "Measures things.",
    });
    const opening = createOpening(db, {
      title: "Postdoc in Measurement",
      labId: lab.id,
      areaIds: [area.id],
    });
    const people = (q: string) =>
      listResearchers(db, { ftsQuery: toFtsQuery(q) }).people.map((p) => p.id);
    const roles = (q: string) => searchOpenings(getDb(), { q }).items.map((o) => o.id);
    expect(people("Quantum Sensing")).toContain(person.id);

    const res = await post(
      edit.action,
      `/admin/areas/${area.id}`,
      {
        name: "Photonic Metrology",
        slug: "photonic-metrology",
        summary: "Light.",
        description: "New",
        position: "7",
      },
      area.id,
    );
    expect(res.status).toBe(302);
    expect(
      db.select().from(researchAreas).where(eq(researchAreas.id, area.id)).get(),
    ).toMatchObject({ name: "Photonic Metrology", slug: "photonic-metrology", position: 7 });
    expect(people("Photonic Metrology")).toContain(person.id);
    expect(people("Quantum Sensing")).not.toContain(person.id);
    expect(roles("Photonic Metrology")).toContain(opening.id);
    expect(roles("Quantum Sensing")).not.toContain(opening.id);

    for (const id of ["424242", "x"]) {
      expect(
        (await call(edit.loader, getRequest(`/admin/areas/${id}`, { token: adminToken }), { id }))
          .status,
      ).toBe(404);
    }
  });
});
