/**
 * A realistic BibTeX file (tests/fixtures/bibtex/corpus.bib: 40 entries in
 * the shapes Zotero, JabRef, Google Scholar, DBLP and Mendeley write, with
 * their `%` comments, @string, @comment, @preamble, crossref, LaTeX accents
 * and math, name particles and suffixes, "and others", eight scripts, an
 * entry without a title and one that never closes) imported through both
 * imports — a candidate's own list and an admin's import for a researcher —
 * and compared field by field with what a reader of the file expects. Then
 * the researcher's list is exported, read back by an independent parser
 * (biblatex-csl-converter) and by our own reader, and compared again.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as s from "../db/schema";
import type { PublicationType } from "../app/lib/enums";
import * as adminImport from "~/routes/admin.people.$id_.publications";
import * as candidateImport from "~/routes/account.profile_.publications/route";
import { loader as profileLoader } from "~/routes/people.$slug/route";
import { loader as oneBibLoader } from "~/routes/publications.$id.bibtex";
import { loader as pubsLoader } from "~/routes/publications._index/route";
import { loader as bibLoader } from "~/routes/publications[.]bib";
import { readBibtex } from "~/utils/bibtex-read.server";
import { getDb, type DB } from "~/utils/db.server";
import { displayName, type ImportedPublication } from "~/utils/publication-entry";
import { parseBibtexIndependently, type ReadEntry } from "./bibtex-check";
import { createLab, createResearcher, verifiedSessionFor } from "./builders";
import { signedIn, staffUser } from "./fixtures";
import { call, getRequest, postForm, type RouteFunction } from "./requests";

const CORPUS = fs.readFileSync(
  path.join(import.meta.dirname, "fixtures/bibtex/corpus.bib"),
  "utf8",
);
const lineOf = (needle: string) => CORPUS.slice(0, CORPUS.indexOf(needle)).split("\n").length;

type Expected = {
  key: string;
  entryType: string;
  category: PublicationType;
  title: string;
  /** As a list shows them. */
  authors: string[];
  more?: boolean;
  venue: string;
  year: number | null;
  month?: number;
  pages?: string;
  doi?: string;
  url?: string;
  eprint?: string;
  /** Fields kept in `extra` (only those listed are checked). */
  extra?: Record<string, unknown>;
};

/** Every entry a reader finds in the file, in its order. */
const EXPECTED: Expected[] = [
  {
    key: "berg_angstrom_2021",
    entryType: "article",
    category: "article",
    title: "Ångström-Scale Droplets in Mixed-Phase Clouds",
    authors: ["Jan van der Berg", "Juan de la Cruz Jr.", "Søren Østergaard"],
    venue: "Journal of Cloud Modelling",
    year: 2021,
    month: 3,
    pages: "12–34",
    doi: "10.5555/jcm.2021.0312",
    url: "https://journals.example.org/jcm/article/12/3/12",
    extra: {
      volume: "12",
      number: "3",
      issn: "1234-5678",
      keywords: "clouds, droplets, microphysics",
      abstract: "We follow droplets at the Ångström scale through a season of mixed-phase clouds.",
      // Zotero's local file path is not kept: it says nothing to anyone else.
      file: undefined,
    },
  },
  {
    key: "DBLP:conf/nips/ZhangGK22",
    entryType: "inproceedings",
    category: "inproceedings",
    title: "Sorting in O(n log n) Time with α-Stable Heaps",
    authors: ["Wei Zhang", "María José García-Pérez", "Kwame Mensah"],
    venue:
      "Advances in Neural Information Processing Systems 35: Annual Conference on Neural Information Processing Systems 2022",
    year: 2022,
    pages: "101–115",
    url: "https://papers.example.org/2022/zhang.html",
    extra: {
      editor: [
        { given: "Ada", family: "Lindqvist" },
        { given: "Tomasz", family: "Nowak" },
      ],
      timestamp: undefined,
    },
  },
  {
    key: "DBLP:journals/corr/abs-2101-00017",
    entryType: "article",
    category: "preprint",
    title: "Explained Variance (R²) Is Not Enough",
    authors: ["Amara Okafor", "Lars Eriksson"],
    venue: "CoRR",
    year: 2021,
    eprint: "2101.00017",
    url: "https://arxiv.org/abs/2101.00017",
    extra: { volume: "abs/2101.00017" },
  },
  {
    key: "okafor2019tropical",
    entryType: "article",
    category: "preprint",
    title: "Tropical convection in a warming world",
    authors: ["Amara Okafor", "Lars Eriksson", "Yui Tanaka"],
    venue: "arXiv preprint arXiv:1906.04512",
    year: 2019,
    eprint: "1906.04512",
  },
  {
    key: "mensah2020sensor",
    entryType: "inproceedings",
    category: "inproceedings",
    title: "Low-power sensor networks for flood warning",
    authors: ["Kwame Mensah", "Amara Okafor"],
    venue: "2020 IEEE International Conference on Sensing (SENS)",
    year: 2020,
    pages: "1–6",
    extra: { organization: "IEEE" },
  },
  {
    key: "Tanaka2020",
    entryType: "article",
    category: "article",
    title: "Warm-Water Intrusions Beneath Floating Ice Shelves",
    authors: ["Yui Tanaka", "Ada Lindqvist"],
    venue: "Ocean Letters",
    year: 2020,
    pages: "e2020GL012345",
    doi: "10.5555/ocean.2020.7",
    eprint: "2003.01234",
    extra: {
      volume: "47",
      number: "4",
      abstract: "Abstract text with a 95% confidence interval and 50% more.",
      "mendeley-groups": undefined,
    },
  },
  {
    key: "lindqvist2018thesis",
    entryType: "phdthesis",
    category: "thesis",
    title: "Stochastic Parameterisation of Boundary-Layer Turbulence",
    authors: ["Ada Lindqvist"],
    venue: "Uppsala University",
    year: 2018,
    month: 9,
    extra: { address: "Uppsala, Sweden" },
  },
  {
    key: "lefevre2017",
    entryType: "mastersthesis",
    category: "thesis",
    title: "Étude des écoulements turbulents au-dessus des forêts",
    authors: ["Élodie Lefèvre"],
    venue: "Université de Grenoble",
    year: 2017,
    extra: { language: "french" },
  },
  {
    key: "nowak2019tr",
    entryType: "techreport",
    category: "report",
    title: "Wpływ aerozoli na opady w Polsce",
    authors: ["Tomasz Nowak", "Jan Kowalski"],
    venue: "Northlight Research",
    year: 2019,
    month: 11,
    extra: { number: "TR-2019-07", type: "Technical Report" },
  },
  {
    key: "wmo2022guide",
    entryType: "book",
    category: "book",
    title: "Guide to Cloud Observation",
    authors: [],
    venue: "Northlight Press",
    year: 2022,
    extra: {
      editor: [
        { given: "Ada", family: "Lindqvist" },
        { given: "Amara", family: "Okafor" },
      ],
      address: "Reykjavík",
      edition: "2",
      isbn: "978-0-00-000000-2",
    },
  },
  {
    key: "eriksson2021chapter",
    entryType: "incollection",
    category: "book",
    title: "Snow on Sea Ice",
    authors: ["Lars Eriksson"],
    venue: "Polar Climate Processes",
    year: 2021,
    pages: "201–230",
    extra: { chapter: "7", publisher: "Northlight Press" },
  },
  {
    key: "cloudkit2023",
    entryType: "misc",
    category: "other",
    title: "CloudKit: A Library for Droplet Tracking",
    authors: ["Northlight Research Consortium"],
    venue: "Software, version 2.1",
    year: 2023,
    extra: { note: "Released under the MIT licence" },
  },
  {
    key: "wmo2022web",
    entryType: "online",
    category: "other",
    title: "State of the Climate in Polar Regions",
    authors: ["World Meteorological Organization"],
    venue: "WMO",
    year: 2022,
    month: 11,
    url: "https://public.example.org/state-of-polar-climate",
    extra: { date: "2022-11-05", urldate: "2023-01-10" },
  },
  {
    key: "mensah2024draft",
    entryType: "unpublished",
    category: "preprint",
    title: "Notes on Flood Forecasting in River Deltas",
    authors: ["Kwame Mensah"],
    venue: "Manuscript in preparation",
    year: 2024,
  },
  // ws2019 (@proceedings) is only what the next two crossref: not an entry of its own.
  {
    key: "okafor2019ws",
    entryType: "inproceedings",
    category: "inproceedings",
    title: "Drones over Drifting Ice",
    authors: ["Amara Okafor", "Martin Luther King Jr."],
    venue: "Proceedings of the 3rd Workshop on Polar Observation",
    year: 2019,
    pages: "5–9",
    extra: {
      publisher: "Northlight Press",
      editor: [{ given: "Lars", family: "Eriksson" }],
      crossref: undefined,
    },
  },
  {
    key: "tanaka2019ws",
    entryType: "inproceedings",
    category: "inproceedings",
    title: "Buoys That Talk",
    authors: ["Yui Tanaka", "Carlos Pérez III"],
    venue: "Proceedings of the 3rd Workshop on Polar Observation",
    year: 2019,
    pages: "10–14",
  },
  {
    key: "zhang2022neurips",
    entryType: "inproceedings",
    category: "inproceedings",
    title: "Learning Rates That Forget",
    authors: ["Wei Zhang", "Anna di Stefano", "Augustus De Morgan"],
    venue: "Advances in Neural Information Processing Systems 35",
    year: 2022,
    month: 12,
  },
  {
    key: "yamada2020",
    entryType: "article",
    category: "article",
    title: "深層学習による気象予測の高精度化",
    authors: ["山田 太郎", "佐藤 花子"],
    venue: "情報処理学会論文誌",
    year: 2020,
    pages: "1001–1010",
    doi: "10.5555/ipsj.61.1001",
    extra: { volume: "61", number: "5" },
  },
  {
    key: "wang2021protein",
    entryType: "article",
    category: "article",
    title: "基于图神经网络的蛋白质结构预测",
    authors: ["王 小明", "李 华"],
    venue: "计算机学报",
    year: 2021,
  },
  {
    key: "kim2022korean",
    entryType: "inproceedings",
    category: "inproceedings",
    title: "한국어 자연어 처리를 위한 형태소 분석",
    authors: ["김 민준", "Soo-jin Lee"],
    venue: "한국정보과학회 학술발표논문집",
    year: 2022,
    pages: "45–47",
  },
  {
    key: "ivanov2018",
    entryType: "article",
    category: "article",
    title: "Об одном классе уравнений мелкой воды",
    authors: ["Иван Иванович Иванов", "Анна Петрова"],
    venue: "Вычислительные технологии",
    year: 2018,
    pages: "3–15",
    extra: { volume: "23" },
  },
  {
    key: "papadopoulos2019",
    entryType: "article",
    category: "article",
    title: "Η δυναμική των ατμοσφαιρικών κυμάτων",
    authors: ["Γιώργος Παπαδόπουλος"],
    venue: "Πρακτικά της Ακαδημίας Αθηνών",
    year: 2019,
  },
  {
    key: "haddad2021",
    entryType: "article",
    category: "article",
    title: "تحليل البيانات الضخمة للطقس",
    authors: ["Layla Haddad"],
    venue: "المجلة العربية للأرصاد",
    year: 2021,
  },
  {
    key: "celik2020",
    entryType: "article",
    category: "article",
    title: "Rain Gauges from Łódź to İzmir",
    authors: ["Ayşe Çelik", "Jiří Škoda", "Văn An Nguyễn", "Jan Kowalski"],
    venue: "European Hydrology",
    year: 2020,
    month: 7,
  },
  {
    key: "manyauthors2022",
    entryType: "article",
    category: "article",
    title: "A Global Census of Weather Stations",
    authors: ["Lars Eriksson", "Amara Okafor"],
    more: true,
    venue: "Atmospheric Data",
    year: 2022,
  },
  {
    key: "etal2021",
    entryType: "article",
    category: "article",
    title: "Radar Echoes from Insects",
    authors: ["Tomasz Nowak"],
    more: true,
    venue: "Atmospheric Data",
    year: 2021,
  },
  {
    key: "literaletal2020",
    entryType: "article",
    category: "article",
    title: "Coastal Fog Climatology",
    authors: ["Yui Tanaka", "Kwame Mensah"],
    more: true,
    venue: "Atmospheric Data",
    year: 2020,
  },
  {
    key: "beethoven2019",
    entryType: "article",
    category: "article",
    title: "Names in First von Last Order",
    authors: ["Ludwig van Beethoven", "Jean de La Fontaine", "Vincent Van Gogh"],
    venue: "Journal of Naming",
    year: 2019,
  },
  {
    key: "conf2018",
    entryType: "inproceedings",
    category: "inproceedings",
    title: "An Old-Style Conference Entry",
    authors: ["Ada Lindqvist"],
    venue: "Proceedings of the Nordic Weather Days",
    year: 2018,
  },
  {
    key: "biblatex2020",
    entryType: "article",
    category: "article",
    title: "A BibLaTeX Entry with Journaltitle and Date",
    authors: ["Amara Okafor"],
    venue: "Journal of Applied Forecasting",
    year: 2020,
    month: 7,
    eprint: "2007.00042",
    extra: { date: "2020-07", eprintclass: "physics.ao-ph" },
  },
  {
    key: "nodate2023",
    entryType: "article",
    category: "article",
    title: "Forthcoming: Delta Sediments",
    authors: ["Kwame Mensah"],
    venue: "River Science",
    year: null,
  },
  // notitle2020 has no title: a problem, not an entry.
  {
    key: "smith2020",
    entryType: "article",
    category: "article",
    title: "First Paper Under a Common Key",
    authors: ["Alex Smith"],
    venue: "Common Letters",
    year: 2020,
  },
  {
    key: "smith2020",
    entryType: "article",
    category: "article",
    title: "Second Paper Under the Same Key",
    authors: ["Alex Smith"],
    venue: "Common Letters",
    year: 2020,
  },
  {
    key: "specials2021",
    entryType: "article",
    category: "article",
    title: "Braces {and} $5 & 100% of #tags in File_names ~ | Q&A",
    authors: ["Seán O'Brien"],
    venue: "Journal of Special Characters",
    year: 2021,
  },
  // broken2021 never closes its title: a problem with its line.
];

/** The name parts behind the display names that carry particles and suffixes. */
const NAME_PARTS: Record<string, s.PublicationName> = {
  "Jan van der Berg": { given: "Jan", prefix: "van der", family: "Berg" },
  "Juan de la Cruz Jr.": { given: "Juan", prefix: "de la", family: "Cruz", suffix: "Jr." },
  "Martin Luther King Jr.": { given: "Martin Luther", family: "King", suffix: "Jr." },
  "Carlos Pérez III": { given: "Carlos", family: "Pérez", suffix: "III" },
  "Anna di Stefano": { given: "Anna", prefix: "di", family: "Stefano" },
  "Augustus De Morgan": { given: "Augustus", family: "De Morgan" },
  "Ludwig van Beethoven": { given: "Ludwig", prefix: "van", family: "Beethoven" },
  "Jean de La Fontaine": { given: "Jean", prefix: "de", family: "La Fontaine" },
  // BibTeX reads a capitalised word before the last one as a given name; a
  // file that means "Van Gogh" as the family name writes "Van Gogh, Vincent".
  "Vincent Van Gogh": { given: "Vincent Van", family: "Gogh" },
  "Wei Zhang": { given: "Wei", family: "Zhang" },
  "山田 太郎": { given: "太郎", family: "山田" },
  "World Meteorological Organization": { literal: "World Meteorological Organization" },
};

/** The columns both tables share, as an entry of EXPECTED says them. */
function expectStored(
  row: {
    title: string;
    authors: string;
    authorList: s.PublicationName[] | null;
    moreAuthors: boolean;
    entryType: string;
    venue: string;
    year: number | null;
    month: number | null;
    pages: string | null;
    doi: string | null;
    url: string | null;
    eprint: string | null;
    eprintType: string | null;
    extra: s.PublicationExtra;
  },
  e: Expected,
) {
  const names = (row.authorList ?? []).map(displayName);
  expect({
    title: row.title,
    authors: names,
    printed: row.authors,
    more: row.moreAuthors,
    entryType: row.entryType,
    venue: row.venue,
    year: row.year,
    month: row.month,
    pages: row.pages,
    doi: row.doi,
    url: row.url,
    eprint: row.eprint,
    eprintType: row.eprintType,
  }).toEqual({
    title: e.title,
    authors: e.authors,
    printed: e.authors.join("; "),
    more: e.more ?? false,
    entryType: e.entryType,
    venue: e.venue,
    year: e.year,
    month: e.month ?? null,
    pages: e.pages ?? null,
    doi: e.doi ?? null,
    url: e.url ?? null,
    eprint: e.eprint ?? null,
    eprintType: e.eprint ? "arxiv" : null,
  });
  for (const [name, value] of Object.entries(e.extra ?? {}))
    expect(row.extra[name], `${e.key}: extra.${name}`).toEqual(value);
  (row.authorList ?? []).forEach((n) => {
    const parts = NAME_PARTS[displayName(n)];
    if (parts) expect(n, displayName(n)).toEqual(parts);
  });
}

let db: DB;
let adminToken: string;
let researcher: ReturnType<typeof createResearcher>;
let candidate: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  db = getDb();
  adminToken = verifiedSessionFor(db, (await staffUser(db, "admin", "Ada Admin")).id);
  candidate = await signedIn(db, "candidate");
  researcher = createResearcher(db, { labId: createLab(db).id, name: "Amara Okafor" });
});

type Review = {
  step: "review";
  entries: ImportedPublication[];
  duplicates: boolean[];
  problems: Array<{ line: number | null; message: string }>;
};

function upload(url: string, action: RouteFunction, token: string, params: Record<string, string>) {
  const form = new FormData();
  form.append("intent", "parse");
  form.append("file", new File([CORPUS], "library.bib"));
  return call<Review>(action, postForm(url, form, { token }), params);
}

function saveAll(url: string, action: RouteFunction, token: string, review: Review, params = {}) {
  const fields: Record<string, string> = { intent: "save" };
  review.entries.forEach((e, i) => {
    fields[`entries[${i}].selected`] = "on";
    fields[`entries[${i}].data`] = JSON.stringify(e);
  });
  return call(action, postForm(url, fields, { token }), params);
}

describe("the BibTeX corpus through both imports", () => {
  test("a candidate's import offers every entry, read field by field, and says which lines failed", async () => {
    const url = "/account/profile/publications";
    const res = await upload(url, candidateImport.action, candidate.token, {});
    expect(res.status).toBe(200);
    const review = res.data!;
    expect(review.entries.map((e) => e.citationKey)).toEqual(EXPECTED.map((e) => e.key));
    // Nothing from the @comment, the `%` lines or the crossref'd proceedings.
    const titles = review.entries.map((e) => e.title).join("\n");
    expect(titles).not.toMatch(/Not an entry|Workshop on Polar Observation$|others/);
    expect(review.problems).toEqual([
      {
        line: lineOf("@misc{notitle2020"),
        message: `Line ${lineOf("@misc{notitle2020")}: the entry “notitle2020” has no title, so it was left out.`,
      },
      {
        line: lineOf("@article{broken2021"),
        message: expect.stringMatching(
          new RegExp(
            `^Line ${lineOf("@article{broken2021")} could not be read: the entry “broken2021” has a brace, quote or \\$ that is not closed`,
          ),
        ),
      },
    ]);

    const saved = await saveAll(url, candidateImport.action, candidate.token, review);
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`${url}?added=${EXPECTED.length}&merged=0`);
    const rows = db
      .select()
      .from(s.candidatePublications)
      .where(eq(s.candidatePublications.userId, candidate.user.id))
      .orderBy(s.candidatePublications.id)
      .all();
    expect(rows).toHaveLength(EXPECTED.length);
    rows.forEach((row, i) => {
      expectStored(row, EXPECTED[i]);
      expect(row.citationKey).toBe(EXPECTED[i].key);
    });

    // The list shows "et al." for "and others" and each venue as its type reads.
    const page = await call<{
      publications: Array<{ title: string; authors: string; venue: string }>;
    }>(candidateImport.loader, getRequest(url, { token: candidate.token }));
    const shown = new Map(page.data!.publications.map((p) => [p.title, p]));
    expect(shown.get("A Global Census of Weather Stations")).toMatchObject({
      authors: "Lars Eriksson, Amara Okafor et al.",
      venue: "Atmospheric Data",
    });
    expect(shown.get("Buoys That Talk")?.venue).toBe(
      "In Proceedings of the 3rd Workshop on Polar Observation, pp. 10–14",
    );
  });

  test("an admin's import stores the same fields for the public list; entries without a year wait", async () => {
    const url = `/admin/people/${researcher.id}/publications`;
    const params = { id: String(researcher.id) };
    const res = await upload(url, adminImport.action, adminToken, params);
    expect(res.status).toBe(200);
    expect(res.data!.entries.map((e) => e.citationKey)).toEqual(EXPECTED.map((e) => e.key));
    const saved = await saveAll(url, adminImport.action, adminToken, res.data!, params);
    const dated = EXPECTED.filter((e) => e.year !== null);
    expect(saved.location).toBe(`${url}?added=${dated.length}&merged=0&skipped=1`);
    const rows = db
      .select()
      .from(s.publications)
      .where(eq(s.publications.researcherId, researcher.id))
      .orderBy(s.publications.id)
      .all();
    expect(rows).toHaveLength(dated.length);
    rows.forEach((row, i) => {
      expectStored(row, dated[i]);
      expect(row.type, dated[i].key).toBe(dated[i].category);
    });
    // The first of two papers under one key keeps it; the second gets one made for it.
    const keys = rows.map((r) => r.citationKey);
    expect(keys.filter((k) => k === "smith2020")).toHaveLength(1);
    expect(rows.find((r) => r.title.startsWith("Second Paper"))?.citationKey).toBeNull();

    // The profile and /publications show co-authors, "et al." and venues by type.
    const profile = await call<{
      publicationsByYear: Array<{
        items: Array<{ title: string; authors: string; citation: string }>;
      }>;
    }>(profileLoader, getRequest(`/people/${researcher.slug}`), {
      slug: researcher.slug,
    });
    const onProfile = new Map(
      profile.data!.publicationsByYear.flatMap((g) => g.items).map((p) => [p.title, p]),
    );
    expect(onProfile.get("A Global Census of Weather Stations")?.authors).toBe(
      "Lars Eriksson, Amara Okafor et al.",
    );
    expect(onProfile.get("Ångström-Scale Droplets in Mixed-Phase Clouds")).toMatchObject({
      authors: "Jan van der Berg, Juan de la Cruz Jr., Søren Østergaard",
      citation: "Journal of Cloud Modelling 12(3), 12–34",
    });
    expect(onProfile.get("Drones over Drifting Ice")?.citation).toBe(
      "In Proceedings of the 3rd Workshop on Polar Observation, pp. 5–9",
    );
    expect(
      onProfile.get("Stochastic Parameterisation of Boundary-Layer Turbulence")?.citation,
    ).toBe("PhD thesis, Uppsala University");
    const list = pubsLoader({
      request: getRequest(`/publications?author=${researcher.slug}&q=census`),
      params: {},
      context: {},
    });
    expect(list.items[0]).toMatchObject({
      title: "A Global Census of Weather Stations",
      authorNames: ["Lars Eriksson", "Amara Okafor"],
      moreAuthors: true,
      citation: "Atmospheric Data",
    });
  });
});

/** What the independent parser reads where each entry type keeps its venue. */
const VENUE_AS_READ: Record<string, string> = {
  article: "journaltitle",
  inproceedings: "booktitle",
  incollection: "booktitle",
  book: "publisher",
  phdthesis: "institution",
  mastersthesis: "institution",
  techreport: "institution",
  misc: "howpublished",
  online: "organization",
  unpublished: "note",
};

describe("the researcher's list exported", () => {
  let text: string;
  let read: ReadEntry[];
  let rows: Array<typeof s.publications.$inferSelect>;

  beforeAll(async () => {
    const res = bibLoader({
      request: getRequest(`/publications.bib?author=${researcher.slug}`),
      params: {},
      context: {},
    });
    text = await res.text();
    const parsed = parseBibtexIndependently(text);
    expect(parsed.errors).toEqual([]);
    read = parsed.entries;
    rows = db
      .select()
      .from(s.publications)
      .where(eq(s.publications.researcherId, researcher.id))
      .all();
    // The admin's import above filled the list (these tests read what it stored).
    expect(rows.length).toBeGreaterThan(30);
  });

  test("is read by an independent parser: every entry, unique keys, the fields each type takes", () => {
    expect(read).toHaveLength(rows.length);
    expect(new Set(read.map((e) => e.key)).size).toBe(read.length);
    // Only the imported entries' own extra fields may be outside a type's list
    // (a @techreport's "type", DBLP's biburl); nothing the writer makes.
    const made = ["author", "title", "journal", "booktitle", "publisher", "year", "month", "pages"];
    for (const e of read)
      expect(
        e.unexpected.filter((f) => made.includes(f)),
        e.key,
      ).toEqual([]);
    expect(text).not.toMatch(/=\s*\{\s*\}/);
    expect(text).not.toMatch(/\{R2\}/);
    for (const row of rows) {
      const entry = read.find((e) => e.fields.title === row.title);
      expect(entry, row.title).toBeDefined();
      const type = row.entryType;
      expect(entry!.type).toBe(
        { phdthesis: "thesis", mastersthesis: "thesis", techreport: "report" }[type] ?? type,
      );
      expect(entry!.fields[VENUE_AS_READ[type]], `${row.title}: venue`).toBe(row.venue);
      // BibLaTeX's own date, when the entry came with one, else year and month.
      expect(entry!.fields.date).toBe(
        row.extra.date ??
          (row.month ? `${row.year}-${String(row.month).padStart(2, "0")}` : String(row.year)),
      );
      if (row.pages) expect(entry!.fields.pages).toBe(row.pages);
      if (row.doi) expect(entry!.fields.doi).toBe(row.doi);
      if (row.eprint) expect(entry!.fields.eprint).toBe(row.eprint);
      const names = [
        ...(row.authorList ?? []),
        ...(row.moreAuthors ? [{ literal: "others" }] : []),
      ];
      expect(entry!.names.author ?? [], row.title).toEqual(names);
    }
  });

  test("reads back through the import as the same publications", async () => {
    const again = await readBibtex(text);
    if (!again.ok) throw new Error(again.error);
    expect(again.problems).toEqual([]);
    const byTitle = new Map(again.entries.map((e) => [e.title, e]));
    for (const row of rows) {
      const e = byTitle.get(row.title)!;
      expect(e, row.title).toBeDefined();
      expect({ ...e, citationKey: null }).toEqual({
        title: row.title,
        authors: row.authorList,
        moreAuthors: row.moreAuthors,
        entryType: row.entryType,
        venue: row.venue,
        year: row.year,
        month: row.month,
        pages: row.pages,
        doi: row.doi,
        url: row.url,
        eprint: row.eprint,
        eprintType: row.eprintType,
        citationKey: null,
        extra: row.extra,
      });
    }
  });

  test("keys stay the same from one export to the next, and two researchers' copies never share one", async () => {
    const keyOf = (bib: string) => bib.match(/^@\w+\{([^,]+),/)![1];
    for (const row of rows.slice(0, 5)) {
      const one = await call<{ text: string }>(
        oneBibLoader,
        getRequest(`/publications/${row.id}/bibtex`),
        { id: String(row.id) },
      );
      const key = keyOf(one.data!.text);
      expect(text).toContain(`{${key},\n`);
      expect(one.headers.get("Content-Disposition")).toContain(`filename="${key}.bib"`);
    }
    // A colleague imports two of the same papers, under the same keys.
    const colleague = createResearcher(db, { labId: researcher.labId, name: "Lars Eriksson" });
    const url = `/admin/people/${colleague.id}/publications`;
    const params = { id: String(colleague.id) };
    const form = new FormData();
    form.append("intent", "parse");
    form.append(
      "paste",
      CORPUS.slice(
        CORPUS.indexOf("@article{berg_angstrom_2021"),
        CORPUS.indexOf("@article{okafor2019tropical"),
      ),
    );
    const review = await call<Review>(
      adminImport.action,
      postForm(url, form, { token: adminToken }),
      params,
    );
    expect(review.data!.entries.map((e) => e.citationKey)).toEqual([
      "berg_angstrom_2021",
      "DBLP:conf/nips/ZhangGK22",
      "DBLP:journals/corr/abs-2101-00017",
    ]);
    await saveAll(url, adminImport.action, adminToken, review.data!, params);
    const all = bibLoader({ request: getRequest("/publications.bib"), params: {}, context: {} });
    const everything = parseBibtexIndependently(await all.text());
    expect(everything.errors).toEqual([]);
    const keys = everything.entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      keys.filter((k) => k.startsWith("berg_angstrom_2021") || /^berg2021-\d+$/.test(k)),
    ).toHaveLength(2);
    // The first export's keys are still the keys.
    for (const e of read) expect(keys).toContain(e.key);
  });
});

describe("reading is bounded", () => {
  test("a file the parser would take minutes over is refused after the time limit", async () => {
    const started = Date.now();
    const result = await readBibtex(`@article{slow, title={${'\\"o '.repeat(40_000)}}}`, {
      timeLimitMs: 500,
    });
    expect(result).toEqual({
      ok: false,
      error:
        "Reading this file took longer than 1 second. Split it into smaller files and import them one at a time.",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
