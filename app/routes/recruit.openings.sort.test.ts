/**
 * Telling openings apart: the staff list sorts by its columns (from the
 * address, unknown values falling back to the newest change first), and the
 * Reports and Candidates pickers name two roles with one title by their lab
 * and kind, so every choice is one opening.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createLab, createOpening, stagesOf } from "../../tests/builders";
import { applyTo, candidateUser, signedIn } from "../../tests/fixtures";
import { call, getRequest } from "../../tests/requests";
import { openingChoices } from "~/models/opening-choices.server";
import { getDb, type DB } from "~/utils/db.server";
import * as list from "./recruit.openings._index";
import * as reports from "./recruit.reports";
import * as candidates from "./recruit.candidates/route";

let db: DB;
let token: string;
let ids: { alpha: number; zurich: number; lisbon: number };

beforeAll(async () => {
  db = getDb();
  token = (await signedIn(db, "recruiter")).token;
  const zurich = createLab(db, { name: "Zurich Vision Lab" });
  const lisbon = createLab(db, { name: "Atlantic Lab" });
  const alpha = createOpening(db, { labId: zurich.id, title: "Alpha Engineer", status: "open" });
  const twinZ = createOpening(db, {
    labId: zurich.id,
    title: "Research Scientist",
    kind: "researcher",
    status: "open",
  });
  const twinL = createOpening(db, {
    labId: lisbon.id,
    title: "Research Scientist",
    kind: "researcher",
    status: "draft",
  });
  const first = (openingId: number) => stagesOf(db, openingId)[0]!.id;
  for (let i = 0; i < 3; i++)
    applyTo(db, {
      openingId: twinL.id,
      candidateId: (await candidateUser(db)).id,
      stageId: first(twinL.id),
    });
  applyTo(db, {
    openingId: alpha.id,
    candidateId: (await candidateUser(db)).id,
    stageId: first(alpha.id),
  });
  ids = { alpha: alpha.id, zurich: twinZ.id, lisbon: twinL.id };
});

type ListData = { openings: Array<{ id: number; title: string; lab: string }>; sort: string };
const load = (query: string) =>
  call<ListData>(list.loader, getRequest(`/recruit/openings${query}`, { token }));

describe("the openings list", () => {
  it("sorts by title, lab and active candidates, either way round", async () => {
    const titles = (await load("?sort=title&dir=asc")).data!.openings.map((o) => o.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, "en")));
    const byLab = (await load("?sort=lab&dir=desc")).data!.openings.map((o) => o.lab);
    expect(byLab).toEqual([...byLab].sort((a, b) => b.localeCompare(a, "en")));
    const busiest = (await load("?sort=active&dir=desc")).data!.openings;
    expect(busiest[0]!.id).toBe(ids.lisbon);
  });

  it("falls back to the newest change first for a sort it does not know", async () => {
    const res = await load("?sort=password_hash&dir=sideways");
    expect(res.status).toBe(200);
    expect(res.data!.sort).toBe("updated");
  });
});

describe("opening pickers", () => {
  it("name two roles with one title by lab and kind, and leave unique titles alone", async () => {
    const choices = new Map(openingChoices(db).map((c) => [c.id, c.label]));
    expect(choices.get(ids.alpha)).toBe("Alpha Engineer");
    expect(choices.get(ids.zurich)).toBe(
      "Research Scientist — Zurich Vision Lab, Research scientist",
    );
    expect(choices.get(ids.lisbon)).toBe("Research Scientist — Atlantic Lab, Research scientist");
    expect(new Set(choices.values()).size).toBe(choices.size);
    // The Reports and Candidates pages offer exactly these labels.
    for (const [fn, path] of [
      [reports.loader, "/recruit/reports"],
      [candidates.loader, "/recruit/candidates"],
    ] as const) {
      const page = await call<{ openings: Array<{ id: number; label: string }> }>(
        fn,
        getRequest(path, { token }),
      );
      const offered = page.data!.openings.find((o) => o.id === ids.zurich);
      expect(offered?.label, path).toBe(choices.get(ids.zurich));
    }
  });
});
