/**
 * Housekeeping the server runs at start and then once a day, in-process
 * (a timer that does not keep the process alive): the upload sweep
 * (crash leftovers), the retention run (ended applications anonymised) and
 * the expiry of offers left unanswered past their reply-by date.
 */
import { expireOffers } from "~/models/offer.server";
import { applyRetention, type RetentionSummary } from "~/models/retention.server";
import type { DB } from "~/utils/db.server";
import type { UploadStorage } from "~/utils/storage/index.server";
import { sweepUploads, type SweepSummary } from "~/utils/sweep.server";

export const DAY_MS = 24 * 60 * 60 * 1000;

export type MaintenanceResult = {
  sweep: SweepSummary;
  retention: RetentionSummary;
  expiredOffers: number;
};

/** One run of both jobs; each logs one line of counts (never names or emails). */
export async function runMaintenance(
  db: DB,
  {
    now = Date.now(),
    uploadsDir,
    storage,
    months,
    sweepMinAgeMs,
  }: {
    now?: number;
    uploadsDir: string;
    /** Where stored files live (the bucket with UPLOADS_URL); defaults to uploadsDir. */
    storage?: UploadStorage;
    months: number;
    sweepMinAgeMs?: number;
  },
): Promise<MaintenanceResult> {
  const sweep = await sweepUploads(db, { dir: uploadsDir, storage, now, minAgeMs: sweepMinAgeMs });
  console.log(
    `[sweep] removed ${sweep.partFiles} .part and ${sweep.orphanFiles} unreferenced files (${sweep.bytes} bytes)`,
  );
  const retention = applyRetention(db, { now, months, dryRun: false });
  console.log(
    `[retention] anonymised ${retention.applications} applications ended before ${new Date(retention.cutoff).toISOString()} (${retention.files} files deleted)`,
  );
  const expiredOffers = expireOffers(db, now);
  console.log(`[offers] ${expiredOffers} offers expired unanswered`);
  return { sweep, retention, expiredOffers };
}

/** Runs the jobs now and every day after; a failure is logged and retried the next day. */
export function startDailyJobs(
  db: DB,
  options: { uploadsDir: string; storage?: UploadStorage; months: number; sweepMinAgeMs?: number },
) {
  const run = () => {
    runMaintenance(db, options).catch((error: unknown) => {
      console.error("[maintenance] failed", error instanceof Error ? error.stack : error);
    });
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
