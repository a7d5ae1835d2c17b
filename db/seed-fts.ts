/**
 * Bulk search indexing for the seed. Row-by-row FTS5 triggers make every
 * seeded row pay for an FTS5 flush and merge step (each statement with
 * triggers opens a savepoint, and FTS5 writes its pending terms to a new
 * segment at every savepoint), a cost that grows with the size of the index:
 * at 10k researchers and 200k applications the seed spent most of its time
 * there. So the seed drops the triggers that feed the five FTS tables, writes
 * its rows, then fills each table once with an INSERT … SELECT that computes
 * exactly what the triggers would have written (the same expressions as
 * db/migrations/0001, 0002, 0016 and 0020), merges the index ('optimize')
 * and puts the triggers back. db/seed.test.ts checks the result against a
 * seed that kept the triggers.
 *
 * During that one INSERT … SELECT per table, FTS5 keeps up to 256 MiB of
 * pending terms in memory ('hashsize', default 1 MiB) and does no
 * incremental merging ('automerge' 0): with the defaults, 200k applications
 * were flushed as hundreds of small segments, each merged again and again
 * while the insert went on, then once more by 'optimize'. Now most tables
 * become one segment and 'optimize' has little left to do. Both settings are
 * stored in the table's `_config`, so they are put back to the defaults
 * afterwards and their rows removed: the file ends up as a trigger-built one.
 */
import type Database from "better-sqlite3";
import type { DB } from "../app/utils/db.server";

/** FTS5's defaults for the settings the build changes (fts5_config.c). */
const FTS5_DEFAULTS = { hashsize: 1024 * 1024, automerge: 4 } as const;
const BUILD_SETTINGS = { hashsize: 256 * 1024 * 1024, automerge: 0 } as const;

const AREAS_OF_RESEARCHER = `coalesce((SELECT group_concat(a.name, ' ') FROM researcher_areas ra JOIN research_areas a ON a.id = ra.area_id WHERE ra.researcher_id = r.id), '')`;
const AREAS_OF_OPENING = `coalesce((SELECT group_concat(a.name, ' ') FROM opening_areas oa JOIN research_areas a ON a.id = oa.area_id WHERE oa.opening_id = o.id), '')`;

/** Each FTS table the seed fills in bulk, with the statement that fills it from its source rows. */
const FTS_REBUILDS: Record<string, string> = {
  people_fts: `INSERT INTO people_fts(rowid, name, title, bio, areas)
    SELECT r.id, r.name, r.title, r.bio, ${AREAS_OF_RESEARCHER} FROM researchers r ORDER BY r.id`,
  openings_fts: `INSERT INTO openings_fts(rowid, title, summary, description, qualifications, location, areas)
    SELECT o.id, o.title, o.summary, o.description, o.qualifications, o.location, ${AREAS_OF_OPENING} FROM openings o ORDER BY o.id`,
  publications_fts: `INSERT INTO publications_fts(rowid, title, venue, authors)
    SELECT p.id, p.title, p.venue,
      p.authors || ' ' || coalesce((SELECT group_concat(r.name, ' ') FROM researchers r WHERE r.id = p.researcher_id OR r.id IN (SELECT pa.researcher_id FROM publication_authors pa WHERE pa.publication_id = p.id)), '')
    FROM publications p ORDER BY p.id`,
  candidates_fts: `INSERT INTO candidates_fts(rowid, name, email, headline, answers, notes)
    SELECT a.id, u.name, u.email,
      coalesce((SELECT cp.headline FROM candidate_profiles cp WHERE cp.user_id = a.candidate_id), ''),
      coalesce((SELECT group_concat(aa.value, ' ') FROM application_answers aa WHERE aa.application_id = a.id), ''),
      coalesce((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.application_id = a.id), '')
    FROM applications a JOIN users u ON u.id = a.candidate_id ORDER BY a.id`,
  candidate_publications_fts: `INSERT INTO candidate_publications_fts(rowid, title, authors, venue)
    SELECT id, title, authors, venue FROM candidate_publications ORDER BY id`,
};

/**
 * Drops the triggers that write to the FTS tables above (each table must be
 * empty) and returns the function that fills the tables and restores the
 * triggers. Call it once the seed's rows are written, also on failure.
 */
export function suspendSearchIndexing(db: DB): () => void {
  const client = db.$client;
  const tables = Object.keys(FTS_REBUILDS);
  for (const t of tables) {
    const { n } = client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number };
    if (n > 0) throw new Error(`${t} is not empty; the bulk index is only for an empty database.`);
  }
  const triggers = (
    client
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
      .all() as Array<{ name: string; sql: string }>
  ).filter((t) => tables.some((table) => new RegExp(`\\b${table}\\b`).test(t.sql)));
  client.transaction(() => {
    for (const t of triggers) client.exec(`DROP TRIGGER "${t.name}"`);
  })();
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    client.transaction(() => {
      for (const t of tables) {
        configure(client, t, BUILD_SETTINGS);
        client.exec(FTS_REBUILDS[t]);
      }
      // Re-created in their original order: SQLite fires triggers on the
      // same event newest first, so the order is part of their behaviour.
      for (const t of triggers) client.exec(t.sql);
    })();
    for (const t of tables) {
      client.exec(`INSERT INTO ${t}(${t}) VALUES ('optimize')`);
      configure(client, t, FTS5_DEFAULTS);
      forgetSettings(client, t, Object.keys(FTS5_DEFAULTS));
    }
  };
}

function configure(client: Database.Database, table: string, settings: Record<string, number>) {
  // Literals: FTS5 does not recognise a command name given as a parameter.
  for (const [key, value] of Object.entries(settings))
    client.exec(`INSERT INTO ${table}(${table}, rank) VALUES ('${key}', ${Math.trunc(value)})`);
}

/**
 * Removes the `_config` rows that configure() left with the default values:
 * FTS5 keeps no row for a setting never changed. Its shadow tables are
 * read-only in better-sqlite3's defensive mode, lifted for this one delete.
 */
function forgetSettings(client: Database.Database, table: string, keys: string[]) {
  client.unsafeMode(true);
  try {
    const remove = client.prepare(`DELETE FROM "${table}_config" WHERE k = ?`);
    for (const key of keys) remove.run(key);
  } finally {
    client.unsafeMode(false);
  }
}
