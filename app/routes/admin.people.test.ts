import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLab, createResearcher, verifiedSessionFor } from "../../tests/builders";
import { files, publications, researchers } from "../../db/schema";
import { staffUser } from "../../tests/fixtures";
import { call, formErrors, formValues, getRequest, postForm } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import * as edit from "./admin.people.$id";
import * as list from "./admin.people._index";
import * as create from "./admin.people.new";
import * as photo from "./people.$slug_.photo/route";

let db: DB;
let adminToken: string;
let recruiterToken: string;

beforeAll(async () => {
  db = getDb();
  adminToken = verifiedSessionFor(db, (await staffUser(db, "admin", "Ada Admin")).id);
  recruiterToken = verifiedSessionFor(db, (await staffUser(db, "recruiter")).id);
});

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);

function photoForm(bytes: Uint8Array<ArrayBuffer>, name: string, type: string) {
  const fd = new FormData();
  fd.append("photo", new File([bytes], name, { type }));
  return fd;
}

describe("/admin/people", () => {
  it("is for admins only: recruiters get 403", async () => {
    for (const fn of [list.loader, create.loader, create.action]) {
      const res = await call(
        fn as never,
        fn === create.action
          ? postForm("/admin/people", { intent: "save" }, { token: recruiterToken })
          : getRequest("/admin/people", { token: recruiterToken }),
      );
      expect(res.status).toBe(403);
    }
  });

  it("creates, edits, retires; bad input is a 400 that stores nothing", async () => {
    const lab = createLab(db);
    const before = db.select({ n: count() }).from(researchers).get()!.n;
    const bad = await call(
      create.action as never,
      postForm(
        "/admin/people/new",
        {
          intent: "save",
          name: "X",
          title: "",
          labId: String(lab.id),
          status: "current",
          homepageUrl: "javascript:alert(1)",
        },
        { token: adminToken },
      ),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(formErrors(bad))).toEqual(
      expect.arrayContaining(["name", "title", "homepageUrl"]),
    );
    // The reply hands back what was typed, so the form shows it again.
    expect(formValues(bad)).toMatchObject({ name: "X", homepageUrl: "javascript:alert(1)" });
    expect(db.select({ n: count() }).from(researchers).get()!.n).toBe(before);

    const ok = await call(
      create.action as never,
      postForm(
        "/admin/people/new",
        {
          intent: "save",
          name: "Grace Hopper",
          title: "Principal Scientist",
          labId: String(lab.id),
          status: "current",
          bio: "Compilers.",
        },
        { token: adminToken },
      ),
    );
    expect(ok.status).toBe(302);
    const id = ok.response!.headers.get("Location")!.match(/people\/(\d+)/)![1];
    const post = (form: Record<string, string> | FormData) =>
      call(edit.action as never, postForm(`/admin/people/${id}`, form, { token: adminToken }), {
        id,
      });
    expect(
      (
        await post({
          intent: "save",
          name: "Grace B. Hopper",
          title: "Distinguished Scientist",
          labId: String(lab.id),
          status: "current",
        })
      ).status,
    ).toBe(302);
    expect(
      db
        .select()
        .from(researchers)
        .where(eq(researchers.id, Number(id)))
        .get(),
    ).toMatchObject({ name: "Grace B. Hopper", title: "Distinguished Scientist" });

    const badPub = await post({
      intent: "add_publication",
      pubTitle: "",
      venue: "ICSE",
      year: "1952",
    });
    expect(badPub.status).toBe(400);
    expect(Object.keys(formErrors(badPub))).toEqual(["pubTitle"]);
    expect(formValues(badPub)).toMatchObject({ intent: "add_publication", venue: "ICSE" });
    expect(
      (
        await post({
          intent: "add_publication",
          pubTitle: "The A-0 System",
          venue: "ACM",
          year: "1952",
        })
      ).status,
    ).toBe(302);
    expect(
      db
        .select()
        .from(publications)
        .where(eq(publications.researcherId, Number(id)))
        .all(),
    ).toHaveLength(1);

    expect((await post({ intent: "retire" })).status).toBe(302);
    expect(
      db
        .select()
        .from(researchers)
        .where(eq(researchers.id, Number(id)))
        .get()!.status,
    ).toBe("alumni");
  });

  it("answers a body that is not a form, or a huge row index, with 400 (never a 500) and stores nothing", async () => {
    const r = createResearcher(db, { labId: createLab(db).id });
    const before = db.select({ n: count() }).from(researchers).get()!.n;
    const cookie = getRequest("/", { token: adminToken }).headers.get("Cookie")!;
    const json = (path: string) =>
      new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json" },
        body: '{"intent":"retire"}',
      });
    expect((await call(create.action as never, json("/admin/people/new"))).status).toBe(400);
    expect(
      (await call(edit.action as never, json(`/admin/people/${r.id}`), { id: String(r.id) }))
        .status,
    ).toBe(400);
    const started = Date.now();
    const sparse = await call(
      create.action as never,
      postForm(
        "/admin/people/new",
        { intent: "save", "areaIds[50000000]": "1" },
        { token: adminToken },
      ),
    );
    expect(sparse.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(db.select({ n: count() }).from(researchers).get()!.n).toBe(before);
    expect(db.select().from(researchers).where(eq(researchers.id, r.id)).get()!.status).toBe(
      r.status,
    );
  });

  it("accepts a real image by its bytes and refuses disguised files and oversize uploads", async () => {
    const r = createResearcher(db, { labId: createLab(db).id });
    const post = (fd: FormData) =>
      call(edit.action as never, postForm(`/admin/people/${r.id}`, fd, { token: adminToken }), {
        id: String(r.id),
      });
    const fake = await post(
      photoForm(new TextEncoder().encode("%PDF-1.7 not an image"), "me.png", "image/png"),
    );
    expect(fake.status).toBe(400);
    expect(formErrors(fake)).toEqual({ photo: ["The photo must be a JPEG, PNG or WebP image"] });
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(PNG);
    expect((await post(photoForm(big, "big.png", "image/png"))).status).toBe(413);
    expect(db.select({ n: count() }).from(files).where(eq(files.kind, "photo")).get()!.n).toBe(0);

    expect((await post(photoForm(PNG, "../../etc/me.png", "text/plain"))).status).toBe(302);
    const stored = db.select().from(files).where(eq(files.kind, "photo")).get()!;
    expect(stored.storageName).toMatch(/^[a-f0-9]{32}\.png$/);
    expect(stored.contentType).toBe("image/png");
    const served = await call(photo.loader as never, getRequest(`/people/${r.slug}/photo`), {
      slug: r.slug,
    });
    expect(served.response!.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await served.response!.arrayBuffer())).toEqual(PNG);
  });
});
