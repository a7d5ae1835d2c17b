/**
 * Events and talks: the public lists and pages (/events, /events/:slug, the
 * iCalendar files), the short lists on profiles, area and lab pages, and the
 * admin writes (app/routes/admin.events.*), each audited in the same
 * transaction as the change.
 *
 * "Upcoming" means not yet over (ends after `now`), so a talk happening right
 * now still leads the list; "past" is everything that has ended.
 */
import { asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  eventAreas,
  events,
  eventSpeakers,
  labs,
  researchAreas,
  researchers,
} from "../../db/schema";
import type { EventKind } from "~/lib/enums";
import { audit } from "~/auth/audit.server";
import type { DB, Tx } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";
import { formatDate, isoInZone, utcToWallTime, wallTimeProblem, wallTimeToUtc } from "~/utils/time";
import { pageCount as countPages } from "~/utils/route-params";
import { isSlug, uniqueSlug } from "~/utils/slug";
import { countryName } from "~/utils/countries";

import { EVENT_KIND_LABELS } from "~/lib/event-labels";
export { EVENT_KIND_LABELS };

export type EventListItem = {
  id: number;
  slug: string;
  title: string;
  kind: EventKind;
  startsAt: number;
  endsAt: number;
  timeZone: string;
  online: boolean;
  place: string;
  speakers: string;
};

export type EventFilters = {
  when: "upcoming" | "past";
  area?: string | null;
  lab?: string | null;
  kind?: EventKind | null;
  page?: number;
  perPage?: number;
  now: number;
};

const placeSql = sql<string>`coalesce(l.name || ', ' || l.city, e.venue_name, 'Online')`;
const speakersSql = sql<string>`(SELECT group_concat(coalesce(r.name, s.name), ', ') FROM (SELECT * FROM event_speakers WHERE event_id = e.id ORDER BY position) s LEFT JOIN researchers r ON r.id = s.researcher_id)`;

/** One page of upcoming (soonest first) or past (latest first) events, filtered by area, lab and kind. */
export function listEvents(db: DB, f: EventFilters) {
  const perPage = f.perPage ?? 20;
  const where: SQL[] = [
    f.when === "upcoming" ? sql`e.ends_at > ${f.now}` : sql`e.ends_at <= ${f.now}`,
  ];
  if (f.kind) where.push(sql`e.kind = ${f.kind}`);
  if (f.lab) where.push(sql`e.lab_id = (SELECT id FROM labs WHERE slug = ${f.lab})`);
  if (f.area)
    where.push(
      sql`e.id IN (SELECT ea.event_id FROM event_areas ea JOIN research_areas a ON a.id = ea.area_id WHERE a.slug = ${f.area})`,
    );
  const cond = sql.join(where, sql` AND `);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM events e WHERE ${cond}`).n;
  const pageCount = countPages(total, perPage);
  const page = Math.min(Math.max(f.page ?? 1, 1), pageCount);
  const order =
    f.when === "upcoming" ? sql`e.starts_at ASC, e.id ASC` : sql`e.starts_at DESC, e.id DESC`;
  const rows = db
    .all<Omit<EventListItem, "online"> & { online: number }>(
      sql`SELECT e.id, e.slug, e.title, e.kind, e.starts_at AS startsAt, e.ends_at AS endsAt,
        e.time_zone AS timeZone, (e.online_url IS NOT NULL) AS online, ${placeSql} AS place,
        coalesce(${speakersSql}, '') AS speakers
      FROM events e LEFT JOIN labs l ON l.id = e.lab_id
      WHERE ${cond} ORDER BY ${order} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
    )
    .map((r) => ({ ...r, online: Boolean(r.online) }));
  return { rows, total, page, pageCount };
}

/** The few next events overall, or of one area, lab or speaker (home page and directory pages). */
export function listUpcomingEvents(
  db: DB,
  opts: { now: number; limit?: number; areaId?: number; labId?: number },
) {
  const where: SQL[] = [sql`e.ends_at > ${opts.now}`];
  if (opts.labId !== undefined) where.push(sql`e.lab_id = ${opts.labId}`);
  if (opts.areaId !== undefined)
    where.push(sql`e.id IN (SELECT event_id FROM event_areas WHERE area_id = ${opts.areaId})`);
  return db
    .all<Omit<EventListItem, "online"> & { online: number }>(
      sql`SELECT e.id, e.slug, e.title, e.kind, e.starts_at AS startsAt, e.ends_at AS endsAt,
        e.time_zone AS timeZone, (e.online_url IS NOT NULL) AS online, ${placeSql} AS place,
        coalesce(${speakersSql}, '') AS speakers
      FROM events e LEFT JOIN labs l ON l.id = e.lab_id
      WHERE ${sql.join(where, sql` AND `)} ORDER BY e.starts_at ASC, e.id ASC LIMIT ${opts.limit ?? 5}`,
    )
    .map((r) => ({ ...r, online: Boolean(r.online) }));
}

/** What an event is and when: a profile's list and the event page both show it. */
const whenColumns = {
  slug: events.slug,
  title: events.title,
  kind: events.kind,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
};

/** A profile's events, prepared once per database (app/utils/prepared.server.ts). */
const speakerQueries = preparedFor((db) => ({
  forSpeaker: db
    .select(whenColumns)
    .from(events)
    .where(
      sql`${events.id} IN (SELECT event_id FROM event_speakers WHERE researcher_id = ${sql.placeholder("researcherId")})`,
    )
    .orderBy(desc(events.startsAt))
    .limit(sql.placeholder("limit"))
    .prepare(),
}));

/** A researcher's talks, upcoming and past, latest first (their profile lists them). */
export function listEventsForSpeaker(db: DB, researcherId: number, limit = 10) {
  return speakerQueries(db).forSpeaker.all({ researcherId, limit });
}

/** Everything /events/:slug shows, or undefined. */
export function getEventBySlug(db: DB, slug: string) {
  const event = db
    .select({
      id: events.id,
      ...whenColumns,
      venueName: events.venueName,
      venueAddress: events.venueAddress,
      onlineUrl: events.onlineUrl,
      abstract: events.abstract,
      recordingUrl: events.recordingUrl,
      slidesUrl: events.slidesUrl,
      updatedAt: events.updatedAt,
      lab: { slug: labs.slug, name: labs.name, city: labs.city, country: labs.country },
    })
    .from(events)
    .leftJoin(labs, eq(labs.id, events.labId))
    .where(eq(events.slug, slug))
    .get();
  if (!event) return undefined;
  const areas = db
    .select({ slug: researchAreas.slug, name: researchAreas.name })
    .from(eventAreas)
    .innerJoin(researchAreas, eq(researchAreas.id, eventAreas.areaId))
    .where(eq(eventAreas.eventId, event.id))
    .orderBy(asc(researchAreas.position))
    .all();
  const speakers = db
    .select({
      name: eventSpeakers.name,
      affiliation: eventSpeakers.affiliation,
      researcher: {
        slug: researchers.slug,
        name: researchers.name,
        title: researchers.title,
      },
    })
    .from(eventSpeakers)
    .leftJoin(researchers, eq(researchers.id, eventSpeakers.researcherId))
    .where(eq(eventSpeakers.eventId, event.id))
    .orderBy(asc(eventSpeakers.position))
    .all()
    .map((s) =>
      s.researcher
        ? {
            name: s.researcher.name,
            affiliation: null as string | null,
            profileSlug: s.researcher.slug as string | null,
            title: s.researcher.title as string | null,
          }
        : { name: s.name ?? "", affiliation: s.affiliation, profileSlug: null, title: null },
    );
  const lab = event.lab?.slug
    ? { ...event.lab, countryName: countryName(event.lab.country) }
    : null;
  return { ...event, lab, areas, speakers };
}

/** The areas, labs and kinds the filter menus offer. */
export function listEventFilterOptions(db: DB) {
  return {
    areas: db
      .select({ slug: researchAreas.slug, name: researchAreas.name })
      .from(researchAreas)
      .orderBy(asc(researchAreas.position))
      .all(),
    labs: db.select({ slug: labs.slug, name: labs.name }).from(labs).orderBy(asc(labs.name)).all(),
  };
}

// ───────────────────────────── admin ─────────────────────────────

/** An event as the admin form submits it (EventSchema in components/events/event-form.tsx). */
export type EventInput = {
  title: string;
  kind: EventKind;
  /** Wall-clock "YYYY-MM-DDTHH:mm" in `timeZone`. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  labId?: number;
  venueName: string;
  venueAddress: string;
  onlineUrl?: string;
  abstract: string;
  recordingUrl?: string;
  slidesUrl?: string;
  areaIds: number[];
  /** One per line: a researcher's profile slug, or "Name, Affiliation". */
  speakers: string;
};

type FieldErrors = Record<string, string[]>;
export type SaveOutcome =
  | { ok: true; id: number; slug: string }
  | { ok: false; errors: FieldErrors; formErrors?: string[] };
type Actor = { userId: number; ip: string };

type Speaker = { researcherId: number | null; name: string | null; affiliation: string | null };

function resolveSpeakers(tx: Tx, text: string): { speakers: Speaker[]; error?: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const speakers: Speaker[] = [];
  for (const line of lines) {
    const comma = line.indexOf(",");
    if (comma === -1) {
      const r = isSlug(line)
        ? tx
            .select({ id: researchers.id })
            .from(researchers)
            .where(eq(researchers.slug, line))
            .get()
        : undefined;
      if (!r)
        return {
          speakers,
          error: `"${line}" is not the profile address of one of our researchers; write an external speaker as "Name, Affiliation"`,
        };
      speakers.push({ researcherId: r.id, name: null, affiliation: null });
    } else {
      const name = line.slice(0, comma).trim();
      const affiliation = line.slice(comma + 1).trim();
      if (name.length < 2 || affiliation.length < 2)
        return { speakers, error: `Write "${line}" as "Name, Affiliation"` };
      speakers.push({ researcherId: null, name, affiliation });
    }
  }
  if (speakers.length > 20) return { speakers, error: "List at most 20 speakers" };
  return { speakers };
}

/**
 * Creates (id null) or updates an event with its areas and speakers, and
 * audits it, in one immediate transaction. Database rules (the lab and areas
 * exist, speakers resolve, the end follows the start) come back as field errors.
 */
export function saveEvent(db: DB, id: number | null, v: EventInput, actor: Actor): SaveOutcome {
  const errors: FieldErrors = {};
  const start = wallTimeToUtc(v.startsAt, v.timeZone);
  const end = wallTimeToUtc(v.endsAt, v.timeZone);
  if (!start.ok) errors.startsAt = [wallTimeProblem(start.reason, v.timeZone)];
  if (!end.ok) errors.endsAt = [wallTimeProblem(end.reason, v.timeZone)];
  const startsAt = start.ok ? start.ms : null;
  const endsAt = end.ok ? end.ms : null;
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt)
    errors.endsAt = ["The end must come after the start"];
  if (!v.labId && !v.venueName && !v.onlineUrl)
    return {
      ok: false,
      errors,
      formErrors: ["Say where it happens: choose a lab, name a venue or give an online link."],
    };
  try {
    return db.transaction(
      (tx) => {
        if (v.labId && !tx.select({ id: labs.id }).from(labs).where(eq(labs.id, v.labId)).get())
          errors.labId = ["Choose a lab from the list"];
        const areaIds = [...new Set(v.areaIds)];
        if (
          areaIds.length &&
          tx
            .select({ id: researchAreas.id })
            .from(researchAreas)
            .where(inArray(researchAreas.id, areaIds))
            .all().length !== areaIds.length
        )
          errors.areaIds = ["Choose areas from the list"];
        const { speakers, error } = resolveSpeakers(tx, v.speakers);
        if (error) errors.speakers = [error];
        if (Object.keys(errors).length) throw new Invalid(errors);

        const now = Date.now();
        const fields = {
          title: v.title,
          kind: v.kind,
          startsAt: startsAt!,
          endsAt: endsAt!,
          timeZone: v.timeZone,
          labId: v.labId ?? null,
          venueName: v.venueName || null,
          venueAddress: v.venueAddress || null,
          onlineUrl: v.onlineUrl ?? null,
          abstract: v.abstract,
          recordingUrl: v.recordingUrl ?? null,
          slidesUrl: v.slidesUrl ?? null,
          updatedAt: now,
        };
        let row: { id: number; slug: string } | undefined;
        if (id === null) {
          const slug = uniqueSlug(v.title, (s) =>
            Boolean(tx.select({ id: events.id }).from(events).where(eq(events.slug, s)).get()),
          );
          row = tx
            .insert(events)
            .values({ ...fields, slug, createdAt: now })
            .returning({ id: events.id, slug: events.slug })
            .get();
        } else {
          row = tx
            .update(events)
            .set(fields)
            .where(eq(events.id, id))
            .returning({ id: events.id, slug: events.slug })
            .get();
          if (!row) throw new Invalid({ title: ["This event no longer exists"] });
          tx.delete(eventAreas).where(eq(eventAreas.eventId, id)).run();
          tx.delete(eventSpeakers).where(eq(eventSpeakers.eventId, id)).run();
        }
        const saved = row;
        if (areaIds.length)
          tx.insert(eventAreas)
            .values(areaIds.map((areaId) => ({ eventId: saved.id, areaId })))
            .run();
        if (speakers.length)
          tx.insert(eventSpeakers)
            .values(speakers.map((s, position) => ({ ...s, eventId: saved.id, position })))
            .run();
        audit(tx, {
          action: id === null ? "content.event_created" : "content.event_updated",
          actorUserId: actor.userId,
          ip: actor.ip,
          detail: { event: v.title, slug: saved.slug, starts: v.startsAt, timeZone: v.timeZone },
        });
        return { ok: true as const, ...saved };
      },
      { behavior: "immediate" },
    );
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, errors: e.errors };
    throw e;
  }
}

class Invalid extends Error {
  constructor(public errors: FieldErrors) {
    super("invalid");
  }
}

/** Deletes an event (its speakers and areas go with it) and audits it; false when it did not exist. */
export function deleteEvent(db: DB, id: number, actor: Actor): boolean {
  return db.transaction((tx) => {
    const row = tx
      .delete(events)
      .where(eq(events.id, id))
      .returning({ title: events.title, slug: events.slug })
      .get();
    if (!row) return false;
    audit(tx, {
      action: "content.event_deleted",
      actorUserId: actor.userId,
      ip: actor.ip,
      detail: { event: row.title, slug: row.slug },
    });
    return true;
  });
}

const ADMIN_EVENTS_PER_PAGE = 50;

/** Admin list: latest first. */
export function listEventsForAdmin(db: DB, page: number) {
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM events`).n;
  const pageCount = countPages(total, ADMIN_EVENTS_PER_PAGE);
  const p = Math.min(page, pageCount);
  const rows = db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      kind: events.kind,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
    })
    .from(events)
    .orderBy(sql`${events.startsAt} DESC`)
    .limit(ADMIN_EVENTS_PER_PAGE)
    .offset((p - 1) * ADMIN_EVENTS_PER_PAGE)
    .all();
  return { rows, total, page: p, pageCount };
}

/** The stored event as the admin form's values (strings, as inputs hold them). */
export function getEventFormValues(db: DB, id: number) {
  const e = db.select().from(events).where(eq(events.id, id)).get();
  if (!e) return null;
  const areaIds = db
    .select({ id: eventAreas.areaId })
    .from(eventAreas)
    .where(eq(eventAreas.eventId, id))
    .all()
    .map((a) => String(a.id));
  const speakers = db
    .select({
      slug: researchers.slug,
      name: eventSpeakers.name,
      affiliation: eventSpeakers.affiliation,
    })
    .from(eventSpeakers)
    .leftJoin(researchers, eq(researchers.id, eventSpeakers.researcherId))
    .where(eq(eventSpeakers.eventId, id))
    .orderBy(asc(eventSpeakers.position))
    .all()
    .map((s) => s.slug ?? `${s.name}, ${s.affiliation}`)
    .join("\n");
  return {
    event: { id: e.id, slug: e.slug, title: e.title },
    values: {
      title: e.title,
      kind: e.kind,
      startsAt: utcToWallTime(e.startsAt, e.timeZone),
      endsAt: utcToWallTime(e.endsAt, e.timeZone),
      timeZone: e.timeZone,
      labId: e.labId ? String(e.labId) : "",
      venueName: e.venueName ?? "",
      venueAddress: e.venueAddress ?? "",
      onlineUrl: e.onlineUrl ?? "",
      abstract: e.abstract,
      recordingUrl: e.recordingUrl ?? "",
      slidesUrl: e.slidesUrl ?? "",
      areaIds,
      speakers,
    },
  };
}

/** Labs and areas the event form offers. */
export function eventFormOptions(db: DB) {
  return {
    labs: db.select({ id: labs.id, name: labs.name }).from(labs).orderBy(asc(labs.name)).all(),
    areas: db
      .select({ id: researchAreas.id, name: researchAreas.name })
      .from(researchAreas)
      .orderBy(asc(researchAreas.position))
      .all(),
  };
}

/** A list row → what EventList shows (dates formatted in the event's own zone). */
export function toEventListEntry(e: {
  slug: string;
  title: string;
  kind: EventKind;
  startsAt: number;
  timeZone: string;
  place?: string;
  online?: boolean;
  speakers?: string;
}) {
  return {
    slug: e.slug,
    title: e.title,
    kind: e.kind,
    kindLabel: EVENT_KIND_LABELS[e.kind],
    day: formatDate(e.startsAt, e.timeZone),
    iso: isoInZone(e.startsAt, e.timeZone),
    place: e.place,
    online: e.online,
    speakers: e.speakers,
  };
}

/**
 * Events as calendar entries: one by slug ("Add to calendar"), or every
 * upcoming one for the /events.ics feed (at most 500, soonest first).
 */
export function listCalendarEvents(db: DB, opts: { slug: string } | { now: number }) {
  const where = "slug" in opts ? sql`e.slug = ${opts.slug}` : sql`e.ends_at > ${opts.now}`;
  const rows = db.all<{
    slug: string;
    title: string;
    startsAt: number;
    endsAt: number;
    timeZone: string;
    abstract: string;
    labPlace: string | null;
    labCountry: string | null;
    elsewhere: string;
    updatedAt: number;
  }>(sql`SELECT e.slug, e.title, e.starts_at AS startsAt, e.ends_at AS endsAt, e.time_zone AS timeZone,
      e.abstract, e.updated_at AS updatedAt,
      l.name || ', ' || l.city AS labPlace, l.country AS labCountry,
      coalesce(e.venue_name || coalesce(', ' || e.venue_address, ''), e.online_url, 'Online') AS elsewhere
    FROM events e LEFT JOIN labs l ON l.id = e.lab_id
    WHERE ${where} ORDER BY e.starts_at ASC LIMIT 500`);
  // The lab's country is stored as a code; a calendar shows its name.
  return rows.map(({ labPlace, labCountry, elsewhere, ...event }) => ({
    ...event,
    location:
      labPlace !== null && labCountry !== null
        ? `${labPlace}, ${countryName(labCountry)}`
        : elsewhere,
  }));
}
