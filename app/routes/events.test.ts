/**
 * Events and programs on a seeded database: the public loaders, their
 * JSON-LD, the iCalendar files (parsed line by line, RFC 5545 unfolding), the
 * past/upcoming boundary on a fixed clock.
 */
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seed } from "../../db/seed";
import { readCalendar } from "../../tests/calendars";
import { call, getRequest } from "../../tests/requests";
import { createLab, createResearcher } from "../../tests/builders";
import { events } from "../../db/schema";
import { listEvents } from "~/models/event.server";
import { getDb, type DB } from "~/utils/db.server";
import { jsonForScript } from "~/utils/json-ld";
import * as eventsIndex from "./events._index";
import * as eventPage from "./events.$slug";
import * as feed from "./events[.]ics";
import * as oneCalendar from "./events.$slug_.calendar[.]ics";
import * as programsIndex from "./programs._index";
import * as programPage from "./programs.$slug";
import * as home from "./_index";

const NOW = Date.UTC(2026, 5, 10, 12, 0);
let db: DB;

beforeAll(async () => {
  db = getDb();
  await seed(db, { now: NOW, researchers: 40, openings: 20, applications: 5, quiet: true });
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterAll(() => {
  vi.useRealTimers();
});

type Calendar = Array<Record<string, { params: Record<string, string>; value: string }>>;

/** A careful iCalendar reader: unfolds lines, splits name;params:value, collects each VEVENT. */
function parseIcs(text: string): { calendar: Record<string, string>; events: Calendar } {
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const calendar: Record<string, string> = {};
  const out: Calendar = [];
  let current: Calendar[number] | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    const [name, ...params] = line.slice(0, colon).split(";");
    const value = line.slice(colon + 1);
    if (name === "BEGIN" && value === "VEVENT") current = {};
    else if (name === "END" && value === "VEVENT") {
      out.push(current!);
      current = null;
    } else if (current) {
      current[name] = {
        params: Object.fromEntries(params.map((p) => p.split("=") as [string, string])),
        value,
      };
    } else calendar[name] = value;
  }
  return { calendar, events: out };
}

const wall = (ms: number, zone: string) =>
  DateTime.fromMillis(ms, { zone }).toFormat("yyyyLLdd'T'HHmmss");

describe("events on a seeded database", () => {
  it("/events lists upcoming events soonest first, and past ones latest first on ?when=past", async () => {
    const up = await call<Awaited<ReturnType<typeof eventsIndex.loader>>>(
      eventsIndex.loader as never,
      getRequest("/events"),
    );
    expect(up.status).toBe(200);
    const list = up.data!.events;
    expect(list.length).toBeGreaterThan(3);
    const starts = list.map((e) => Date.parse(e.iso));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const past = await call<Awaited<ReturnType<typeof eventsIndex.loader>>>(
      eventsIndex.loader as never,
      getRequest("/events?when=past"),
    );
    const pastStarts = past.data!.events.map((e) => Date.parse(e.iso));
    expect(pastStarts.length).toBeGreaterThan(3);
    expect(pastStarts).toEqual([...pastStarts].sort((a, b) => b - a));
    expect(Math.max(...pastStarts)).toBeLessThan(NOW);
  });

  it("filters by area, lab and kind from the URL, and ignores junk filters", async () => {
    const all = db.select().from(events).all();
    const talk = all.find((e) => e.kind === "workshop" && e.endsAt > NOW) ?? all[0];
    const res = await call<Awaited<ReturnType<typeof eventsIndex.loader>>>(
      eventsIndex.loader as never,
      getRequest(`/events?kind=${talk.kind}&when=${talk.endsAt > NOW ? "upcoming" : "past"}`),
    );
    expect(res.data!.events.every((e) => e.kind === talk.kind)).toBe(true);
    expect(res.data!.events.map((e) => e.slug)).toContain(talk.slug);
    const lab = await call<Awaited<ReturnType<typeof eventsIndex.loader>>>(
      eventsIndex.loader as never,
      getRequest("/events?lab=zurich&when=past"),
    );
    const zurichId = db.$client.prepare("select id from labs where slug = 'zurich'").get() as {
      id: number;
    };
    const expected = all.filter((e) => e.labId === zurichId.id && e.endsAt <= NOW).length;
    expect(lab.data!.total).toBe(expected);
    const junk = await call<Awaited<ReturnType<typeof eventsIndex.loader>>>(
      eventsIndex.loader as never,
      getRequest("/events?kind=<script>&area=%00&page=abc"),
    );
    expect(junk.status).toBe(200);
    expect(junk.data!.filters).toEqual({ area: null, lab: null, kind: null });
  });

  it("an event page carries schema.org Event JSON-LD with name, startDate, endDate and location", async () => {
    const e = db
      .select()
      .from(events)
      .all()
      .find((x) => x.labId && x.endsAt > NOW)!;
    const res = await call<Awaited<ReturnType<typeof eventPage.loader>>>(
      eventPage.loader as never,
      getRequest(`/events/${e.slug}`),
      { slug: e.slug },
    );
    expect(res.status).toBe(200);
    const json = jsonForScript(eventPage.eventPageJsonLd(res.data!));
    expect(json).not.toContain("</");
    const ld = JSON.parse(json);
    expect(ld["@type"]).toBe("Event");
    expect(ld.name).toBe(e.title);
    expect(Date.parse(ld.startDate)).toBe(e.startsAt);
    expect(Date.parse(ld.endDate)).toBe(e.endsAt);
    const places = [ld.location].flat();
    expect(places[0]["@type"]).toBe("Place");
    expect(places[0].address.addressLocality).toBeTruthy();
    expect(ld.eventAttendanceMode).toMatch(/^https:\/\/schema\.org\//);
    expect(ld.organizer.name).toBeTruthy();
    // Speakers that are our researchers link to their profiles.
    expect(res.data!.event.speakers.some((s) => s.profileSlug)).toBe(true);
    // The time is shown in the event's own zone.
    expect(res.data!.event.iso).toBe(
      DateTime.fromMillis(e.startsAt, { zone: e.timeZone }).toISO({ suppressMilliseconds: true }),
    );
  });

  it("recording and slides links appear only once an event is over", async () => {
    const all = db.select().from(events).all();
    const pastWithRecording = all.find((x) => x.endsAt <= NOW && x.recordingUrl)!;
    const page = await call<Awaited<ReturnType<typeof eventPage.loader>>>(
      eventPage.loader as never,
      getRequest(`/events/${pastWithRecording.slug}`),
      { slug: pastWithRecording.slug },
    );
    expect(page.data!.event.recordingUrl).toBe(pastWithRecording.recordingUrl);
    const future = all.find((x) => x.endsAt > NOW)!;
    db.$client
      .prepare("update events set recording_url = 'https://video.example.org/x' where id = ?")
      .run(future.id);
    const upcoming = await call<Awaited<ReturnType<typeof eventPage.loader>>>(
      eventPage.loader as never,
      getRequest(`/events/${future.slug}`),
      { slug: future.slug },
    );
    expect(upcoming.data!.event.recordingUrl).toBeNull();
  });

  it("an unknown or malformed event slug is a 404", async () => {
    for (const slug of ["no-such-event", "Bad Slug!"]) {
      const res = await call(eventPage.loader as never, getRequest(`/events/x`), { slug });
      expect(res.status).toBe(404);
      const cal = await call(oneCalendar.loader as never, getRequest(`/events/x/calendar.ics`), {
        slug,
      });
      expect(cal.status).toBe(404);
    }
  });

  it("'Add to calendar' is text/calendar with one VEVENT in the event's zone (DTSTART/DTEND with TZID)", async () => {
    const e = db
      .select()
      .from(events)
      .all()
      .find((x) => x.timeZone !== "UTC")!;
    const res = await call<{ text: string }>(
      oneCalendar.loader as never,
      getRequest(`/events/${e.slug}/calendar.ics`),
      { slug: e.slug },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    const { calendar, events: vevents } = parseIcs(res.data!.text);
    expect(calendar.VERSION).toBe("2.0");
    expect(vevents).toHaveLength(1);
    const [v] = vevents;
    expect(v.SUMMARY.value).toBe(e.title.replace(/([,;\\])/g, "\\$1"));
    expect(v.DTSTART.params.TZID).toBe(e.timeZone);
    expect(v.DTSTART.value).toBe(wall(e.startsAt, e.timeZone));
    expect(v.DTEND.params.TZID).toBe(e.timeZone);
    expect(v.DTEND.value).toBe(wall(e.endsAt, e.timeZone));
    expect(v.UID.value).toContain(e.slug);
    expect(v.URL.value).toBe(`http://localhost/events/${e.slug}`);
  });

  it("/events.ics is a feed of every upcoming event and no past one", async () => {
    const res = await call<{ text: string }>(feed.loader as never, getRequest("/events.ics"));
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const { events: vevents } = parseIcs(res.data!.text);
    const all = db.select().from(events).all();
    const upcoming = all.filter((e) => e.endsAt > NOW);
    expect(vevents).toHaveLength(upcoming.length);
    // Two independent parsers read every seeded event at its stored instants.
    const read = readCalendar(res.data!.text).events;
    for (const v of read) {
      const e = upcoming.find((x) => v.uid.startsWith(`event-${x.slug}@`))!;
      expect([v.start, v.end]).toEqual(
        [e.startsAt, e.endsAt].map((ms) => new Date(ms).toISOString()),
      );
    }
    for (const v of vevents) {
      const e = all.find((x) => v.UID.value.startsWith(`event-${x.slug}@`))!;
      expect(e.endsAt).toBeGreaterThan(NOW);
      expect(v.DTSTART.params.TZID).toBe(e.timeZone);
      expect(v.DTSTART.value).toBe(wall(e.startsAt, e.timeZone));
    }
  });

  it("the home page lists upcoming events", async () => {
    const res = await call<Awaited<ReturnType<typeof home.loader>>>(
      home.loader as never,
      getRequest("/"),
    );
    expect(res.data!.upcomingEvents.length).toBeGreaterThan(0);
    expect(res.data!.upcomingEvents.every((e) => Date.parse(e.iso) > NOW - 7 * 86_400_000)).toBe(
      true,
    );
  });
});

describe("the past/upcoming boundary on a fixed clock", () => {
  it("an event is upcoming until the millisecond it ends, then past", () => {
    const lab = createLab(db, { name: "Boundary Lab", slug: "boundary-lab" });
    const r = createResearcher(db, { name: "Bo Undary", slug: "bo-undary", labId: lab.id });
    expect(r).toBeTruthy();
    const start = Date.UTC(2031, 0, 1, 9);
    const end = start + 3_600_000;
    db.insert(events)
      .values({
        slug: "edge-talk",
        title: "Edge talk",
        kind: "talk",
        startsAt: start,
        endsAt: end,
        timeZone: "Europe/Zurich",
        labId: lab.id,
      })
      .run();
    const where = (now: number) => {
      const up = listEvents(db, { when: "upcoming", lab: "boundary-lab", now }).rows;
      const past = listEvents(db, { when: "past", lab: "boundary-lab", now }).rows;
      return up.length ? "upcoming" : past.length ? "past" : "missing";
    };
    expect(where(start - 1)).toBe("upcoming");
    expect(where(start + 1)).toBe("upcoming"); // happening now
    expect(where(end - 1)).toBe("upcoming");
    expect(where(end)).toBe("past");
  });
});

describe("programs on a seeded database", () => {
  it("/programs lists every program with its window; a closed one says when the next opens", async () => {
    const res = await call<Awaited<ReturnType<typeof programsIndex.loader>>>(
      programsIndex.loader as never,
      getRequest("/programs"),
    );
    const list = res.data!.programs;
    expect(list.map((p) => p.slug)).toEqual([
      "research-internship",
      "ai-residency",
      "visiting-fellowship",
      "phd-programme",
    ]);
    // On 10 June 2026 the internship (15 Sep – 30 Nov) is closed and next opens 15 Sep 2026.
    const internship = list[0];
    expect(internship.window.open).toBe(false);
    expect(new Date(internship.window.opensAt).toISOString().slice(0, 10)).toBe("2026-09-15");
  });

  it("a program page has its timeline, open roles, alumni and EducationalOccupationalProgram JSON-LD", async () => {
    const res = await call<Awaited<ReturnType<typeof programPage.loader>>>(
      programPage.loader as never,
      getRequest("/programs/research-internship"),
      { slug: "research-internship" },
    );
    expect(res.status).toBe(200);
    const d = res.data!;
    expect(d.alumni.length).toBeGreaterThan(0);
    expect(d.openRoles.every((r) => r.kind === "intern")).toBe(true);
    expect(d.program.faq.length).toBe(3);
    const ld = JSON.parse(jsonForScript(programPage.programPageJsonLd(d)));
    expect(ld["@type"]).toBe("EducationalOccupationalProgram");
    expect(ld.name).toBe("Research Internship");
    expect(ld.provider.name).toBeTruthy();
    expect(ld.applicationStartDate).toBe("2026-09-15");
    expect(ld.applicationDeadline).toBe("2026-11-30");
    expect(ld.startDate).toBe("2027-05-15");
    const missing = await call(programPage.loader as never, getRequest("/programs/x"), {
      slug: "nope",
    });
    expect(missing.status).toBe(404);
  });
});
