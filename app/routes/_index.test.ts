import { beforeAll, describe, expect, test } from "vitest";
import { createArea, createLab, createOpening, createResearcher } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { getRequest } from "../../tests/requests";
import { loader } from "./_index";

beforeAll(() => {
  const db = getDb();
  const areas = ["Foundations", "Trust", "Creativity", "Discovery", "Health", "Resilience"].map(
    (name, i) => createArea(db, { name, slug: name.toLowerCase(), position: i }),
  );
  const lab = createLab(db, { name: "Tokyo Lab", slug: "tokyo" });
  createResearcher(db, {
    name: "Featured Current",
    slug: "featured-current",
    labId: lab.id,
    featured: true,
    areaIds: [areas[0].id],
  });
  createResearcher(db, {
    name: "Featured Alum",
    slug: "featured-alum",
    labId: lab.id,
    featured: true,
    status: "alumni",
  });
  createResearcher(db, { name: "Not Featured", slug: "not-featured", labId: lab.id });
  const day = 86_400_000;
  const now = Date.now();
  for (let i = 0; i < 7; i++) {
    createOpening(db, {
      title: `Role ${i}`,
      slug: `role-${i}`,
      labId: lab.id,
      publishedAt: now - (7 - i) * day,
    });
  }
  createOpening(db, {
    title: "Newest But Closed",
    slug: "newest-closed",
    labId: lab.id,
    status: "closed",
    publishedAt: now,
  });
});

describe("home loader", () => {
  test("shows the six areas in order, featured current researchers and the five newest open roles", () => {
    const data = loader({ request: getRequest("/"), params: {}, context: {} });
    expect(data.areas.map((a) => a.slug)).toEqual([
      "foundations",
      "trust",
      "creativity",
      "discovery",
      "health",
      "resilience",
    ]);
    expect(data.featured.map((p) => p.slug)).toEqual(["featured-current"]);
    expect(data.openRoles.map((r) => r.slug)).toEqual([
      "role-6",
      "role-5",
      "role-4",
      "role-3",
      "role-2",
    ]);
  });
});
