import { beforeAll, describe, expect, test } from "vitest";
import { createArea, createLab, createResearcher } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { toFtsQuery } from "~/utils/search";
import {
  getResearcherProfile,
  groupByYear,
  listColleagues,
  listFeaturedResearchers,
  listResearchers,
} from "./researcher.server";
import { publications } from "../../db/schema";

const db = () => getDb();
const ids: Record<string, number> = {};
let labIds: Record<string, number> = {};
let areaIds: Record<string, number> = {};

beforeAll(() => {
  const optics = createArea(db(), { name: "Quantum Optics", slug: "quantum-optics" });
  const ethics = createArea(db(), { name: "Computing Ethics", slug: "computing-ethics" });
  const zurich = createLab(db(), { name: "Zurich Lab", slug: "zurich-lab" });
  const nairobi = createLab(db(), {
    name: "Nairobi Lab",
    slug: "nairobi-lab",
    city: "Nairobi",
    country: "KE",
  });
  areaIds = { optics: optics.id, ethics: ethics.id };
  labIds = { zurich: zurich.id, nairobi: nairobi.id };

  // Someone named Lovelace, and someone whose bio only mentions her.
  ids.ada = createResearcher(db(), {
    name: "Ada Lovelace",
    slug: "ada-lovelace",
    labId: zurich.id,
    areaIds: [ethics.id],
    bio: "Writes about analytical engines.",
    featured: true,
  }).id;
  ids.fan = createResearcher(db(), {
    name: "Bea Fanning",
    slug: "bea-fanning",
    labId: nairobi.id,
    areaIds: [optics.id],
    bio: "Admires the notes of Ada Lovelace and works on lasers.",
  }).id;
  ids.cy = createResearcher(db(), {
    name: "Cy Photon",
    slug: "cy-photon",
    labId: zurich.id,
    areaIds: [optics.id, ethics.id],
    title: "Principal Scientist",
    bio: "Lasers, squeezed light and Lovelace-style programs.",
  }).id;
  ids.alum = createResearcher(db(), {
    name: "Dee Lovelace",
    slug: "dee-lovelace",
    labId: zurich.id,
    areaIds: [ethics.id],
    status: "alumni",
    featured: true,
  }).id;
  // Enough filler in Nairobi to page through (sort names z… keep them after the others).
  for (let i = 0; i < 45; i++) {
    createResearcher(db(), {
      name: `Zed Filler ${String(i).padStart(2, "0")}`,
      labId: nairobi.id,
      areaIds: i % 3 === 0 ? [optics.id] : [],
    });
  }
});

const search = (q: string, extra: Parameters<typeof listResearchers>[1] = {}) =>
  listResearchers(getDb(), { ftsQuery: toFtsQuery(q), ...extra });

describe("people search", () => {
  test("a name match ranks above a bio-only match", () => {
    const result = search("lovelace");
    const slugs = result.people.map((p) => p.slug);
    expect(slugs[0]).toBe("ada-lovelace");
    expect(slugs).toContain("bea-fanning");
    expect(slugs.indexOf("ada-lovelace")).toBeLessThan(slugs.indexOf("bea-fanning"));
  });

  test("matches the last word as a prefix, so a name is found while typing", () => {
    expect(search("lov").people.map((p) => p.slug)).toContain("ada-lovelace");
    expect(search("ada lov").people[0].slug).toBe("ada-lovelace");
  });

  test("searches titles and area names too", () => {
    expect(search("principal").people.map((p) => p.slug)).toEqual(["cy-photon"]);
    expect(search("quantum").people.map((p) => p.slug)).toEqual(
      expect.arrayContaining(["bea-fanning", "cy-photon"]),
    );
  });

  test("never lists alumni", () => {
    expect(search("lovelace").people.map((p) => p.slug)).not.toContain("dee-lovelace");
    expect(listResearchers(getDb(), {}).people.map((p) => p.slug)).not.toContain("dee-lovelace");
  });

  test("area and lab filters combine with the search", () => {
    const lasers = search("lasers");
    expect(lasers.people.map((p) => p.slug).sort()).toEqual(["bea-fanning", "cy-photon"]);
    expect(search("lasers", { labId: labIds.zurich }).people.map((p) => p.slug)).toEqual([
      "cy-photon",
    ]);
    expect(
      search("lasers", { labId: labIds.nairobi, areaId: areaIds.optics }).people.map((p) => p.slug),
    ).toEqual(["bea-fanning"]);
    expect(search("lasers", { labId: labIds.nairobi, areaId: areaIds.ethics }).total).toBe(0);
  });

  test("each result carries its lab name and area tags", () => {
    const cy = search("photon").people[0];
    expect(cy).toMatchObject({ labName: "Zurich Lab", labSlug: "zurich-lab" });
    expect(cy.areas.map((a) => a.slug).sort()).toEqual(["computing-ethics", "quantum-optics"]);
  });
});

describe("paging and counts", () => {
  test("counts everyone matching, pages in sort-name order, and pages do not overlap", () => {
    const first = listResearchers(getDb(), { labId: labIds.nairobi, perPage: 20 });
    expect(first.total).toBe(46);
    expect(first.pageCount).toBe(3);
    expect(first.people).toHaveLength(20);
    expect(first.people[0].slug).toBe("bea-fanning");
    const second = listResearchers(getDb(), { labId: labIds.nairobi, perPage: 20, page: 2 });
    expect(second.page).toBe(2);
    const overlap = second.people.filter((p) => first.people.some((f) => f.slug === p.slug));
    expect(overlap).toEqual([]);
    const third = listResearchers(getDb(), { labId: labIds.nairobi, perPage: 20, page: 3 });
    expect(third.people).toHaveLength(6);
  });

  test("a page past the end is clamped to the last page, and page 0 to the first", () => {
    expect(listResearchers(getDb(), { labId: labIds.nairobi, perPage: 20, page: 999 }).page).toBe(
      3,
    );
    expect(listResearchers(getDb(), { labId: labIds.nairobi, perPage: 20, page: 0 }).page).toBe(1);
  });

  test("no match gives zero people on page 1 of 1", () => {
    expect(search("xylophonist")).toMatchObject({ people: [], total: 0, page: 1, pageCount: 1 });
  });
});

describe("featured, colleagues and profiles", () => {
  test("featured researchers are current only", () => {
    const slugs = listFeaturedResearchers(getDb(), 6).map((p) => p.slug);
    expect(slugs).toContain("ada-lovelace");
    expect(slugs).not.toContain("dee-lovelace");
  });

  test("colleagues are current people of the same lab, never the person themself", () => {
    const slugs = listColleagues(getDb(), { id: ids.ada, labId: labIds.zurich }).map((p) => p.slug);
    expect(slugs).toEqual(["cy-photon"]);
  });

  test("a profile has its lab, areas and publications newest year first; alumni load too", () => {
    db()
      .insert(publications)
      .values([
        { researcherId: ids.ada, title: "Notes", venue: "Taylor's Memoirs", year: 1843 },
        { researcherId: ids.ada, title: "Later work", venue: "Letters", year: 1850 },
        { researcherId: ids.ada, title: "Also later", venue: "Letters", year: 1850 },
      ])
      .run();
    const ada = getResearcherProfile(getDb(), "ada-lovelace");
    expect(ada).toMatchObject({ name: "Ada Lovelace", labName: "Zurich Lab", status: "current" });
    expect(ada?.areas.map((a) => a.slug)).toEqual(["computing-ethics"]);
    expect(groupByYear(ada!.publications).map((g) => [g.year, g.items.length])).toEqual([
      [1850, 2],
      [1843, 1],
    ]);
    expect(getResearcherProfile(getDb(), "dee-lovelace")?.status).toBe("alumni");
    expect(getResearcherProfile(getDb(), "nobody-here")).toBeUndefined();
  });
});
