/**
 * Events and talks: the public lists and pages (/events, /events/:slug, the
 * iCalendar files) and the short lists on profiles, area and lab pages. The
 * admin side is in event-admin.server.ts.
 *
 * "Upcoming" means not yet over (ends after `now`), so a talk happening right
 * now still leads the list; "past" is everything that has ended.
 */
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import {
  eventAreas,
  events,
  eventSpeakers,
  labs,
  researchAreas,
  researchers,
} from "../../db/schema";
import type { EventKind } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";
import { formatDate, isoInZone } from "~/utils/time";
import { pageCount as countPages } from "~/utils/route-params";
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
