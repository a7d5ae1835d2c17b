import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../tests/requests";
import { createArea, createLab, createOpening, createResearcher } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { loader } from "./areas.$slug";
import { loader as listLoader } from "./areas._index";

function load(slug: string, search = "") {
  return loader({
    request: getRequest(`/areas/${slug}${search}`),
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
  const climate = createArea(db, {
    name: "Climate Resilience",
    slug: "climate",
    summary: "Adapting to a warmer world.",
    description: "We model **floods**.\n\n<img src=x onerror=alert(1)>",
  });
  const other = createArea(db, { name: "Other Area", slug: "other-area" });
  const lab = createLab(db, { name: "Lima Lab", slug: "lima" });
  for (let i = 0; i < 30; i++) {
    createResearcher(db, {
      name: `Climate Person ${String(i).padStart(2, "0")}`,
      labId: lab.id,
      areaIds: [climate.id],
    });
  }
  createResearcher(db, {
    name: "Climate Alum",
    labId: lab.id,
    areaIds: [climate.id],
    status: "alumni",
  });
  createResearcher(db, { name: "Other Person", labId: lab.id, areaIds: [other.id] });
  createOpening(db, {
    title: "Flood Modelling Intern",
    slug: "flood-intern",
    kind: "intern",
    labId: lab.id,
    areaIds: [climate.id],
  });
  createOpening(db, {
    title: "Closed Flood Role",
    slug: "closed-flood",
    labId: lab.id,
    areaIds: [climate.id],
    status: "closed",
  });
  createOpening(db, {
    title: "Other Role",
    slug: "other-role",
    labId: lab.id,
    areaIds: [other.id],
  });
});

describe("/areas", () => {
  test("lists every area with its summary and count of current people", () => {
    const { areas } = listLoader();
    expect(areas.map((a) => [a.slug, a.peopleCount])).toEqual([
      ["climate", 30],
      ["other-area", 1],
    ]);
    expect(areas[0].summary).toBe("Adapting to a warmer world.");
  });
});

describe("/areas/:slug", () => {
  test("shows the area's safe Markdown description, its current people (24 a page) and open roles", () => {
    const data = load("climate");
    expect(data.area.name).toBe("Climate Resilience");
    expect(data.descriptionHtml).toContain("<strong>floods</strong>");
    expect(data.descriptionHtml).not.toContain("<img");
    expect(data.people.total).toBe(30);
    expect(data.people.people).toHaveLength(24);
    expect(data.people.people.map((p) => p.name)).not.toContain("Climate Alum");
    expect(data.openRoles.map((r) => r.slug)).toEqual(["flood-intern"]);
  });

  test("pages through its people; junk pages are clamped", () => {
    expect(load("climate", "?page=2").people.people).toHaveLength(6);
    expect(load("climate", "?page=-1").people.page).toBe(1);
    expect(load("climate", "?page=abc").people.page).toBe(1);
    expect(load("climate", "?page=50").people.page).toBe(2);
  });

  test("unknown or malformed slugs are 404s", () => {
    expect(statusOf(() => load("no-such-area"))).toBe(404);
    expect(statusOf(() => load("Climate"))).toBe(404);
    expect(statusOf(() => load("climate'--"))).toBe(404);
  });
});
