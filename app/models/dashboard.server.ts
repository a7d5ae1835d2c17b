/**
 * The recruiter home: what to do today. Open openings with their counts (from
 * countPipelines, the same function as the board's columns, so the two
 * cannot disagree), new applications since this recruiter last opened each
 * board, the "needs attention" queue (active applications whose candidate has
 * heard nothing for more than N days, the longest wait first) and the median
 * days since the last public update per opening.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import {
  applications,
  boardVisits,
  interviews,
  offers,
  openings,
  stages,
  users,
} from "../../db/schema";
import { countPipelines } from "~/models/pipeline.server";
import type { DB } from "~/utils/db.server";

const DAY = 86_400_000;
export const DEFAULT_STALE_DAYS = 7;
const MAX_OPENINGS = 50;
const QUEUE_SIZE = 20;

/** Whole days from `from` to `now` (never negative). */
function daysSince(from: number, now: number) {
  return Math.max(0, Math.floor((now - from) / DAY));
}

/**
 * Active applications with no candidate-visible change for more than
 * `staleDays` days, the oldest first (20 to a page), and how many there are.
 */
export function needsAttention(
  db: DB,
  { now, staleDays, page = 1 }: { now: number; staleDays: number; page?: number },
) {
  const cutoff = now - staleDays * DAY;
  const where = and(eq(applications.status, "active"), lt(applications.publicChangedAt, cutoff));
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(applications)
    .where(where)
    .get()?.n;
  const rows = db
    .select({
      id: applications.id,
      publicChangedAt: applications.publicChangedAt,
      name: users.name,
      openingId: applications.openingId,
      opening: openings.title,
      stage: stages.name,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.candidateId))
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .innerJoin(stages, eq(stages.id, applications.stageId))
    .where(where)
    .orderBy(asc(applications.publicChangedAt), asc(applications.id))
    .limit(QUEUE_SIZE)
    .offset((page - 1) * QUEUE_SIZE)
    .all();
  return {
    total: total ?? 0,
    page,
    pageCount: Math.max(1, Math.ceil((total ?? 0) / QUEUE_SIZE)),
    items: rows.map(({ publicChangedAt, ...r }) => ({
      ...r,
      daysWaiting: daysSince(publicChangedAt, now),
    })),
  };
}

/** Median whole days since the last public update of the active applications, per opening (null when none). */
function medianDaysSinceUpdate(
  db: DB,
  openingIds: number[],
  now: number,
): Map<number, number | null> {
  const result = new Map<number, number | null>(openingIds.map((id) => [id, null]));
  if (openingIds.length === 0) return result;
  // The middle one or two rows of each opening, found by window functions in SQLite.
  const rows = db.all<{ openingId: number; at: number }>(sql`
    SELECT opening_id AS openingId, public_changed_at AS at FROM (
      SELECT opening_id, public_changed_at,
        row_number() OVER (PARTITION BY opening_id ORDER BY public_changed_at) AS rn,
        count(*) OVER (PARTITION BY opening_id) AS n
      FROM applications
      WHERE status = 'active' AND opening_id IN (${sql.join(
        openingIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    ) WHERE rn IN ((n + 1) / 2, (n + 2) / 2)`);
  const middles = new Map<number, number[]>();
  for (const r of rows) middles.set(r.openingId, [...(middles.get(r.openingId) ?? []), r.at]);
  for (const [id, ats] of middles) {
    const days = ats.map((at) => (now - at) / DAY);
    result.set(id, Math.max(0, Math.floor(days.reduce((a, b) => a + b, 0) / days.length)));
  }
  return result;
}

/**
 * The four numbers the home leads with: applications received in the last
 * seven days, the needs-attention queue, interviews in the next seven days
 * (anyone's), and offers drafted and waiting for a second person's approval.
 */
function headlineNumbers(db: DB, now: number, staleDays: number) {
  const one = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;
  const n = sql<number>`count(*)`;
  return {
    newThisWeek: one(
      db
        .select({ n })
        .from(applications)
        .where(gt(applications.createdAt, now - 7 * DAY)),
    ),
    needsAttention: one(
      db
        .select({ n })
        .from(applications)
        .where(
          and(
            eq(applications.status, "active"),
            lt(applications.publicChangedAt, now - staleDays * DAY),
          ),
        ),
    ),
    interviewsThisWeek: one(
      db
        .select({ n })
        .from(interviews)
        .where(
          and(
            eq(interviews.status, "scheduled"),
            gte(interviews.startsAt, now),
            lt(interviews.startsAt, now + 7 * DAY),
          ),
        ),
    ),
    offersAwaitingApproval: one(db.select({ n }).from(offers).where(eq(offers.status, "draft"))),
  };
}

/** Everything the recruiter home shows, for `userId` at `now`. */
export function recruiterHome(
  db: DB,
  {
    userId,
    now,
    staleDays = DEFAULT_STALE_DAYS,
    attentionPage = 1,
  }: { userId: number; now: number; staleDays?: number; attentionPage?: number },
) {
  const open = db
    .select({ id: openings.id, title: openings.title })
    .from(openings)
    .where(eq(openings.status, "open"))
    .orderBy(desc(openings.publishedAt), desc(openings.id))
    .limit(MAX_OPENINGS)
    .all();
  const ids = open.map((o) => o.id);
  const counts = countPipelines(db, ids);
  const medians = medianDaysSinceUpdate(db, ids, now);
  const stageRows = ids.length
    ? db
        .select({ id: stages.id, openingId: stages.openingId, name: stages.name })
        .from(stages)
        .where(inArray(stages.openingId, ids))
        .orderBy(asc(stages.openingId), asc(stages.position))
        .all()
    : [];

  // "New" as the board marks it: applied after this recruiter last opened that board (all, if never).
  const isNew = and(
    eq(applications.status, "active"),
    or(isNull(boardVisits.lastVisitedAt), gt(applications.createdAt, boardVisits.lastVisitedAt)),
  );
  const visits = and(
    eq(boardVisits.openingId, applications.openingId),
    eq(boardVisits.userId, userId),
  );
  const newCounts = ids.length
    ? db
        .select({ openingId: applications.openingId, n: sql<number>`count(*)` })
        .from(applications)
        .leftJoin(boardVisits, visits)
        .where(and(inArray(applications.openingId, ids), isNew))
        .groupBy(applications.openingId)
        .all()
    : [];
  const newest = ids.length
    ? db
        .select({
          id: applications.id,
          createdAt: applications.createdAt,
          name: users.name,
          opening: openings.title,
          stage: stages.name,
        })
        .from(applications)
        .leftJoin(boardVisits, visits)
        .innerJoin(users, eq(users.id, applications.candidateId))
        .innerJoin(openings, eq(openings.id, applications.openingId))
        .innerJoin(stages, eq(stages.id, applications.stageId))
        .where(and(inArray(applications.openingId, ids), isNew))
        .orderBy(desc(applications.createdAt), desc(applications.id))
        .limit(10)
        .all()
    : [];
  const newByOpening = new Map(newCounts.map((r) => [r.openingId, r.n]));

  return {
    staleDays,
    openings: open.map((o) => {
      const c = counts.get(o.id)!;
      return {
        id: o.id,
        title: o.title,
        active: c.perStatus.active ?? 0,
        hired: c.perStatus.hired ?? 0,
        newSinceVisit: newByOpening.get(o.id) ?? 0,
        medianDaysSinceUpdate: medians.get(o.id) ?? null,
        stages: stageRows
          .filter((s) => s.openingId === o.id)
          .map((s) => ({ id: s.id, name: s.name, count: c.perStage[s.id] ?? 0 })),
      };
    }),
    newest,
    headline: headlineNumbers(db, now, staleDays),
    attention: needsAttention(db, { now, staleDays, page: attentionPage }),
  };
}
