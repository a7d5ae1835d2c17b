/**
 * Nothing of the server reaches the browser. The production build's browser
 * bundles (public/build, made by `npm run build` before Playwright runs) must
 * carry no drizzle-orm code and no table or column name: a client module that
 * imports a value from db/schema drags the whole schema in, and with it names
 * such as `password_hash` and `token_hash` that tell an attacker the shape of
 * the database. Shared value lists live in app/lib/enums.ts instead.
 *
 * This runs with the end-to-end tests rather than in Vitest because `npm test`
 * builds while Vitest runs; Playwright starts only once the build is done.
 */
import fs from "node:fs";
import path from "node:path";
import { getTableColumns, is } from "drizzle-orm";
import { SQLiteTable, getTableConfig } from "drizzle-orm/sqlite-core";
import * as schema from "../db/schema";
import { expect, test } from "./fixtures";

const root = path.join(import.meta.dirname, "..");

/**
 * Every drizzle-orm class is tagged with this symbol key (drizzle-orm/entity.js),
 * so any of its code in a bundle carries the string.
 */
const DRIZZLE_MARK = "drizzle:entityKind";

/**
 * Single-word column and table names that are also ordinary words the pages
 * use for their own purposes: form field names (`name`, `email`, `title`,
 * the email template editor's `subject`),
 * search parameters (`kind`, `status`, `year`), JSON keys of loader data and
 * Remix's own (`id`, `type`, `hash`, `key`), ARIA and link words. In a bundle
 * they cannot be told apart from a leak, so they are not searched for; every
 * other name is, and every snake_case name is (the app spells its own keys in
 * camelCase, so `password_hash` in a bundle can only come from the schema).
 * A word goes on this list only when the pages use it themselves.
 */
const UI_WORDS = new Set([
  "action",
  "address",
  "applications",
  "body",
  "currency",
  "description",
  "duration",
  "email",
  "error",
  "events",
  "faq",
  "hash",
  "html",
  "id",
  "key",
  "kind",
  "label",
  "labs",
  "latitude",
  "longitude",
  "month",
  "n",
  "name",
  "notes",
  "openings",
  "options",
  "orcid",
  "outbox",
  "place",
  "programs",
  "publications",
  "recommendation",
  "referees",
  "relationship",
  "required",
  "researchers",
  "role",
  "sessions",
  "size",
  "source",
  "stages",
  "status",
  "stipend",
  "subject",
  "summary",
  "text",
  "title",
  "to",
  "tools",
  "type",
  "url",
  "users",
  "value",
  "version",
  "year",
]);

/** Every table's and column's SQL name, read from the Drizzle schema itself. */
function schemaNames(): string[] {
  const names = new Set<string>();
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    names.add(getTableConfig(value).name);
    for (const column of Object.values(getTableColumns(value))) names.add(column.name);
  }
  return [...names];
}

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => path.join(dir, file));
}

/** The names (and the drizzle mark) that `source` carries as string literals. */
function serverTraces(source: string, names: string[]): string[] {
  const found = names.filter((name) => {
    const quoted = new RegExp(`["'\`]${name.replace(/[^\w]/g, "\\$&")}["'\`]`);
    return quoted.test(source);
  });
  return source.includes(DRIZZLE_MARK) ? ["drizzle-orm", ...found] : found;
}

test("no browser bundle carries drizzle-orm or a table or column name", () => {
  const all = schemaNames();
  // The schema really is read: its secret columns are among the names searched for.
  expect(all).toEqual(
    expect.arrayContaining(["password_hash", "token_hash", "totp_credentials", "secret"]),
  );
  const searched = all.filter((name) => !UI_WORDS.has(name));

  // The detector finds what it looks for where it is: the server build bundles
  // the schema (drizzle-orm itself stays in node_modules there), and the mark
  // is drizzle-orm's own.
  const server = fs.readFileSync(path.join(root, "build", "index.js"), "utf8");
  expect(serverTraces(server, searched)).toEqual(
    expect.arrayContaining(["password_hash", "token_hash", "totp_credentials", "secret"]),
  );
  const drizzleEntity = path.join(root, "node_modules", "drizzle-orm", "entity.js");
  expect(serverTraces(fs.readFileSync(drizzleEntity, "utf8"), [])).toEqual(["drizzle-orm"]);

  const bundles = jsFiles(path.join(root, "public", "build"));
  expect(bundles.length).toBeGreaterThan(10);
  const leaks = bundles
    .map((file) => ({
      bundle: path.relative(root, file),
      traces: serverTraces(fs.readFileSync(file, "utf8"), searched),
    }))
    .filter((b) => b.traces.length > 0);
  expect(leaks).toEqual([]);
});
