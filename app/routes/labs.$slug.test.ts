import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../tests/requests";
import { createLab, createOpening, createResearcher } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { loader } from "./labs.$slug";
import { loader as listLoader } from "./labs._index";

function load(slug: string, search = "") {
  return loader({
    request: getRequest(`/labs/${slug}${search}`),
    params: { slug },
    context: {},
  });
}
function statusOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  return 200;
}

beforeAll(() => {
  const db = getDb();
  const accra = createLab(db, {
    name: "Accra Lab",
    slug: "accra",
    city: "Accra",
    country: "GH",
    description: "Our lab in **Accra**. [site](javascript:alert(1))",
  });
  const empty = createLab(db, {
    name: "Bergen Lab",
    slug: "bergen",
    city: "Bergen",
    country: "NO",
  });
  for (let i = 0; i < 26; i++)
    createResearcher(db, { name: `Accra Person ${String(i).padStart(2, "0")}`, labId: accra.id });
  createResearcher(db, { name: "Accra Alum", labId: accra.id, status: "alumni" });
  createOpening(db, {
    title: "Accra Engineer",
    slug: "accra-engineer",
    kind: "engineer",
    labId: accra.id,
  });
  createOpening(db, {
    title: "Accra Draft",
    slug: "accra-draft",
    labId: accra.id,
    status: "draft",
  });
  createOpening(db, {
    title: "Accra Future Close",
    slug: "accra-future",
    labId: accra.id,
    closesAt: Date.now() + 86_400_000,
  });
  createOpening(db, {
    title: "Bergen Role",
    slug: "bergen-role",
    labId: empty.id,
    status: "closed",
  });
});

describe("/labs", () => {
  test("lists labs with city, country and a count of current people, empty labs included", () => {
    const { labs } = listLoader();
    // The country is stored as its ISO code and shown by name.
    expect(labs.map((l) => [l.slug, l.city, l.country, l.countryName, l.peopleCount])).toEqual([
      ["accra", "Accra", "GH", "Ghana", 26],
      ["bergen", "Bergen", "NO", "Norway", 0],
    ]);
  });
});

describe("/labs/:slug", () => {
  test("shows the lab, its current people paged 24 at a time and its open roles newest first", () => {
    const data = load("accra");
    expect(data.lab).toEqual({
      slug: "accra",
      name: "Accra Lab",
      city: "Accra",
      country: "GH",
      countryName: "Ghana",
    });
    expect(data.descriptionHtml).toContain("<strong>Accra</strong>");
    expect(data.descriptionHtml).not.toMatch(/href="javascript:/i);
    expect(data.people.total).toBe(26);
    expect(data.people.people).toHaveLength(24);
    expect(load("accra", "?page=2").people.people.map((p) => p.name)).toEqual([
      "Accra Person 24",
      "Accra Person 25",
    ]);
    expect(data.openRoles.map((r) => r.slug)).toEqual(["accra-future", "accra-engineer"]);
  });

  test("a lab with nobody and no open roles still renders", () => {
    const data = load("bergen");
    expect(data.people).toMatchObject({ total: 0, people: [], page: 1 });
    expect(data.openRoles).toEqual([]);
  });

  test("unknown or malformed slugs are 404s", () => {
    expect(statusOf(() => load("atlantis"))).toBe(404);
    expect(statusOf(() => load("ACCRA"))).toBe(404);
  });
});
