import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../tests/requests";
import { createArea, createLab, createResearcher } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { loader } from "./people._index";

function load(search: string) {
  return loader({
    request: getRequest(`/people${search}`),
    params: {},
    context: {},
  });
}
const slugs = (data: ReturnType<typeof load>) => data.people.map((p) => p.slug);

beforeAll(() => {
  const db = getDb();
  const robotics = createArea(db, { name: "Robotics", slug: "robotics" });
  const health = createArea(db, { name: "Health Sciences", slug: "health" });
  const lisbon = createLab(db, { name: "Lisbon Lab", slug: "lisbon" });
  const seoul = createLab(db, {
    name: "Seoul Lab",
    slug: "seoul",
    city: "Seoul",
    country: "KR",
  });
  createResearcher(db, {
    name: "Ada Lovelace",
    slug: "ada-lovelace",
    labId: lisbon.id,
    areaIds: [robotics.id],
  });
  createResearcher(db, {
    name: "Grace Hopper",
    slug: "grace-hopper",
    labId: seoul.id,
    areaIds: [health.id],
    bio: "Compilers, and a long admiration of Lovelace.",
  });
  createResearcher(db, {
    name: "Alan Lovelace",
    slug: "alan-lovelace",
    labId: seoul.id,
    areaIds: [robotics.id],
  });
  createResearcher(db, {
    name: "Old Lovelace",
    slug: "old-lovelace",
    labId: seoul.id,
    status: "alumni",
  });
  for (let i = 0; i < 41; i++)
    createResearcher(db, { name: `Person ${String(i).padStart(2, "0")}`, labId: lisbon.id });
});

describe("/people loader", () => {
  test("without a search lists current people alphabetically, 20 a page, with a count", () => {
    const data = load("");
    expect(data.total).toBe(44);
    expect(data.people).toHaveLength(20);
    expect(data.pageCount).toBe(3);
    expect(slugs(data).slice(0, 2)).toEqual(["ada-lovelace", "alan-lovelace"]);
    expect(slugs(data)).not.toContain("old-lovelace");
    expect(data.filters).toEqual({ q: "", area: "", lab: "" });
    expect(data.areas.map((a) => a.slug)).toEqual(["robotics", "health"]);
  });

  test("page 2 shows different people", () => {
    const one = slugs(load(""));
    const two = slugs(load("?page=2"));
    expect(two).toHaveLength(20);
    expect(two.filter((s) => one.includes(s))).toEqual([]);
  });

  test("q ranks name matches first and matches a prefix", () => {
    const data = load("?q=lovel");
    expect(slugs(data).slice(0, 2).sort()).toEqual(["ada-lovelace", "alan-lovelace"]);
    expect(slugs(data)[2]).toBe("grace-hopper");
    expect(data.total).toBe(3);
  });

  test("area and lab filters from the URL combine with q and are echoed back", () => {
    const data = load("?q=lovelace&area=robotics&lab=seoul");
    expect(slugs(data)).toEqual(["alan-lovelace"]);
    expect(data.filters).toEqual({ q: "lovelace", area: "robotics", lab: "seoul" });
    expect(slugs(load("?area=health"))).toEqual(["grace-hopper"]);
  });

  test("an unknown area or lab is ignored rather than an error", () => {
    const data = load("?area=no-such-area&lab=Bad%20Slug!");
    expect(data.total).toBe(44);
    expect(data.filters).toEqual({ q: "", area: "", lab: "" });
  });

  test.each([
    ["page=-1", 1],
    ["page=abc", 1],
    ["page=0", 1],
    ["page=1e3", 1],
    ["page=99999999", 1],
    ["page=999999", 3],
    ["page=x&page=2", 1],
  ])("junk paging (%s) is clamped to a real page", (qs, page) => {
    const data = load(`?${qs}`);
    expect(data.page).toBe(page);
    expect(data.people.length).toBeGreaterThan(0);
  });

  // Words are ANDed; a query with no words left lists everyone (44). Only Ada, Alan and Grace (her
  // bio) mention "lovelace", only Ada is "ada", and nobody mentions near, col, name, and, or, 1.
  test.each([
    ['"', 44],
    ['"lovelace', 3],
    ["NEAR(", 0],
    ["NEAR(ada lovelace, 2)", 0],
    ["*", 44],
    ["col:lovelace", 0],
    ["name:ada", 0],
    ["ada AND OR NOT", 0],
    ["^ada", 1],
    ["(((", 44],
    ["' OR 1=1 --", 0],
    ["\u0000", 44],
  ] as const)("FTS syntax in q (%j) never throws and still searches the words", (q, total) => {
    const data = load(`?q=${encodeURIComponent(q)}`);
    expect(data.total).toBe(total);
    expect(data.filters.q).toBe(q.trim());
  });

  test("FTS operators are searched as plain words", () => {
    // "NEAR(ada" is the words "near" and "ada": nobody here mentions "near".
    expect(slugs(load(`?q=${encodeURIComponent("NEAR(ada")}`))).toEqual([]);
    expect(slugs(load(`?q=${encodeURIComponent("ada:")}`))).toEqual(["ada-lovelace"]);
    expect(slugs(load(`?q=${encodeURIComponent('"lovelace" ada*')}`))).toEqual(["ada-lovelace"]);
  });

  test("a 10 KB q is cut down, never an error", () => {
    const data = load(`?q=${"lovelace ".repeat(1200)}`);
    expect(data.filters.q.length).toBeLessThanOrEqual(200);
    expect(slugs(data)).toContain("ada-lovelace");
  });

  test("a q with nothing searchable lists everyone", () => {
    expect(load(`?q=${encodeURIComponent("*** ::: ")}`).total).toBe(44);
  });
});
