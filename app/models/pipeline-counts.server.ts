/** Application counts per opening, shared by the board and the recruiter home. */
import { inArray, sql } from "drizzle-orm";
import { applications } from "../../db/schema";
import type { DB } from "~/utils/db.server";

/** How many applications an opening has, per stage (those shown on the board) and per status. */
export type PipelineCounts = {
  /** Cards on the board per stage id: active and hired applications (hired ones sit in their stage). */
  perStage: Record<number, number>;
  /** Every application of the opening per status (active, hired, rejected, withdrawn). */
  perStatus: Record<string, number>;
};

/**
 * The one place the board's column counts and the home page's per-opening
 * counts come from, so the two cannot disagree: ONE GROUP BY over the
 * covering index applications_opening_stage_idx (opening, stage, status), so
 * a stage with thousands of applications costs an index scan, not a table scan.
 */
export function countPipelines(db: DB, openingIds: number[]): Map<number, PipelineCounts> {
  const result = new Map<number, PipelineCounts>(
    openingIds.map((id) => [id, { perStage: {}, perStatus: {} }]),
  );
  if (openingIds.length === 0) return result;
  const rows = db
    .select({
      openingId: applications.openingId,
      stageId: applications.stageId,
      status: applications.status,
      n: sql<number>`count(*)`,
    })
    .from(applications)
    .where(inArray(applications.openingId, openingIds))
    .groupBy(applications.openingId, applications.stageId, applications.status)
    .all();
  for (const row of rows) {
    const counts = result.get(row.openingId)!;
    counts.perStatus[row.status] = (counts.perStatus[row.status] ?? 0) + row.n;
    if (row.status === "active" || row.status === "hired")
      counts.perStage[row.stageId] = (counts.perStage[row.stageId] ?? 0) + row.n;
  }
  return result;
}
