/**
 * /admin/events and /admin/programs: admins add, edit and delete; bad input
 * is a 400 with field errors and stores nothing; every write is audited with
 * a readable detail; recruiters are refused.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArea, createLab, createResearcher, verifiedSessionFor } from "../../tests/builders";
import {
  auditLog,
  eventAreas,
  events,
  eventSpeakers,
  programAlumni,
  programs,
} from "../../db/schema";
import { staffUser } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import * as editEvent from "./admin.events.$id";
import * as listEvents from "./admin.events._index";
import * as newEvent from "./admin.events.new";
import * as editProgram from "./admin.programs.$id";
import * as listPrograms from "./admin.programs._index";
import * as newProgram from "./admin.programs.new";

let db: DB;
let admin: string;
let adminId: number;
let recruiter: string;
let labId: number;
let areaId: number;
const n = (table: typeof events | typeof programs) =>
  db.select({ n: count() }).from(table).get()!.n;
const audits = (action: string) =>
  db.select().from(auditLog).where(eq(auditLog.action, action)).all();

beforeAll(async () => {
  db = getDb();
  const a = await staffUser(db, "admin", "Ada Admin");
  adminId = a.id;
  admin = verifiedSessionFor(db, a.id);
  recruiter = verifiedSessionFor(db, (await staffUser(db, "recruiter")).id);
  labId = createLab(db, { name: "Zurich Lab", slug: "zurich-lab" }).id;
  areaId = createArea(db, { name: "Trust", slug: "trust" }).id;
  createResearcher(db, { name: "Ana Lima", slug: "ana-lima", labId });
});

const goodEvent = {
  title: "Verified compilers in practice",
  kind: "talk",
  startsAt: "2026-12-10T15:00",
  endsAt: "2026-12-10T16:30",
  timeZone: "Europe/Zurich",
  venueName: "",
  abstract: "We **prove** things.",
  speakers: "ana-lima\nDr. Imani Okafor, University of Lagos",
};

describe("/admin/events", () => {
  it("is for admins only", async () => {
    for (const fn of [listEvents.loader, newEvent.loader]) {
      const res = await call(fn, getRequest("/admin/events", { token: recruiter }));
      expect(res.status).toBe(403);
    }
    const before = n(events);
    const res = await call(
      newEvent.action,
      postForm("/admin/events/new", { ...goodEvent, labId: String(labId) }, { token: recruiter }),
    );
    expect(res.status).toBe(403);
    expect(n(events)).toBe(before);
  });

  it("refuses bad input with 400 and field errors, storing nothing and auditing nothing", async () => {
    const before = n(events);
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...goodEvent, labId: String(labId), title: "" }, "title"],
      [{ ...goodEvent, labId: String(labId), startsAt: "tomorrow" }, "startsAt"],
      [{ ...goodEvent, labId: String(labId), timeZone: "Mars/Olympus" }, "timeZone"],
      [{ ...goodEvent, labId: String(labId), endsAt: "2026-12-10T14:00" }, "endsAt"],
      [{ ...goodEvent, labId: String(labId), onlineUrl: "javascript:alert(1)" }, "onlineUrl"],
      [{ ...goodEvent, labId: String(labId), speakers: "nobody-here" }, "speakers"],
      [{ ...goodEvent, labId: "999999" }, "labId"],
    ];
    for (const [fields, field] of cases) {
      const res = await call(
        newEvent.action,
        postForm("/admin/events/new", fields, { token: admin }),
      );
      expect(res.status, field).toBe(400);
      expect(Object.keys(formErrors(res)), field).toContain(field);
    }
    // No place at all: a form-level error.
    const nowhere = await call(
      newEvent.action,
      postForm("/admin/events/new", goodEvent, { token: admin }),
    );
    expect(nowhere.status).toBe(400);
    expect(formErrors(nowhere)[""]?.[0]).toMatch(/where it happens/);
    expect(n(events)).toBe(before);
    expect(audits("content.event_created")).toHaveLength(0);
  });

  it("creates, edits and deletes an event, auditing each with a readable detail", async () => {
    const created = await call(
      newEvent.action,
      postForm(
        "/admin/events/new",
        { ...goodEvent, labId: String(labId), areaIds: String(areaId) },
        { token: admin },
      ),
    );
    expect(created.status).toBe(302);
    const id = Number(created.location!.match(/^\/admin\/events\/(\d+)\?created=1$/)![1]);
    const row = db.select().from(events).where(eq(events.id, id)).get()!;
    expect(row).toMatchObject({
      slug: "verified-compilers-in-practice",
      timeZone: "Europe/Zurich",
    });
    // 15:00 in Zurich in December is 14:00 UTC.
    expect(row.startsAt).toBe(Date.UTC(2026, 11, 10, 14, 0));
    expect(db.select().from(eventSpeakers).where(eq(eventSpeakers.eventId, id)).all()).toHaveLength(
      2,
    );
    expect(db.select().from(eventAreas).where(eq(eventAreas.eventId, id)).all()).toHaveLength(1);
    const [a1] = audits("content.event_created");
    expect(a1).toMatchObject({ actorUserId: adminId });
    expect(a1.detail).toMatchObject({ event: goodEvent.title, slug: row.slug });

    const page = await call<Awaited<ReturnType<typeof editEvent.loader>>>(
      editEvent.loader,
      getRequest(`/admin/events/${id}`, { token: admin }),
      { id: String(id) },
    );
    expect(page.data!.values).toMatchObject({
      startsAt: "2026-12-10T15:00",
      speakers: "ana-lima\nDr. Imani Okafor, University of Lagos",
    });

    const bad = await call(
      editEvent.action,
      postForm(
        `/admin/events/${id}`,
        { ...goodEvent, labId: String(labId), title: "x" },
        { token: admin },
      ),
      { id: String(id) },
    );
    expect(bad.status).toBe(400);
    expect(db.select().from(events).where(eq(events.id, id)).get()!.title).toBe(goodEvent.title);

    const edited = await call(
      editEvent.action,
      postForm(
        `/admin/events/${id}`,
        {
          ...goodEvent,
          title: "Verified compilers, revisited",
          labId: "",
          onlineUrl: "https://stream.example.org/v",
          speakers: "ana-lima",
        },
        { token: admin },
      ),
      { id: String(id) },
    );
    expect(edited.status).toBe(302);
    expect(db.select().from(events).where(eq(events.id, id)).get()).toMatchObject({
      title: "Verified compilers, revisited",
      slug: row.slug,
      labId: null,
      onlineUrl: "https://stream.example.org/v",
    });
    expect(db.select().from(eventSpeakers).where(eq(eventSpeakers.eventId, id)).all()).toHaveLength(
      1,
    );
    expect(audits("content.event_updated")[0].detail).toMatchObject({
      event: "Verified compilers, revisited",
    });

    const deleted = await call(
      editEvent.action,
      postForm(`/admin/events/${id}`, { intent: "delete" }, { token: admin }),
      { id: String(id) },
    );
    expect(deleted.status).toBe(302);
    expect(db.select().from(events).where(eq(events.id, id)).get()).toBeUndefined();
    expect(db.select().from(eventSpeakers).where(eq(eventSpeakers.eventId, id)).all()).toHaveLength(
      0,
    );
    expect(audits("content.event_deleted")[0].detail).toMatchObject({ slug: row.slug });

    const gone = await call(editEvent.loader, getRequest(`/admin/events/${id}`, { token: admin }), {
      id: String(id),
    });
    expect(gone.status).toBe(404);
  });
});

const goodProgram = {
  name: "Summer Research Internship",
  kind: "internship",
  summary: "Twelve weeks with a research team.",
  duration: "12 weeks",
  stipend: "Monthly stipend and housing",
  opensOn: "09-15",
  closesOn: "11-30",
  decisionsOn: "01-31",
  startsOn: "05-15",
  faq: "Is it paid?\nYes.",
  alumni: "ana-lima 2024",
};

describe("/admin/programs", () => {
  it("is for admins only", async () => {
    for (const fn of [listPrograms.loader, newProgram.loader]) {
      const res = await call(fn, getRequest("/admin/programs", { token: recruiter }));
      expect(res.status).toBe(403);
    }
    const res = await call(
      newProgram.action,
      postForm("/admin/programs/new", goodProgram, { token: recruiter }),
    );
    expect(res.status).toBe(403);
    expect(n(programs)).toBe(0);
  });

  it("refuses bad input with 400 and stores nothing", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...goodProgram, name: "" }, "name"],
      [{ ...goodProgram, opensOn: "02-30" }, "opensOn"],
      [{ ...goodProgram, kind: "bootcamp" }, "kind"],
      [{ ...goodProgram, alumni: "ghost-person 2020" }, "alumni"],
      [{ ...goodProgram, alumni: "ana-lima last year" }, "alumni"],
    ];
    for (const [fields, field] of cases) {
      const res = await call(
        newProgram.action,
        postForm("/admin/programs/new", fields, { token: admin }),
      );
      expect(res.status, field).toBe(400);
      expect(Object.keys(formErrors(res)), field).toContain(field);
    }
    expect(n(programs)).toBe(0);
    expect(db.select().from(programAlumni).all()).toHaveLength(0);
    expect(audits("content.program_created")).toHaveLength(0);
  });

  it("creates, edits and deletes a program with its alumni, auditing each", async () => {
    const created = await call(
      newProgram.action,
      postForm("/admin/programs/new", goodProgram, { token: admin }),
    );
    expect(created.status).toBe(302);
    const id = Number(created.location!.match(/^\/admin\/programs\/(\d+)\?created=1$/)![1]);
    expect(db.select().from(programs).where(eq(programs.id, id)).get()).toMatchObject({
      slug: "summer-research-internship",
      opensOn: "09-15",
    });
    expect(db.select().from(programAlumni).where(eq(programAlumni.programId, id)).all()).toEqual([
      expect.objectContaining({ year: 2024 }),
    ]);
    expect(audits("content.program_created")[0].detail).toMatchObject({
      program: goodProgram.name,
    });

    const dup = await call(
      newProgram.action,
      postForm(
        "/admin/programs/new",
        { ...goodProgram, name: "summer research internship" },
        { token: admin },
      ),
    );
    expect(dup.status).toBe(400);
    expect(formErrors(dup).name).toEqual(["Another program already has this name"]);

    const edited = await call(
      editProgram.action,
      postForm(
        `/admin/programs/${id}`,
        { ...goodProgram, stipend: "A generous stipend", alumni: "" },
        { token: admin },
      ),
      { id: String(id) },
    );
    expect(edited.status).toBe(302);
    expect(db.select().from(programs).where(eq(programs.id, id)).get()!.stipend).toBe(
      "A generous stipend",
    );
    expect(
      db.select().from(programAlumni).where(eq(programAlumni.programId, id)).all(),
    ).toHaveLength(0);
    expect(audits("content.program_updated")).toHaveLength(1);

    const deleted = await call(
      editProgram.action,
      postForm(`/admin/programs/${id}`, { intent: "delete" }, { token: admin }),
      { id: String(id) },
    );
    expect(deleted.status).toBe(302);
    expect(n(programs)).toBe(0);
    expect(audits("content.program_deleted")[0].detail).toMatchObject({
      slug: "summer-research-internship",
    });
  });
});
