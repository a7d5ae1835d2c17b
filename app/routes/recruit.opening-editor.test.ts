/**
 * The opening editor (issue 8): any body shape is a 400 with a message and
 * no write, never a 500; add / move / remove rows are intents the server
 * answers with the updated form and no write; saving stores rows in their
 * posted order; the hiring-team search is staff-only and finds by name.
 */
import { asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createResearcher } from "../../tests/builders";
import { applyTo, candidateUser, openingWithStages, signedIn } from "../../tests/fixtures";
import { call, formErrors, formValues, getRequest, postForm } from "../../tests/requests";
import {
  openings,
  openingTeam,
  programs,
  screeningQuestions,
  stages as stagesTable,
} from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";
import * as edit from "./recruit.openings.$id_.edit";
import * as newOpening from "./recruit.openings.new";
import * as teamSearch from "./recruit.team-search";

let db: DB;
let token: string;

beforeAll(async () => {
  db = getDb();
  token = (await signedIn(db, "recruiter")).token;
});

function baseForm(labId: number, stages: Array<{ id?: number; name: string; kind: string }>) {
  const form: Record<string, string> = {
    intent: "save",
    title: "Research Engineer, Robotics",
    kind: "engineer",
    labId: String(labId),
    location: "Lisbon, Portugal",
    remotePolicy: "hybrid",
    criteria: "Depth",
  };
  stages.forEach((s, i) => {
    if (s.id) form[`stages[${i}].id`] = String(s.id);
    form[`stages[${i}].name`] = s.name;
    form[`stages[${i}].kind`] = s.kind;
  });
  return form;
}

const intent = (type: string, payload: Record<string, unknown>) =>
  JSON.stringify({ type, payload });

function storedStages(openingId: number) {
  return db
    .select({
      id: stagesTable.id,
      name: stagesTable.name,
      kind: stagesTable.kind,
      publicStatus: stagesTable.publicStatus,
      position: stagesTable.position,
    })
    .from(stagesTable)
    .where(eq(stagesTable.openingId, openingId))
    .orderBy(asc(stagesTable.position))
    .all();
}

const openingCount = () => db.select({ n: count() }).from(openings).get()!.n;

/** Posts raw url-encoded pairs in the given order (duplicates and odd orders allowed). */
function postPairs(path: string, pairs: Array<[string, string]>) {
  return postForm(path, new URLSearchParams(pairs), { token });
}

describe("bodies the editor never answers with a 500", () => {
  it("answers sparse, out-of-order, duplicated, missing or malformed rows with 400 and a message, storing nothing", async () => {
    const { opening, lab, stages } = openingWithStages(db);
    const before = openingCount();
    const stagesBefore = storedStages(opening.id);
    const valid = baseForm(lab.id, stages);
    const pairsOf = (form: Record<string, string>) => Object.entries(form);
    const cases: Array<{ what: string; pairs: Array<[string, string]>; message: RegExp }> = [
      {
        what: "sparse stages",
        pairs: [
          ...pairsOf(baseForm(lab.id, [])),
          ["stages[0].name", "A"],
          ["stages[0].kind", "applied"],
          ["stages[25].name", "x"],
        ],
        message: /Stage 26 was sent without stage 2/,
      },
      {
        what: "sparse questions",
        pairs: [
          ...pairsOf(valid),
          ["questions[2].label", "Why us?"],
          ["questions[0].label", "First?"],
        ],
        message: /Question 3 was sent without question 2/,
      },
      {
        what: "sparse choices",
        pairs: [
          ...pairsOf(valid),
          ["questions[0].label", "Pick"],
          ["questions[0].type", "single_choice"],
          ["questions[0].options[0]", "a"],
          ["questions[0].options[3]", "b"],
        ],
        message: /Question 1, choice 4 was sent without question 1, choice 2/,
      },
      {
        what: "out-of-order stages",
        pairs: [
          ...pairsOf(baseForm(lab.id, [])),
          ["stages[1].name", "B"],
          ["stages[1].kind", "hired"],
          ["stages[0].name", "A"],
          ["stages[0].kind", "applied"],
        ],
        message: /Stage 2 arrived before stage 1/,
      },
      {
        what: "a leading-zero index",
        pairs: [...pairsOf(valid), ["stages[01].name", "x"]],
        message: /Stage 2 has a malformed number/,
      },
      {
        what: "a malformed list intent",
        pairs: [...pairsOf(valid), ["__intent__", "{not json"]],
        message: /could not be read/,
      },
      {
        what: "an intent on a field that is not a list",
        pairs: [...pairsOf(valid), ["__intent__", intent("insert", { name: "title" })]],
        message: /could not be read/,
      },
    ];
    for (const c of cases) {
      for (const [action, path, params] of [
        [newOpening.action, "/recruit/openings/new", {}],
        [edit.action, `/recruit/openings/${opening.id}/edit`, { id: String(opening.id) }],
      ] as const) {
        const res = await call(action as never, postPairs(path, c.pairs), params);
        expect(res.status, `${c.what} ${path}`).toBe(400);
        expect(formErrors(res)[""]?.[0], `${c.what} ${path}`).toMatch(c.message);
      }
    }
    // Field-level 400s: duplicate keys, a missing list, a non-numeric id, a list sent as text.
    const fieldCases: Array<[string, Array<[string, string]>, string]> = [
      ["duplicate title", [...pairsOf(valid), ["title", "Another"]], "title"],
      ["duplicate stage name", [...pairsOf(valid), ["stages[0].name", "Again"]], "stages[0].name"],
      ["missing stages", pairsOf(baseForm(lab.id, [])), "stages"],
      [
        "non-numeric id",
        [...pairsOf(valid).filter(([k]) => k !== "stages[0].id"), ["stages[0].id", "abc"]],
        "stages[0].id",
      ],
      ["team as text", [...pairsOf(valid), ["team", "ada-lovelace, alan-turing"]], "team[0]"],
    ];
    for (const [what, pairs, key] of fieldCases) {
      const res = await call(
        edit.action as never,
        postPairs(`/recruit/openings/${opening.id}/edit`, pairs),
        { id: String(opening.id) },
      );
      expect(res.status, what).toBe(400);
      expect(Object.keys(formErrors(res)), what).toContain(key);
    }
    expect(openingCount()).toBe(before);
    expect(storedStages(opening.id)).toEqual(stagesBefore);
  });
});

describe("row intents (add, move, remove) without JavaScript", () => {
  it("answer with the updated rows and write nothing", async () => {
    const { opening, lab, stages } = openingWithStages(db);
    const stagesBefore = storedStages(opening.id);
    const path = `/recruit/openings/${opening.id}/edit`;
    const form = {
      ...baseForm(lab.id, stages),
      "questions[0].label": "Why us?",
      "questions[0].type": "long_text",
    };
    const post = (extra: Record<string, string>) =>
      call(edit.action as never, postForm(path, { ...form, ...extra }, { token }), {
        id: String(opening.id),
      });
    const names = (res: Awaited<ReturnType<typeof post>>) =>
      (formValues(res).stages as Array<{ name?: string }>).map((s) => s.name ?? "");

    const added = await post({
      __intent__: intent("insert", {
        name: "stages",
        defaultValue: { kind: "custom" },
        index: stages.length - 1,
      }),
    });
    expect(added.status).toBe(200);
    // A new blank row is not an error yet: errors wait for "save". It goes in before Hired.
    expect(formErrors(added)).toEqual({});
    expect(names(added)).toEqual([...stages.slice(0, -1).map((s) => s.name), "", "Hired"]);

    const moved = await post({ __intent__: intent("reorder", { name: "stages", from: 0, to: 2 }) });
    expect(moved.status).toBe(200);
    expect(names(moved)).toEqual([
      stages[1].name,
      stages[2].name,
      stages[0].name,
      ...stages.slice(3).map((s) => s.name),
    ]);

    const removed = await post({ __intent__: intent("remove", { name: "stages", index: 1 }) });
    expect(names(removed)).toEqual(stages.filter((_, i) => i !== 1).map((s) => s.name));

    const addedQuestion = await post({
      __intent__: intent("insert", { name: "questions", defaultValue: { type: "short_text" } }),
    });
    expect((formValues(addedQuestion).questions as unknown[]).length).toBe(2);
    const addedChoice = await post({
      __intent__: intent("insert", { name: "questions[0].options", defaultValue: "" }),
    });
    expect(addedChoice.status).toBe(200);
    const removedQuestion = await post({
      __intent__: intent("remove", { name: "questions", index: 0 }),
    });
    expect(formValues(removedQuestion).questions ?? []).toEqual([]);

    // Nothing was written by any of them.
    expect(storedStages(opening.id)).toEqual(stagesBefore);
    expect(
      db
        .select()
        .from(screeningQuestions)
        .where(eq(screeningQuestions.openingId, opening.id))
        .all(),
    ).toEqual([]);
  });

  it("saves rows in the posted order with their kinds, removes dropped empty stages and keeps ids", async () => {
    const { opening, lab, stages } = openingWithStages(db);
    applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
    });
    // New order: stage 3 (now custom), stage 1, a new stage, Hired; Screening and Offer (empty) are dropped.
    const rows = [
      { ...stages[2], kind: "custom" },
      stages[0],
      { name: "Lab visit", kind: "interview" },
      stages[4],
    ];
    const form = {
      ...baseForm(lab.id, rows),
      "questions[0].label": "Pick a site",
      "questions[0].type": "single_choice",
      "questions[0].options[0]": "Lisbon",
      "questions[0].options[1]": "Porto",
    };
    const res = await call(
      edit.action as never,
      postForm(`/recruit/openings/${opening.id}/edit`, form, { token }),
      { id: String(opening.id) },
    );
    expect(res.status).toBe(302);
    const after = storedStages(opening.id);
    expect(after.map((s) => [s.name, s.kind, s.publicStatus])).toEqual([
      [stages[2].name, "custom", "in_review"],
      [stages[0].name, "applied", "received"],
      ["Lab visit", "interview", "interviewing"],
      ["Hired", "hired", "hired"],
    ]);
    expect(after.map((s) => s.position)).toEqual([0, 1, 2, 3]);
    expect(after[0].id).toBe(stages[2].id);
    expect(after[3].id).toBe(stages[4].id);
    const q = db
      .select()
      .from(screeningQuestions)
      .where(eq(screeningQuestions.openingId, opening.id))
      .get()!;
    expect(q.options).toEqual(["Lisbon", "Porto"]);
  });
});

describe("the hiring-team picker", () => {
  it("searches by name for staff only", async () => {
    const { lab } = openingWithStages(db);
    const person = createResearcher(db, {
      labId: lab.id,
      name: "Philippa Quennell-Ashdown",
      sortName: "philippa quennell-ashdown",
      title: "Senior Scientist",
    });
    const anonymous = await call(
      teamSearch.loader as never,
      getRequest("/recruit/team-search?q=quennell"),
    );
    expect(anonymous.status).toBe(302);
    const candidate = (await signedIn(db, "candidate")).token;
    const refused = await call(
      teamSearch.loader as never,
      getRequest("/recruit/team-search?q=quennell", { token: candidate }),
    );
    expect(refused.status).toBe(403);

    const res = await call<{ text: string }>(
      teamSearch.loader as never,
      getRequest("/recruit/team-search?q=Quennell", { token }),
    );
    expect(res.status).toBe(200);
    const { people } = JSON.parse(res.data!.text) as {
      people: Array<{ id: number; name: string; title: string; lab: string }>;
    };
    expect(people).toEqual([
      expect.objectContaining({
        id: person.id,
        name: "Philippa Quennell-Ashdown",
        title: "Senior Scientist",
        lab: lab.name,
      }),
    ]);
    // A LIKE wildcard is a literal character, not "everyone".
    const wild = await call<{ text: string }>(
      teamSearch.loader as never,
      getRequest("/recruit/team-search?q=%25", { token }),
    );
    expect(JSON.parse(wild.data!.text).people).toEqual([]);
  });

  it("finds people without JavaScript and stores the team by researcher id", async () => {
    const { opening, lab, stages } = openingWithStages(db);
    const person = createResearcher(db, {
      labId: lab.id,
      name: "Ottoline Vasquez-Brandt",
      sortName: "ottoline vasquez-brandt",
    });
    const path = `/recruit/openings/${opening.id}/edit`;
    const found = await call(
      edit.action as never,
      postForm(
        path,
        { ...baseForm(lab.id, stages), intent: "find-people", teamQuery: "vasquez" },
        { token },
      ),
      { id: String(opening.id) },
    );
    expect(found.status).toBe(200);
    expect((found.data as { matches: Array<{ id: number }> }).matches.map((p) => p.id)).toEqual([
      person.id,
    ]);
    const saved = await call(
      edit.action as never,
      postForm(path, { ...baseForm(lab.id, stages), "team[0]": String(person.id) }, { token }),
      { id: String(opening.id) },
    );
    expect(saved.status).toBe(302);
    expect(
      db.select().from(openingTeam).where(eq(openingTeam.openingId, opening.id)).all(),
    ).toEqual([{ openingId: opening.id, researcherId: person.id, position: 0 }]);
  });
});

describe("terms, program and reference letters", () => {
  let seq = 0;
  function createProgram(name: string) {
    seq += 1;
    return db
      .insert(programs)
      .values({
        slug: `editor-program-${seq}-${Date.now()}`,
        name,
        kind: "residency",
        summary: "A residency.",
        duration: "12 months",
        stipend: "CHF 4,000 a month",
        opensOn: "2026-01-01",
        closesOn: "2026-03-01",
        decisionsOn: "2026-04-01",
        startsOn: "2026-09-01",
      })
      .returning()
      .get();
  }
  const stored = (id: number) => {
    const o = db.select().from(openings).where(eq(openings.id, id)).get()!;
    return {
      employmentType: o.employmentType,
      durationMonths: o.durationMonths,
      payMin: o.payMin,
      payMax: o.payMax,
      payCurrency: o.payCurrency,
      payPeriod: o.payPeriod,
      programId: o.programId,
      lettersRequired: o.lettersRequired,
    };
  };
  const save = (openingId: number, form: Record<string, string>) =>
    call(edit.action as never, postForm(`/recruit/openings/${openingId}/edit`, form, { token }), {
      id: String(openingId),
    });

  it("stores each value and the edit page shows it; empty fields clear them", async () => {
    const { opening, lab, stages } = openingWithStages(db);
    const program = createProgram("Robotics Residency");
    const res = await save(opening.id, {
      ...baseForm(lab.id, stages),
      employmentType: "temporary",
      durationMonths: "18",
      payMin: "82000",
      payMax: "90000",
      payCurrency: "chf",
      payPeriod: "year",
      programId: String(program.id),
      lettersRequired: "3",
    });
    expect(res.status).toBe(302);
    expect(stored(opening.id)).toEqual({
      employmentType: "temporary",
      durationMonths: 18,
      payMin: 82000,
      payMax: 90000,
      payCurrency: "CHF",
      payPeriod: "year",
      programId: program.id,
      lettersRequired: 3,
    });

    const page = await call<{ values: Record<string, unknown>; programs: unknown[] }>(
      edit.loader as never,
      getRequest(`/recruit/openings/${opening.id}/edit`, { token }),
      { id: String(opening.id) },
    );
    expect(page.status).toBe(200);
    expect(page.data!.values).toMatchObject({
      employmentType: "temporary",
      durationMonths: "18",
      payMin: "82000",
      payMax: "90000",
      payCurrency: "CHF",
      payPeriod: "year",
      programId: String(program.id),
      lettersRequired: "3",
    });
    expect(page.data!.programs).toContainEqual({ id: program.id, name: "Robotics Residency" });

    // Everything is optional: leaving the fields out stores nulls and no letters.
    expect((await save(opening.id, baseForm(lab.id, stages))).status).toBe(302);
    expect(stored(opening.id)).toEqual({
      employmentType: null,
      durationMonths: null,
      payMin: null,
      payMax: null,
      payCurrency: null,
      payPeriod: null,
      programId: null,
      lettersRequired: 0,
    });
  });

  it("creates an opening with the terms, program and letters", async () => {
    const { lab } = openingWithStages(db);
    const program = createProgram("Summer Internship");
    const res = await call(
      newOpening.action as never,
      postForm(
        "/recruit/openings/new",
        {
          ...baseForm(lab.id, [{ name: "Hired", kind: "hired" }]),
          title: "Summer Intern, Terms Test",
          employmentType: "intern",
          payMin: "3000",
          payCurrency: "EUR",
          payPeriod: "month",
          programId: String(program.id),
          lettersRequired: "2",
        },
        { token },
      ),
    );
    expect(res.status).toBe(302);
    const o = db
      .select()
      .from(openings)
      .where(eq(openings.title, "Summer Intern, Terms Test"))
      .get()!;
    expect(stored(o.id)).toMatchObject({
      employmentType: "intern",
      payMin: 3000,
      payMax: null,
      payCurrency: "EUR",
      payPeriod: "month",
      programId: program.id,
      lettersRequired: 2,
    });
  });

  it("answers bad terms, letters or an unknown program with 400 and a message, storing nothing", async () => {
    const { opening, lab, stages } = openingWithStages(db);
    const program = createProgram("Fellowship");
    const good = {
      ...baseForm(lab.id, stages),
      employmentType: "full_time",
      payMin: "50000",
      payMax: "60000",
      payCurrency: "EUR",
      payPeriod: "year",
      programId: String(program.id),
      lettersRequired: "1",
    };
    expect((await save(opening.id, good)).status).toBe(302);
    const before = stored(opening.id);
    const lastProgram = db
      .select({ id: programs.id })
      .from(programs)
      .orderBy(asc(programs.id))
      .all()
      .at(-1)!.id;
    const cases: Array<{
      what: string;
      form: Record<string, string>;
      field: string;
      message: RegExp;
    }> = [
      {
        what: "min above max",
        form: { ...good, payMin: "70000", payMax: "60000", title: "Changed" },
        field: "payMax",
        message: /Pay up to: .*at least as large/,
      },
      {
        what: "a currency that is not 3 letters",
        form: { ...good, payCurrency: "EURO", title: "Changed" },
        field: "payCurrency",
        message: /Currency: enter a 3-letter ISO 4217 code/,
      },
      {
        what: "an unknown currency code",
        form: { ...good, payCurrency: "ZZZ", title: "Changed" },
        field: "payCurrency",
        message: /Currency: not an ISO 4217 code/,
      },
      {
        what: "pay without a currency",
        form: { ...good, payCurrency: "", title: "Changed" },
        field: "payCurrency",
        message: /Currency: enter the currency/,
      },
      {
        what: "a negative amount",
        form: { ...good, payMin: "-5", title: "Changed" },
        field: "payMin",
        message: /Pay from: enter 0 or more/,
      },
      {
        what: "an unknown employment type",
        form: { ...good, employmentType: "volunteer", title: "Changed" },
        field: "employmentType",
        message: /Employment type: choose one/,
      },
      {
        what: "a duration of 0 months",
        form: { ...good, durationMonths: "0", title: "Changed" },
        field: "durationMonths",
        message: /Duration: enter 1 or more/,
      },
      {
        what: "9 letters",
        form: { ...good, lettersRequired: "9", title: "Changed" },
        field: "lettersRequired",
        message: /Letters required: ask for at most 5/,
      },
      {
        what: "a program that does not exist",
        form: { ...good, programId: String(lastProgram + 1000), title: "Changed" },
        field: "programId",
        message: /Program: choose one from the list/,
      },
    ];
    for (const c of cases) {
      const res = await save(opening.id, c.form);
      expect(res.status, c.what).toBe(400);
      expect(formErrors(res)[c.field], c.what).toEqual([expect.stringMatching(c.message)]);
      expect(stored(opening.id), c.what).toEqual(before);
      expect(db.select().from(openings).where(eq(openings.id, opening.id)).get()!.title).not.toBe(
        "Changed",
      );
    }
  });
});

describe("the hired stage", () => {
  const save = (openingId: number, form: Record<string, string>) =>
    call(edit.action as never, postForm(`/recruit/openings/${openingId}/edit`, form, { token }), {
      id: String(openingId),
    });
  const kindsOf = (openingId: number) => storedStages(openingId).map((s) => `${s.name}:${s.kind}`);

  it("is exactly one, last: the editor refuses anything else with a message and stores nothing", async () => {
    const { opening, lab, stages } = openingWithStages(db);
    const before = storedStages(opening.id);
    const [applied, screening, interview, offer, hired] = stages;
    const cases: Array<
      [string, Array<{ id?: number; name: string; kind: string }>, string, RegExp]
    > = [
      [
        "without a hired stage",
        [applied, screening, interview, offer],
        "stages[3].kind",
        /^Stage 4: the last stage must be the hired stage$/,
      ],
      [
        "with the hired stage moved up",
        [applied, hired, screening, interview, offer],
        "stages[1].kind",
        /^Stage 2: only the last stage can be the hired stage$/,
      ],
      [
        "with a second hired stage",
        [applied, screening, { name: "Also hired", kind: "hired" }, interview, offer, hired],
        "stages[2].kind",
        /^Stage 3: only the last stage can be the hired stage$/,
      ],
      [
        "with a new hired stage in place of the stored one",
        [applied, screening, interview, offer, { name: "Hired", kind: "hired" }],
        "stages[4].kind",
        /^Stage 5: the hired stage "Hired" cannot be replaced or removed/,
      ],
      [
        "with the hired stage turned into a custom one",
        [
          applied,
          screening,
          interview,
          offer,
          { ...hired, kind: "custom" },
          { name: "Done", kind: "hired" },
        ],
        "stages[5].kind",
        /cannot be replaced or removed/,
      ],
      [
        "with Interview before Screening",
        [applied, interview, screening, offer, hired],
        "stages[2].kind",
        /^Stage 3: Screening comes before Interview \(stage 2\)/,
      ],
    ];
    for (const [what, rows, field, message] of cases) {
      const res = await save(opening.id, baseForm(lab.id, rows));
      expect(res.status, what).toBe(400);
      expect(formErrors(res)[field]?.join(" "), what).toMatch(message);
      expect(storedStages(opening.id), what).toEqual(before);
    }
    // Renaming it is fine.
    const renamed = await save(
      opening.id,
      baseForm(lab.id, [applied, screening, interview, offer, { ...hired, name: "Welcome" }]),
    );
    expect(renamed.status).toBe(302);
    expect(kindsOf(opening.id).at(-1)).toBe("Welcome:hired");
  });

  it("a new opening starts with the default pipeline, its hired stage last", async () => {
    const page = await call<{ values: { stages: Array<{ name: string; kind: string }> } }>(
      newOpening.loader as never,
      getRequest("/recruit/openings/new", { token }),
    );
    expect(page.data!.values.stages.map((s) => `${s.name}:${s.kind}`)).toEqual([
      "Applied:applied",
      "Screening:screening",
      "Interview:interview",
      "Offer:offer",
      "Hired:hired",
    ]);
  });

  it("the database refuses a second hired stage whoever writes it", () => {
    const { opening } = openingWithStages(db);
    expect(() =>
      db
        .insert(stagesTable)
        .values({
          openingId: opening.id,
          position: 9,
          name: "Hired twice",
          kind: "hired",
          publicStatus: "hired",
        })
        .run(),
    ).toThrow(/UNIQUE constraint failed: stages.opening_id/);
  });
});
