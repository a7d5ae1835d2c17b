/**
 * Every calendar Atrium emits, read by two independent parsers (ical.js and
 * node-ical, tests/calendars.ts) that must agree with each other and with the
 * instant the person typed: the /events.ics feed, each event's "Add to
 * calendar", the interview invitation the candidate downloads, and the
 * invitations and cancellations the outbox sends. Events are entered through
 * the admin form as wall-clock times, in zones with daylight-saving changes
 * inside the event, half-hour offsets and links (America/Montreal).
 */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "../db/schema";
import * as interviewIcs from "../app/routes/applications.$id_.interviews.$interviewId[.]ics";
import * as oneCalendar from "../app/routes/events.$slug_.calendar[.]ics";
import * as feed from "../app/routes/events[.]ics";
import * as newEvent from "../app/routes/admin.events.new";
import * as hiring from "../app/routes/recruit.applications.$id_.hiring/route";
import { getDb, type DB } from "~/utils/db.server";
import { createLab } from "./builders";
import { readCalendar } from "./calendars";
import { applyTo, openingWithStages, signedIn } from "./fixtures";
import { call, formErrors, getRequest, postForm } from "./requests";

const NOW = Date.UTC(2027, 0, 4, 9);
let db: DB;
let admin: Awaited<ReturnType<typeof signedIn>>;
let recruiter: Awaited<ReturnType<typeof signedIn>>;
let cand: Awaited<ReturnType<typeof signedIn>>;
let labId: number;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  db = getDb();
  admin = await signedIn(db, "admin", { name: "Ada Admin" });
  recruiter = await signedIn(db, "recruiter", { name: "Rita Recruiter" });
  cand = await signedIn(db, "candidate", { name: "Cara Candidate" });
  labId = createLab(db, { name: "Calendar Lab", slug: "calendar-lab" }).id;
});
afterAll(() => {
  vi.useRealTimers();
});

const iso = (text: string) => new Date(text).toISOString();

/** Wall-clock times typed into the admin form, and the UTC instants they are. */
const EVENTS = [
  {
    title: "A Tokyo talk at four",
    zone: "Asia/Tokyo",
    from: "2027-06-10T16:00",
    to: "2027-06-10T17:30",
    utc: ["2027-06-10T07:00Z", "2027-06-10T08:30Z"],
  },
  {
    // Montreal's clocks go from 02:00 EST to 03:00 EDT during this night.
    title: "Montreal night across the spring change",
    zone: "America/Montreal",
    from: "2027-03-13T22:00",
    to: "2027-03-14T04:00",
    utc: ["2027-03-14T03:00Z", "2027-03-14T08:00Z"],
  },
  {
    // Zurich's clocks go back from 03:00 CEST to 02:00 CET during this night.
    title: "Zurich night across the autumn change",
    zone: "Europe/Zurich",
    from: "2027-10-30T23:00",
    to: "2027-10-31T04:00",
    utc: ["2027-10-30T21:00Z", "2027-10-31T03:00Z"],
  },
  {
    // 02:30 is shown twice that night; the form means the first time.
    title: "Zurich in the repeated hour",
    zone: "Europe/Zurich",
    from: "2027-10-31T02:30",
    to: "2027-10-31T03:30",
    utc: ["2027-10-31T00:30Z", "2027-10-31T02:30Z"],
  },
  {
    // Lord Howe Island sets its clocks back half an hour, 02:00 (+11) to 01:30 (+10:30).
    title: "Lord Howe across the autumn change",
    zone: "Australia/Lord_Howe",
    from: "2027-04-03T20:00",
    to: "2027-04-04T06:00",
    utc: ["2027-04-03T09:00Z", "2027-04-03T19:30Z"],
  },
  {
    // ... and forward half an hour, 02:00 (+10:30) to 02:30 (+11).
    title: "Lord Howe across the spring change",
    zone: "Australia/Lord_Howe",
    from: "2027-10-03T01:00",
    to: "2027-10-03T03:00",
    utc: ["2027-10-02T14:30Z", "2027-10-02T16:00Z"],
  },
  {
    title: "Kolkata seminar",
    zone: "Asia/Kolkata",
    from: "2027-01-15T10:00",
    to: "2027-01-15T11:00",
    utc: ["2027-01-15T04:30Z", "2027-01-15T05:30Z"],
  },
  {
    title: "A talk in UTC",
    zone: "UTC",
    from: "2027-05-01T12:00",
    to: "2027-05-01T13:00",
    utc: ["2027-05-01T12:00Z", "2027-05-01T13:00Z"],
  },
];

describe("event calendars", () => {
  const slugs = new Map<string, string>();

  beforeAll(async () => {
    for (const e of EVENTS) {
      const res = await call(
        newEvent.action as never,
        postForm(
          "/admin/events/new",
          {
            title: e.title,
            kind: "talk",
            startsAt: e.from,
            endsAt: e.to,
            timeZone: e.zone,
            labId: String(labId),
          },
          { token: admin.token },
        ),
      );
      expect(res.status, e.title).toBe(302);
      const id = Number(/\/admin\/events\/(\d+)/.exec(res.location!)![1]);
      slugs.set(e.title, db.select().from(s.events).where(eq(s.events.id, id)).get()!.slug);
    }
  });

  it("the admin form refuses a time the clocks skip, and stores nothing", async () => {
    const res = await call(
      newEvent.action as never,
      postForm(
        "/admin/events/new",
        {
          title: "Never happens",
          kind: "talk",
          startsAt: "2027-03-28T02:30",
          endsAt: "2027-03-28T04:00",
          timeZone: "Europe/Zurich",
          labId: String(labId),
        },
        { token: admin.token },
      ),
    );
    expect(res.status).toBe(400);
    expect(formErrors(res).startsAt?.[0]).toMatch(/does not exist in Europe\/Zurich/);
    expect(db.select().from(s.events).where(eq(s.events.title, "Never happens")).get()).toBe(
      undefined,
    );
  });

  it("each event's 'Add to calendar' is METHOD:PUBLISH, served as such, read alike by both parsers", async () => {
    for (const e of EVENTS) {
      const slug = slugs.get(e.title)!;
      const res = await call<{ text: string }>(
        oneCalendar.loader as never,
        getRequest(`/events/${slug}/calendar.ics`),
        { slug },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8; method=PUBLISH");
      const { method, events } = readCalendar(res.data!.text);
      expect(method).toBe("PUBLISH");
      expect(events, e.title).toEqual([
        expect.objectContaining({ start: iso(e.utc[0]), end: iso(e.utc[1]) }),
      ]);
    }
  });

  it("the /events.ics feed has no METHOD, and every event at the instant typed", async () => {
    const res = await call<{ text: string }>(feed.loader as never, getRequest("/events.ics"));
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const { method, events } = readCalendar(res.data!.text);
    expect(method).toBeNull();
    const expected = EVENTS.map((e) => ({
      uid: `event-${slugs.get(e.title)}@localhost`,
      start: iso(e.utc[0]),
      end: iso(e.utc[1]),
    })).sort((a, b) => a.uid.localeCompare(b.uid));
    expect(events.map(({ uid, start, end }) => ({ uid, start, end }))).toEqual(expected);
    // Zoned times keep their zone; the repeated hour and UTC are written in UTC.
    const zoneOf = (title: string) =>
      events.find((v) => v.uid === `event-${slugs.get(title)}@localhost`)!.tzid;
    expect(zoneOf("A Tokyo talk at four")).toBe("Asia/Tokyo");
    expect(zoneOf("Montreal night across the spring change")).toBe("America/Montreal");
    expect(zoneOf("Lord Howe across the spring change")).toBe("Australia/Lord_Howe");
    expect(zoneOf("Zurich in the repeated hour")).toBeNull();
    expect(zoneOf("A talk in UTC")).toBeNull();
  });
});

describe("interview invitations", () => {
  const lastCalendar = () =>
    db
      .select({ calendar: s.outbox.calendar })
      .from(s.outbox)
      .where(eq(s.outbox.to, cand.user.email))
      .orderBy(desc(s.outbox.id))
      .get()!.calendar!;

  it("scheduled, moved across a change of the clocks, and cancelled: mailed and downloaded alike", async () => {
    const { opening, stages } = openingWithStages(db, { title: "Calendar Fellow" });
    const app = applyTo(db, {
      openingId: opening.id,
      candidateId: cand.user.id,
      stageId: stages[2].id,
    });
    const post = (fields: Record<string, string | string[]>) =>
      call(
        hiring.action as never,
        postForm(`/recruit/applications/${app.id}/hiring`, fields, { token: recruiter.token }),
        { id: String(app.id) },
      );
    const download = async (interviewId: number) => {
      const path = `/applications/${app.id}/interviews/${interviewId}.ics`;
      const res = await call<{ text: string }>(
        interviewIcs.loader as never,
        getRequest(path, { token: cand.token }),
        { id: String(app.id), interviewId: String(interviewId) },
      );
      expect(res.status).toBe(200);
      return { type: res.headers.get("Content-Type"), ...readCalendar(res.data!.text) };
    };
    const fields = {
      intent: "schedule",
      kind: "technical",
      start: "2027-06-10T16:00",
      end: "2027-06-10T17:00",
      timeZone: "Asia/Tokyo",
      placeKind: "room",
      place: "Room 4.12",
      note: "",
      interviewers: [`u:${recruiter.user.id}`],
    };
    expect((await post(fields)).status).toBe(302);
    const interviewId = db
      .select()
      .from(s.interviews)
      .where(eq(s.interviews.applicationId, app.id))
      .get()!.id;
    const invited = readCalendar(lastCalendar());
    expect(invited.method).toBe("REQUEST");
    expect(invited.events).toMatchObject([
      { start: iso("2027-06-10T07:00Z"), end: iso("2027-06-10T08:00Z"), tzid: "Asia/Tokyo" },
    ]);
    expect(await download(interviewId)).toMatchObject({
      type: "text/calendar; charset=utf-8; method=REQUEST",
      events: invited.events,
    });

    const moves: Array<[string, string, string, [string, string]]> = [
      [
        "Australia/Lord_Howe",
        "2027-04-04T01:00",
        "2027-04-04T03:00",
        ["2027-04-03T14:00Z", "2027-04-03T16:30Z"],
      ],
      [
        "America/Montreal",
        "2027-11-06T23:30",
        "2027-11-07T03:00",
        ["2027-11-07T03:30Z", "2027-11-07T08:00Z"],
      ],
      [
        "Europe/Zurich",
        "2027-03-28T01:30",
        "2027-03-28T03:30",
        ["2027-03-28T00:30Z", "2027-03-28T01:30Z"],
      ],
    ];
    for (const [timeZone, start, end, utc] of moves) {
      const res = await post({
        ...fields,
        intent: "reschedule",
        interviewId: String(interviewId),
        start,
        end,
        timeZone,
      });
      expect(res.status, timeZone).toBe(302);
      const moved = readCalendar(lastCalendar());
      expect(moved.events, timeZone).toMatchObject([{ start: iso(utc[0]), end: iso(utc[1]) }]);
      expect((await download(interviewId)).events).toEqual(moved.events);
    }

    const res = await post({ intent: "cancel", interviewId: String(interviewId), confirm: "on" });
    expect(res.status).toBe(302);
    const cancelled = readCalendar(lastCalendar());
    expect(cancelled).toMatchObject({
      method: "CANCEL",
      events: [{ start: iso("2027-03-28T00:30Z"), status: "CANCELLED" }],
    });
    expect(await download(interviewId)).toMatchObject({
      type: "text/calendar; charset=utf-8; method=CANCEL",
      events: cancelled.events,
    });
  });
});
