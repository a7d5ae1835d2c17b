/**
 * /admin/labs: admins list, add and edit labs. Recruiters are refused (the
 * anonymous/candidate checks live in recruit.access.test.ts); bad input and
 * duplicate names are 400s with field errors that store nothing.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLab, verifiedSessionFor } from "../../tests/builders";
import { labs } from "../../db/schema";
import { staffUser } from "../../tests/fixtures";
import { call, formErrors, formValues, getRequest, postForm } from "../../tests/requests";

import { getDb, type DB } from "~/utils/db.server";
import * as edit from "./admin.labs.$id";
import * as list from "./admin.labs._index";
import * as create from "./admin.labs.new";

let db: DB;
let adminToken: string;
let recruiterToken: string;
const labCount = () => db.select({ n: count() }).from(labs).get()!.n;
const errorsOf = formErrors;
const valuesOf = formValues;

beforeAll(async () => {
  db = getDb();
  adminToken = verifiedSessionFor(db, (await staffUser(db, "admin", "Ada Admin")).id);
  recruiterToken = verifiedSessionFor(db, (await staffUser(db, "recruiter")).id);
});

describe("/admin/labs", () => {
  it("is for admins only: recruiters get 403 from every loader and action", async () => {
    const lab = createLab(db);
    const params = { id: String(lab.id) };
    for (const fn of [list.loader, create.loader, edit.loader]) {
      expect(
        (await call(fn as never, getRequest("/admin/labs", { token: recruiterToken }), params))
          .status,
      ).toBe(403);
    }
    for (const fn of [create.action, edit.action]) {
      const res = await call(
        fn as never,
        postForm(
          "/admin/labs/new",
          { name: "Hijacked", city: "X", country: "Y" },
          { token: recruiterToken },
        ),
        params,
      );
      expect(res.status).toBe(403);
    }
    expect(db.select().from(labs).where(eq(labs.name, "Hijacked")).get()).toBeUndefined();
  });

  it("refuses bad input with messages beside the fields, keeps what was typed and stores nothing", async () => {
    const before = labCount();
    const res = await call(
      create.action as never,
      postForm(
        "/admin/labs/new",
        { name: "X", city: "", country: "KE", description: "About **us**" },
        { token: adminToken },
      ),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(errorsOf(res))).toEqual(expect.arrayContaining(["name", "city"]));
    expect(errorsOf(res).country).toBeUndefined();
    expect(valuesOf(res)).toMatchObject({
      name: "X",
      country: "KE",
      description: "About **us**",
    });
    expect(labCount()).toBe(before);
  });

  it("takes the country as an ISO 3166 code from its list, shown by name, and refuses anything else", async () => {
    const form = await call(
      create.loader as never,
      getRequest("/admin/labs/new", { token: adminToken }),
    );
    const countries = (form.data as { countries: Array<{ value: string; label: string }> })
      .countries;
    expect(countries).toHaveLength(249);
    expect(countries).toContainEqual({ value: "JP", label: "Japan" });
    expect(countries).toContainEqual({ value: "CI", label: expect.stringMatching(/^C.te d/) });

    const before = labCount();
    for (const country of ["Japan", "XX", "jp ", ""]) {
      const res = await call(
        create.action as never,
        postForm(
          "/admin/labs/new",
          { name: "Kyoto Lab", city: "Kyoto", country },
          { token: adminToken },
        ),
      );
      expect(res.status, country).toBe(400);
      expect(errorsOf(res).country, country).toEqual(["Choose the country from the list"]);
    }
    expect(labCount()).toBe(before);
  });

  it("creates a lab with a slug from its name, unique even when the slug is taken", async () => {
    createLab(db, { name: "Old Nairobi Office", slug: "nairobi-research-lab" });
    const res = await call(
      create.action as never,
      postForm(
        "/admin/labs/new",
        {
          name: "Nairobi Research Lab",
          city: "Nairobi",
          country: "KE",
          description: "We study **climate**.",
        },
        { token: adminToken },
      ),
    );
    expect(res.status).toBe(302);
    const id = Number(
      res.response!.headers.get("Location")!.match(/^\/admin\/labs\/(\d+)\?created=1$/)![1],
    );
    expect(db.select().from(labs).where(eq(labs.id, id)).get()).toMatchObject({
      slug: "nairobi-research-lab-2",
      city: "Nairobi",
      country: "KE",
    });

    const page = await call(
      edit.loader as never,
      getRequest(`/admin/labs/${id}`, { token: adminToken }),
      { id: String(id) },
    );
    expect(page.data).toMatchObject({
      values: { name: "Nairobi Research Lab", description: "We study **climate**." },
    });
    expect((page.data as { descriptionHtml: string }).descriptionHtml).toContain(
      "<strong>climate</strong>",
    );

    const listed = await call(
      list.loader as never,
      getRequest("/admin/labs", { token: adminToken }),
    );
    expect((listed.data as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toContain(
      "Nairobi Research Lab",
    );
  });

  it("refuses a name another lab has (in any case), on create and on edit", async () => {
    const taken = createLab(db, { name: "Zurich Quantum Lab" });
    const other = createLab(db, { name: "Geneva Lab" });
    const before = labCount();
    const dup = await call(
      create.action as never,
      postForm(
        "/admin/labs/new",
        { name: "zurich quantum lab", city: "Zurich", country: "CH" },
        { token: adminToken },
      ),
    );
    expect(dup.status).toBe(400);
    expect(errorsOf(dup).name).toEqual(["Another lab already has this name"]);
    expect(labCount()).toBe(before);

    const rename = await call(
      edit.action as never,
      postForm(
        `/admin/labs/${other.id}`,
        { name: taken.name, city: "Geneva", country: "CH" },
        { token: adminToken },
      ),
      { id: String(other.id) },
    );
    expect(rename.status).toBe(400);
    expect(errorsOf(rename).name).toBeDefined();
    expect(db.select().from(labs).where(eq(labs.id, other.id)).get()!.name).toBe("Geneva Lab");
  });

  it("edits a lab and keeps its slug so public links still work; unknown ids are 404", async () => {
    const lab = createLab(db, { name: "Lisbon Lab" });
    const res = await call(
      edit.action as never,
      postForm(
        `/admin/labs/${lab.id}`,
        {
          name: "Lisbon Ocean Lab",
          city: "Lisbon",
          country: "PT",
          description: "Oceans.",
        },
        { token: adminToken },
      ),
      { id: String(lab.id) },
    );
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("Location")).toBe(`/admin/labs/${lab.id}?saved=1`);
    expect(db.select().from(labs).where(eq(labs.id, lab.id)).get()).toMatchObject({
      name: "Lisbon Ocean Lab",
      slug: lab.slug,
      country: "PT",
      description: "Oceans.",
    });

    for (const id of ["999999", "abc", "1e3"]) {
      expect(
        (
          await call(edit.loader as never, getRequest(`/admin/labs/${id}`, { token: adminToken }), {
            id,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await call(
            edit.action as never,
            postForm(
              `/admin/labs/${id}`,
              { name: "Ghost Lab", city: "A", country: "BB" },
              { token: adminToken },
            ),
            { id },
          )
        ).status,
      ).toBe(404);
    }
  });
});
