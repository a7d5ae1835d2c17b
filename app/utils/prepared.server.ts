/**
 * Prepared statements for the hot read queries (issue 11): Drizzle builds
 * the SQL text of a query and better-sqlite3 prepares it on every call
 * unless the query is `.prepare()`d once, with `sql.placeholder("name")`
 * where the values go. A prepared statement belongs to one connection, so
 * the statements are built lazily for each database handle a model is
 * called with (the app's one client, a test's database, a benchmark file)
 * and kept in a WeakMap beside it.
 *
 * Usage, at module level in a model:
 *
 *   const q = preparedFor((db) => ({
 *     bySlug: db.select().from(labs).where(eq(labs.slug, sql.placeholder("slug"))).prepare(),
 *   }));
 *   export const getLab = (db: DB, slug: string) => q(db).bySlug.get({ slug });
 *
 * A query whose shape changes with its input (an optional filter or join)
 * passes a `variant` key naming the shape; each shape is prepared once.
 * A list of ids is one JSON placeholder read with `json_each`, so its
 * length does not change the statement.
 */
import type { DB } from "./db.server";

const registry = new Set<WeakMap<DB, Map<string, unknown>>>();

/**
 * Returns `get(db, variant?)`, which builds `build(db, variant)` the first
 * time it sees that handle and variant and returns the same statements after.
 */
export function preparedFor<T, V extends string = "">(build: (db: DB, variant: V) => T) {
  const cache = new WeakMap<DB, Map<string, T>>();
  registry.add(cache as WeakMap<DB, Map<string, unknown>>);
  return (db: DB, variant: V = "" as V): T => {
    let forDb = cache.get(db);
    if (!forDb) cache.set(db, (forDb = new Map()));
    let statements = forDb.get(variant);
    if (statements === undefined) forDb.set(variant, (statements = build(db, variant)));
    return statements;
  };
}

/**
 * Forgets every prepared statement built for `db`, so the next call prepares
 * again (the benchmark does this to capture and EXPLAIN the SQL a page runs).
 */
export function forgetPrepared(db: DB) {
  for (const cache of registry) cache.delete(db);
}
