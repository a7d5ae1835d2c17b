/**
 * Demo programs and events for the seed (called once from db/seed.ts after the
 * directory and openings exist). Deterministic: a fixed mulberry32 stream and
 * dates relative to the seed's reference day `now`; all copy is invented here.
 */
import { DateTime } from "luxon";
import type { DB } from "../app/utils/db.server";

const DAY = 86_400_000;

/** Lab slug → the time zone its events are held in. */
const LAB_ZONES: Record<string, string> = {
  zurich: "Europe/Zurich",
  montreal: "America/Toronto",
  nairobi: "Africa/Nairobi",
  bengaluru: "Asia/Kolkata",
  tokyo: "Asia/Tokyo",
  "sao-paulo": "America/Sao_Paulo",
  amsterdam: "Europe/Amsterdam",
  melbourne: "Australia/Melbourne",
};

function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const PROGRAMS = [
  {
    slug: "research-internship",
    name: "Research Internship",
    kind: "internship",
    summary:
      "Twelve to sixteen weeks inside a research team, with a host who meets you every week and a project you can publish.",
    audience:
      "Students enrolled in a master's or PhD programme in computing, the sciences or design who want to try **industrial research** before they graduate.",
    duration: "12–16 weeks, starting in May, June or September",
    stipend: "A monthly stipend set for the lab's city, travel to the lab and housing support",
    eligibility:
      "- Enrolled in a degree programme when the internship starts\n- At least one project, paper or piece of open-source work you can tell us about\n- Able to spend the internship at one of our labs (we help with visas)",
    description:
      "Interns join an existing project and own a clear piece of it. Most write a paper or release code by the end, and many come back as residents or full-time researchers.",
    faq: "Can I apply to more than one lab?\nYes. Choose up to three open roles; hosts read applications together.\n\nDo I need a publication?\nNo. We look for evidence that you can finish something, whatever form it takes.\n\nIs the internship paid?\nYes, every intern receives a stipend and help with travel and housing.",
    opensOn: "09-15",
    closesOn: "11-30",
    decisionsOn: "01-31",
    startsOn: "05-15",
  },
  {
    slug: "ai-residency",
    name: "AI Residency",
    kind: "residency",
    summary:
      "A one-year, full-time research position for people changing fields or returning to research, with a mentor and a cohort.",
    audience:
      "Engineers, scientists and graduates from any field who want a year to do research full time, with or without a PhD.",
    duration: "12 months, full time",
    stipend: "A full salary with benefits, relocation support and a conference budget",
    eligibility:
      "- A degree, or equivalent experience, in a quantitative or technical field\n- Programming experience in any language\n- Curiosity about one of our research areas",
    description:
      "Residents spend a year on one project of their own, with a mentor and a cohort of about fifteen. The year ends with a public showcase.",
    faq: "Do I need a PhD?\nNo. Most residents do not have one.\n\nCan I work remotely?\nResidents work from one of our labs; we cover relocation.",
    opensOn: "01-10",
    closesOn: "03-15",
    decisionsOn: "05-01",
    startsOn: "09-01",
  },
  {
    slug: "visiting-fellowship",
    name: "Visiting Fellowship",
    kind: "fellowship",
    summary:
      "Six to twelve months at one of our labs for faculty and senior researchers on sabbatical, with a research budget.",
    audience:
      "Faculty members and senior researchers at universities and public institutes, especially those starting a collaboration.",
    duration: "6–12 months",
    stipend: "Salary top-up or stipend, travel and a research budget",
    eligibility:
      "- A permanent or long-term research position elsewhere\n- A project that fits one of our research areas",
    description:
      "Fellows keep their home affiliation, work alongside a host team and are free to publish everything they do with us.",
    faq: "Can fellows bring students?\nYes, one student may join a fellow for up to three months.",
    opensOn: "11-01",
    closesOn: "01-31",
    decisionsOn: "03-15",
    startsOn: "09-01",
  },
  {
    slug: "phd-programme",
    name: "Joint PhD Programme",
    kind: "phd",
    summary:
      "A four-year doctorate co-supervised by a university partner and one of our researchers, fully funded.",
    audience: "Graduates ready to start a doctorate in one of our research areas.",
    duration: "4 years",
    stipend: "A full doctoral salary, tuition and a travel budget for every year",
    eligibility:
      "- A master's degree (or a bachelor's with research experience) by the start date\n- Admission to the partner university's doctoral school",
    description:
      "Students are enrolled at a partner university and spend most of their time at one of our labs, with one academic and one Northlight supervisor.",
    faq: "Which universities take part?\nEach lab partners with one or two universities in its city.\n\nWho owns the thesis?\nYou do. Theses and papers are published openly.",
    opensOn: "10-01",
    closesOn: "12-15",
    decisionsOn: "03-01",
    startsOn: "10-01",
  },
] as const;

const TALK_TITLES = [
  "What {topic} gets wrong about its own benchmarks",
  "Small models, careful data: lessons from {topic}",
  "{Topic} in the field: three case studies",
  "Measuring {topic} without fooling ourselves",
  "A gentle introduction to {topic}",
  "Open problems in {topic}",
  "Ten years of {topic}, and the next ten",
  "Building tools for {topic} that scientists actually use",
];
const WORKSHOP_TITLES = [
  "Hands-on workshop: {topic}",
  "{Topic} reading group, spring session",
  "Winter school on {topic}",
];
const CONFERENCE_TITLES = ["Northlight at the {venue} conference", "Our papers at {venue}"];
const TOPICS = [
  "privacy-preserving analytics",
  "climate downscaling",
  "program synthesis",
  "protein design",
  "accessible interfaces",
  "verified compilers",
  "crop monitoring from satellites",
  "language models for science",
  "robust optimisation",
  "federated learning",
  "computational pathology",
  "interactive music systems",
];
const VENUES = ["Lakeside Systems", "Open Science Forum", "Pacific Learning", "Human Factors Week"];
const EXTERNAL = [
  ["Dr. Imani Okafor", "University of Lagos"],
  ["Prof. Lucía Ferrer", "Universitat Politècnica de Catalunya"],
  ["Dr. Tomasz Wierzba", "Warsaw Institute of Technology"],
  ["Prof. Mei Tanaka", "Kyoto Graduate School of Informatics"],
  ["Dr. Sofia Lindqvist", "Uppsala Centre for Data Science"],
  ["Dr. Rahul Menon", "Indian Institute of Science"],
] as const;
const OTHER_VENUES = [
  ["City Library Auditorium", "12 Harbour Street"],
  ["Science Museum Forum", "Museum Square 3"],
  ["University Main Hall", "Campus Road 1"],
] as const;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Inserts the demo programs (with alumni, and linking some intern and
 * fellowship openings to them) and about `count` events around `now`.
 * Returns how many of each it wrote.
 */
export function seedEvents(db: DB, { now, count = 36 }: { now: number; count?: number }) {
  const client = db.$client;
  const r = rng(20260909);
  const labs = client.prepare("select id, slug, name from labs order by id").all() as Array<{
    id: number;
    slug: string;
    name: string;
  }>;
  const areas = client.prepare("select id from research_areas order by position").all() as Array<{
    id: number;
  }>;
  const people = client
    .prepare("select id, lab_id as labId from researchers where status = 'current' order by id")
    .all() as Array<{ id: number; labId: number }>;
  const alumni = client
    .prepare("select id from researchers order by id desc limit 40")
    .all() as Array<{ id: number }>;
  if (labs.length === 0 || people.length === 0) return { programs: 0, events: 0 };

  let eventCount = 0;
  client.transaction(() => {
    const insertProgram = client.prepare(
      `insert into programs (slug, name, kind, summary, audience, duration, stipend, eligibility, description, faq,
        opens_on, closes_on, decisions_on, starts_on, position, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAlum = client.prepare(
      "insert or ignore into program_alumni (program_id, researcher_id, year) values (?, ?, ?)",
    );
    const programIds = PROGRAMS.map((p, i) => {
      const id = Number(
        insertProgram.run(
          p.slug,
          p.name,
          p.kind,
          p.summary,
          p.audience,
          p.duration,
          p.stipend,
          p.eligibility,
          p.description,
          p.faq,
          p.opensOn,
          p.closesOn,
          p.decisionsOn,
          p.startsOn,
          i,
          now - 400 * DAY,
          now - 30 * DAY,
        ).lastInsertRowid,
      );
      const year = new Date(now).getUTCFullYear();
      for (let k = 0; k < 5; k++) insertAlum.run(id, r.pick(alumni).id, year - r.int(1, 6));
      return id;
    });
    // Interns join the internship; postdocs and fellows the fellowship.
    client.prepare("update openings set program_id = ? where kind = 'intern'").run(programIds[0]);
    client
      .prepare("update openings set program_id = ? where kind = 'fellowship'")
      .run(programIds[2]);

    const insertEvent = client.prepare(
      `insert into events (slug, title, kind, starts_at, ends_at, time_zone, lab_id, venue_name, venue_address,
        online_url, abstract, recording_url, slides_url, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertArea = client.prepare(
      "insert or ignore into event_areas (event_id, area_id) values (?, ?)",
    );
    const insertSpeaker = client.prepare(
      "insert into event_speakers (event_id, position, researcher_id, name, affiliation) values (?, ?, ?, ?, ?)",
    );
    const slugs = new Set<string>();
    for (let i = 0; i < count; i++) {
      // Two thirds in the past year, one third in the next three months.
      const dayOffset = i < (count * 2) / 3 ? -r.int(2, 360) : r.int(1, 90);
      const kind = r.pick([
        "talk",
        "talk",
        "seminar",
        "seminar",
        "workshop",
        "conference",
      ] as const);
      const lab = r.pick(labs);
      const zone = LAB_ZONES[lab.slug] ?? "UTC";
      const topic = r.pick(TOPICS);
      const template =
        kind === "workshop"
          ? r.pick(WORKSHOP_TITLES)
          : kind === "conference"
            ? r.pick(CONFERENCE_TITLES)
            : r.pick(TALK_TITLES);
      const title = template
        .replace("{topic}", topic)
        .replace("{Topic}", cap(topic))
        .replace("{venue}", r.pick(VENUES));
      let slug = title
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 70)
        .replace(/-$/, "");
      for (let n = 2; slugs.has(slug); n++) slug = `${slug.replace(/-\d+$/, "")}-${n}`;
      slugs.add(slug);
      const day = DateTime.fromMillis(now + dayOffset * DAY, { zone }).startOf("day");
      const start = day.set({ hour: r.pick([10, 14, 15, 16, 17]), minute: r.pick([0, 30]) });
      const end =
        kind === "workshop"
          ? start.plus({ days: r.int(0, 2), hours: 6 })
          : kind === "conference"
            ? start.plus({ days: r.int(1, 3), hours: 8 })
            : start.plus({ minutes: r.pick([60, 90]) });
      const placeRoll = r.int(0, 9);
      const atLab = placeRoll < 6;
      const online = placeRoll >= 8 || (atLab && r.chance(0.3));
      const venue = !atLab && placeRoll < 8 ? r.pick(OTHER_VENUES) : null;
      const past = end.toMillis() <= now;
      const abstract = `In this ${kind === "conference" ? "session" : kind}, we look at **${topic}**: what has worked, what has not, and which questions remain open.\n\nWe will share results from recent projects at ${lab.name} and discuss how others can reuse our data and code.\n\n- Who should come: anyone curious about ${topic}\n- What to bring: questions`;
      const id = Number(
        insertEvent.run(
          slug,
          title,
          kind,
          start.toMillis(),
          end.toMillis(),
          zone,
          atLab ? lab.id : null,
          venue ? venue[0] : null,
          venue ? venue[1] : null,
          online ? `https://stream.example.org/${slug}` : null,
          abstract,
          past && r.chance(0.6) ? `https://video.example.org/${slug}` : null,
          past && r.chance(0.5) ? `https://slides.example.org/${slug}.pdf` : null,
          now - 120 * DAY,
          now - r.int(1, 100) * DAY,
        ).lastInsertRowid,
      );
      insertArea.run(id, r.pick(areas).id);
      if (r.chance(0.4)) insertArea.run(id, r.pick(areas).id);
      const local = people.filter((p) => p.labId === lab.id);
      const speakerCount = kind === "talk" ? 1 : r.int(1, 3);
      const used = new Set<number>();
      for (let s = 0; s < speakerCount; s++) {
        if (s > 0 && r.chance(0.4)) {
          const [name, affiliation] = r.pick(EXTERNAL);
          insertSpeaker.run(id, s, null, name, affiliation);
        } else {
          const person = r.pick(local.length ? local : people);
          if (used.has(person.id)) continue;
          used.add(person.id);
          insertSpeaker.run(id, s, person.id, null, null);
        }
      }
      eventCount++;
    }
  })();
  return { programs: PROGRAMS.length, events: eventCount };
}
