/**
 * Hiring reports, for one opening or all of them. Definitions (shown on the
 * reports page too):
 * - Funnel, one opening: a row per stage of its pipeline. An application
 *   "reached" a stage when its current stage or any stage it was moved into
 *   sits at or past that stage; the hired stage counts the hired
 *   applications. Rejected and withdrawn applications count for every stage
 *   they reached.
 * - Funnel, all openings: a row per stage kind (Applied, Screening,
 *   Interview, Offer, Hired), never by name: an application reached a kind
 *   when it reached, in its own pipeline, the first stage of that kind or of
 *   a later one (every application reached Applied; Hired counts the hired).
 *   Custom stages have no row: they are part of the step before them.
 *   Either way each row is at most the one before it: a share is never over
 *   100 %.
 * - Share: reached / all applications; conversion: reached(p) / reached(p − 1).
 * - Time in stage: completed stays only — from entering a stage (application
 *   or move) to leaving it (a move, or a decision: rejected, hired, withdrawn,
 *   opening closed). Stays still running are not counted. Median, in days.
 *   Per stage for one opening; per kind (custom stages together) for all.
 *   The hired stage has none: nobody leaves it.
 * - Time to hire: from application to hire, over every hired application
 *   (the same applications as the funnel's Hired row). Median, in days.
 * - Applications per week: the last 12 weeks of 7 days ending now.
 * - Sources: applications.source, one spelling per source (normaliseSource),
 *   "Not given" when empty.
 * - Caching: getReport keeps results until a write bumps report_state.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { openings } from "../../db/schema";
import type { StageKind } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { formatPercent } from "~/utils/misc";
import { FUNNEL_KINDS, STAGE_KIND_LABELS } from "~/lib/pipeline-options";
import { normaliseSource } from "~/lib/sources";
import { isoDate } from "~/utils/time";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export type Report = {
  total: number;
  /** `share`: reached / total; `conversion`: reached / the row before's reached. */
  funnel: Array<{
    position: number;
    label: string;
    reached: number;
    share: number | null;
    conversion: number | null;
  }>;
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
type StageRow = { id: number; openingId: number; position: number; name: string; kind: StageKind };

/**
 * Every stage the report needs: those of the scope's openings, and (for one
 * opening) any other stage its events point to (a move never leaves its
 * opening, but the walk must not depend on it), in one read.
 */
function stagesFor(db: DB, openingId: number | null): StageRow[] {
  const cols = sql`s.id AS id, s.opening_id AS openingId, s.position AS position, s.name AS name, s.kind AS kind`;
  return db.all<StageRow>(
    openingId === null
      ? sql`SELECT ${cols} FROM stages s ORDER BY s.opening_id, s.position`
      : sql`SELECT ${cols} FROM stages s WHERE s.opening_id = ${openingId}
            UNION
            SELECT ${cols} FROM applications a
            JOIN application_events e ON e.application_id = a.id
            JOIN stages s ON s.id = e.to_stage_id
            WHERE a.opening_id = ${openingId} AND s.opening_id <> ${openingId}
            ORDER BY openingId, position`,
  );
}

/**
 * How far each application got, grouped: per opening, the furthest position
 * reached (current stage, or any stage moved or hired into) and whether it is
 * hired, with a count. The furthest move of every application in scope is
 * found in one grouped pass over their moves, then joined to the
 * applications (a lookup per application was much slower for all openings
 * on the largest bench data set).
 */
function furthestReached(db: DB, byOpening: Scope) {
  return db.all<{ openingId: number; pos: number; hired: number; n: number }>(sql`
    WITH moved AS MATERIALIZED (
      SELECT e.application_id AS app, max(s.position) AS pos
      FROM applications a
      JOIN application_events e ON e.application_id = a.id
      JOIN stages s ON s.id = e.to_stage_id AND s.opening_id = a.opening_id
      WHERE ${byOpening} AND e.type IN ('moved', 'hired')
      GROUP BY e.application_id
    ), furthest AS (
      SELECT a.opening_id AS openingId, max(sc.position, coalesce(m.pos, -1)) AS pos,
        a.status = 'hired' AS hired
      FROM applications a
      JOIN stages sc ON sc.id = a.stage_id
      LEFT JOIN moved m ON m.app = a.id
      WHERE ${byOpening}
    )
    SELECT openingId, pos, hired, count(*) AS n FROM furthest GROUP BY openingId, pos, hired`);
}

/** The funnel's rows: per stage of one opening, or per kind across openings (see the definitions). */
function funnelOf(
  groups: ReturnType<typeof furthestReached>,
  stageRows: StageRow[],
  openingId: number | null,
  total: number,
): Report["funnel"] {
  const hiredCount = groups.reduce((sum, g) => sum + (g.hired ? g.n : 0), 0);
  const reachedPast = (positionOf: (openingId: number) => number | undefined) =>
    groups.reduce((sum, g) => {
      const at = positionOf(g.openingId);
      return sum + (at !== undefined && g.pos >= at ? g.n : 0);
    }, 0);
  let rows: Array<{ label: string; reached: number }>;
  if (openingId !== null) {
    rows = stageRows
      .filter((s) => s.openingId === openingId)
      .map((s) => ({
        label: s.name,
        reached:
          s.kind === "hired"
            ? hiredCount
            : s.position === 0
              ? total
              : reachedPast(() => s.position),
      }));
  } else {
    // Per opening, where each funnel step starts: the first stage of that kind or a later one.
    const starts = new Map<number, number[]>();
    for (const s of stageRows) {
      if (s.kind === "custom") continue;
      const rank = FUNNEL_KINDS.indexOf(s.kind);
      const list = starts.get(s.openingId) ?? FUNNEL_KINDS.map(() => Infinity);
      for (let r = 0; r <= rank; r++) list[r] = Math.min(list[r], s.position);
      starts.set(s.openingId, list);
    }
    rows = FUNNEL_KINDS.map((kind, rank) => ({
      label: STAGE_KIND_LABELS[kind],
      reached:
        kind === "hired"
          ? hiredCount
          : rank === 0
            ? total
            : reachedPast((id) => starts.get(id)?.[rank]),
    }));
  }
  return rows.map((r, i) => ({
    position: i,
    label: r.label,
    reached: r.reached,
    share: total ? r.reached / total : null,
    conversion: i > 0 && rows[i - 1].reached ? r.reached / rows[i - 1].reached : null,
  }));
}

/** The parts of a report that change only with a write (see reportStateVersion). */
type StoredReport = Omit<Report, "perWeek">;

function computeStored(db: DB, openingId: number | null): StoredReport {
  const byOpening: Scope = openingId === null ? sql`1 = 1` : sql`a.opening_id = ${openingId}`;
  const stageRows = stagesFor(db, openingId);
  const total =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM applications a WHERE ${byOpening}`)?.n ?? 0;
  const funnel = funnelOf(furthestReached(db, byOpening), stageRows, openingId, total);

  // Time in stage: what a stay is counted under — the stage (one opening) or
  // its kind (all openings; custom stages together); the hired stage has no row.
  const keyOf = new Map<number, string>();
  const firstStageOf = new Map<number, number>();
  for (const s of stageRows) {
    if (s.kind !== "hired") keyOf.set(s.id, openingId === null ? s.kind : String(s.id));
    if (!firstStageOf.has(s.openingId)) firstStageOf.set(s.openingId, s.id);
  }
  const timeRows: Array<{ key: string; label: string }> =
    openingId === null
      ? [
          ...FUNNEL_KINDS.filter((k) => k !== "hired").map((k) => ({
            key: k as string,
            label: STAGE_KIND_LABELS[k],
          })),
          { key: "custom", label: "Custom stages" },
        ]
      : stageRows
          .filter((s) => s.openingId === openingId && s.kind !== "hired")
          .map((s) => ({ key: String(s.id), label: s.name }));

  // Walking each application's events in order. The walk reads events in the
  // order of application_events' (application_id, at) index, so there is no
  // sort and no per-row subquery; the `submitted` event gives the stage an
  // application started in. Rows come as arrays, one at a time, and stage keys
  // from a map: on a large organisation's history this is millions of events,
  // where an object per row and a join per event to read a name took most of
  // the report's time.
  const events = db.$client
    .prepare<unknown[], [number, number, number, number, string, number | null]>(
      `SELECT e.application_id, a.opening_id, a.created_at, e.at, e.type, e.to_stage_id
       FROM application_events e
       JOIN applications a ON a.id = e.application_id
       WHERE ${openingId === null ? "" : "a.opening_id = ? AND"}
         e.type IN ('submitted', 'moved', 'hired', 'rejected', 'withdrawn', 'opening_closed')
       ORDER BY e.application_id, e.at, e.id`,
    )
    .raw(true)
    .iterate(...(openingId === null ? [] : [openingId]));
  const stays = new Map<string, number[]>();
  // stage: the key the stay counts under (null: unknown, or the stay already ended).
  let current: { appId: number; stage: string | null; since: number; ended: boolean } | null = null;
  for (const [appId, appOpening, createdAt, at, type, toStageId] of events) {
    const toKey = toStageId === null ? null : (keyOf.get(toStageId) ?? null);
    if (!current || current.appId !== appId) {
      const first = firstStageOf.get(appOpening);
      current = {
        appId,
        stage: first === undefined ? null : (keyOf.get(first) ?? null),
        since: createdAt,
        ended: false,
      };
    }
    if (type === "submitted") {
      current.stage = toKey;
      continue;
    }
    if (current.ended) continue; // the stay already ended with a decision
    if (current.stage !== null) {
      const list = stays.get(current.stage) ?? [];
      list.push((at - current.since) / DAY);
      stays.set(current.stage, list);
    }
    current =
      type === "moved"
        ? { appId, stage: toKey, since: at, ended: false }
        : { appId, stage: null, since: at, ended: true };
  }
  const stageTimes = timeRows.map((r, i) => ({
    position: i,
    label: r.label,
    medianDays: round1(median(stays.get(r.key) ?? [])),
    stays: stays.get(r.key)?.length ?? 0,
  }));

  // Time to hire: every hired application in scope, from applying to its
  // (first) hire — the same applications the funnel's Hired row counts.
  const hires = db
    .all<{ days: number }>(
      sql`SELECT (coalesce(min(e.at), a.stage_entered_at) - a.created_at) * 1.0 / ${DAY} AS days
          FROM applications a
          LEFT JOIN application_events e ON e.application_id = a.id AND e.type = 'hired'
          WHERE ${byOpening} AND a.status = 'hired'
          GROUP BY a.id`,
    )
    .map((r) => r.days);

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
  return [
    ["section", "label", "value", "detail"],
    ["scope", scope, report.total, "applications"],
    ...report.funnel.map((f) => [
      "funnel",
      f.label,
      f.reached,
      [
        f.share === null ? null : `${formatPercent(f.share)} of applications`,
        f.conversion === null ? null : `conversion ${formatPercent(f.conversion)}`,
      ]
        .filter(Boolean)
        .join("; "),
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
