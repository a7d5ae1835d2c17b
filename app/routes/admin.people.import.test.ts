import { count, eq, inArray } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  labs,
  researcherAccounts,
  researchAreas,
  researcherAreas,
  researchers,
} from "../../db/schema";
import { createArea, createLab, createResearcher } from "../../tests/builders";
import { signedIn } from "../../tests/fixtures";
import { call, getRequest, postForm } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import * as exportCsv from "./admin.people.export[.]csv";
import * as page from "./admin.people.import/route";
import * as template from "./admin.people.import_.template[.]csv";

let db: DB;
let admin: string;
let recruiter: string;
let candidate: string;
let vision: { id: number; name: string };
let robotics: { id: number };
let ethics: { id: number };

beforeAll(async () => {
  db = getDb();
  admin = (await signedIn(db, "admin")).token;
  recruiter = (await signedIn(db, "recruiter")).token;
  candidate = (await signedIn(db, "candidate")).token;
  vision = createLab(db, { name: "Vision Lab", slug: "vision" });
  robotics = createArea(db, { name: "Robotics", slug: "robotics" });
  ethics = createArea(db, { name: "Ethics and Society", slug: "ethics" });
});

const HEADER = "name,email,title,lab,areas,ORCID iD,homepage,bio";
type Preview = {
  step: "preview" | "upload";
  error: string | null;
  token: string;
  encoding: string;
  delimiter: string;
  counts: { new: number; updated: number; unchanged: number; invalid: number };
  rows: Array<{
    row: number;
    status: string;
    name: string;
    errors: Record<string, string>;
    rowError: string | null;
    changes: string[];
  }>;
  unknownLabs: Array<{ name: string; create: boolean }>;
  unknownAreas: Array<{ name: string; create: boolean }>;
};

function upload(bytes: Uint8Array | string, token = admin) {
  const fd = new FormData();
  const body = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  fd.append("file", new File([new Uint8Array(body)], "people.csv", { type: "text/csv" }));
  return call<Preview>(page.action, postForm("/admin/people/import", fd, { token }));
}

function confirm(
  token: string,
  intent: "check" | "import" = "import",
  ticks: { createLab?: string[]; createArea?: string[] } = {},
) {
  return call<Preview>(
    page.action,
    postForm(
      "/admin/people/import",
      { token, intent, fileName: "people.csv", ...ticks },
      { token: admin },
    ),
  );
}

const peopleCount = () => db.select({ n: count() }).from(researchers).get()!.n;
const importAudits = () =>
  db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(eq(auditLog.action, "directory.people_imported"))
    .all();
const byName = (name: string) =>
  db.select().from(researchers).where(eq(researchers.name, name)).get();

/** Uploads `csv`, expects a preview without invalid rows, imports it, and returns the preview. */
async function importAll(csv: Uint8Array | string) {
  const preview = await upload(csv);
  expect(preview.status).toBe(200);
  expect(preview.data!.counts.invalid, JSON.stringify(preview.data!.rows)).toBe(0);
  const done = await confirm(preview.data!.token);
  expect(done.status).toBe(302);
  return preview.data!;
}

function utf16(text: string, order: "le" | "be") {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  if (order === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  return be;
}

describe("/admin/people/import", () => {
  it("is for admins only: recruiters and candidates are refused everything", async () => {
    for (const token of [recruiter, candidate]) {
      for (const [fn, req] of [
        [page.loader, getRequest("/admin/people/import", { token })],
        [exportCsv.loader, getRequest("/admin/people/export.csv", { token })],
        [template.loader, getRequest("/admin/people/import/template.csv", { token })],
        [page.action, postForm("/admin/people/import", { intent: "import" }, { token })],
      ] as const) {
        const res = await call(fn, req);
        expect([302, 403]).toContain(res.status);
        expect(res.data && "rows" in res.data).toBeFalsy();
      }
    }
    const refused = await upload(`${HEADER}\nMallory Mole,,Spy,Vision Lab,,,,\n`, recruiter);
    expect(refused.status).toBe(403);
    expect(byName("Mallory Mole")).toBeUndefined();
  });

  it("offers a template whose example row imports", async () => {
    const res = await call(
      template.loader,
      getRequest("/admin/people/import/template.csv", { token: admin }),
    );
    expect(res.status).toBe(200);
    const text = await res.response!.text();
    const records = parse(text, { bom: true }) as string[][];
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual([
      "name",
      "email",
      "title",
      "lab",
      "areas",
      "ORCID iD",
      "homepage",
      "bio",
    ]);
    const preview = await upload(text);
    expect(preview.data!.counts).toMatchObject({ new: 1, invalid: 0 });
  });

  it("previews without writing, then imports a UTF-8 file with a BOM in one audited step", async () => {
    const before = peopleCount();
    const csv =
      `\uFEFF${HEADER}\r\n` +
      `Zoë Ångström,ZOE@example.org,Research Scientist,Vision Lab,Robotics; ethics,0000-0002-1825-0097,https://example.org/zoe,"Works on *robots*.\nAnd, ""ethics""."\r\n` +
      `Łukasz Żółw,,Postdoc,vision,,,,\r\n`;
    const preview = await upload(csv);
    expect(preview.status).toBe(200);
    expect(preview.data).toMatchObject({
      step: "preview",
      encoding: "utf-8",
      delimiter: "commas",
      counts: { new: 2, updated: 0, unchanged: 0, invalid: 0 },
    });
    expect(peopleCount()).toBe(before);

    const done = await confirm(preview.data!.token);
    expect(done.status).toBe(302);
    expect(done.location).toContain("added=2");
    expect(peopleCount()).toBe(before + 2);
    const zoe = byName("Zoë Ångström")!;
    expect(zoe).toMatchObject({
      title: "Research Scientist",
      labId: vision.id,
      orcid: "0000-0002-1825-0097",
      homepageUrl: "https://example.org/zoe",
      bio: 'Works on *robots*.\nAnd, "ethics".',
      status: "current",
      sortName: "zoë ångström",
    });
    expect(zoe.slug).toMatch(/^zoe-angstrom/);
    expect(
      db
        .select({ email: researcherAccounts.email })
        .from(researcherAccounts)
        .where(eq(researcherAccounts.researcherId, zoe.id))
        .get(),
    ).toEqual({ email: "zoe@example.org" });
    expect(
      db
        .select({ id: researcherAreas.areaId })
        .from(researcherAreas)
        .where(eq(researcherAreas.researcherId, zoe.id))
        .all()
        .map((a) => a.id)
        .sort(),
    ).toEqual([robotics.id, ethics.id].sort());
    expect(byName("Łukasz Żółw")?.labId).toBe(vision.id);
    const audits = importAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toMatchObject({ added: 2, updated: 0 });

    // The stored copy is gone: the same preview cannot be imported twice.
    const again = await confirm(preview.data!.token);
    expect(again.status).toBe(400);
    expect(again.data!.error).toMatch(/expired or was already imported/);
    expect(peopleCount()).toBe(before + 2);
  });

  it("reads UTF-16 (both byte orders), Windows-1252 and semicolon files with accents intact", async () => {
    const row = (name: string, sep: string) =>
      ["name", "email", "title", "lab", "areas", "ORCID iD", "homepage", "bio"].join(sep) +
      "\r\n" +
      [name, "", "Engineer", "Vision Lab", "Robotics", "", "", "Café crème"].join(sep) +
      "\r\n";
    const le = await importAll(utf16(row("Renée Ørsted", "\t"), "le"));
    expect(le).toMatchObject({ encoding: "utf-16le", delimiter: "tabs" });
    const be = await importAll(utf16(row("Maëlle Dvořák", ";"), "be"));
    expect(be).toMatchObject({ encoding: "utf-16be", delimiter: "semicolons" });
    // What Excel on Windows writes for "CSV (semicolon delimited)": Windows-1252, no BOM.
    // é and ü are single bytes there; 0x80 is the euro sign.
    const cp1252 = Buffer.from(row("José Müller X", ";"), "latin1");
    cp1252[cp1252.indexOf(Buffer.from(" X;", "latin1")) + 1] = 0x80;
    const w = await importAll(cp1252);
    expect(w).toMatchObject({ encoding: "windows-1252", delimiter: "semicolons" });
    for (const name of ["Renée Ørsted", "Maëlle Dvořák", "José Müller €"]) {
      expect(byName(name)?.bio, name).toBe("Café crème");
    }
  });

  it("marks each malformed cell with its reason, and imports nothing while any row is invalid", async () => {
    const other = createResearcher(db, {
      labId: vision.id,
      name: "Olga Other",
      orcid: "0000-0001-5109-3700",
    });
    db.insert(researcherAccounts)
      .values({ researcherId: other.id, email: "olga@example.org" })
      .run();
    const before = peopleCount();
    const audits = importAudits().length;
    const csv = [
      HEADER,
      "Valid Vera,,Scientist,Vision Lab,,,,", // row 2 is fine on its own
      "Bad Email,not-an-email,Scientist,Vision Lab,,,,",
      "Bad Orcid,,Scientist,Vision Lab,,0000-0002-1825-0098,,",
      "Unknown Lab,,Scientist,Atlantis Lab,Underwater Basket Weaving,,,",
      "Dup One,dup@example.org,Scientist,Vision Lab,,,,",
      "Dup Two,DUP@example.org,Scientist,Vision Lab,,,,",
      "Olga Clash,olga@example.org,Scientist,Vision Lab,,0000-0002-1825-0097,,", // email is Olga's, ORCID is Zoë's
      '"=HYPERLINK(""http://evil"")",,Scientist,Vision Lab,,,,',
      "Formula Bio,,Scientist,Vision Lab,,,,@SUM(A1)",
      ",,Scientist,Vision Lab,,,,",
      `${"L".repeat(121)},,Scientist,Vision Lab,,,,`,
      "Short Row,,Scientist",
    ].join("\n");
    const preview = await upload(csv);
    expect(preview.status).toBe(200);
    const rows = Object.fromEntries(preview.data!.rows.map((r) => [r.row, r]));
    expect(rows[2]?.status ?? "new").toBe("new");
    expect(rows[3].errors.email).toMatch(/not an email address/);
    expect(rows[4].errors.orcid).toMatch(/check digit/);
    expect(rows[5].errors.lab).toMatch(/Unknown lab “Atlantis Lab”/);
    expect(rows[5].errors.areas).toMatch(/Unknown area “Underwater Basket Weaving”/);
    expect(rows[6].status).toBe("new");
    expect(rows[7].errors.email).toMatch(/same email is on row 6/);
    expect(rows[8].errors.orcid).toMatch(/belongs to Zoë Ångström, but the email to Olga Other/);
    expect(rows[9].errors.name).toMatch(/Starts with “=”.*formula/);
    expect(rows[10].errors.bio).toMatch(/Starts with “@”/);
    expect(rows[11].errors.name).toBe("Missing name.");
    expect(rows[12].errors.name).toMatch(/at most 120 characters/);
    expect(rows[13].errors).toEqual({ lab: "Missing lab." });
    for (const r of [3, 4, 5, 7, 8, 9, 10, 11, 12, 13])
      expect(rows[r].status, `row ${r}`).toBe("invalid");
    expect(preview.data!.counts.invalid).toBe(10);
    expect(preview.data!.unknownLabs).toEqual([{ name: "Atlantis Lab", create: false }]);

    const refused = await confirm(preview.data!.token);
    expect(refused.status).toBe(400);
    expect(refused.data!.error).toMatch(/Nothing was imported/);
    expect(peopleCount()).toBe(before);
    expect(byName("Valid Vera")).toBeUndefined();
    expect(importAudits()).toHaveLength(audits);
  });

  it("creates unknown labs and areas only when ticked, after checking again", async () => {
    const csv = `${HEADER}\nNina Newlab,,Scientist,Quantum Garden,Soil Physics; Robotics,,,\n`;
    const preview = await upload(csv);
    expect(preview.data!.counts.invalid).toBe(1);
    const token = preview.data!.token;
    // Importing without the ticks is refused and creates no lab.
    expect((await confirm(token, "import")).status).toBe(400);
    expect(db.select().from(labs).where(eq(labs.name, "Quantum Garden")).get()).toBeUndefined();

    const checked = await confirm(token, "check", {
      createLab: ["quantum garden"],
      createArea: ["Soil Physics"],
    });
    expect(checked.status).toBe(200);
    expect(checked.data!.counts).toMatchObject({ new: 1, invalid: 0 });
    expect(checked.data!.unknownLabs).toEqual([{ name: "Quantum Garden", create: true }]);
    const done = await confirm(token, "import", {
      createLab: ["Quantum Garden"],
      createArea: ["Soil Physics"],
    });
    expect(done.status).toBe(302);
    const lab = db.select().from(labs).where(eq(labs.name, "Quantum Garden")).get()!;
    expect(lab.slug).toBe("quantum-garden");
    const area = db
      .select()
      .from(researchAreas)
      .where(eq(researchAreas.name, "Soil Physics"))
      .get()!;
    expect(byName("Nina Newlab")?.labId).toBe(lab.id);
    expect(
      db
        .select({ id: researcherAreas.areaId })
        .from(researcherAreas)
        .where(inArray(researcherAreas.areaId, [area.id, robotics.id]))
        .all()
        .some((r) => r.id === area.id),
    ).toBe(true);
  });

  it("updates a person matched by staff email or ORCID iD, and says which cells change", async () => {
    const p = createResearcher(db, {
      labId: vision.id,
      name: "Uma Update",
      title: "Scientist",
      orcid: "0000-0003-1415-9269",
    });
    const orcidOnly = `${HEADER}\nUma Update,uma@example.org,Senior Scientist,Vision Lab,,0000-0003-1415-9269,,\n`;
    const preview = await upload(orcidOnly);
    expect(preview.data!.counts).toMatchObject({ new: 0, updated: 1, invalid: 0 });
    expect(preview.data!.rows[0].changes).toEqual(["email", "title", "bio"]);
    expect((await confirm(preview.data!.token)).location).toContain("updated=1");
    const after = db.select().from(researchers).where(eq(researchers.id, p.id)).get()!;
    expect(after).toMatchObject({ title: "Senior Scientist", slug: p.slug, bio: "" });
    // Matched by the staff email now; a blank ORCID iD clears it.
    const byEmail = await upload(
      `${HEADER}\nUma Renamed,UMA@example.org,Senior Scientist,Vision Lab,,,,\n`,
    );
    expect(byEmail.data!.rows[0]).toMatchObject({ status: "updated", changes: ["name", "orcid"] });
  });

  it("refuses files it cannot read with a message: bad encodings, bad quoting, bad headers, too many rows", async () => {
    const before = peopleCount();
    const cases: Array<[Uint8Array | string, RegExp]> = [
      // Invalid UTF-8 with a byte Windows-1252 leaves unassigned (0x81).
      [
        Buffer.from([...Buffer.from(`${HEADER}\nA`), 0xc3, 0x81, 0x81, 0x0a]),
        /not UTF-8, UTF-16 or Windows-1252/,
      ],
      [
        Buffer.from(`${HEADER}\nAnn Lee,,Sci,Vision Lab,,,,\n`, "utf16le"),
        /UTF-16 text without its byte-order mark/,
      ],
      [
        Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x41]),
        /UTF-8 byte-order mark but is not valid UTF-8/,
      ],
      [`${HEADER}\n"Unclosed,,Sci,Vision Lab,,,,\n`, /never closed/],
      ["name,email\nAnn,\n", /lacks title, lab, areas, ORCID iD, homepage, bio/],
      [`${HEADER},salary\n`, /Unknown column “salary”/],
      [`${HEADER}\n`, /no people/],
      [
        `${HEADER}\n${"Ann Lee,,Scientist,Vision Lab,,,,\n".repeat(10_001)}`,
        /10,001 rows; import at most 10,000/,
      ],
    ];
    for (const [bytes, message] of cases) {
      const res = await upload(bytes);
      expect(res.status, String(message)).toBe(400);
      expect(res.data).toMatchObject({ step: "upload" });
      expect(res.data!.error).toMatch(message);
    }
    expect(peopleCount()).toBe(before);
  });

  it("refuses a 50 MB upload with a 413 without reading it all", async () => {
    const boundary = "----atrium-import-test";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER}\n`,
    );
    const chunk = new TextEncoder().encode("Ann Lee,,Scientist,Vision Lab,,,,\n".repeat(2000));
    const total = 50 * 1024 * 1024;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === 0) {
          pulled += head.byteLength;
          controller.enqueue(head);
        } else if (pulled < total) {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        } else controller.close();
      },
    });
    const request = new Request("http://localhost/admin/people/import", {
      method: "POST",
      body,
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        Origin: "http://localhost",
        Cookie: getRequest("/", { token: admin }).headers.get("Cookie")!,
      },
      duplex: "half",
    } as RequestInit);
    const res = await call<Preview>(page.action, request);
    expect(res.status).toBe(413);
    expect(res.data!.error).toMatch(/larger than 5 MB/);
    expect(pulled).toBeLessThan(8 * 1024 * 1024);

    // An announced 50 MB body is refused before a byte of it is read.
    const announced = await call<Preview>(
      page.action,
      new Request("http://localhost/admin/people/import", {
        method: "POST",
        body: "x",
        headers: {
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": String(total),
          Cookie: getRequest("/", { token: admin }).headers.get("Cookie")!,
        },
      }),
    );
    expect(announced.status).toBe(413);
  });

  it("exports everyone formula-safe, as csv-parse reads it, and the export imports as no change", async () => {
    const risky = createResearcher(db, {
      labId: vision.id,
      name: "Rita Risky",
      title: "=1+2",
      bio: "- a Markdown list\n- with, commas",
      homepageUrl: "https://example.org/rita",
    });
    db.insert(researcherAccounts)
      .values({ researcherId: risky.id, email: "rita@example.org" })
      .run();
    db.insert(researcherAreas).values({ researcherId: risky.id, areaId: robotics.id }).run();
    const res = await call(
      exportCsv.loader,
      getRequest("/admin/people/export.csv", { token: admin }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(Buffer.from(bytes), { bom: true }) as string[][];
    expect(records[0]).toEqual([
      "name",
      "email",
      "title",
      "lab",
      "areas",
      "ORCID iD",
      "homepage",
      "bio",
    ]);
    expect(records).toHaveLength(peopleCount() + 1);
    expect(records).toContainEqual([
      "Rita Risky",
      "rita@example.org",
      "'=1+2",
      "Vision Lab",
      "Robotics",
      "",
      "https://example.org/rita",
      "'- a Markdown list\n- with, commas",
    ]);
    const zoe = records.find((r) => r[0] === "Zoë Ångström")!;
    expect(zoe[4]).toBe("Robotics; Ethics and Society");

    const preview = await upload(bytes);
    expect(preview.status).toBe(200);
    expect(preview.data!.counts).toEqual({
      new: 0,
      updated: 0,
      unchanged: peopleCount(),
      invalid: 0,
    });
  });
});
