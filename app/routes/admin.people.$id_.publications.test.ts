/**
 * An admin imports a researcher's publications (BibTeX or ORCID): parse →
 * review list → save the ticked entries, merged with the public list, one
 * readable audit row, and the public profile lists them. Admins only.
 */
import fs from "node:fs";
import path from "node:path";
import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, publications } from "../../db/schema";
import {
  createLab,
  createResearcher,
  createSessionFor,
  verifiedSessionFor,
} from "../../tests/builders";
import { candidateUser, staffUser } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../tests/requests";
import { describeAuditDetail } from "~/auth/audit-sentences";
import type { ImportedPublication } from "~/utils/publication-entry";
import { readContentVersion } from "~/utils/page-cache.server";
import { getDb, type DB } from "~/utils/db.server";
import * as route from "./admin.people.$id_.publications";
import * as profile from "./people.$slug/route";

let db: DB;
let adminToken: string;
let recruiterToken: string;
let candidateToken: string;
let researcher: ReturnType<typeof createResearcher>;
const BIB =
  fs.readFileSync(path.resolve("tests/fixtures/publications-odd.bib"), "utf8") +
  `
@article{extra1, title={Invented Drizzle Dynamics}, author={Researcher, Ruth}, journal={Imagined Letters}, year={2019}}
@article{extra2, title={Fictional Fog Formation}, author={Researcher, Ruth}, journal={Made-up Reports}, year={2018}}`;

beforeAll(async () => {
  db = getDb();
  adminToken = verifiedSessionFor(db, (await staffUser(db, "admin", "Ada Admin")).id);
  recruiterToken = verifiedSessionFor(db, (await staffUser(db, "recruiter")).id);
  candidateToken = createSessionFor(db, (await candidateUser(db)).id);
  researcher = createResearcher(db, { labId: createLab(db).id, name: "Ruth Researcher" });
});

const url = () => `/admin/people/${researcher.id}/publications`;
const params = () => ({ id: String(researcher.id) });
const pubsOf = () =>
  db.select().from(publications).where(eq(publications.researcherId, researcher.id)).all();

function parse(text: string, token = adminToken, field: "file" | "paste" = "file") {
  const fd = new FormData();
  fd.append("intent", "parse");
  if (field === "file") fd.append("file", new File([text], "list.bib"));
  else fd.append("paste", text);
  return call(route.action, postForm(url(), fd, { token }), params());
}

type Entry = ImportedPublication;

/** The review form as the browser posts it, with the entries at `ticked` selected. */
function save(entries: Entry[], ticked: number[], token = adminToken) {
  const fields: Record<string, string> = { intent: "save" };
  entries.forEach((e, i) => {
    if (ticked.includes(i)) fields[`entries[${i}].selected`] = "on";
    fields[`entries[${i}].data`] = JSON.stringify(e);
  });
  return call(route.action, postForm(url(), fields, { token }), params());
}

describe("/admin/people/:id/publications", () => {
  it("refuses recruiters and candidates, page and action", async () => {
    for (const token of [recruiterToken, candidateToken]) {
      const page = await call(route.loader, getRequest(url(), { token }), params());
      expect([302, 403]).toContain(page.status);
      const post = await parse(BIB, token);
      expect([302, 403]).toContain(post.status);
    }
    expect(pubsOf()).toHaveLength(0);
    const anonymous = await call(route.loader, getRequest(url()), params());
    expect(anonymous.status).toBe(302);
  });

  it("a file the parser refuses is a 400 with its message, nothing stored", async () => {
    const res = await parse("this is not bibtex at all");
    expect(res.status).toBe(400);
    expect(formErrors(res).file?.[0]).toMatch(/No BibTeX entries with a title were found/);
    const json = await parse("{ broken", adminToken, "paste");
    expect(json.status).toBe(400);
    expect(formErrors(json).paste?.[0]).toMatch(/not valid JSON/);
    expect(pubsOf()).toHaveLength(0);
  });

  it("parse, review, save the ticked ones: merged, audited, on the public profile", async () => {
    // Already listed: the same paper under its DOI, so the import merges into it.
    db.insert(publications)
      .values({
        researcherId: researcher.id,
        title: "The Müller effect in Arctic stratocumulus",
        venue: "",
        year: 2021,
        doi: "10.5555/jcm.2021.001",
      })
      .run();
    const parsed = await parse(BIB);
    expect(parsed.status).toBe(200);
    const review = parsed.data as { step: string; entries: Entry[]; duplicates: boolean[] };
    expect(review.step).toBe("review");
    const titles = review.entries.map((e) => e.title);
    const mueller = titles.findIndex((t) => /Müller Effect/i.test(t));
    expect(review.duplicates[mueller]).toBe(true);
    // The odd file's in-file duplicates are merged before review.
    expect(titles.filter((t) => /Müller/i.test(t))).toHaveLength(1);
    const noYear = titles.indexOf("Clouds Without a Year");
    expect(noYear).toBeGreaterThanOrEqual(0);
    const others = review.entries.map((_, i) => i).filter((i) => i !== mueller && i !== noYear);
    expect(others.length).toBeGreaterThan(1);
    const [untick, ...keep] = others;

    const versionBefore = readContentVersion(db);
    const res = await save(review.entries, [mueller, noYear, ...keep]);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${url()}?added=${keep.length}&merged=1&skipped=1`);
    const stored = pubsOf();
    expect(stored).toHaveLength(1 + keep.length);
    expect(stored.map((p) => p.title)).not.toContain(review.entries[untick].title);
    expect(stored.map((p) => p.title)).not.toContain("Clouds Without a Year");
    // The merged row gained the venue it lacked.
    expect(stored.find((p) => p.doi === "10.5555/jcm.2021.001")?.venue).toBe(
      "Journal of Cloud Modelling",
    );

    const row = db.select().from(auditLog).orderBy(desc(auditLog.id)).get()!;
    expect(row.action).toBe("directory.publications_imported");
    expect(describeAuditDetail(row.action, row.detail as never)).toBe(
      `Imported publications into researcher ${researcher.id}: ${keep.length} added, 1 merged with existing entries, 1 skipped for lack of a year.`,
    );

    // Saving the same list again doubles nothing.
    const again = await save(review.entries, [mueller, ...keep]);
    expect(again.location).toBe(`${url()}?added=0&merged=${1 + keep.length}&skipped=0`);
    expect(pubsOf()).toHaveLength(1 + keep.length);

    // The public page cache sees the change, and the profile lists the titles.
    expect(readContentVersion(db)).not.toBe(versionBefore);
    const page = await call<{ person: unknown }>(
      profile.loader,
      getRequest(`/people/${researcher.slug}`),
      { slug: researcher.slug },
    );
    expect(JSON.stringify(page.data)).toContain(review.entries[keep[0]].title);
    expect(
      db
        .select({ n: count() })
        .from(auditLog)
        .where(eq(auditLog.action, "directory.publications_imported"))
        .get()!.n,
    ).toBe(2);
  });
});
