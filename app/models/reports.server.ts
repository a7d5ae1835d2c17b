/**
 * Hiring reports, for one opening or all of them. Definitions (shown on the
 * reports page too):
 * - Funnel: an application "reached" stage position p when its current stage
 *   or any stage it was moved (or hired) into has position ≥ p. Rejected and
 *   withdrawn applications count for every stage they reached. Overall, stages
 *   are compared by position (1st, 2nd, …) and named after the most common
 *   stage name at that position.
 * - Conversion: reached(p) / reached(p − 1).
 * - Time in stage: completed stays only — from entering a stage (application
 *   or move) to leaving it (a move, or a decision: rejected, hired, withdrawn,
 *   opening closed). Stays still running are not counted. Median, in days.
 * - Time to hire: from application to the "hired" event. Median, in days.
 * - Applications per week: the last 12 weeks of 7 days ending now.
 * - Sources: applications.source ("Not given" when empty).
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { openings } from "../../db/schema";
import type { DB } from "~/utils/db.server";

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

export function buildReport(db: DB, openingId: number | null, now = Date.now()): Report {
  const byOpening: SQL = openingId === null ? sql`1 = 1` : sql`a.opening_id = ${openingId}`;

  // Stage labels by position.
  const stageRows = db.all<{ position: number; name: string; n: number }>(
    openingId === null
      ? sql`SELECT position, name, count(*) AS n FROM stages GROUP BY position, name ORDER BY position, n DESC`
      : sql`SELECT position, name, 1 AS n FROM stages WHERE opening_id = ${openingId} ORDER BY position`,
  );
  const labels = new Map<number, string>();
  for (const r of stageRows) if (!labels.has(r.position)) labels.set(r.position, r.name);
  const positions = [...labels.keys()].sort((a, b) => a - b);

  // Funnel: furthest position each application reached, counted in SQL. The
  // correlated subquery reads only the events of the applications in scope
  // (application_events_application_idx); a joined GROUP BY subquery would
  // aggregate every event of every opening, even for one opening's report.
  const furthest = db.all<{ furthest: number; n: number }>(sql`
    SELECT furthest, count(*) AS n FROM (
      SELECT max(sc.position, coalesce((
        SELECT max(s.position)
        FROM application_events e JOIN stages s ON s.id = e.to_stage_id
        WHERE e.application_id = a.id AND e.type IN ('moved', 'hired')
      ), -1)) AS furthest
      FROM applications a
      JOIN stages sc ON sc.id = a.stage_id
      WHERE ${byOpening}
    ) GROUP BY furthest`);
  const total = furthest.reduce((sum, r) => sum + r.n, 0);
  const funnel = positions.map((p) => ({
    position: p,
    label: labels.get(p)!,
    reached: furthest.filter((r) => r.furthest >= p).reduce((sum, r) => sum + r.n, 0),
    conversion: null as number | null,
  }));
  funnel.forEach((f, i) => {
    if (i > 0) f.conversion = funnel[i - 1].reached ? f.reached / funnel[i - 1].reached : null;
  });

  // Time in stage and time to hire, walking each application's events in
  // order. The walk reads events in the order of application_events'
  // (application_id, at) index, so there is no sort and no per-row subquery;
  // the `submitted` event gives the stage an application started in.
  const events = db.all<{
    appId: number;
    createdAt: number;
    at: number;
    type: string;
    toPos: number | null;
  }>(sql`
    SELECT e.application_id AS appId, a.created_at AS createdAt, e.at, e.type, ts.position AS toPos
    FROM application_events e
    JOIN applications a ON a.id = e.application_id
    LEFT JOIN stages ts ON ts.id = e.to_stage_id
    WHERE ${byOpening} AND e.type IN ('submitted', 'moved', 'hired', 'rejected', 'withdrawn', 'opening_closed')
    ORDER BY e.application_id, e.at, e.id`);
  const stays = new Map<number, number[]>();
  const hires: number[] = [];
  let current: { appId: number; pos: number; since: number } | null = null;
  for (const e of events) {
    if (!current || current.appId !== e.appId)
      current = { appId: e.appId, pos: 0, since: e.createdAt };
    if (e.type === "submitted") {
      current.pos = e.toPos ?? 0;
      continue;
    }
    if (current.pos < 0) continue; // the stay already ended with a decision
    const endStay = () => {
      const list = stays.get(current!.pos) ?? [];
      list.push((e.at - current!.since) / DAY);
      stays.set(current!.pos, list);
    };
    if (e.type === "moved" && e.toPos !== null) {
      endStay();
      current = { appId: e.appId, pos: e.toPos, since: e.at };
    } else {
      endStay();
      if (e.type === "hired") hires.push((e.at - e.createdAt) / DAY);
      current = { appId: e.appId, pos: -1, since: e.at };
    }
  }
  const stageTimes = positions.map((p) => ({
    position: p,
    label: labels.get(p)!,
    medianDays: round1(median(stays.get(p) ?? [])),
    stays: stays.get(p)?.length ?? 0,
  }));

  // Applications per week, oldest first; week 0 is the 7 days ending now.
  const since = now - 12 * WEEK;
  const weekRows = db.all<{ week: number; n: number }>(sql`
    SELECT CAST((${now} - a.created_at) / ${WEEK} AS INTEGER) AS week, count(*) AS n
    FROM applications a WHERE ${byOpening} AND a.created_at > ${since} AND a.created_at <= ${now}
    GROUP BY week`);
  const perWeek = Array.from({ length: 12 }, (_, i) => {
    const week = 11 - i;
    return {
      weekStart: now - (week + 1) * WEEK,
      count: weekRows.find((r) => r.week === week)?.n ?? 0,
    };
  });

  const sources = db
    .all<{ source: string; n: number }>(
      sql`
      SELECT coalesce(nullif(trim(a.source), ''), 'Not given') AS source, count(*) AS n
      FROM applications a WHERE ${byOpening} GROUP BY 1 ORDER BY n DESC, source LIMIT 20`,
    )
    .map((r) => ({ source: r.source, count: r.n }));

  return {
    total,
    funnel,
    stageTimes,
    timeToHire: { medianDays: round1(median(hires)), hires: hires.length },
    perWeek,
    sources,
  };
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
    ...report.perWeek.map((w) => [
      "applications per week",
      new Date(w.weekStart).toISOString().slice(0, 10),
      w.count,
      "",
    ]),
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
