/**
 * The deterministic demo seed.
 *
 *   npm run db:seed -- [--researchers N] [--openings N] [--applications N] [--scale F] [--if-empty]
 *
 * `seed(db, options)` fills an empty database with Northlight Research's
 * directory (areas, labs, researchers, publications), openings with stages,
 * questions and hiring teams, the three demo accounts, and candidates with
 * applications, events, notes, scorecards and résumé files.
 *
 * Determinism: every random choice comes from one seeded generator (plus
 * seeded faker instances for names), and every date is computed from the
 * reference day `now` — so the same options and `now` give identical rows.
 * (Password hashes are the exception: argon2 salts are random by design.)
 *
 * Speed: rows are written with prepared statements on the raw better-sqlite3
 * client inside synchronous transactions, under bulk-load settings that last
 * only while the seed runs (db/seed-bulk.ts: no fsync, journal in memory, a
 * large page cache); résumé files go to the upload storage's bulk writer
 * (a worker thread beside the inserts for the local folder); the application tables' secondary indexes, the version counters'
 * triggers and the search indexes do their work once after the rows
 * (db/seed-bulk.ts, db/seed-fts.ts).
 */
import crypto from "node:crypto";
import { seedOpeningTerms } from "./seed-candidate";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as fakerLocales from "@faker-js/faker";
import { Faker, base, en, type LocaleDefinition } from "@faker-js/faker";
import { z } from "zod";
import { hashPassword } from "../app/auth/password.server";
import { openDatabase, type DB } from "../app/utils/db.server";
import { getEnv, resolvePath } from "../app/utils/env.server";
import {
  getUploadStorage,
  localStorage,
  type BulkWriter,
  type UploadStorage,
} from "../app/utils/storage/index.server";
import { slugify, uniqueSlug } from "../app/utils/slug";
import { countryName } from "../app/utils/countries";
import { DEFAULT_STAGES, withPublicStatus } from "../app/lib/pipeline-options";
import type { ApplicationStatus, OpeningKind, PublicStatus, RemotePolicy } from "../app/lib/enums";
import * as C from "./seed-content";
import { phase, progress } from "./progress";
import { seedHiring } from "./seed-hiring";
import { buildResumePdf } from "./seed-pdf";
import { seedEvents } from "./seed-events";
import { seedOutputs } from "./seed-outputs";
import { suspendSearchIndexing } from "./seed-fts";
import { bulkLoadSettings, deferIndexes, suspendVersionCounters } from "./seed-bulk";

export const SEED_DEFAULTS = { researchers: 120, openings: 40, applications: 300 } as const;
export const DEMO_PASSWORD = "atrium-demo-2026";
export const DEMO_ACCOUNTS = {
  candidate: { email: "candidate@atrium.test", name: "Jamie Rivera", role: "candidate" },
  recruiter: { email: "recruiter@atrium.test", name: "Morgan Ellis", role: "recruiter" },
  admin: { email: "admin@atrium.test", name: "Priya Natarajan", role: "admin" },
} as const;
/** Seeded candidates' emails use this reserved domain, so they can never reach anyone. */
export const CANDIDATE_EMAIL_DOMAIN = "example.test";
/** At most this many generated candidates (each has one résumé file on disk). */
const MAX_CANDIDATES = 5_000;
/** Applications written per transaction (and per progress step). */
const APPLICATION_BATCH = 5_000;

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeedOptions {
  researchers?: number;
  openings?: number;
  applications?: number;
  /** Reference day; every date is relative to it. Default: start of the current UTC day. */
  now?: number;
  /** A local folder for the seeded files instead of the configured storage. */
  uploadsDir?: string;
  /** Where the seeded files are stored. Default: `uploadsDir`, else UPLOADS_DIR or the UPLOADS_URL bucket. */
  storage?: UploadStorage;
  /** Print nothing (tests). */
  quiet?: boolean;
  /**
   * Fill the search indexes once at the end instead of row by row through
   * their triggers (db/seed-fts.ts). Default true; false only to check that
   * both give the same index.
   */
  bulkIndex?: boolean;
}

export interface SeedSummary {
  areas: number;
  labs: number;
  researchers: number;
  publications: number;
  openings: number;
  users: number;
  candidates: number;
  applications: number;
  events: number;
  files: number;
  ms: number;
  /** Seconds each batch of 5,000 applications took, in order. */
  batchSeconds: number[];
}

export function startOfUtcDay(ms = Date.now()): number {
  return Math.floor(ms / DAY) * DAY;
}

/** True when the database holds no directory, openings or users yet. */
export function isDatabaseEmpty(db: DB): boolean {
  const row = db.$client
    .prepare(
      "select (select count(*) from researchers) + (select count(*) from openings) + (select count(*) from users) + (select count(*) from research_areas) as n",
    )
    .get() as { n: number };
  return row.n === 0;
}

// ───────────────────────────── randomness ─────────────────────────────

/** mulberry32: tiny, fast and good enough for demo data; seeded, so reproducible. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: ReadonlyArray<{ value: T; weight: number }>): T {
    const total = items.reduce((sum, i) => sum + i.weight, 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item.value;
    }
    return items[items.length - 1].value;
  }
  /** `k` distinct items (k ≤ items.length), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
  hex(length: number): string {
    let out = "";
    while (out.length < length)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return out.slice(0, length);
  }
  alnum(length: number): string {
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let out = "";
    for (let i = 0; i < length; i++) out += chars[Math.floor(this.next() * chars.length)];
    return out;
  }
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** One seeded faker per locale, for names only. */
function makeNameSource() {
  const fakers = new Map<string, Faker>();
  const localeDefs = fakerLocales as unknown as Record<string, LocaleDefinition>;
  return (locale: string) => {
    let f = fakers.get(locale);
    if (!f) {
      f = new Faker({ locale: [localeDefs[locale] ?? en, en, base] });
      f.seed(hashString(locale));
      fakers.set(locale, f);
    }
    return { first: f.person.firstName(), last: f.person.lastName() };
  };
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const asciiHandle = (s: string) => slugify(s).replace(/-/g, "");

// ───────────────────────────── the seed ─────────────────────────────

interface OpeningInfo {
  id: number;
  status: "draft" | "open" | "closed";
  publishedAt: number | null;
  closedAt: number | null;
  closesAt: number | null;
  topic: string;
  stages: Array<{ id: number; name: string; publicStatus: PublicStatus }>;
  questions: Array<{ id: number; template: C.QuestionTemplate }>;
  criteria: string[];
}

/**
 * Fills an empty database with demo data. Throws if the database is not empty
 * (the CLI turns that into a message pointing to `npm run db:reset`).
 */
export async function seed(db: DB, options: SeedOptions = {}): Promise<SeedSummary> {
  if (!isDatabaseEmpty(db)) throw new Error("The database already has data.");
  const restoreSettings = bulkLoadSettings(db.$client);
  const restoreCounters = suspendVersionCounters(db.$client);
  const buildIndexes = options.bulkIndex === false ? () => {} : suspendSearchIndexing(db);
  const storage =
    options.storage ?? (options.uploadsDir ? localStorage(options.uploadsDir) : getUploadStorage());
  const files = storage.bulkWriter();
  try {
    return await seedRows(db, options, buildIndexes, files);
  } finally {
    files.stop(); // already finished unless the seed failed
    try {
      buildIndexes(); // idempotent: already done unless the seed failed
      restoreCounters();
    } finally {
      restoreSettings();
    }
  }
}

async function seedRows(
  db: DB,
  options: SeedOptions,
  buildIndexes: () => void,
  files: BulkWriter,
): Promise<SeedSummary> {
  const started = performance.now();
  const trace = traceSteps(options.quiet ?? false);
  // On a terminal, the step under way (the applications have their own count).
  let step: { done(): void } | null = null;
  const show = (label: string | null) => {
    step?.done();
    step = options.quiet || label === null ? null : phase(label);
  };
  const counts = {
    researchers: options.researchers ?? SEED_DEFAULTS.researchers,
    openings: options.openings ?? SEED_DEFAULTS.openings,
    applications: options.applications ?? SEED_DEFAULTS.applications,
  };
  const now = options.now ?? startOfUtcDay();
  // Hashing is deliberately slow: hash once, reuse for every seeded account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const rng = new Rng(20260101);
  const nameOf = makeNameSource();
  const client = db.$client;
  const summary: SeedSummary = {
    areas: 0,
    labs: 0,
    researchers: 0,
    publications: 0,
    openings: 0,
    users: 0,
    candidates: 0,
    applications: 0,
    events: 0,
    files: 0,
    ms: 0,
    batchSeconds: [],
  };

  trace("password hash");
  show(`Seeding ${counts.researchers.toLocaleString("en")} researchers and their publications`);
  // ── areas and labs ──
  const areaIds: number[] = [];
  const labIds: number[] = [];
  client.transaction(() => {
    const insertArea = client.prepare(
      "insert into research_areas (slug, name, summary, description, position, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    );
    C.AREAS.forEach((a, i) => {
      const at = now - 900 * DAY;
      areaIds.push(
        Number(insertArea.run(a.slug, a.name, a.summary, a.description, i, at, at).lastInsertRowid),
      );
    });
    const insertLab = client.prepare(
      "insert into labs (slug, name, city, country, description, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    );
    C.LABS.forEach((l) => {
      const at = now - 900 * DAY;
      labIds.push(
        Number(
          insertLab.run(l.slug, l.name, l.city, l.country, l.description, at, at).lastInsertRowid,
        ),
      );
    });
  })();
  summary.areas = areaIds.length;
  summary.labs = labIds.length;

  // ── researchers ──
  const currentByLab: number[][] = C.LABS.map(() => []);
  const allCurrent: number[] = [];
  const researcherSlugs = new Set<string>();
  const labWeights = C.LABS.map((_, i) => ({
    value: i,
    weight: [18, 16, 10, 14, 12, 10, 11, 9][i] ?? 10,
  }));
  const maxYear = new Date(now).getUTCFullYear();
  const featuredCandidates: Array<{ id: number; lab: number; area: number; current: boolean }> = [];

  client.transaction(() => {
    // Areas are inserted before their researcher (foreign keys checked at commit),
    // so the FTS insert trigger indexes the area names in one go.
    client.pragma("defer_foreign_keys = ON");
    const insertResearcher = client.prepare(
      `insert into researchers (id, slug, name, sort_name, title, lab_id, bio, homepage_url, orcid, scholar_url, github_url, status, featured, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    );
    const insertArea = client.prepare(
      "insert into researcher_areas (researcher_id, area_id) values (?, ?)",
    );
    const insertPub = client.prepare(
      "insert into publications (researcher_id, title, venue, year, url) values (?, ?, ?, ?, ?)",
    );
    for (let i = 0; i < counts.researchers; i++) {
      const id = i + 1;
      const labIndex = rng.weighted(labWeights);
      const lab = C.LABS[labIndex];
      const locale = lab.locale && rng.chance(0.6) ? lab.locale : rng.pick(C.GLOBAL_LOCALES);
      const { first, last } = nameOf(locale);
      const name = `${first} ${last}`;
      const slug = uniqueSlug(name, (s) => researcherSlugs.has(s));
      researcherSlugs.add(slug);
      const title = rng.weighted(C.TITLES);
      const alumni = rng.chance(0.05);
      const areaCount = rng.weighted([
        { value: 1, weight: 45 },
        { value: 2, weight: 42 },
        { value: 3, weight: 13 },
      ]);
      const areaIdx = rng.sample([0, 1, 2, 3, 4, 5], areaCount);
      const topics = rng.sample(C.AREAS[areaIdx[0]].topics, 3);
      const otherTopic = rng.pick(C.AREAS[areaIdx[areaIdx.length - 1]].topics);
      const bio = buildBio(rng, { first, title, lab, topics, otherTopic, alumni });
      const handle = asciiHandle(`${first}${last}`) || `researcher${id}`;
      const createdAt = now - rng.int(30, 1500) * DAY - rng.int(0, 23) * HOUR;
      const updatedAt = Math.min(now, createdAt + rng.int(0, 400) * DAY);
      for (const a of areaIdx) insertArea.run(id, areaIds[a]);
      insertResearcher.run(
        id,
        slug,
        name,
        name.toLowerCase(),
        title,
        labIds[labIndex],
        bio,
        rng.chance(0.6) ? `https://${handle}.example.org` : null,
        rng.chance(0.7) ? orcid(rng) : null,
        rng.chance(0.6) ? `https://scholar.google.com/citations?user=${rng.alnum(12)}` : null,
        rng.chance(0.45) ? `https://github.com/${handle}${rng.int(1, 99)}` : null,
        alumni ? "alumni" : "current",
        createdAt,
        updatedAt,
      );
      const pubCount = rng.int(2, 8);
      for (let p = 0; p < pubCount; p++) {
        const area = C.AREAS[rng.pick(areaIdx)];
        const year = rng.int(2012, Math.min(2026, maxYear));
        const pubTitle = cap(
          fill(rng.pick(C.PUBLICATION_PATTERNS), {
            Method: rng.pick(area.methods),
            method: rng.pick(area.methods).toLowerCase(),
            topic: rng.pick(area.topics),
            topic2: rng.pick(C.AREAS[rng.int(0, 5)].topics),
            n: String(rng.int(3, 40)),
          }),
        );
        const url = rng.chance(0.85)
          ? `https://doi.org/10.5555/${year}.${rng.int(10000, 99999)}`
          : null;
        insertPub.run(id, pubTitle, rng.pick(area.venues), year, url);
        summary.publications++;
      }
      if (!alumni) {
        currentByLab[labIndex].push(id);
        allCurrent.push(id);
      }
      featuredCandidates.push({ id, lab: labIndex, area: areaIdx[0], current: !alumni });
    }
    // ~8 featured current researchers: one per lab, areas rotating.
    const featured = new Set<number>();
    for (let k = 0; k < C.LABS.length; k++) {
      const inLab = featuredCandidates.filter(
        (r) => r.current && r.lab === k && !featured.has(r.id),
      );
      const pick = inLab.find((r) => r.area === k % C.AREAS.length) ?? inLab[0];
      if (pick) featured.add(pick.id);
    }
    const markFeatured = client.prepare("update researchers set featured = 1 where id = ?");
    for (const id of featured) markFeatured.run(id);
  })();
  summary.researchers = counts.researchers;
  trace("researchers");
  show(`Seeding ${counts.openings.toLocaleString("en")} openings`);

  // ── openings ──
  const openings: OpeningInfo[] = [];
  const openingSlugs = new Set<string>();
  const forcedKinds = new Map<number, OpeningKind>([
    [0, "researcher"],
    [1, "postdoc"],
    [2, "intern"],
    [4, "fellowship"],
    [6, "engineer"],
  ]);
  client.transaction(() => {
    client.pragma("defer_foreign_keys = ON");
    const insertOpening = client.prepare(
      `insert into openings (id, slug, title, kind, lab_id, location, remote_policy, summary, description, qualifications, scorecard_criteria, closes_at, status, published_at, closed_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertArea = client.prepare(
      "insert into opening_areas (opening_id, area_id) values (?, ?)",
    );
    const insertTeam = client.prepare(
      "insert into opening_team (opening_id, researcher_id, position) values (?, ?, ?)",
    );
    const insertQuestion = client.prepare(
      "insert into screening_questions (opening_id, position, label, type, required, options) values (?, ?, ?, ?, ?, ?)",
    );
    const insertStage = client.prepare(
      "insert into stages (opening_id, position, name, kind, public_status) values (?, ?, ?, ?, ?)",
    );
    for (let j = 0; j < counts.openings; j++) {
      const id = j + 1;
      const status: OpeningInfo["status"] =
        j % 10 === 3 ? "closed" : j % 10 === 7 ? "draft" : "open";
      const pastDue = j === 5;
      const kind = forcedKinds.get(j) ?? rng.weighted(C.KIND_WEIGHTS);
      const labIndex = rng.weighted(labWeights);
      const lab = C.LABS[labIndex];
      const areaIdx = rng.sample([0, 1, 2, 3, 4, 5], rng.chance(0.35) ? 2 : 1);
      const area = C.AREAS[areaIdx[0]];
      const topic = rng.pick(area.topics);
      const title = fill(rng.pick(C.KIND_TITLES[kind]), { Topic: cap(topic), Area: area.name });
      const slug = uniqueSlug(title, (s) => openingSlugs.has(s));
      openingSlugs.add(slug);
      const remote = rng.weighted<RemotePolicy>([
        { value: "onsite", weight: 45 },
        { value: "hybrid", weight: 40 },
        { value: "remote", weight: 15 },
      ]);

      let publishedAt: number | null = null;
      let closedAt: number | null = null;
      let closesAt: number | null = null;
      let createdAt: number;
      if (status === "open") {
        publishedAt = pastDue ? now - 70 * DAY : now - rng.int(1, 90) * DAY - rng.int(0, 20) * HOUR;
        closesAt = pastDue ? now - 3 * DAY : rng.chance(0.8) ? now + rng.int(14, 70) * DAY : null;
        createdAt = publishedAt - rng.int(1, 14) * DAY;
      } else if (status === "closed") {
        publishedAt = now - rng.int(60, 150) * DAY - rng.int(0, 20) * HOUR;
        closedAt = Math.min(now - DAY, publishedAt + rng.int(20, 50) * DAY);
        closesAt = rng.chance(0.7) ? closedAt : null;
        createdAt = publishedAt - rng.int(1, 14) * DAY;
      } else {
        createdAt = now - rng.int(1, 20) * DAY - rng.int(0, 20) * HOUR;
        closesAt = rng.chance(0.5) ? now + rng.int(42, 84) * DAY : null;
      }
      const updatedAt = closedAt ?? publishedAt ?? createdAt;
      const criteria =
        kind === "engineer"
          ? C.SCORECARD_SETS[2]
          : kind === "intern"
            ? C.SCORECARD_SETS[3]
            : rng.pick(C.SCORECARD_SETS.slice(0, 2));

      for (const a of areaIdx) insertArea.run(id, areaIds[a]);
      insertOpening.run(
        id,
        slug,
        title,
        kind,
        labIds[labIndex],
        `${lab.city}, ${countryName(lab.country)}`,
        remote,
        buildOpeningSummary(rng, kind, topic, lab),
        buildOpeningDescription(rng, { kind, topic, area, lab, remote }),
        buildQualifications(rng, kind, topic, area),
        JSON.stringify(criteria),
        closesAt,
        status,
        publishedAt,
        closedAt,
        createdAt,
        updatedAt,
      );

      // Hiring team: mostly from the opening's own lab.
      const team: number[] = [];
      const teamSize = rng.int(1, 4);
      for (let t = 0; t < teamSize * 3 && team.length < teamSize; t++) {
        const pool =
          rng.chance(0.8) && currentByLab[labIndex].length > 0
            ? currentByLab[labIndex]
            : allCurrent;
        if (pool.length === 0) break;
        const r = rng.pick(pool);
        if (!team.includes(r)) team.push(r);
      }
      team.forEach((r, position) => insertTeam.run(id, r, position));

      const questions = rng.sample(C.QUESTIONS, rng.int(0, 3)).map((q, position) => ({
        id: Number(
          insertQuestion.run(
            id,
            position,
            q.label,
            q.type,
            q.required ? 1 : 0,
            JSON.stringify(q.options ?? []),
          ).lastInsertRowid,
        ),
        template: q,
      }));

      // A few openings add a research talk, an interview-like stage of their own.
      const stageDefs = DEFAULT_STAGES.slice();
      if (j % 7 === 2) stageDefs.splice(3, 0, { name: "Research talk", kind: "custom" });
      const stageRows = withPublicStatus(stageDefs).map((st, position) => ({
        id: Number(
          insertStage.run(id, position, st.name, st.kind, st.publicStatus).lastInsertRowid,
        ),
        name: st.name,
        publicStatus: st.publicStatus,
      }));
      openings.push({
        id,
        status,
        publishedAt,
        closedAt,
        closesAt,
        topic,
        stages: stageRows,
        questions,
        criteria,
      });
    }
  })();
  summary.openings = openings.length;
  trace("openings");
  show("Seeding candidates and résumés");

  // ── demo accounts ──
  const insertUser = client.prepare(
    "insert into users (email, name, password_hash, role, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
  );
  const accountIds = {} as Record<keyof typeof DEMO_ACCOUNTS, number>;
  client.transaction(() => {
    for (const key of ["admin", "recruiter", "candidate"] as const) {
      const a = DEMO_ACCOUNTS[key];
      const at = now - (key === "candidate" ? 100 : 400) * DAY;
      accountIds[key] = Number(
        insertUser.run(a.email, a.name, passwordHash, a.role, at, at).lastInsertRowid,
      );
    }
  })();
  summary.users = 3;

  // ── candidates, résumés and applications ──
  const apps = seedApplications({
    db,
    rng,
    nameOf,
    now,
    passwordHash,
    openings,
    total: counts.applications,
    accountIds,
    summary,
    quiet: options.quiet ?? false,
    files,
    trace,
    endStep: () => show(null),
  });
  summary.applications = apps;
  trace("applications");
  show("Seeding events, outputs and hiring data");
  seedEvents(db, { now });
  seedOutputs(db, { now });
  seedOpeningTerms(db);
  seedHiring(db, { now, files });
  trace("events, outputs and terms");
  show("Building the search indexes");
  buildIndexes();
  trace("search indexes");
  show("Writing the last résumé files");
  await files.finish();
  trace("résumé files on disk");
  show(null);
  summary.ms = Math.round(performance.now() - started);
  if (!options.quiet) {
    console.log(
      `Seeded ${summary.areas} areas, ${summary.labs} labs, ${summary.researchers} researchers (${summary.publications} publications), ` +
        `${summary.openings} openings, 3 demo accounts, ${summary.candidates} candidates, ${summary.applications} applications ` +
        `(${summary.events} events), ${summary.files} résumé files in ${(summary.ms / 1000).toFixed(1)} s`,
    );
    const b = summary.batchSeconds;
    if (b.length > 1)
      console.log(
        `Applications in ${b.length} batches of ${APPLICATION_BATCH.toLocaleString("en")}: first ${b[0].toFixed(1)} s, last ${b[b.length - 1].toFixed(1)} s, slowest ${Math.max(...b).toFixed(1)} s`,
      );
  }
  return summary;
}

/**
 * With SEED_TRACE=1, how long each step took (on stderr): where a slow seed
 * spends its time. The process's CPU time (user + system, all threads) is
 * printed beside the wall time, because on a shared machine the wall time
 * mostly measures the other work.
 */
function traceSteps(quiet: boolean) {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const on = !quiet && !!process.env.SEED_TRACE;
  return (step: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    if (on)
      console.error(
        `  ${step}: ${((now - last) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`,
      );
    last = now;
    lastCpu = process.cpuUsage();
  };
}

/** A well-formed ORCID iD: random digits and the ISO 7064 check character the profile forms require. */
function orcid(rng: Rng): string {
  const d = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
  const body = `0000-000${rng.int(1, 3)}-${d(4)}-${d(3)}`;
  // The draw that once picked a random last character is kept, so every later value stays the same.
  if (!rng.chance(0.1)) rng.int(0, 9);
  const digits = body.replace(/-/g, "");
  let total = 0;
  for (const ch of digits) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  return `${body}${check === 10 ? "X" : check}`;
}

function buildBio(
  rng: Rng,
  p: {
    first: string;
    title: string;
    lab: C.LabContent;
    topics: string[];
    otherTopic: string;
    alumni: boolean;
  },
): string {
  const [t1, t2, t3] = p.topics;
  const role = p.title.toLowerCase();
  const intro = p.alumni
    ? `${p.first} was a ${role} at ${p.lab.name} in ${p.lab.city}, where they worked on **${t1}** and ${t2}.`
    : `${p.first} is a ${role} at ${p.lab.name} in ${p.lab.city}, working on **${t1}** and ${t2}.`;
  const approach = rng.pick([
    `Their research asks how ${t1} can be made reliable enough to use outside the lab.`,
    `Much of their work combines ${t1} with ideas from ${p.otherTopic}.`,
    `They care about methods that are simple to explain, cheap to run and honest about their limits.`,
    `Their recent projects measure what ${t2} actually changes for the people who use it.`,
  ]);
  const uni = rng.pick(C.UNIVERSITIES);
  const before = rng.pick([
    `Before joining Northlight, ${p.first} completed a PhD at ${uni} on ${t3}.`,
    `Before joining Northlight, ${p.first} was a postdoctoral researcher at ${uni}, studying ${t3}.`,
    `${p.first} spent ${rng.int(2, 8)} years building ${t3} systems in industry before returning to research.`,
    `${p.first} holds a PhD from ${uni}, where their thesis looked at ${t3}.`,
  ]);
  const recent = rng.pick([
    `Recent work includes an open benchmark for ${t2} and a study of ${p.otherTopic} in practice.`,
    `They have published on ${t2}, ${t3} and ${p.otherTopic}, often with collaborators outside computer science.`,
    `Their current project, with partners across ${rng.int(2, 6)} institutions, looks at ${p.otherTopic}.`,
  ]);
  const paragraphs = [`${intro} ${approach}`, `${before} ${recent}`];
  if (rng.chance(0.6)) {
    paragraphs.push(
      rng.pick([
        `${p.first} co-organises a yearly workshop on ${t1} and mentors students in Northlight's residency programme.`,
        `Outside research, ${p.first} teaches a graduate course on ${t2} at ${rng.pick(C.UNIVERSITIES)}.`,
        `${p.first} maintains open-source tools for ${t3} and welcomes contributions.`,
        `${p.first} is happy to hear from prospective interns interested in ${t1}.`,
      ]),
    );
  }
  return paragraphs.join("\n\n");
}

function buildOpeningSummary(
  rng: Rng,
  kind: OpeningKind,
  topic: string,
  lab: C.LabContent,
): string {
  const who = {
    researcher: "a research scientist",
    postdoc: "a postdoctoral researcher",
    intern: "a research intern",
    fellowship: "a visiting fellow",
    engineer: "a research engineer",
  }[kind];
  return rng.pick([
    `${lab.name} is looking for ${who} to advance our work on ${topic}.`,
    `Join a small team in ${lab.city} as ${who} working on ${topic}, from first idea to published result.`,
    `We are hiring ${who} to help build the next generation of ${topic} research at ${lab.name}.`,
  ]);
}

function buildOpeningDescription(
  rng: Rng,
  p: {
    kind: OpeningKind;
    topic: string;
    area: C.AreaContent;
    lab: C.LabContent;
    remote: RemotePolicy;
  },
): string {
  const [t2, t3] = rng.sample(
    p.area.topics.filter((t) => t !== p.topic),
    2,
  );
  const duration =
    p.kind === "intern"
      ? "This is a 12- to 16-week internship with a dedicated host researcher."
      : p.kind === "postdoc"
        ? "The position is for two years, with the possibility of a third."
        : p.kind === "fellowship"
          ? "Fellowships last six to twelve months and come with a research budget."
          : "This is a permanent, full-time position.";
  const where = {
    onsite: `You will work from our ${p.lab.city} lab.`,
    hybrid: `You will spend about three days a week at our ${p.lab.city} lab.`,
    remote: `The role is remote-friendly within a few hours of ${p.lab.city}'s time zone, with regular visits to the lab.`,
  }[p.remote];
  return `The ${p.area.name} group at ${p.lab.name} works on ${p.topic}, ${t2} and ${t3}. ${duration} ${where}

## What you will do

- Design and run experiments on ${p.topic}, and share what you learn in papers, code and talks.
- Work with colleagues across Northlight's labs and with university partners.
- ${rng.pick([`Help shape our open-source tools for ${t2}.`, `Mentor interns and visiting students.`, `Turn promising prototypes into tools other researchers can use.`])}

## About the team

${p.area.summary} You will join a team of ${rng.int(4, 15)} people who value careful work, open publication and kind, direct feedback.`;
}

function buildQualifications(
  rng: Rng,
  kind: OpeningKind,
  topic: string,
  area: C.AreaContent,
): string {
  const required = C.KIND_QUALIFICATIONS[kind].map((q) => `- ${fill(q, { topic })}`).join("\n");
  const nice = rng
    .sample(
      [
        `Experience with ${rng.pick(area.topics)}`,
        "Open-source contributions",
        "Experience mentoring students",
        "Publications at venues such as " + area.venues.slice(0, 2).join(" or "),
        "Comfort explaining technical work to non-specialists",
      ],
      2,
    )
    .map((q) => `- ${q}`)
    .join("\n");
  return `### Required\n\n${required}\n\n### Nice to have\n\n${nice}`;
}

// ───────────────────────────── applications ─────────────────────────────

interface AppSpec {
  opening: OpeningInfo;
  candidate: number; // index into candidates; -1 = the demo candidate
  createdAt: number;
  /** For the demo candidate: the exact state to reach. */
  demoState?: "received" | "in_review" | "interviewing" | "rejected" | "withdrawn";
}

interface EventRow {
  at: number;
  actor: number | null;
  type: "submitted" | "moved" | "rejected" | "hired" | "withdrawn" | "note" | "scorecard";
  from: number | null;
  to: number | null;
  visible: boolean;
  publicStatus: PublicStatus | null;
  publicMessage: string | null;
  internal: string | null;
}

function seedApplications(p: {
  db: DB;
  rng: Rng;
  nameOf: (locale: string) => { first: string; last: string };
  now: number;
  passwordHash: string;
  openings: OpeningInfo[];
  total: number;
  accountIds: Record<"admin" | "recruiter" | "candidate", number>;
  summary: SeedSummary;
  quiet: boolean;
  files: BulkWriter;
  trace: (step: string) => void;
  /** Clears the step shown on a terminal before the applications' own count. */
  endStep: () => void;
}): number {
  const { rng, now, openings, accountIds } = p;
  const client = p.db.$client;
  const published = openings.filter((o) => o.publishedAt !== null);
  const openNow = published.filter(
    (o) => o.status === "open" && (o.closesAt === null || o.closesAt > now),
  );

  // Demo candidate: one application in each interesting state.
  const specs: AppSpec[] = [];
  const demoStates = ["received", "in_review", "interviewing", "rejected", "withdrawn"] as const;
  const demoOpenings = rng.sample(openNow, Math.min(demoStates.length, p.total));
  demoOpenings.forEach((opening, i) => {
    const state = demoStates[i];
    // Older applications are further along.
    const ageDays = { received: 3, in_review: 12, interviewing: 25, rejected: 30, withdrawn: 18 }[
      state
    ];
    const createdAt = Math.max(
      opening.publishedAt! + 2 * HOUR,
      now - ageDays * DAY - rng.int(1, 10) * HOUR,
    );
    specs.push({ opening, candidate: -1, createdAt, demoState: state });
  });

  // Generated candidates: about three applications each, never two to the same opening.
  const rest = published.length > 0 ? p.total - specs.length : 0;
  const candidateCount =
    rest <= 0
      ? 0
      : Math.max(Math.min(Math.ceil(rest / 3), MAX_CANDIDATES), Math.ceil(rest / published.length));
  for (let c = 0; c < candidateCount; c++) {
    const n = Math.floor(rest / candidateCount) + (c < rest % candidateCount ? 1 : 0);
    const chosen =
      n * 2 < published.length ? pickDistinct(rng, published, n) : rng.sample(published, n);
    for (const opening of chosen) {
      const start = opening.publishedAt! + HOUR;
      const end = (opening.closedAt ?? now) - HOUR;
      specs.push({
        opening,
        candidate: c,
        createdAt: start + Math.floor(rng.next() * Math.max(HOUR, end - start)),
      });
    }
  }
  // Ids follow submission time, as they would in real use.
  specs.sort((a, b) => a.createdAt - b.createdAt);

  // ── candidate users, profiles and résumés ──
  const firstSeen = new Map<number, number>();
  for (const s of specs) if (!firstSeen.has(s.candidate)) firstSeen.set(s.candidate, s.createdAt);
  const candidateIds: number[] = [];
  const resumeIds: number[] = [];
  let demoResumeId = 0;
  client.transaction(() => {
    const insertUser = client.prepare(
      "insert into users (email, name, password_hash, role, created_at, updated_at) values (?, ?, ?, 'candidate', ?, ?)",
    );
    const insertFile = client.prepare(
      `insert into files (owner_user_id, kind, storage_name, original_name, content_type, size, sha256, created_at)
       values (?, 'resume', ?, ?, 'application/pdf', ?, ?, ?)`,
    );
    const insertProfile = client.prepare(
      `insert into candidate_profiles (user_id, headline, location, homepage_url, orcid, scholar_url, github_url, linkedin_url, resume_file_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // `complete`: every link filled in (the demo candidate's profile shows them all).
    const addProfile = (userId: number, name: string, createdAt: number, complete = false) => {
      const handle = asciiHandle(name) || `candidate${userId}`;
      const topic = rng.pick(rng.pick(C.AREAS).topics);
      const headline = fill(rng.pick(C.HEADLINES), { topic });
      const lab = rng.pick(C.LABS);
      const location = `${lab.city}, ${countryName(lab.country)}`;
      const pdf = buildResumePdf(name, [
        headline,
        location,
        "",
        "Education",
        `PhD, ${rng.pick(C.UNIVERSITIES)}`,
        "",
        "Research interests",
        `${cap(topic)}, ${rng.pick(rng.pick(C.AREAS).topics)}`,
      ]);
      const storageName = `${rng.hex(32)}.pdf`;
      p.files.write(storageName, pdf);
      const sha256 = crypto.createHash("sha256").update(pdf).digest("hex");
      const fileId = Number(
        insertFile.run(
          userId,
          storageName,
          `${name.replace(/[^\p{L}\p{N}]+/gu, "_")}_CV.pdf`,
          pdf.length,
          sha256,
          createdAt,
        ).lastInsertRowid,
      );
      insertProfile.run(
        userId,
        headline,
        location,
        complete || rng.chance(0.4) ? `https://${handle}.example.org` : null,
        complete || rng.chance(0.4) ? orcid(rng) : null,
        complete || rng.chance(0.3)
          ? `https://scholar.google.com/citations?user=${rng.alnum(12)}`
          : null,
        complete || rng.chance(0.5) ? `https://github.com/${handle}` : null,
        complete || rng.chance(0.5) ? `https://www.linkedin.com/in/${handle}` : null,
        fileId,
        createdAt,
        createdAt,
      );
      p.summary.files++;
      return fileId;
    };
    demoResumeId = addProfile(
      accountIds.candidate,
      DEMO_ACCOUNTS.candidate.name,
      now - 100 * DAY,
      true,
    );
    for (let c = 0; c < candidateCount; c++) {
      const { first, last } = p.nameOf(rng.pick(C.GLOBAL_LOCALES));
      const name = `${first} ${last}`;
      const email = `${asciiHandle(first) || "candidate"}.${asciiHandle(last) || "x"}.${c + 1}@${CANDIDATE_EMAIL_DOMAIN}`;
      const createdAt = (firstSeen.get(c) ?? now) - rng.int(1, 20) * DAY;
      const id = Number(
        insertUser.run(email, name, p.passwordHash, createdAt, createdAt).lastInsertRowid,
      );
      candidateIds.push(id);
      resumeIds.push(addProfile(id, name, createdAt));
    }
  })();
  p.summary.candidates = candidateCount;
  p.summary.users += candidateCount;
  p.trace("candidates and résumés");
  p.endStep();

  // ── applications with their events, answers, notes and scorecards ──
  const insertApp = client.prepare(
    `insert into applications (id, opening_id, candidate_id, stage_id, status, resume_file_id, cover_letter, source, consent_at, version, stage_entered_at, public_changed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = client.prepare(
    `insert into application_events (application_id, at, actor_user_id, type, from_stage_id, to_stage_id, candidate_visible, public_status, public_message, internal_detail)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = client.prepare(
    "insert into application_answers (application_id, question_id, value) values (?, ?, ?)",
  );
  const insertNote = client.prepare(
    "insert into notes (application_id, author_user_id, body, created_at) values (?, ?, ?, ?)",
  );
  const insertScorecard = client.prepare(
    `insert into scorecards (application_id, reviewer_user_id, ratings, recommendation, comment, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const hiredOn = new Set<number>();
  const staff = [accountIds.recruiter, accountIds.recruiter, accountIds.admin];

  let nextAppId =
    1 +
    (client.prepare("select coalesce(max(id), 0) as m from applications").get() as { m: number }).m;
  const writeBatch = client.transaction((batch: AppSpec[]) => {
    client.pragma("defer_foreign_keys = ON");
    for (const spec of batch) {
      const { opening } = spec;
      const demo = spec.candidate === -1;
      const candidateId = demo ? accountIds.candidate : candidateIds[spec.candidate];
      const stages = opening.stages;
      const hiredStage = stages.length - 1;
      const offerStage = stages.length - 2;
      const firstInterview = stages.findIndex((s) => s.publicStatus === "interviewing");

      // Decide where this application ends up.
      let status: ApplicationStatus;
      let reach: number; // index of the last stage reached
      if (spec.demoState) {
        const s = spec.demoState;
        status = s === "rejected" ? "rejected" : s === "withdrawn" ? "withdrawn" : "active";
        reach =
          s === "received"
            ? 0
            : s === "in_review" || s === "rejected"
              ? 1
              : s === "interviewing"
                ? firstInterview
                : 1;
      } else {
        const closed = opening.status === "closed";
        const roll = rng.next();
        if (closed) {
          status =
            roll < 0.1 && !hiredOn.has(opening.id)
              ? "hired"
              : roll < 0.2
                ? "withdrawn"
                : "rejected";
        } else {
          status =
            roll < 0.62 ? "active" : roll < 0.88 ? "rejected" : roll < 0.97 ? "withdrawn" : "hired";
          if (status === "hired" && hiredOn.has(opening.id)) status = "active";
        }
        if (status === "hired") {
          hiredOn.add(opening.id);
          reach = offerStage;
        } else {
          reach = rng.weighted([
            { value: 0, weight: status === "active" ? 40 : 45 },
            { value: 1, weight: 30 },
            { value: firstInterview, weight: 18 },
            { value: Math.min(firstInterview + 1, offerStage), weight: 7 },
            { value: offerStage, weight: status === "active" ? 5 : 1 },
          ]);
        }
      }

      // Event times: spread between submission and the end of the opening's activity.
      const end = Math.max(spec.createdAt + HOUR, (opening.closedAt ?? now) - HOUR);
      // One time per move, plus one for the final event (rejected, hired or withdrawn).
      const steps = reach + (status === "active" ? 0 : 1);
      const times = Array.from(
        { length: steps },
        () => spec.createdAt + Math.floor(rng.next() * (end - spec.createdAt)),
      ).sort((a, b) => a - b);
      const events: EventRow[] = [
        {
          at: spec.createdAt,
          actor: candidateId,
          type: "submitted",
          from: null,
          to: stages[0].id,
          visible: true,
          publicStatus: stages[0].publicStatus,
          publicMessage: null,
          internal: null,
        },
      ];
      let staffChanges = 0;
      let t = 0;
      for (let i = 1; i <= reach; i++) {
        const from = stages[i - 1];
        const to = stages[i];
        const changed = from.publicStatus !== to.publicStatus;
        events.push({
          at: times[t++],
          actor: rng.pick(staff),
          type: "moved",
          from: from.id,
          to: to.id,
          visible: changed,
          publicStatus: changed ? to.publicStatus : null,
          publicMessage: null,
          internal: `${from.name} → ${to.name}`,
        });
        staffChanges++;
      }
      let stageIndex = reach;
      if (status === "rejected") {
        const at = times[t++];
        events.push({
          at,
          actor: rng.pick(staff),
          type: "rejected",
          from: stages[reach].id,
          to: null,
          visible: true,
          publicStatus: "not_selected",
          publicMessage: rng.pick(C.REJECTION_MESSAGES),
          internal:
            reach >= firstInterview ? C.INTERVIEW_REJECTION_REASON : rng.pick(C.REJECTION_REASONS),
        });
        staffChanges++;
      } else if (status === "hired") {
        events.push({
          at: times[t++],
          actor: rng.pick(staff),
          type: "hired",
          from: stages[offerStage].id,
          to: stages[hiredStage].id,
          visible: true,
          publicStatus: "hired",
          publicMessage: C.HIRED_MESSAGE,
          internal: `${stages[offerStage].name} → ${stages[hiredStage].name}`,
        });
        stageIndex = hiredStage;
        staffChanges++;
      } else if (status === "withdrawn") {
        events.push({
          at: times[t++],
          actor: candidateId,
          type: "withdrawn",
          from: stages[reach].id,
          to: null,
          visible: true,
          publicStatus: null,
          publicMessage: null,
          internal: null,
        });
      }
      const lastChange = events[events.length - 1].at;
      const stageEnteredAt = [...events].reverse().find((e) => e.to !== null)!.at;
      const publicChangedAt = [...events].reverse().find((e) => e.visible)!.at;

      // Staff-only notes and scorecards, timed inside the application's life.
      const staffOnly: EventRow[] = [];
      const notesToWrite: Array<{ at: number; body: string }> = [];
      const scorecardsToWrite: Array<{ at: number; reviewer: number }> = [];
      if (reach >= 1 && rng.chance(demo ? 1 : 0.3)) {
        const at =
          spec.createdAt + Math.floor(rng.next() * Math.max(HOUR, lastChange - spec.createdAt));
        notesToWrite.push({ at, body: fill(rng.pick(C.NOTE_BODIES), { topic: opening.topic }) });
      }
      if (reach >= firstInterview && rng.chance(0.75)) {
        const reviewers = rng.chance(0.35)
          ? [accountIds.recruiter, accountIds.admin]
          : [accountIds.recruiter];
        for (const reviewer of reviewers) {
          const at =
            spec.createdAt + Math.floor(rng.next() * Math.max(HOUR, lastChange - spec.createdAt));
          scorecardsToWrite.push({ at, reviewer });
        }
      }
      for (const n of notesToWrite) {
        staffOnly.push({
          at: n.at,
          actor: accountIds.recruiter,
          type: "note",
          from: null,
          to: null,
          visible: false,
          publicStatus: null,
          publicMessage: null,
          internal: null,
        });
      }
      for (const s of scorecardsToWrite) {
        staffOnly.push({
          at: s.at,
          actor: s.reviewer,
          type: "scorecard",
          from: null,
          to: null,
          visible: false,
          publicStatus: null,
          publicMessage: null,
          internal: null,
        });
      }
      const allEvents = [...events, ...staffOnly].sort((a, b) => a.at - b.at);

      const coverLetter = rng.chance(0.6)
        ? `${fill(rng.pick(C.COVER_LETTER_OPENERS), { topic: opening.topic })}\n\nIn my current work I ${rng.pick(
            [
              "lead a small project on",
              "have been studying",
              "built tools for",
              "ran experiments on",
            ],
          )} ${opening.topic}, and I would welcome the chance to continue with your team. Thank you for considering my application.`
        : "";
      // The search index is built after the rows (db/seed-fts.ts), so the
      // application goes in before its answers and notes: with children
      // first, every parent insert would look its children up to settle the
      // deferred foreign-key count.
      const appId = nextAppId++;
      const answers: Array<[number, string]> = [];
      for (const q of opening.questions) {
        if (!q.template.required && rng.chance(0.4)) continue;
        answers.push([q.id, answerFor(rng, q.template)]);
      }
      insertApp.run(
        appId,
        opening.id,
        candidateId,
        stages[stageIndex].id,
        status,
        demo ? demoResumeId : resumeIds[spec.candidate],
        coverLetter,
        rng.pick(C.SOURCES),
        spec.createdAt,
        1 + staffChanges,
        stageEnteredAt,
        publicChangedAt,
        spec.createdAt,
        lastChange,
      );
      for (const [questionId, value] of answers) insertAnswer.run(appId, questionId, value);
      for (const n of notesToWrite) insertNote.run(appId, accountIds.recruiter, n.body, n.at);
      for (const e of allEvents) {
        insertEvent.run(
          appId,
          e.at,
          e.actor,
          e.type,
          e.from,
          e.to,
          e.visible ? 1 : 0,
          e.publicStatus,
          e.publicMessage,
          e.internal,
        );
      }
      p.summary.events += allEvents.length;
      for (const s of scorecardsToWrite) {
        const ratings = Object.fromEntries(
          opening.criteria.map((c) => [c, rng.int(status === "rejected" ? 1 : 2, 4)]),
        );
        const mean = Object.values(ratings).reduce((a, b) => a + b, 0) / opening.criteria.length;
        const recommendation =
          mean >= 3.5 ? "strong_yes" : mean >= 2.75 ? "yes" : mean >= 2 ? "no" : "strong_no";
        insertScorecard.run(
          appId,
          s.reviewer,
          JSON.stringify(ratings),
          recommendation,
          rng.pick([
            "",
            "Clear thinker; good questions about the team's work.",
            "Solid fundamentals, less depth than we need.",
            "Great talk, strong on the details.",
          ]),
          s.at,
          s.at,
        );
      }
    }
  });
  const BATCH = APPLICATION_BATCH;
  const shown = p.quiet ? null : progress("Seeding applications", specs.length);
  const rebuildIndexes = deferIndexes(client, [
    "applications",
    "application_events",
    "application_answers",
    "notes",
    "scorecards",
  ]);
  try {
    for (let i = 0; i < specs.length; i += BATCH) {
      const t0 = performance.now();
      writeBatch(specs.slice(i, i + BATCH));
      p.summary.batchSeconds.push((performance.now() - t0) / 1000);
      shown?.tick(Math.min(i + BATCH, specs.length));
    }
  } finally {
    shown?.done();
    rebuildIndexes();
  }
  return specs.length;
}

/** `n` distinct openings picked at random (n is small compared with the list). */
function pickDistinct<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const seen = new Set<number>();
  const out: T[] = [];
  while (out.length < n) {
    const i = Math.floor(rng.next() * items.length);
    if (seen.has(i)) continue;
    seen.add(i);
    out.push(items[i]);
  }
  return out;
}

function answerFor(rng: Rng, q: C.QuestionTemplate): string {
  switch (q.type) {
    case "yes_no":
      return rng.chance(0.8) ? "yes" : "no";
    case "single_choice":
      return rng.pick(q.options ?? [""]);
    default:
      return rng.pick(q.answers ?? ["—"]);
  }
}

// ───────────────────────────── command line ─────────────────────────────

const count = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(0, "must be 0 or more")
  .max(1_000_000, "must be at most 1,000,000");
const CliSchema = z.object({
  researchers: count.optional(),
  openings: count.optional(),
  applications: count.optional(),
  scale: z.coerce
    .number({ error: "must be a number" })
    .positive("must be more than 0")
    .max(1000, "must be at most 1000")
    .optional(),
  "if-empty": z.boolean().optional(),
});

const USAGE =
  "Usage: npm run db:seed -- [--researchers N] [--openings N] [--applications N] [--scale F] [--if-empty]";

/**
 * Parses seed options from command-line arguments. Explicit counts are used
 * as given; --scale multiplies the defaults of the counts not given.
 */
export function parseSeedArgs(
  argv: string[],
): { ok: true; options: SeedOptions; ifEmpty: boolean } | { ok: false; error: string } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        researchers: { type: "string" },
        openings: { type: "string" },
        applications: { type: "string" },
        scale: { type: "string" },
        "if-empty": { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, error: `${(error as Error).message}\n${USAGE}` };
  }
  const parsed = CliSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
    return { ok: false, error: `Invalid seed options:\n${lines.join("\n")}\n${USAGE}` };
  }
  const v = parsed.data;
  const scale = v.scale ?? 1;
  return {
    ok: true,
    ifEmpty: v["if-empty"] ?? false,
    options: {
      researchers: v.researchers ?? Math.round(SEED_DEFAULTS.researchers * scale),
      openings: v.openings ?? Math.round(SEED_DEFAULTS.openings * scale),
      applications: v.applications ?? Math.round(SEED_DEFAULTS.applications * scale),
    },
  };
}

/** The db:seed command (also run by db:reset). Returns the process exit code. */
export async function runSeedCli(argv: string[]): Promise<number> {
  const args = parseSeedArgs(argv);
  if (!args.ok) {
    console.error(args.error);
    return 1;
  }
  const env = getEnv();
  if (args.ifEmpty && env.ATRIUM_DEMO === "0") {
    console.log(
      "Demo data is disabled (ATRIUM_DEMO=0); not seeding. The server prints a one-time setup address for the first admin (or use `npm run create-admin`).",
    );
    return 0;
  }
  const file = resolvePath(env.DATABASE_URL);
  const db = openDatabase(file);
  try {
    if (!isDatabaseEmpty(db)) {
      if (args.ifEmpty) {
        console.log(`The database at ${file} already has data; not seeding.`);
        return 0;
      }
      console.error(
        `The database at ${file} already has data, so the seed did not run.\nTo start over with fresh demo data, run: npm run db:reset (deletes the database first).`,
      );
      return 1;
    }
    await seed(db, args.options);
    return 0;
  } finally {
    db.$client.close();
  }
}

// Run only when executed directly (`tsx db/seed.ts`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runSeedCli(process.argv.slice(2));
}
