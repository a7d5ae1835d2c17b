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
import { SWEEP_MIN_AGE_MS, sweepUploads, type SweepSummary } from "~/utils/sweep.server";

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

export type JobOptions = {
  uploadsDir: string;
  storage?: UploadStorage;
  months: number;
  sweepMinAgeMs?: number;
  /**
   * Whether this node may write: false on a LiteFS replica, whose database is
   * read-only (the anonymisation and its audit rows would fail there). Asked
   * before every run, so a replica promoted to primary takes the jobs over.
   */
  isPrimary: () => boolean;
  /** Time between runs (a day). */
  everyMs?: number;
};

/** Runs the jobs now and every day after, on the primary only; a failure is logged and retried the next day. */
export function startDailyJobs(db: DB, { isPrimary, everyMs = DAY_MS, ...options }: JobOptions) {
  const run = () => {
    if (!isPrimary()) return;
    runMaintenance(db, options).catch((error: unknown) => {
      console.error("[maintenance] failed", error instanceof Error ? error.stack : error);
    });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Upload leftovers of workers that died (a `.part` file mid-upload, a file
 * whose row never committed). When the primary restarts a worker it calls
 * `workerDied`: the sweep runs at once (what earlier deaths left that is old
 * enough by now) and once more when the dead worker's own files are old
 * enough, `sweepMinAgeMs` later. A `.part` file cannot be told from one a
 * living worker is still receiving, so age is the rule, as in the daily sweep.
 */
export function workerDeathSweeper(
  db: DB,
  options: Pick<JobOptions, "uploadsDir" | "storage" | "sweepMinAgeMs" | "isPrimary">,
) {
  const minAgeMs = options.sweepMinAgeMs ?? SWEEP_MIN_AGE_MS;
  let timer: NodeJS.Timeout | undefined;
  const sweep = async (): Promise<SweepSummary | null> => {
    if (!options.isPrimary()) return null;
    try {
      const summary = await sweepUploads(db, {
        dir: options.uploadsDir,
        storage: options.storage,
        minAgeMs,
      });
      console.log(
        `[sweep] after a worker died: removed ${summary.partFiles} .part and ${summary.orphanFiles} unreferenced files (${summary.bytes} bytes)`,
      );
      return summary;
    } catch (error) {
      console.error("[sweep] failed", error instanceof Error ? error.stack : error);
      return null;
    }
  };
  return {
    workerDied(): Promise<SweepSummary | null> {
      clearTimeout(timer);
      // A moment past the age limit, so the dead worker's newest file has reached it.
      timer = setTimeout(() => void sweep(), minAgeMs + 1000);
      timer.unref();
      return sweep();
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
