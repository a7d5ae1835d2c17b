/**
 * npx tsx bench/search-equivalence.ts <db file>… [--cases 300]
 *
 * Runs generated people and careers searches (tests/search-equivalence.ts)
 * through the model functions and through the pre-issue-11 queries on each
 * file and prints any difference. Opening a file migrates it: pass copies of
 * the bench databases (bench/.data is shared and read-only), e.g. made with
 * `sqlite3 bench/.data/atrium-10x.db ".backup /tmp/atrium-10x.db"`.
 */
import { parseArgs } from "node:util";
import { openDatabase, setDb } from "../app/utils/db.server";
import { compareSearches } from "../tests/search-equivalence";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { cases: { type: "string", default: "300" }, seed: { type: "string", default: "11" } },
  allowPositionals: true,
});
let failed = false;
for (const file of positionals) {
  const db = openDatabase(file);
  setDb(db);
  const started = performance.now();
  const { mismatches, withMatches } = compareSearches(db, {
    cases: Number(values.cases),
    seed: Number(values.seed),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${file}: ${Number(values.cases) * 2} searches (${withMatches} with results), ${mismatches.length} differ (${seconds} s)`,
  );
  for (const m of mismatches.slice(0, 10)) console.log(JSON.stringify(m));
  failed ||= mismatches.length > 0;
  setDb(undefined);
  db.$client.close();
}
process.exitCode = failed ? 1 : 0;
