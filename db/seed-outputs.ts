/**
 * Demo data for research outputs and places, run at the end of db/seed.ts:
 * where each lab is (invented street addresses, the cities' coordinates and
 * time zones), the publications' type, area, DOI and full author lists (with
 * invented outside co-authors and some Atrium co-authors), and a dozen
 * invented tools, datasets and models with maintainers and related papers.
 *
 * Deterministic: one seeded generator and one seeded faker; no dates depend
 * on the clock except through `now`.
 */
import { Faker, base, en } from "@faker-js/faker";
import type { DB } from "../app/utils/db.server";
import { slugify } from "../app/utils/slug";
import type { PublicationType, ToolKind } from "../app/lib/enums";
import * as C from "./seed-content";

const DAY = 86_400_000;

/** mulberry32, seeded: the same sequence on every run. */
function makeRng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

/** Where each demo lab is. Street addresses are invented; coordinates are the cities'. */
const LAB_PLACES: Record<
  string,
  { address: string; latitude: number; longitude: number; timeZone: string }
> = {
  zurich: {
    address: "Seeblickstrasse 14, 8008 Zurich",
    latitude: 47.3769,
    longitude: 8.5417,
    timeZone: "Europe/Zurich",
  },
  montreal: {
    address: "5400 rue des Lumières, Montréal, QC H2T 1S1",
    latitude: 45.5019,
    longitude: -73.5674,
    timeZone: "America/Toronto",
  },
  nairobi: {
    address: "Northlight House, Jacaranda Close, Nairobi",
    latitude: -1.2921,
    longitude: 36.8219,
    timeZone: "Africa/Nairobi",
  },
  bengaluru: {
    address: "42 Lantern Road, Koramangala, Bengaluru 560034",
    latitude: 12.9716,
    longitude: 77.5946,
    timeZone: "Asia/Kolkata",
  },
  tokyo: {
    address: "3-7 Hikari-dori, Chiyoda, Tokyo 101-0062",
    latitude: 35.6995,
    longitude: 139.7653,
    timeZone: "Asia/Tokyo",
  },
  "sao-paulo": {
    address: "Rua das Lanternas 210, Pinheiros, São Paulo 05422-000",
    latitude: -23.5505,
    longitude: -46.6333,
    timeZone: "America/Sao_Paulo",
  },
  amsterdam: {
    address: "Lichtgracht 88, 1016 Amsterdam",
    latitude: 52.3676,
    longitude: 4.9041,
    timeZone: "Europe/Amsterdam",
  },
  melbourne: {
    address: "17 Beacon Lane, Carlton VIC 3053",
    latitude: -37.8136,
    longitude: 144.9631,
    timeZone: "Australia/Melbourne",
  },
};

type ToolTemplate = {
  name: string;
  kind: ToolKind;
  license: string;
  area: number;
  summary: string;
  body: string;
};

/** Invented tools; `{lab}` and `{topic}` are filled in from the seed. */
const TOOLS: ToolTemplate[] = [
  {
    name: "Lanternfish",
    kind: "library",
    license: "Apache-2.0",
    area: 0,
    summary: "A small library for checking learning algorithms against their stated guarantees.",
    body: "Lanternfish runs a learning algorithm on generated problems and compares what it does with what its analysis promises.",
  },
  {
    name: "Quiet Ledger",
    kind: "library",
    license: "MIT",
    area: 1,
    summary: "Differentially private counting and histograms for analytics pipelines.",
    body: "Quiet Ledger adds calibrated noise to counts and keeps track of the privacy budget each release spends.",
  },
  {
    name: "Tidewater Rainfall Set",
    kind: "dataset",
    license: "CC-BY-4.0",
    area: 5,
    summary:
      "Fifteen years of gridded rainfall estimates, cleaned and aligned for forecasting research.",
    body: "A cleaned, documented collection of rainfall estimates with a fixed train and test split, so forecasting methods can be compared fairly.",
  },
  {
    name: "Kestrel-7",
    kind: "model",
    license: "Apache-2.0",
    area: 2,
    summary: "A compact speech recognition model for low-resource languages.",
    body: "Kestrel-7 is small enough to run on a phone and is trained on recordings gathered with community partners.",
  },
  {
    name: "Fieldnote",
    kind: "service",
    license: "AGPL-3.0-or-later",
    area: 4,
    summary: "A hosted service for collecting consented health survey data offline.",
    body: "Fieldnote keeps working without a network and synchronises when one appears; every answer carries the consent it was given under.",
  },
  {
    name: "Orrery API",
    kind: "api",
    license: "MIT",
    area: 3,
    summary: "A web API serving simulated molecular properties for screening experiments.",
    body: "Orrery answers property queries from a precomputed store of simulations, with the uncertainty of each estimate.",
  },
  {
    name: "Sketchbook",
    kind: "library",
    license: "BSD-3-Clause",
    area: 2,
    summary: "Interactive notebooks for designers prototyping with generative models.",
    body: "Sketchbook lets a designer try prompts, parameters and constraints side by side and keep a record of what they tried.",
  },
  {
    name: "Harbour Benchmarks",
    kind: "dataset",
    license: "CC-BY-SA-4.0",
    area: 1,
    summary: "Test suites for measuring how robust ranking systems are to manipulation.",
    body: "Each suite pairs a ranking task with adversarial edits and the expected behaviour of a robust system.",
  },
  {
    name: "Loam",
    kind: "model",
    license: "CC-BY-NC-4.0",
    area: 5,
    summary: "Crop yield estimates from satellite imagery for smallholder farms.",
    body: "Loam estimates yield per field and says how sure it is, so agronomists know when to go and look.",
  },
  {
    name: "Cartographer",
    kind: "library",
    license: "MPL-2.0",
    area: 3,
    summary: "Tools for laying out and reproducing large scientific workflows.",
    body: "Cartographer records every step of an analysis so it can be run again, elsewhere, with the same result.",
  },
  {
    name: "Wayfinder Corpus",
    kind: "dataset",
    license: "ODbL-1.0",
    area: 2,
    summary: "Annotated accessibility audits of public transport interfaces.",
    body: "Audits of ticket machines, apps and signs, annotated with the barriers found and the people they affect.",
  },
  {
    name: "Pulse Gateway",
    kind: "api",
    license: "Apache-2.0",
    area: 4,
    summary: "An API for anonymised, aggregated clinic visit trends.",
    body: "Pulse Gateway publishes weekly trends with small counts suppressed, for public health planning.",
  },
];

/** Invented outside affiliations do not appear; outside co-authors are names only. */
export function seedOutputs(db: DB, options: { now: number }) {
  const client = db.$client;
  const rng = makeRng(20260909);
  const faker = new Faker({ locale: [en, base] });
  faker.seed(20260909);
  const areaIds = (
    client.prepare("select id, slug from research_areas order by position").all() as Array<{
      id: number;
      slug: string;
    }>
  ).map((a) => a.id);

  client.transaction(() => {
    // ── where the labs are ──
    const placeLab = client.prepare(
      "update labs set address = ?, latitude = ?, longitude = ?, time_zone = ? where slug = ?",
    );
    for (const [slug, p] of Object.entries(LAB_PLACES))
      placeLab.run(p.address, p.latitude, p.longitude, p.timeZone, slug);

    // ── publications: type, area, DOI and authors ──
    const pubs = client
      .prepare(
        `select p.id, p.venue, p.url, p.researcher_id as owner, r.name as ownerName, r.lab_id as labId
         from publications p join researchers r on r.id = p.researcher_id order by p.id`,
      )
      .all() as Array<{
      id: number;
      venue: string;
      url: string | null;
      owner: number;
      ownerName: string;
      labId: number;
    }>;
    const colleagues = client
      .prepare(
        "select id, name, lab_id as labId from researchers where status = 'current' order by id",
      )
      .all() as Array<{ id: number; name: string; labId: number }>;
    // Grouped once: filtering all researchers for each publication was
    // quadratic (minutes at 10k researchers).
    const colleaguesByLab = new Map<number, typeof colleagues>();
    // Where each current researcher is in their lab's list: the owner is
    // skipped by index, without copying the list for every publication.
    const positionInLab = new Map<number, number>();
    for (const c of colleagues) {
      const list = colleaguesByLab.get(c.labId) ?? [];
      positionInLab.set(c.id, list.length);
      list.push(c);
      colleaguesByLab.set(c.labId, list);
    }
    const update = client.prepare(
      "update publications set type = ?, area_id = ?, doi = ?, authors = ? where id = ?",
    );
    const addAuthor = client.prepare(
      "insert or ignore into publication_authors (publication_id, researcher_id) values (?, ?)",
    );
    const types: PublicationType[] = [
      "inproceedings",
      "inproceedings",
      "inproceedings",
      "article",
      "article",
      "preprint",
      "report",
    ];
    for (const p of pubs) {
      const areaIndex = C.AREAS.findIndex((a) => a.venues.includes(p.venue));
      const names = Array.from(
        { length: rng.int(0, 4) },
        () => `${faker.person.firstName()} ${faker.person.lastName()}`,
      );
      names.splice(rng.int(0, names.length), 0, p.ownerName);
      // A colleague from the owner's lab other than the owner (the same draws
      // as picking from the list without the owner).
      const lab = colleaguesByLab.get(p.labId) ?? [];
      const ownerAt = positionInLab.get(p.owner);
      const others = lab.length - (ownerAt === undefined ? 0 : 1);
      if (others > 0 && rng.chance(0.3)) {
        const i = Math.floor(rng.next() * others);
        const co = lab[ownerAt !== undefined && i >= ownerAt ? i + 1 : i];
        names.splice(rng.int(0, names.length), 0, co.name);
        addAuthor.run(p.id, co.id);
      }
      const doi = p.url?.match(/doi\.org\/(10\.\d+\/\S+)$/)?.[1] ?? null;
      update.run(
        rng.pick(types),
        areaIndex >= 0 ? (areaIds[areaIndex] ?? null) : null,
        doi,
        names.join("; "),
        p.id,
      );
    }

    // ── tools, datasets and models ──
    const labs = client.prepare("select id, slug, name from labs order by id").all() as Array<{
      id: number;
      slug: string;
      name: string;
    }>;
    const insertTool = client.prepare(
      `insert into tools (slug, name, kind, summary, description, repository_url, documentation_url, license, lab_id, featured, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertArea = client.prepare(
      "insert or ignore into tool_areas (tool_id, area_id) values (?, ?)",
    );
    const insertMaintainer = client.prepare(
      "insert or ignore into tool_maintainers (tool_id, researcher_id, position) values (?, ?, ?)",
    );
    const insertRelated = client.prepare(
      "insert or ignore into tool_publications (tool_id, publication_id) values (?, ?)",
    );
    const pubsOf = client.prepare(
      "select publication_id as id from publication_authors where researcher_id = ? order by publication_id",
    );
    const inArea = client.prepare(
      `select r.id, r.lab_id as labId from researchers r join researcher_areas ra on ra.researcher_id = r.id
       where ra.area_id = ? and r.status = 'current' order by r.id`,
    );
    if (labs.length === 0 || areaIds.length === 0) return;
    TOOLS.forEach((t, i) => {
      const areaId = areaIds[t.area % areaIds.length];
      const people = inArea.all(areaId) as Array<{ id: number; labId: number }>;
      const lead = people.length ? people[(i * 7) % people.length] : null;
      const labId = lead?.labId ?? labs[i % labs.length].id;
      const lab = labs.find((l) => l.id === labId)!;
      const slug = slugify(t.name);
      const createdAt = options.now - rng.int(60, 900) * DAY;
      const code = t.kind === "dataset" ? "data" : "code";
      const description = [
        t.body,
        "",
        `Built and maintained at ${lab.name}. To cite it, please cite the related publications listed on this page.`,
        "",
        "## Getting started",
        "",
        t.kind === "dataset"
          ? "- Download a release from the repository.\n- Read the datasheet before training on it: it lists known gaps and biases."
          : "- Install it from the repository.\n- Follow the tutorial in the documentation.",
      ].join("\n");
      const toolId = Number(
        insertTool.run(
          slug,
          t.name,
          t.kind,
          t.summary,
          description,
          `https://${code}.example.org/northlight/${slug}`,
          rng.chance(0.8) ? `https://docs.example.org/${slug}` : null,
          t.license,
          labId,
          i % 4 === 0 ? 1 : 0,
          createdAt,
          Math.min(options.now, createdAt + rng.int(0, 200) * DAY),
        ).lastInsertRowid,
      );
      insertArea.run(toolId, areaId);
      if (rng.chance(0.4)) insertArea.run(toolId, areaIds[rng.int(0, areaIds.length - 1)]);
      const maintainers = lead ? [lead.id] : [];
      const extra = people.filter((p) => p.labId === labId && p.id !== lead?.id);
      for (let k = rng.int(0, 2); k > 0 && extra.length; k--) {
        const pick = rng.pick(extra);
        if (!maintainers.includes(pick.id)) maintainers.push(pick.id);
      }
      maintainers.forEach((id, position) => insertMaintainer.run(toolId, id, position));
      if (lead) {
        const theirs = pubsOf.all(lead.id) as Array<{ id: number }>;
        for (let k = Math.min(theirs.length, rng.int(1, 2)); k > 0; k--)
          insertRelated.run(toolId, rng.pick(theirs).id);
      }
    });
  })();
}
