/**
 * Hiring reports, for one opening or all of them. Definitions (shown on the
 * reports page too):
 * - Funnel: an application "reached" a stage when its current stage or any
 *   stage it was moved (or hired) into sits at or past that stage in its
 *   opening. Rejected and withdrawn applications count for every stage they
 *   reached. Across openings, stages are compared by name (each name once,
 *   ordered by the mean position it holds).
 * - Conversion: reached(p) / reached(p − 1).
 * - Time in stage: completed stays only — from entering a stage (application
 *   or move) to leaving it (a move, or a decision: rejected, hired, withdrawn,
 *   opening closed). Stays still running are not counted. Median, in days.
 * - Time to hire: from application to the "hired" event. Median, in days.
 * - Applications per week: the last 12 weeks of 7 days ending now.
 * - Sources: applications.source, one spelling per source (normaliseSource),
 *   "Not given" when empty.
 * - Caching: getReport keeps results until a write bumps report_state.
 */
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { openings } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { normaliseSource } from "~/lib/sources";
import { isoDate } from "~/utils/time";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export type Report = {
  total: number;
  funnel: Array<{ position: number; label: string; reached: number; conversion: number | null }>;
  stageTimes: Array<{ position: number; label: string; medianDays: number | null; stays: number }>;
  timeToHire: { medianDays: number | null; hires: number };
  perWeek: Array<{ weekStart: number; count: number }>;
  sources: Array<{ source: string; count: number }>;
};

/** The median of a list (mean of the middle two for even lengths); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

type Scope = SQL;

/**
 * Stage labels, each name once, in pipeline order (the mean of the positions
 * it holds across the openings in scope). Openings differ in length — one has
 * "Offer" at 3 and "Hired" at 4, another an extra stage and "Hired" at 5 — so
 * stages are compared by name, never by position.
 */
function stageLabels(db: DB, openingId: number | null): string[] {
  return db
    .all<{ name: string }>(
      openingId === null
        ? sql`SELECT name FROM stages GROUP BY name ORDER BY avg(position), min(position), name`
        : sql`SELECT name FROM stages WHERE opening_id = ${openingId} GROUP BY name ORDER BY min(position), name`,
    )
    .map((r) => r.name);
}

/**
 * Funnel: per stage name, the applications whose furthest position reached
 * (current stage, or any stage moved or hired into) is at or past that
 * stage's position in their own opening. The furthest move of every
 * application in scope is found in one grouped pass over their moves, then
 * joined to the applications (a lookup per application took twice as long
 * for all openings on the largest bench data set).
 */
function funnelCounts(db: DB, byOpening: Scope) {
  const rows = db.all<{ name: string; n: number }>(sql`
    WITH moved AS MATERIALIZED (
      SELECT e.application_id AS app, max(s.position) AS pos
      FROM applications a
      JOIN application_events e ON e.application_id = a.id
      JOIN stages s ON s.id = e.to_stage_id
      WHERE ${byOpening} AND e.type IN ('moved', 'hired')
      GROUP BY e.application_id
    ), furthest AS (
      SELECT a.opening_id AS openingId, max(sc.position, coalesce(m.pos, -1)) AS pos
      FROM applications a
      JOIN stages sc ON sc.id = a.stage_id
      LEFT JOIN moved m ON m.app = a.id
      WHERE ${byOpening}
    ), per AS (
      SELECT openingId, pos, count(*) AS n FROM furthest GROUP BY openingId, pos
    )
    SELECT s.name, sum(per.n) AS n
    FROM per JOIN stages s ON s.opening_id = per.openingId AND s.position <= per.pos
    GROUP BY s.name`);
  const total =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM applications a WHERE ${byOpening}`)?.n ?? 0;
  return { total, reached: new Map(rows.map((r) => [r.name, r.n])) };
}

/** The parts of a report that change only with a write (see reportStateVersion). */
type StoredReport = Omit<Report, "perWeek">;

function computeStored(db: DB, openingId: number | null): StoredReport {
  const byOpening: Scope = openingId === null ? sql`1 = 1` : sql`a.opening_id = ${openingId}`;
  const labels = stageLabels(db, openingId);

  const { total, reached } = funnelCounts(db, byOpening);
  const funnel = labels.map((label, i) => ({
    position: i,
    label,
    reached: reached.get(label) ?? 0,
    conversion: null as number | null,
  }));
  funnel.forEach((f, i) => {
    if (i > 0) f.conversion = funnel[i - 1].reached ? f.reached / funnel[i - 1].reached : null;
  });

  // Time in stage and time to hire, walking each application's events in
  // order. The walk reads events in the order of application_events'
  // (application_id, at) index, so there is no sort and no per-row subquery;
  // the `submitted` event gives the stage an application started in. Rows
  // come as arrays, one at a time, and stage names from a map: on a large
  // organisation's history this is millions of events, where an object per
  // row and a join per event to read a name took most of the report's time.
  const stageNames = stageNamesFor(db, openingId);
  const events = db.$client
    .prepare<unknown[], [number, number, number, string, number | null]>(
      `SELECT e.application_id, a.created_at, e.at, e.type, e.to_stage_id
       FROM application_events e
       JOIN applications a ON a.id = e.application_id
       WHERE ${openingId === null ? "" : "a.opening_id = ? AND"}
         e.type IN ('submitted', 'moved', 'hired', 'rejected', 'withdrawn', 'opening_closed')
       ORDER BY e.application_id, e.at, e.id`,
    )
    .raw(true)
    .iterate(...(openingId === null ? [] : [openingId]));
  const stays = new Map<string, number[]>();
  const hires: number[] = [];
  // stage: the stage the application is in (null: unknown or the stay already ended).
  let current: { appId: number; stage: string | null; since: number; ended: boolean } | null = null;
  for (const [appId, createdAt, at, type, toStageId] of events) {
    const e = {
      appId,
      createdAt,
      at,
      type,
      toName: toStageId === null ? null : (stageNames.get(toStageId) ?? null),
    };
    if (!current || current.appId !== e.appId)
      current = { appId: e.appId, stage: labels[0] ?? null, since: e.createdAt, ended: false };
    if (e.type === "submitted") {
      current.stage = e.toName;
      continue;
    }
    if (current.ended) continue; // the stay already ended with a decision
    if (current.stage !== null) {
      const list = stays.get(current.stage) ?? [];
      list.push((e.at - current.since) / DAY);
      stays.set(current.stage, list);
    }
    if (e.type === "moved") {
      current = { appId: e.appId, stage: e.toName, since: e.at, ended: false };
    } else {
      if (e.type === "hired") hires.push((e.at - e.createdAt) / DAY);
      current = { appId: e.appId, stage: null, since: e.at, ended: true };
    }
  }
  const stageTimes = labels.map((label, i) => ({
    position: i,
    label,
    medianDays: round1(median(stays.get(label) ?? [])),
    stays: stays.get(label)?.length ?? 0,
  }));

  // Sources, one spelling each (normaliseSource), merged after grouping the raw text.
  const merged = new Map<string, number>();
  for (const r of db.all<{ source: string; n: number }>(
    sql`SELECT a.source, count(*) AS n FROM applications a WHERE ${byOpening} GROUP BY a.source`,
  )) {
    const source = normaliseSource(r.source) || "Not given";
    merged.set(source, (merged.get(source) ?? 0) + r.n);
  }
  const sources = [...merged]
    .map(([source, count]) => ({ source, count }))
    .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source))
    .slice(0, 20);

  return {
    total,
    funnel,
    stageTimes,
    timeToHire: { medianDays: round1(median(hires)), hires: hires.length },
    sources,
  };
}

/**
 * Stage names by id for the event walk: every stage of the scope, and any
 * other stage its events point to (a move never leaves its opening, but the
 * walk must not depend on it), in one read before the walk instead of a
 * query per unknown id in the middle of it.
 */
function stageNamesFor(db: DB, openingId: number | null): Map<number, string> {
  const rows = db.all<{ id: number; name: string }>(
    openingId === null
      ? sql`SELECT id, name FROM stages`
      : sql`SELECT id, name FROM stages WHERE opening_id = ${openingId}
            UNION
            SELECT s.id, s.name FROM applications a
            JOIN application_events e ON e.application_id = a.id
            JOIN stages s ON s.id = e.to_stage_id
            WHERE a.opening_id = ${openingId} AND s.opening_id <> ${openingId}`,
  );
  return new Map(rows.map((s) => [s.id, s.name]));
}

/** Applications per week, oldest first; week 0 is the 7 days ending now. Always live (it moves with the clock). */
function perWeek(db: DB, openingId: number | null, now: number): Report["perWeek"] {
  const byOpening: Scope = openingId === null ? sql`1 = 1` : sql`a.opening_id = ${openingId}`;
  const since = now - 12 * WEEK;
  const weekRows = db.all<{ week: number; n: number }>(sql`
    SELECT CAST((${now} - a.created_at) / ${WEEK} AS INTEGER) AS week, count(*) AS n
    FROM applications a WHERE ${byOpening} AND a.created_at > ${since} AND a.created_at <= ${now}
    GROUP BY week`);
  return Array.from({ length: 12 }, (_, i) => {
    const week = 11 - i;
    return {
      weekStart: now - (week + 1) * WEEK,
      count: weekRows.find((r) => r.week === week)?.n ?? 0,
    };
  });
}

/** The report computed from scratch (no cache). */
export function buildReport(db: DB, openingId: number | null, now = Date.now()): Report {
  return { ...computeStored(db, openingId), perWeek: perWeek(db, openingId, now) };
}

/**
 * The counter that triggers bump on every write a report depends on
 * (migration report_cache: applications, application_events, stages,
 * openings — inserts, deletes, and updates of the columns reports read).
 */
export function reportStateVersion(db: DB): number {
  return (
    db.get<{ version: number }>(sql`SELECT version FROM report_state WHERE id = 1`)?.version ?? -1
  );
}

const MAX_CACHED_SCOPES = 64;
const MINUTE = 60_000;
type Cached = { stored: StoredReport; weeks?: { minute: number; perWeek: Report["perWeek"] } };
const caches = new WeakMap<DB, { version: number; reports: Map<string, Cached> }>();

/**
 * The report, reusing the last computation while no write it depends on has
 * happened since (reportStateVersion). The weekly counts move with the clock:
 * they are counted as of the start of the current minute and kept for that
 * minute. Returned objects are shared: callers must not mutate them.
 */
export function getReport(db: DB, openingId: number | null, now = Date.now()): Report {
  const version = reportStateVersion(db);
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, reports: new Map() };
    caches.set(db, cache);
  }
  const key = String(openingId ?? "all");
  let entry = cache.reports.get(key);
  if (!entry) {
    // better-sqlite3 is synchronous: no write can land between reading the
    // version and computing, so the stored report matches its version.
    if (cache.reports.size >= MAX_CACHED_SCOPES) cache.reports.clear();
    entry = { stored: computeStored(db, openingId) };
    cache.reports.set(key, entry);
  }
  const minute = Math.floor(now / MINUTE) * MINUTE;
  if (entry.weeks?.minute !== minute)
    entry.weeks = { minute, perWeek: perWeek(db, openingId, minute) };
  return { ...entry.stored, perWeek: entry.weeks.perWeek };
}

/** The report as CSV rows (section, label, value, detail). */
export function reportRows(report: Report, scope: string): Array<Array<string | number | null>> {
  const pct = (n: number | null) => (n === null ? "" : `${Math.round(n * 1000) / 10}%`);
  return [
    ["section", "label", "value", "detail"],
    ["scope", scope, report.total, "applications"],
    ...report.funnel.map((f) => [
      "funnel",
      f.label,
      f.reached,
      f.conversion === null ? "" : `conversion ${pct(f.conversion)}`,
    ]),
    ...report.stageTimes.map((s) => [
      "median days in stage",
      s.label,
      s.medianDays,
      `${s.stays} completed stays`,
    ]),
    [
      "median days to hire",
      "all hires",
      report.timeToHire.medianDays,
      `${report.timeToHire.hires} hires`,
    ],
    ...report.perWeek.map((w) => ["applications per week", isoDate(w.weekStart), w.count, ""]),
    ...report.sources.map((s) => ["source", s.source, s.count, ""]),
  ];
}

/** The opening a report is scoped to, or null for "all openings" (no id, or an unknown one). */
export function reportScope(db: DB, id: number | null): { id: number; title: string } | null {
  if (!id) return null;
  return (
    db
      .select({ id: openings.id, title: openings.title })
      .from(openings)
      .where(eq(openings.id, id))
      .get() ?? null
  );
}

/** Every opening a report can be scoped to, by title, for the scope picker. */
export function listReportScopes(db: DB): Array<{ id: number; title: string }> {
  return db
    .select({ id: openings.id, title: openings.title })
    .from(openings)
    .orderBy(asc(openings.title))
    .all();
}
