/**
 * Publication import: odd BibTeX (macros, comments, LaTeX accents, braces,
 * a missing year, duplicates by title and by DOI) and an ORCID works export
 * parse into clean entries; duplicates merge within a file and against saved
 * rows; bad input is a 400 with a message through the candidate's page.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as s from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { createLab, createResearcher } from "../../tests/builders";
import { signedIn } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../tests/requests";
import {
  parsePublications,
  saveCandidatePublications,
  saveResearcherPublications,
} from "./publication-import.server";
import * as page from "../routes/account.profile_.publications/route";

const db = getDb();
const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, "../../tests/fixtures", name), "utf8");

function upload(text: string | Uint8Array<ArrayBuffer>, token: string, name = "pubs.bib") {
  const form = new FormData();
  form.append("intent", "parse");
  form.append("file", new File([text], name, { type: "application/octet-stream" }));
  return call(page.action, postForm("/account/profile/publications", form, { token }));
}

let candidate: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  candidate = await signedIn(db, "candidate");
});

describe("parsing", () => {
  test("odd BibTeX: @string, @comment, accents, braces, missing year, duplicates by title and DOI", async () => {
    const result = await parsePublications(fixture("publications-odd.bib"));
    if (!result.ok) throw new Error(result.error);
    expect(result.format).toBe("bibtex");
    const titles = result.entries.map((e) => e.title);
    // Three Müller copies (same title+year, same DOI) become one.
    expect(titles).toEqual([
      "The Müller Effect in Arctic Stratocumulus",
      "Clouds Without a Year",
      "Deep Nested Braces and École ß",
    ]);
    const [mueller, nodate, nested] = result.entries;
    expect(mueller).toMatchObject({
      authors: [
        { given: "Jörg", family: "Müller" },
        { given: "Ana", family: "García" },
      ],
      entryType: "article",
      venue: "Journal of Cloud Modelling",
      year: 2021,
      doi: "10.5555/jcm.2021.001",
      url: "https://example.org/mueller2021",
    });
    expect(nodate).toMatchObject({
      year: null,
      entryType: "inproceedings",
      venue: "Proceedings of the Workshop on Weather",
    });
    expect(nested).toMatchObject({
      venue: "Invented Press",
      year: 2019,
      entryType: "book",
      authors: [{ literal: "The Consortium" }],
    });
  });

  test("an ORCID works export: groups, DOIs in any case, missing dates and titles", async () => {
    const result = await parsePublications(fixture("orcid-works.json"));
    if (!result.ok) throw new Error(result.error);
    expect(result.format).toBe("orcid");
    const none = { pages: null, eprint: null, eprintType: null, citationKey: null, extra: {} };
    expect(result.entries).toEqual([
      {
        title: "Ocean Heat Uptake in Invented Basins",
        authors: [],
        moreAuthors: false,
        entryType: "article",
        venue: "Invented Ocean Letters",
        year: 2022,
        month: 3,
        doi: "10.5555/ohu.2022.7",
        url: "https://example.org/ohu",
        ...none,
      },
      {
        title: "Sea Ice and Snow: a Review",
        authors: [],
        moreAuthors: false,
        entryType: "article",
        venue: "Invented Cryosphere Reviews",
        year: null,
        month: null,
        doi: null,
        url: null,
        ...none,
      },
    ]);
  });

  test("bad input is refused with a message", async () => {
    expect(await parsePublications("   ")).toEqual({ ok: false, error: "The file is empty." });
    expect((await parsePublications("just some words")).ok).toBe(false);
    expect((await parsePublications("{ not json")).ok).toBe(false);
    expect(await parsePublications('{"hello": 1}')).toMatchObject({ ok: false });
  });
});

describe("saving merges duplicates", () => {
  test("against a candidate's stored rows: importing twice adds nothing new", async () => {
    const result = await parsePublications(fixture("publications-odd.bib"));
    if (!result.ok) throw new Error(result.error);
    const user = candidate.user.id;
    expect(saveCandidatePublications(db, user, result.entries)).toEqual({ added: 3, merged: 0 });
    expect(saveCandidatePublications(db, user, result.entries)).toEqual({ added: 0, merged: 3 });
    const orcid = await parsePublications(fixture("orcid-works.json"));
    if (!orcid.ok) throw new Error(orcid.error);
    expect(saveCandidatePublications(db, user, orcid.entries)).toEqual({ added: 2, merged: 0 });
    const rows = db
      .select()
      .from(s.candidatePublications)
      .where(eq(s.candidatePublications.userId, user))
      .all();
    expect(rows).toHaveLength(5);
  });

  test("a researcher's list: entries without a year are skipped, DOI matches merge", async () => {
    const lab = createLab(db);
    const r = createResearcher(db, { labId: lab.id });
    db.insert(s.publications)
      .values({
        researcherId: r.id,
        title: "Old title",
        venue: "",
        year: 2000,
        doi: "10.5555/ohu.2022.7",
      })
      .run();
    const orcid = await parsePublications(fixture("orcid-works.json"));
    if (!orcid.ok) throw new Error(orcid.error);
    expect(saveResearcherPublications(db, r.id, orcid.entries)).toEqual({
      added: 0,
      merged: 1,
      skipped: 1,
    });
    const row = db
      .select()
      .from(s.publications)
      .where(eq(s.publications.researcherId, r.id))
      .get()!;
    expect(row.venue).toBe("Invented Ocean Letters");
  });
});

describe("the candidate's import page", () => {
  test("parse shows the entries with duplicates flagged; save stores only the ticked ones", async () => {
    const other = await signedIn(db, "candidate");
    const parsed = await upload(fixture("publications-odd.bib"), other.token);
    expect(parsed.status).toBe(200);
    const d = parsed.data as {
      step: string;
      entries: Array<{ title: string }>;
      duplicates: boolean[];
    };
    expect(d.step).toBe("review");
    expect(d.entries).toHaveLength(3);
    expect(d.duplicates).toEqual([false, false, false]);
    const fields: Record<string, string> = { intent: "save" };
    d.entries.forEach((e, i) => {
      fields[`entries[${i}].data`] = JSON.stringify(e);
      if (i !== 1) fields[`entries[${i}].selected`] = "on";
    });
    const saved = await call(
      page.action,
      postForm("/account/profile/publications", fields, { token: other.token }),
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toContain("added=2");
    const list = await call(
      page.loader,
      getRequest("/account/profile/publications", { token: other.token }),
    );
    expect((list.data as { publications: unknown[] }).publications).toHaveLength(2);
  });

  test("bad files are a 400 with a message: empty, not BibTeX, too large", async () => {
    const cases: Array<[string | Uint8Array<ArrayBuffer>, RegExp]> = [
      ["", /Choose a file|empty/],
      ["hello, this is not a bibliography", /No BibTeX entries/],
      [new Uint8Array(1024 * 1024 + 10).fill(65), /at most 1024 KB/],
      [new Uint8Array([0xff, 0xfe, 0x00, 0xd8]), /not UTF-8/],
    ];
    for (const [body, message] of cases) {
      const res = await upload(body, candidate.token);
      expect(res.status).toBe(400);
      expect(Object.values(formErrors(res)).flat().join(" ")).toMatch(message);
    }
  });

  test("staff cannot use the candidate page", async () => {
    const staff = await signedIn(db, "recruiter");
    const res = await call(
      page.loader,
      getRequest("/account/profile/publications", { token: staff.token }),
    );
    expect(res.status).toBe(403);
  });
});

describe("recruiters", () => {
  test("find candidates by their publications and read them on the review page", async () => {
    const { searchCandidates } = await import("../routes/recruit.candidates/queries.server");
    const review = await import("../routes/recruit.applications.$id/route");
    const { openingWithStages, applyTo } = await import("../../tests/fixtures");
    const { opening, stages } = openingWithStages(db);
    const app = applyTo(db, {
      openingId: opening.id,
      candidateId: candidate.user.id,
      stageId: stages[0].id,
    });
    const found = searchCandidates(db, { q: "stratocumulus" }, 1);
    expect(found.rows.flatMap((r) => r.applications.map((a) => a.id))).toContain(app.id);
    expect(searchCandidates(db, { q: "zzzunheardof" }, 1).total).toBe(0);
    const staff = await signedIn(db, "recruiter");
    const page = await call(
      review.loader,
      getRequest(`/recruit/applications/${app.id}`, { token: staff.token }),
      { id: String(app.id) },
    );
    const titles = (page.data as { publications: Array<{ title: string }> }).publications.map(
      (p) => p.title,
    );
    expect(titles).toContain("The Müller Effect in Arctic Stratocumulus");
  });
});
