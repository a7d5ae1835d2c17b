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
import type Database from "better-sqlite3";
import type { DB, Writer } from "./db.server";

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

const writerRegistry = new Set<WeakMap<Database.Database, unknown>>();

/**
 * The connection behind a client or an open transaction. A transaction handle
 * (and each savepoint's) is a new Drizzle object over the same session, so it
 * cannot be a cache key; its connection can, and a statement prepared on a
 * connection runs inside any transaction open on it.
 */
export function connectionOf(writer: Writer): Database.Database | null {
  if ("$client" in writer) return writer.$client;
  // Drizzle keeps the session (and its better-sqlite3 client) on every handle.
  const client = (writer as unknown as { session?: { client?: Database.Database } }).session
    ?.client;
  return client && typeof client.prepare === "function" ? client : null;
}

/**
 * preparedFor for writes that run inside a caller's transaction (models that
 * take a `Writer`): the statements are built once per connection, whichever
 * handle (the client, a transaction, a savepoint) asks first, and shared by
 * every later handle on it. Placeholders and SQL defaults are evaluated per
 * execution, so a prepared insert writes exactly what the one-off did.
 */
export function preparedForWriter<T>(build: (writer: Writer) => T) {
  const cache = new WeakMap<Database.Database, T>();
  writerRegistry.add(cache);
  return (writer: Writer): T => {
    const connection = connectionOf(writer);
    // An unknown handle shape: build for this call only (correct, just not cached).
    if (!connection) return build(writer);
    let statements = cache.get(connection);
    if (statements === undefined) cache.set(connection, (statements = build(writer)));
    return statements;
  };
}

/**
 * Forgets every prepared statement built for `db`, so the next call prepares
 * again (the benchmark does this to capture and EXPLAIN the SQL a page runs).
 */
export function forgetPrepared(db: DB) {
  for (const cache of registry) cache.delete(db);
  for (const cache of writerRegistry) cache.delete(db.$client);
}

/**
 * Rows fetched by a list of ids (one `json_each` placeholder, which returns
 * them in no particular order) put back in the order of `ids`; ids without a
 * row are left out.
 */
export function inIdOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
