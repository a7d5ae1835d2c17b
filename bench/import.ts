/**
 * npm run bench:import — what importing people from a spreadsheet costs at
 * 10x data (10,000 researchers): a 5,000-row CSV file (4,500 new people, 500
 * updates of existing ones matched by ORCID iD, every column filled) read,
 * previewed and imported through the same functions the import page runs
 * (readCsv, planPeopleImport, importPeople: one transaction, every trigger).
 * Imports into a copy of bench/.data/atrium-10x.db, seeding it first (as
 * `npm run bench` does) when it is not there. Printed numbers, never a timed test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { importPeople, planPeopleImport } from "../app/models/people-import.server";
import { toCsv } from "../app/utils/csv";
import { readCsv } from "../app/utils/csv-read.server";
import { openDatabase } from "../app/utils/db.server";
import { seed } from "../db/seed";
import { ms } from "./lib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The 10x scale of bench/run.ts. */
const TEN_X = { researchers: 10_000, openings: 2_000, applications: 50_000 };
const ROWS = 5_000;
const UPDATES = 500;

/** A valid ORCID iD from a number (the ISO 7064 mod 11-2 check character computed). */
function orcidFor(n: number): string {
  const digits = `9${String(n).padStart(14, "0")}`;
  let total = 0;
  for (const ch of digits) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  const all = `${digits}${check === 10 ? "X" : check}`;
  return all.match(/.{4}/g)!.join("-");
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-bench-import-"));
try {
  const file = path.join(dir, "bench.db");
  const cached = path.join(ROOT, "bench", ".data", "atrium-10x.db");
  if (!fs.existsSync(cached)) {
    // Seeded as `npm run bench` seeds it (same counts, same uploads folder), so both reuse it.
    console.log(`Seeding ${path.relative(ROOT, cached)} (10x)…`);
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const seeded = openDatabase(cached);
    await seed(seeded, {
      ...TEN_X,
      uploadsDir: path.join(path.dirname(cached), "uploads-10x"),
      quiet: true,
    });
    seeded.$client.pragma("wal_checkpoint(TRUNCATE)");
    seeded.$client.exec("analyze");
    seeded.$client.close();
  }
  console.log(`Importing into a copy of ${path.relative(ROOT, cached)}`);
  fs.copyFileSync(cached, file);
  const db = openDatabase(file);
  const c = db.$client;
  const labNames = (
    c.prepare("select name from labs order by id").all() as Array<{ name: string }>
  ).map((l) => l.name);
  const areaNames = (
    c.prepare("select name from research_areas order by position").all() as Array<{ name: string }>
  ).map((a) => a.name);
  const existing = c
    .prepare(
      "select r.name, r.title, r.orcid, l.name lab from researchers r join labs l on l.id = r.lab_id where r.orcid is not null and r.id not in (select researcher_id from researcher_accounts) order by r.id limit ?",
    )
    .all(UPDATES) as Array<{ name: string; title: string; orcid: string; lab: string }>;
  const bio =
    "Works on **robust learning systems** and their evaluation, with a focus on data quality.\n\n" +
    "Before joining, spent five years building tools for climate scientists; still maintains two of them.";
  const rows: string[][] = [
    ["name", "email", "title", "lab", "areas", "ORCID iD", "homepage", "bio"],
  ];
  for (let i = 0; i < ROWS - existing.length; i++)
    rows.push([
      `Imported Person ${i} Łódź-Müller`,
      `person.${i}@import.example.org`,
      i % 3 ? "Research Scientist" : "Postdoctoral Researcher",
      labNames[i % labNames.length],
      [areaNames[i % areaNames.length], areaNames[(i + 2) % areaNames.length]].join("; "),
      orcidFor(i),
      `https://example.org/people/${i}`,
      bio,
    ]);
  for (const [i, p] of existing.entries())
    rows.push([
      p.name,
      `existing.${i}@import.example.org`,
      `${p.title} (imported)`,
      p.lab,
      areaNames[0],
      p.orcid,
      "",
      bio,
    ]);
  const bytes = new TextEncoder().encode(`\uFEFF${toCsv(rows)}`);

  const before = (c.prepare("select count(*) n from researchers").get() as { n: number }).n;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const read = readCsv(bytes);
  if (!read.ok) throw new Error(read.error);
  const t1 = performance.now();
  const planned = planPeopleImport(db, read.records, { labs: [], areas: [] });
  if (!planned.ok) throw new Error(planned.error);
  const t2 = performance.now();
  // The confirm step reads the stored file again and checks every row again before writing.
  const again = readCsv(bytes);
  if (!again.ok) throw new Error(again.error);
  const result = importPeople(db, again.records, { labs: [], areas: [] }, { userId: 1, ip: null });
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (!result.ok) throw new Error(`Import refused: ${JSON.stringify(planned.plan.counts)}`);
  const after = (c.prepare("select count(*) n from researchers").get() as { n: number }).n;
  console.log(
    `${before.toLocaleString("en")} researchers; a ${ROWS.toLocaleString("en")}-row file of ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB ` +
      `(${result.counts.added} new, ${result.counts.updated} updated) → ${after.toLocaleString("en")} researchers`,
  );
  console.log(
    `read (decode + csv-parse): ${ms(t1 - t0)} ms · preview (check every row): ${ms(t2 - t1)} ms · ` +
      `confirm (read, check again, write in one transaction): ${ms(t3 - t2)} ms · upload to imported: ${ms(t3 - t0)} ms wall, ${ms((cpu.user + cpu.system) / 1000)} ms CPU`,
  );
  db.$client.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
