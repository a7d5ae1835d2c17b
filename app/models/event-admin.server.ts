/**
 * The admin side of events (app/routes/admin.events.*): the form's values
 * and choices, the list, and the writes, each audited in the same
 * transaction as the change. Times arrive as wall-clock times in the event's
 * zone and are converted here with utils/time's one wall-clock rule.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
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
import { utcToWallTime, wallTimeProblem, wallTimeToUtc } from "~/utils/time";
import { pageCount as countPages } from "~/utils/route-params";
import { isSlug, uniqueSlug } from "~/utils/slug";

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
