import { beforeAll, describe, expect, test } from "vitest";
import { getRequest } from "../../tests/requests";
import { createArea, createLab, createOpening } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { loader } from "./careers._index";

const DAY = 86_400_000;
function load(query = "") {
  return loader({
    request: getRequest(`/careers${query}`),
    params: {},
    context: {},
  });
}
const titles = (data: ReturnType<typeof load>) => data.items.map((o) => o.title);

let labA: ReturnType<typeof createLab>;
let labB: ReturnType<typeof createLab>;
let labPaging: ReturnType<typeof createLab>;
let climate: ReturnType<typeof createArea>;

beforeAll(() => {
  const db = getDb();
  labA = createLab(db, { name: "Harbour Lab", slug: "harbour-lab" });
  labB = createLab(db, { name: "Summit Lab", slug: "summit-lab" });
  labPaging = createLab(db, { name: "Paging Lab", slug: "paging-lab" });
  climate = createArea(db, { name: "Climate resilience", slug: "climate-resilience" });
  const t0 = Date.now() - 30 * DAY;

  // Ranking: the title match is older, yet must come first for "glaciology".
  createOpening(db, { labId: labA.id, title: "Glaciology research scientist", publishedAt: t0 });
  createOpening(db, {
    labId: labA.id,
    title: "Data engineer",
    kind: "engineer",
    description: "You will support our glaciology group with pipelines.",
    publishedAt: t0 + DAY,
  });
  // Filters: same word, different kind / lab / area.
  createOpening(db, {
    labId: labB.id,
    title: "Hydrology intern",
    kind: "intern",
    areaIds: [climate.id],
    publishedAt: t0 + 2 * DAY,
  });
  createOpening(db, {
    labId: labA.id,
    title: "Hydrology postdoc",
    kind: "postdoc",
    areaIds: [climate.id],
    publishedAt: t0 + 3 * DAY,
  });
  createOpening(db, {
    labId: labB.id,
    title: "Hydrology engineer",
    kind: "engineer",
    publishedAt: t0 + 4 * DAY,
  });
  // Not listed: draft, closed, past closing date. Listed: closing date in the future.
  createOpening(db, { labId: labA.id, title: "Volcanology draft", status: "draft" });
  createOpening(db, { labId: labA.id, title: "Volcanology closed", status: "closed" });
  createOpening(db, { labId: labA.id, title: "Volcanology expired", closesAt: Date.now() - DAY });
  createOpening(db, {
    labId: labA.id,
    title: "Volcanology upcoming",
    closesAt: Date.now() + 10 * DAY,
  });
  // Paging: 20 listed roles in their own lab, newest has the highest number.
  for (let i = 1; i <= 20; i++) {
    createOpening(db, {
      labId: labPaging.id,
      title: `Paging role ${i}`,
      publishedAt: t0 + i * 60_000,
    });
  }
});

describe("/careers loader", () => {
  test("ranks a title match above a description match, then newest first", () => {
    const data = load("?q=glaciology");
    expect(titles(data)).toEqual(["Glaciology research scientist", "Data engineer"]);
    expect(data.total).toBe(2);
  });

  test("matches word prefixes as they are typed", () => {
    expect(titles(load("?q=glacio"))).toContain("Glaciology research scientist");
  });

  test("lists newest published first without a query", () => {
    const data = load("?lab=paging-lab");
    expect(data.items[0].title).toBe("Paging role 20");
    expect(data.items[1].title).toBe("Paging role 19");
  });

  test("filters combine with each other and with search", () => {
    expect(titles(load("?q=hydrology")).sort()).toEqual([
      "Hydrology engineer",
      "Hydrology intern",
      "Hydrology postdoc",
    ]);
    expect(titles(load("?q=hydrology&kind=engineer"))).toEqual(["Hydrology engineer"]);
    expect(titles(load("?q=hydrology&lab=summit-lab")).sort()).toEqual([
      "Hydrology engineer",
      "Hydrology intern",
    ]);
    expect(titles(load("?q=hydrology&area=climate-resilience")).sort()).toEqual([
      "Hydrology intern",
      "Hydrology postdoc",
    ]);
    expect(titles(load("?q=hydrology&area=climate-resilience&lab=summit-lab&kind=intern"))).toEqual(
      ["Hydrology intern"],
    );
    expect(titles(load("?area=climate-resilience&lab=harbour-lab"))).toEqual(["Hydrology postdoc"]);
    expect(load("?q=hydrology&kind=fellowship").total).toBe(0);
  });

  test("lists only open roles that have not passed their closing date", () => {
    const data = load("?q=volcanology");
    expect(titles(data)).toEqual(["Volcanology upcoming"]);
    const all = titles(load("?lab=harbour-lab"));
    expect(all).not.toContain("Volcanology draft");
    expect(all).not.toContain("Volcanology closed");
    expect(all).not.toContain("Volcanology expired");
  });

  test("each card carries its lab and areas (one IN query for the page)", () => {
    const [postdoc] = load("?q=hydrology&kind=postdoc").items;
    expect(postdoc.lab).toEqual({ slug: "harbour-lab", name: "Harbour Lab" });
    expect(postdoc.areas).toEqual([{ slug: "climate-resilience", name: "Climate resilience" }]);
  });

  test("pages 15 at a time with a total count, clamping pages past the end", () => {
    const first = load("?lab=paging-lab");
    expect(first).toMatchObject({ total: 20, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(15);
    const second = load("?lab=paging-lab&page=2");
    expect(second.items).toHaveLength(5);
    expect(second.items.at(-1)?.title).toBe("Paging role 1");
    expect(load("?lab=paging-lab&page=99")).toMatchObject({ page: 2 });
  });

  test("junk parameters are clamped or ignored, never an error", () => {
    const everything = load().total;
    for (const query of [
      "?page=-1",
      "?page=abc",
      "?page=1e9",
      `?q=${encodeURIComponent('"')}`,
      `?q=${encodeURIComponent("NEAR(")}`,
      `?q=${encodeURIComponent("title:x OR * AND")}`,
      `?q=${"a".repeat(10_240)}`,
      "?kind=wizard",
      "?area=no-such-area",
      "?lab=../../etc",
      "?lab=UPPER&area=%00",
    ]) {
      const data = load(query);
      expect(data.page, query).toBe(1);
      expect(Array.isArray(data.items), query).toBe(true);
    }
    // Unknown filters are ignored rather than emptying the list.
    expect(load("?kind=wizard&area=no-such-area&lab=nope").total).toBe(everything);
    expect(load("?page=-1").filters.page).toBe(1);
    expect(load(`?q=${"a".repeat(10_240)}`).filters.q).toHaveLength(200);
  });
});
