/**
 * Recruiter routes end to end at the loader/action level: real Requests,
 * real database. Access refusals are in recruit.access.test.ts.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArea, verifiedSessionFor } from "../../tests/builders";
import {
  applicationEvents,
  applications,
  notes,
  openings,
  outbox,
  stages as stagesTable,
} from "../../db/schema";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";
import { call, formErrors, formValues, getRequest, postForm } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import { PAGE_SIZE } from "~/lib/board";
import * as board from "./recruit.openings.$id/route";
import * as edit from "./recruit.openings.$id_.edit";
import * as newOpening from "./recruit.openings.new";
import * as review from "./recruit.applications.$id/route";
import * as csv from "./recruit.reports[.]csv";
import * as candidates from "./recruit.candidates/route";

let db: DB;
let token: string;

beforeAll(async () => {
  db = getDb();
  token = verifiedSessionFor(db, (await staffUser(db)).id);
});

function validOpeningForm(labId: number, overrides: Record<string, string | string[]> = {}) {
  return {
    intent: "save",
    title: "Research Engineer, Robotics",
    kind: "engineer",
    labId: String(labId),
    location: "Lisbon, Portugal",
    remotePolicy: "hybrid",
    summary: "Build robots.",
    description: "## About\nWe build robots.",
    qualifications: "- Python",
    closesAt: "",
    criteria: "Depth\nCraft",
    "questions[0].label": "Why robotics?",
    "questions[0].type": "long_text",
    "questions[0].required": "on",
    "stages[0].name": "Applied",
    "stages[0].kind": "applied",
    "stages[1].name": "Take-home",
    "stages[1].kind": "custom",
    "stages[2].name": "Interview",
    "stages[2].kind": "interview",
    "stages[3].name": "Hired",
    "stages[3].kind": "hired",
    ...overrides,
  };
}

describe("creating an opening", () => {
  it("answers bad input with 400, messages per field, what was typed, and stores nothing", async () => {
    const { lab } = openingWithStages(db);
    const before = db.select({ n: count() }).from(openings).get()!.n;
    const res = await call(
      newOpening.action,
      postForm(
        "/recruit/openings/new",
        validOpeningForm(lab.id, {
          title: "x",
          labId: "999999",
          closesAt: "31/12/2030",
          "stages[1].name": "",
          "stages[1].id": "",
          "questions[1].label": "Pick one",
          "questions[1].type": "single_choice",
          "questions[1].options[0]": "only",
        }),
        { token },
      ),
    );
    expect(res.status).toBe(400);
    const errors = formErrors(res);
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(["title", "closesAt"]));
    // Row messages name the row.
    expect(errors["stages[1].name"]?.[0]).toBe("Stage 2: enter a name");
    expect(errors["questions[1].options"]?.[0]).toMatch(/^Question 2: .*two choices/);
    expect(formValues(res).title).toBe("x");
    expect(db.select({ n: count() }).from(openings).get()!.n).toBe(before);

    // Database-dependent rules are form errors too.
    const res2 = await call(
      newOpening.action,
      postForm(
        "/recruit/openings/new",
        validOpeningForm(lab.id, {
          labId: "999999",
          "team[0]": "999999",
        }),
        { token },
      ),
    );
    expect(res2.status).toBe(400);
    const errors2 = formErrors(res2);
    expect(errors2.labId?.[0]).toMatch(/lab/);
    expect(errors2["team[0]"]?.[0]).toMatch(/^Team member 1: not in the directory/);
    expect(db.select({ n: count() }).from(openings).get()!.n).toBe(before);
  });

  it("creates a draft with its stages, questions, areas and criteria; preview renders Markdown without saving", async () => {
    const { lab } = openingWithStages(db);
    const area = createArea(db);
    const preview = await call(
      newOpening.action,
      postForm("/recruit/openings/new", validOpeningForm(lab.id, { intent: "preview" }), { token }),
    );
    expect(preview.status).toBe(200);
    expect((preview.data as { preview: { description: string } }).preview.description).toContain(
      "<h2>About</h2>",
    );

    const res = await call(
      newOpening.action,
      postForm("/recruit/openings/new", validOpeningForm(lab.id, { areaIds: String(area.id) }), {
        token,
      }),
    );
    expect(res.status).toBe(302);
    const id = Number(res.response!.headers.get("Location")!.match(/openings\/(\d+)\/edit/)![1]);
    const o = db.select().from(openings).where(eq(openings.id, id)).get()!;
    expect(o).toMatchObject({
      status: "draft",
      title: "Research Engineer, Robotics",
      scorecardCriteria: ["Depth", "Craft"],
    });
    const st = db
      .select()
      .from(stagesTable)
      .where(eq(stagesTable.openingId, id))
      .orderBy(stagesTable.position)
      .all();
    expect(st.map((s) => [s.name, s.kind, s.publicStatus])).toEqual([
      ["Applied", "applied", "received"],
      // A custom stage shows what the kind before it shows.
      ["Take-home", "custom", "received"],
      ["Interview", "interview", "interviewing"],
      ["Hired", "hired", "hired"],
    ]);

    // Publish, then close with notice to every active applicant.
    expect(
      (
        await call(
          edit.action,
          postForm(`/recruit/openings/${id}/edit`, { intent: "publish" }, { token }),
          { id: String(id) },
        )
      ).status,
    ).toBe(302);
    expect(db.select().from(openings).where(eq(openings.id, id)).get()).toMatchObject({
      status: "open",
    });
    const cands = [await candidateUser(db), await candidateUser(db)];
    cands.forEach((c) => applyTo(db, { openingId: id, candidateId: c.id, stageId: st[0].id }));
    const close = await call(
      edit.action,
      postForm(
        `/recruit/openings/${id}/edit`,
        { intent: "close", notify: "on", message: "" },
        { token },
      ),
      { id: String(id) },
    );
    expect(close.response!.headers.get("Location")).toContain("closed=2");
    for (const c of cands) {
      const mail = db.select().from(outbox).where(eq(outbox.to, c.email)).all();
      expect(mail).toHaveLength(1);
      expect(mail[0].text).toContain("This role has now closed");
    }
  });

  it("refuses to remove a stage that still has applications", async () => {
    const { opening, stages } = openingWithStages(db);
    applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[1].id,
    });
    const form: Record<string, string> = validOpeningForm(opening.labId, {});
    for (const k of Object.keys(form)) if (k.startsWith("stages[")) delete form[k];
    // Removing a row is leaving it out of the posted rows.
    stages
      .filter((_, i) => i !== 1)
      .forEach((s, i) => {
        form[`stages[${i}].id`] = String(s.id);
        form[`stages[${i}].name`] = s.name;
        form[`stages[${i}].kind`] = s.kind;
      });
    const res = await call(
      edit.action,
      postForm(`/recruit/openings/${opening.id}/edit`, form, { token }),
      { id: String(opening.id) },
    );
    expect(res.status).toBe(400);
    expect(formErrors(res)[""]?.[0]).toMatch(new RegExp(`"${stages[1].name}" has applications`));
    expect(
      db.select().from(stagesTable).where(eq(stagesTable.id, stages[1].id)).get(),
    ).toBeTruthy();
  });
  it("refuses a change of kind that would change what active candidates in a stage see", async () => {
    const { opening, stages } = openingWithStages(db);
    applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[1].id,
    });
    const form: Record<string, string> = validOpeningForm(opening.labId, {});
    for (const k of Object.keys(form)) if (k.startsWith("stages[")) delete form[k];
    stages.forEach((s, i) => {
      form[`stages[${i}].id`] = String(s.id);
      form[`stages[${i}].name`] = s.name;
      form[`stages[${i}].kind`] = s.kind;
    });
    // Screening as a custom stage after Applied would silently show its
    // candidates "Received" instead of "In review", with no event or email.
    form["stages[1].kind"] = "custom";
    const res = await call(
      edit.action,
      postForm(`/recruit/openings/${opening.id}/edit`, form, { token }),
      { id: String(opening.id) },
    );
    expect(res.status).toBe(400);
    expect(formErrors(res)["stages[1].kind"]?.[0]).toBe(
      "Stage 2: candidates in this stage see “In review”, and this change would show them “Received”; move them to another stage first",
    );
    expect(
      db.select().from(stagesTable).where(eq(stagesTable.id, stages[1].id)).get(),
    ).toMatchObject({ kind: "screening", publicStatus: "in_review" });
    // An empty stage can still change kind (Offer becomes a custom stage after Interview).
    form["stages[1].kind"] = stages[1].kind;
    form["stages[3].kind"] = "custom";
    const ok = await call(
      edit.action,
      postForm(`/recruit/openings/${opening.id}/edit`, form, { token }),
      { id: String(opening.id) },
    );
    expect(ok.status).toBe(302);
  });

  it("answers a body that is not a form, or a huge row index, with 400 and stores nothing", async () => {
    const { opening, lab } = openingWithStages(db);
    const before = db.select({ n: count() }).from(openings).get()!.n;
    const json = new Request("http://localhost/recruit/openings/new", {
      method: "POST",
      headers: {
        Origin: "http://localhost",
        Cookie: getRequest("/", { token }).headers.get("Cookie")!,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ intent: "save", title: "x" }),
    });
    expect((await call(newOpening.action, json)).status).toBe(400);
    const started = Date.now();
    const sparse = await call(
      newOpening.action,
      postForm(
        "/recruit/openings/new",
        { ...validOpeningForm(lab.id), "questions[50000000].label": "x" },
        { token },
      ),
    );
    expect(sparse.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
    const edited = await call(
      edit.action,
      postForm(
        `/recruit/openings/${opening.id}/edit`,
        { intent: "save", "stages[99999999].name": "x" },
        { token },
      ),
      { id: String(opening.id) },
    );
    expect(edited.status).toBe(400);
    expect(db.select({ n: count() }).from(openings).get()!.n).toBe(before);
  });
});

describe("the board", () => {
  it("shows counts and one page per stage, and marks new cards", async () => {
    const { opening, stages } = openingWithStages(db);
    for (let i = 0; i < 53; i++)
      applyTo(db, {
        openingId: opening.id,
        candidateId: (await candidateUser(db)).id,
        stageId: stages[0].id,
      });
    const res = await call(board.loader, getRequest(`/recruit/openings/${opening.id}`, { token }), {
      id: String(opening.id),
    });
    const data = res.data as Awaited<ReturnType<typeof board.loader>>;
    expect(data.columns[0].count).toBe(53);
    expect(data.columns[0].cards).toHaveLength(PAGE_SIZE);
    expect(data.columns[0].cards[0].isNew).toBe(true);
    const more = await call(
      board.loader,
      getRequest(`/recruit/openings/${opening.id}?show_${stages[0].id}=100`, { token }),
      { id: String(opening.id) },
    );
    const moreData = more.data as Awaited<ReturnType<typeof board.loader>>;
    expect(moreData.columns[0].cards).toHaveLength(53);
    expect(moreData.columns[0].cards[0].isNew).toBe(false);
    const junk = await call(board.loader, getRequest(`/recruit/openings/abc`, { token }), {
      id: "abc",
    });
    expect(junk.status).toBe(404);
  });

  it("moves via the form, refuses a stale version with 409, and a bulk batch with a foreign id as a whole", async () => {
    const { opening, stages } = openingWithStages(db);
    const other = openingWithStages(db);
    const a = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
    });
    const b = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
    });
    const foreign = applyTo(db, {
      openingId: other.opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: other.stages[0].id,
    });
    const post = (form: Record<string, string | string[]>) =>
      call(board.action, postForm(`/recruit/openings/${opening.id}`, form, { token }), {
        id: String(opening.id),
      });

    expect(
      (await post({ intent: "move", item: `${a.id}:1`, stageId: String(stages[2].id) })).status,
    ).toBe(200);
    const stale = await post({ intent: "move", item: `${a.id}:1`, stageId: String(stages[1].id) });
    expect(stale.status).toBe(409);
    expect((stale.data as { message: string }).message).toMatch(/now in Interview/);
    expect(db.select().from(applications).where(eq(applications.id, a.id)).get()!.stageId).toBe(
      stages[2].id,
    );

    const bulk = await post({
      intent: "bulk_move",
      items: [`${b.id}:1`, `${foreign.id}:1`],
      stageId: String(stages[1].id),
    });
    expect(bulk.status).toBe(409);
    expect(db.select().from(applications).where(eq(applications.id, b.id)).get()!.stageId).toBe(
      stages[0].id,
    );
    expect(
      db
        .select({ n: count() })
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, b.id))
        .get()!.n,
    ).toBe(1);

    const notAForm = new Request(`http://localhost/recruit/openings/${opening.id}`, {
      method: "POST",
      headers: {
        Origin: "http://localhost",
        Cookie: getRequest("/", { token }).headers.get("Cookie")!,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ intent: "move", item: `${b.id}:1`, stageId: stages[1].id }),
    });
    expect((await call(board.action, notAForm, { id: String(opening.id) })).status).toBe(400);
    expect(
      (
        await post({
          intent: "bulk_move",
          "items[99999999]": `${b.id}:1`,
          stageId: String(stages[1].id),
        })
      ).status,
    ).toBe(400);
    expect(db.select().from(applications).where(eq(applications.id, b.id)).get()!.stageId).toBe(
      stages[0].id,
    );

    const bad = await post({ intent: "bulk_reject", items: [`${b.id}:1`], reason: "not-a-reason" });
    expect(bad.status).toBe(400);
    expect(db.select().from(applications).where(eq(applications.id, b.id)).get()!.status).toBe(
      "active",
    );
  });
});

describe("the review page", () => {
  it("adds notes and scorecards, and refuses empty ones with 400", async () => {
    const { opening, stages } = openingWithStages(db, { scorecardCriteria: ["Depth", "Craft"] });
    const app = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
    });
    const post = (form: Record<string, string>) =>
      call(review.action, postForm(`/recruit/applications/${app.id}`, form, { token }), {
        id: String(app.id),
      });
    expect((await post({ intent: "note", body: "  " })).status).toBe(400);
    expect((await post({ intent: "note", body: "**Strong** candidate" })).status).toBe(200);
    expect(db.select().from(notes).where(eq(notes.applicationId, app.id)).all()).toHaveLength(1);
    const missing = await post({ intent: "scorecard", "ratings[0]": "4", recommendation: "yes" });
    expect(missing.status).toBe(400);
    expect(formErrors(missing)["ratings[1]"]?.[0]).toMatch(/Craft/);
    expect(
      (
        await post({
          intent: "scorecard",
          "ratings[0]": "4",
          "ratings[1]": "3",
          recommendation: "strong_yes",
        })
      ).status,
    ).toBe(200);

    const page = await call(
      review.loader,
      getRequest(`/recruit/applications/${app.id}`, { token }),
      { id: String(app.id) },
    );
    const data = page.data as Awaited<ReturnType<typeof review.loader>>;
    expect(data.notes[0].html).toContain("<strong>Strong</strong>");
    expect(data.myScorecard?.ratings).toEqual({ Depth: 4, Craft: 3 });
    expect(data.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["submitted", "note", "scorecard"]),
    );
  });
});

describe("search and CSV", () => {
  const find = async (q: string) =>
    (await call(candidates.loader, getRequest(`/recruit/candidates?${q}`, { token }))).data as {
      rows: Array<{ candidateId: number; applications: Array<{ id: number }> }>;
      total: number;
    };
  const ids = (r: Awaited<ReturnType<typeof find>>) =>
    r.rows.flatMap((p) => p.applications.map((a) => a.id));
  it("finds applications by note text and answers; junk filters do not break the page", async () => {
    const { opening, stages } = openingWithStages(db);
    const app = applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db, "Zed Quasar", "Topologist")).id,
      stageId: stages[0].id,
    });
    db.insert(notes).values({ applicationId: app.id, body: "brilliant xylophonist" }).run();
    expect(ids(await find("q=xylophon"))).toEqual([app.id]);
    expect(ids(await find("q=topologist"))).toEqual([app.id]);
    expect((await find("q=quasar&status=active")).total).toBe(1);
    expect((await find("q=quasar&status=hired")).total).toBe(0);
    // Junk filters are ignored; the words left ("near") match nobody.
    expect((await find(`q="NEAR(&opening=abc&from=2020-99-99&page=-4`)).total).toBe(0);
  });

  it("lists each person once with their matching applications beneath, paged by person", async () => {
    const first = openingWithStages(db, { title: "Glaciologist" });
    const second = openingWithStages(db, { title: "Ice core analyst" });
    const vera = await candidateUser(db, "Vera Permafrost");
    const a1 = applyTo(db, {
      openingId: first.opening.id,
      candidateId: vera.id,
      stageId: first.stages[0].id,
      at: 1_000,
    });
    const a2 = applyTo(db, {
      openingId: second.opening.id,
      candidateId: vera.id,
      stageId: second.stages[0].id,
      at: 2_000,
    });
    const other = applyTo(db, {
      openingId: first.opening.id,
      candidateId: (await candidateUser(db, "Omar Permafrost")).id,
      stageId: first.stages[0].id,
      at: 1_500,
    });
    const r = await find("q=permafrost");
    expect(r.total).toBe(2);
    expect(r.rows.map((p) => [p.candidateId, p.applications.map((a) => a.id)])).toEqual([
      [vera.id, [a2.id, a1.id]],
      [other.candidateId, [other.id]],
    ]);
    // A filter narrows the applications shown beneath the person.
    const filtered = await find(`q=permafrost&opening=${first.opening.id}`);
    expect(filtered.rows.map((p) => p.applications.map((a) => a.id))).toEqual([
      [other.id],
      [a1.id],
    ]);
  });

  it("exports a formula-safe CSV", async () => {
    const { opening, stages } = openingWithStages(db, { title: '=HYPERLINK("x") role' });
    applyTo(db, {
      openingId: opening.id,
      candidateId: (await candidateUser(db)).id,
      stageId: stages[0].id,
      source: "@evil",
    });
    const res = await call(
      csv.loader,
      getRequest(`/recruit/reports.csv?opening=${opening.id}`, { token }),
    );
    expect(res.response!.headers.get("Content-Type")).toContain("text/csv");
    const body = await res.response!.text();
    expect(body).toContain(`"'=HYPERLINK(""x"") role"`);
    expect(body).toContain("source,'@evil,1");
    expect(body).not.toMatch(/(^|,)[=@+]/m);
  });
});
