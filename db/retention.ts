/**
 * npm run retention -- [--dry-run] [--months N]
 *
 * Anonymises applications that ended (rejected, withdrawn, closed) more than
 * RETENTION_MONTHS ago (app/models/retention.server.ts). With --dry-run it
 * prints what it would do and changes nothing. Every run is audited. The
 * server runs the same job daily; this is for operators and for checking.
 * On a terminal it shows a progress line while it works; it always ends with
 * a summary of the counts.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { applyRetention } from "../app/models/retention.server";
import { openDatabase } from "../app/utils/db.server";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { progress } from "./progress";

const USAGE = "Usage: npm run retention -- [--dry-run] [--months N]";

export function runRetentionCli(argv: string[], now = Date.now()): number {
  let values: { "dry-run"?: boolean; months?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { "dry-run": { type: "boolean" }, months: { type: "string" } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const env = getEnv();
  const months = values.months === undefined ? env.RETENTION_MONTHS : Number(values.months);
  if (!Number.isInteger(months) || months < 1) {
    console.error(`--months must be a whole number of at least 1.\n${USAGE}`);
    return 2;
  }
  const db = openDatabase(resolvePath(env.DATABASE_URL));
  try {
    const dryRun = values["dry-run"] === true;
    // A progress line on a terminal; in a log only the summary below.
    const shown: { line?: ReturnType<typeof progress> } = {};
    const s = applyRetention(db, {
      now,
      months,
      dryRun,
      onProgress(done, total) {
        shown.line ??= progress(dryRun ? "Counting applications due" : "Anonymising", total);
        shown.line.tick(done);
      },
    });
    shown.line?.done();
    const verb = dryRun ? "Would anonymise" : "Anonymised";
    console.log(
      [
        `${verb} ${s.applications} applications that ended before ${new Date(s.cutoff).toISOString()} (retention: ${months} months).`,
        `  résumé files deleted: ${s.files}`,
        `  screening answers removed: ${s.answers}`,
        `  notes cleared: ${s.notes}`,
        `  scorecard comments cleared: ${s.scorecards}`,
        `  timeline events cleared: ${s.events}`,
        dryRun ? "Dry run: nothing was changed (the run is recorded in the audit log)." : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
    return 0;
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = runRetentionCli(process.argv.slice(2));
}
