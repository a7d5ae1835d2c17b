/**
 * The people spreadsheet's columns and cells: the header names a file may
 * use, each cell checked on its own (length, control characters, formula-like
 * text, email, ORCID checksum, web address), and the export in the same
 * columns. Matching rows against the directory and writing them is
 * people-import.server.ts.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import {
  labs,
  researcherAccounts,
  researchAreas,
  researcherAreas,
  researchers,
} from "../../db/schema";
import type { DB, Tx } from "~/utils/db.server";
import { normaliseText, textProblem } from "~/utils/form-fields";
import { hasOrcidChecksum, isWebAddress, MAX_LINK_LENGTH } from "~/utils/links";

/** The header row of the template and the export. */
export const PEOPLE_COLUMNS = [
  "name",
  "email",
  "title",
  "lab",
  "areas",
  "ORCID iD",
  "homepage",
  "bio",
] as const;

export type PeopleColumn =
  "name" | "email" | "title" | "lab" | "areas" | "orcid" | "homepage" | "bio";
const KEYS: PeopleColumn[] = ["name", "email", "title", "lab", "areas", "orcid", "homepage", "bio"];
/** Header names as written, lower-cased without spaces or punctuation, to their column. */
const HEADER_NAMES: Record<string, PeopleColumn> = {
  name: "name",
  email: "email",
  staffemail: "email",
  title: "title",
  lab: "lab",
  areas: "areas",
  researchareas: "areas",
  orcidid: "orcid",
  orcid: "orcid",
  homepage: "homepage",
  homepageurl: "homepage",
  bio: "bio",
};

/** Most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 10_000;
const MAX_AREAS = 20;
export const MAX = { name: 120, title: 150, email: 254, bio: 20_000, lab: 120, area: 120 };

/** The key a lab or area is matched by: NFC, trimmed, lower-cased. */
export const keyOf = (v: string) => v.normalize("NFC").trim().toLowerCase();

/** A cell's text, or why it cannot be stored. */
function cleanCell(
  raw: string,
  { multiline = false, max }: { multiline?: boolean; max: number },
): { value: string } | { error: string } {
  let v = raw;
  if (/^'[=+\-@\t\r]/.test(v)) v = v.slice(1);
  else if (/^\s*[=+\-@]/.test(v)) {
    const c = v.trimStart()[0];
    return {
      error: `Starts with “${c}”, which a spreadsheet runs as a formula. Put an apostrophe before it (') if it is text.`,
    };
  }
  v = normaliseText(v, { multiline });
  const problem = textProblem(v, { multiline });
  if (problem) return { error: problem };
  if (v.length > max)
    return { error: `Too long: at most ${max} characters, this has ${v.length}.` };
  return { value: v };
}

/** An ORCID iD as people paste it (with https://orcid.org/ or a lower-case x) in its stored form. */
function orcidOf(v: string) {
  return v.replace(/^https?:\/\/(www\.)?orcid\.org\//i, "").toUpperCase();
}

/** Which column each header cell is, or why the header cannot be used. */
export function readHeader(
  header: string[],
): { ok: true; columns: Array<PeopleColumn | null> } | { ok: false; error: string } {
  const columns: Array<PeopleColumn | null> = [];
  const unknown: string[] = [];
  for (const cell of header) {
    const name = cell.replace(/^\uFEFF/, "").trim();
    if (!name) {
      columns.push(null);
      continue;
    }
    const key = HEADER_NAMES[name.toLowerCase().replace(/[^a-z]/g, "")];
    if (!key) unknown.push(name);
    else if (columns.includes(key))
      return { ok: false, error: `The column “${name}” appears twice in the header row.` };
    columns.push(key ?? null);
  }
  const expected = PEOPLE_COLUMNS.join(", ");
  if (unknown.length)
    return {
      ok: false,
      error: `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `“${u.slice(0, 40)}”`).join(", ")} in the header row. The columns are: ${expected}.`,
    };
  const missing = KEYS.filter((k) => !columns.includes(k)).map(
    (k) => PEOPLE_COLUMNS[KEYS.indexOf(k)],
  );
  if (missing.length)
    return {
      ok: false,
      error: `The header row lacks ${missing.join(", ")}. The first row must name the columns: ${expected}.`,
    };
  return { ok: true, columns };
}

/** A row's cells checked one by one; lab and area names are checked later against the directory. */
export function checkCells(cells: Partial<Record<PeopleColumn, string>>) {
  const errors: Partial<Record<PeopleColumn, string>> = {};
  const get = (key: PeopleColumn, rules: { multiline?: boolean; max: number }) => {
    const result = cleanCell(cells[key] ?? "", rules);
    if ("error" in result) {
      errors[key] = result.error;
      return "";
    }
    return result.value;
  };
  const name = get("name", { max: MAX.name });
  if (!errors.name && name.length < 2)
    errors.name = name ? "A name needs at least 2 characters." : "Missing name.";
  const title = get("title", { max: MAX.title });
  if (!errors.title && title.length < 2)
    errors.title = title ? "A title needs at least 2 characters." : "Missing title.";
  const email = get("email", { max: MAX.email }).toLowerCase();
  if (email && !errors.email && !z.email().safeParse(email).success)
    errors.email = `“${email.slice(0, 60)}” is not an email address.`;
  const lab = get("lab", { max: MAX.lab });
  if (!lab && !errors.lab) errors.lab = "Missing lab.";
  const areasCell = get("areas", { max: MAX.area * MAX_AREAS });
  const areas = [
    ...new Set(
      areasCell
        .split(";")
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ];
  if (areas.length > MAX_AREAS) errors.areas = `At most ${MAX_AREAS} areas.`;
  else if (areas.some((a) => a.length > MAX.area))
    errors.areas = `An area name has at most ${MAX.area} characters.`;
  const orcid = orcidOf(get("orcid", { max: 40 }));
  if (orcid && !errors.orcid) {
    if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(orcid))
      errors.orcid = `“${orcid.slice(0, 40)}” is not an ORCID iD (like 0000-0002-1825-0097).`;
    else if (!hasOrcidChecksum(orcid))
      errors.orcid = `${orcid} fails the ORCID check digit: a digit is probably mistyped.`;
  }
  const homepage = get("homepage", { max: MAX_LINK_LENGTH });
  if (homepage && !errors.homepage && !isWebAddress(homepage))
    errors.homepage = "Not a full web address starting with https://.";
  const bio = get("bio", { multiline: true, max: MAX.bio });
  return { value: { name, email, title, lab, areas, orcid, homepage, bio }, errors };
}

/**
 * Every researcher (current and alumni) in the import's columns, by sort
 * name: importing the export changes nothing.
 */
export function exportPeopleRows(db: DB): string[][] {
  const areaNames = new Map<number, string[]>();
  for (const a of db
    .select({ researcherId: researcherAreas.researcherId, name: researchAreas.name })
    .from(researcherAreas)
    .innerJoin(researchAreas, eq(researchAreas.id, researcherAreas.areaId))
    .orderBy(researchAreas.position, researchAreas.name)
    .all()) {
    const list = areaNames.get(a.researcherId) ?? [];
    list.push(a.name);
    areaNames.set(a.researcherId, list);
  }
  const rows = db
    .select({
      id: researchers.id,
      name: researchers.name,
      email: researcherAccounts.email,
      title: researchers.title,
      lab: labs.name,
      orcid: researchers.orcid,
      homepage: researchers.homepageUrl,
      bio: researchers.bio,
    })
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .leftJoin(researcherAccounts, eq(researcherAccounts.researcherId, researchers.id))
    .orderBy(researchers.sortName, researchers.id)
    .all();
  return [
    [...PEOPLE_COLUMNS],
    ...rows.map((r) => [
      r.name,
      r.email ?? "",
      r.title,
      r.lab,
      (areaNames.get(r.id) ?? []).join("; "),
      r.orcid ?? "",
      r.homepage ?? "",
      r.bio,
    ]),
  ];
}

/** A researcher as rows are matched and compared against. */
export type Existing = {
  id: number;
  name: string;
  title: string;
  labId: number;
  bio: string;
  homepageUrl: string | null;
  orcid: string | null;
  email: string | null;
  areaIds: number[];
};

/** The labs, areas and researchers a file is checked against, by the keys rows match on. */
export function loadDirectory(db: DB | Tx) {
  const labRows = db.select({ id: labs.id, name: labs.name, slug: labs.slug }).from(labs).all();
  const areaRows = db
    .select({ id: researchAreas.id, name: researchAreas.name, slug: researchAreas.slug })
    .from(researchAreas)
    .all();
  const byKey = (rows: Array<{ id: number; name: string; slug: string }>) => {
    const map = new Map<string, number>();
    for (const r of rows) map.set(keyOf(r.slug), r.id);
    // Names win over slugs when one lab's name is another's slug.
    for (const r of rows) map.set(keyOf(r.name), r.id);
    return map;
  };
  const people = db
    .select({
      id: researchers.id,
      name: researchers.name,
      title: researchers.title,
      labId: researchers.labId,
      bio: researchers.bio,
      homepageUrl: researchers.homepageUrl,
      orcid: researchers.orcid,
      email: researcherAccounts.email,
    })
    .from(researchers)
    .leftJoin(researcherAccounts, eq(researcherAccounts.researcherId, researchers.id))
    .all()
    .map((p) => ({ ...p, areaIds: [] as number[] }));
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const a of db.select().from(researcherAreas).all())
    byId.get(a.researcherId)?.areaIds.push(a.areaId);
  const byEmail = new Map<string, Existing>();
  const byOrcid = new Map<string, Existing>();
  const byName = new Map<string, Existing[]>();
  for (const p of people) {
    if (p.email) byEmail.set(p.email, p);
    if (p.orcid) byOrcid.set(p.orcid.toUpperCase(), p);
    const list = byName.get(p.name.normalize("NFC")) ?? [];
    list.push(p);
    byName.set(p.name.normalize("NFC"), list);
  }
  return { labs: byKey(labRows), areas: byKey(areaRows), byEmail, byOrcid, byName };
}
