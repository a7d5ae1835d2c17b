/**
 * People from a spreadsheet: a CSV file's records checked against the
 * directory (a preview that writes nothing), the import of a file with no
 * invalid row in one transaction with one audit row, and the export in the
 * same columns. The route reads and decodes the file (app/utils/csv-read.server.ts);
 * here are the rules.
 *
 * Columns (any order, header names as in PEOPLE_COLUMNS, case and spaces
 * ignored): name, email, title, lab, areas, ORCID iD, homepage, bio. `email`
 * is the staff-only email of researcher_accounts (never shown publicly);
 * `areas` are separated by semicolons.
 *
 * Matching a row to an existing researcher, in this order:
 * 1. its email is a researcher's staff email;
 * 2. its ORCID iD is a researcher's ORCID iD;
 * 3. neither is given or known, and exactly one researcher has the same name
 *    (narrowed by lab when several do) whose staff email and ORCID iD are blank
 *    or the row's — how an export edited to add emails comes back.
 * An email and an ORCID iD naming two different people, two rows matching one
 * person, or a name shared by several people in the same lab make the row
 * invalid. A blank email never removes a staff email (that is done on the
 * profile page, where the account link it cuts is shown); the other columns
 * are written as they are, so a blank homepage clears it. Status, featured,
 * Scholar and GitHub links and photos are left as they are; new people are current.
 *
 * Cells that start with =, +, - or @ (after spaces) are refused, not
 * neutralised: a spreadsheet would run them as formulas, and quietly
 * changing a value would store something the admin never wrote. A cell
 * starting with an apostrophe before one of those characters — how the
 * export and OWASP's guidance write such text — is read without the apostrophe.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  labs,
  researcherAccounts,
  researchAreas,
  researcherAreas,
  researchers,
} from "../../db/schema";
import { auditAdminChange, type AuditActor } from "~/auth/audit.server";
import type { DB, Tx } from "~/utils/db.server";
import { normaliseText, textProblem } from "~/utils/form-fields";
import { hasOrcidChecksum, isWebAddress, MAX_LINK_LENGTH } from "~/utils/links";
import { preparedForWriter } from "~/utils/prepared.server";
import { uniqueSlug } from "~/utils/slug";

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
const MAX_IMPORT_ROWS = 10_000;
const MAX_AREAS = 20;
const MAX = { name: 120, title: 150, email: 254, bio: 20_000, lab: 120, area: 120 };

type RowStatus = "new" | "updated" | "unchanged" | "invalid";

/** One data row as the preview shows it. */
export type PlannedRow = {
  /** The row's number in the spreadsheet (the header is row 1). */
  row: number;
  status: RowStatus;
  /** The name as written (for the preview; may be invalid). */
  name: string;
  /** What is wrong, per cell. */
  errors: Partial<Record<PeopleColumn, string>>;
  /** What is wrong with the row as a whole (its length, whom it matches). */
  rowError: string | null;
  /** For an update: the columns that change. */
  changes: PeopleColumn[];
};

type RowValue = {
  name: string;
  email: string;
  title: string;
  lab: string;
  areas: string[];
  orcid: string;
  homepage: string;
  bio: string;
};

type Existing = {
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

type Work = PlannedRow & { value: RowValue | null; match: Existing | null };

export type ImportPlan = {
  rows: PlannedRow[];
  counts: Record<RowStatus, number>;
  /** Labs and areas the file names that do not exist (as first written), and whether each is ticked. */
  unknownLabs: Array<{ name: string; create: boolean }>;
  unknownAreas: Array<{ name: string; create: boolean }>;
};

export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; error: string };

/** The key a lab or area is matched by: NFC, trimmed, lower-cased. */
const keyOf = (v: string) => v.normalize("NFC").trim().toLowerCase();

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

function loadDirectory(db: DB | Tx) {
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

/** Which column each header cell is, or why the header cannot be used. */
function readHeader(
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
function checkCells(cells: Partial<Record<PeopleColumn, string>>) {
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
 * Checks every record of a file (header first) against the directory, with
 * the unknown labs and areas in `create` (their names) counted as existing.
 * Writes nothing. A header that cannot be used is `ok: false`.
 */
export function planPeopleImport(
  db: DB | Tx,
  records: string[][],
  create: { labs: string[]; areas: string[] },
): PlanOutcome {
  return planWork(db, records, create).outcome;
}

function planWork(
  db: DB | Tx,
  records: string[][],
  create: { labs: string[]; areas: string[] },
): { outcome: PlanOutcome; work: Work[]; directory: ReturnType<typeof loadDirectory> | null } {
  const fail = (error: string) => ({
    outcome: { ok: false as const, error },
    work: [],
    directory: null,
  });
  if (records.length === 0) return fail("The file is empty.");
  const header = readHeader(records[0]);
  if (!header.ok) return fail(header.error);
  const data = records.slice(1);
  const rowCount = data.filter((r) => r.some((c) => c.trim())).length;
  if (rowCount === 0) return fail("The file has a header row but no people.");
  if (rowCount > MAX_IMPORT_ROWS)
    return fail(
      `The file has ${rowCount.toLocaleString("en")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en")} at a time (split the file).`,
    );

  const dir = loadDirectory(db);
  const createLabs = new Set(create.labs.map(keyOf));
  const createAreas = new Set(create.areas.map(keyOf));
  const unknownLabs = new Map<string, string>();
  const unknownAreas = new Map<string, string>();
  const seenEmail = new Map<string, number>();
  const seenOrcid = new Map<string, number>();
  const seenMatch = new Map<number, number>();
  const work: Work[] = [];

  data.forEach((record, i) => {
    if (!record.some((c) => c.trim())) return;
    const row = i + 2;
    const cells: Partial<Record<PeopleColumn, string>> = {};
    header.columns.forEach((col, j) => {
      if (col) cells[col] = record[j] ?? "";
    });
    const extra = record.slice(header.columns.length).some((c) => c.trim());
    const blankColumn = header.columns.some((col, j) => col === null && (record[j] ?? "").trim());
    const { value, errors } = checkCells(cells);
    const w: Work = {
      row,
      status: "new",
      name: (cells.name ?? "").trim().slice(0, MAX.name),
      errors,
      rowError:
        extra || blankColumn
          ? `This row has cells beyond the ${header.columns.length} columns the header names.`
          : null,
      changes: [],
      value,
      match: null,
    };
    work.push(w);

    // Labs and areas: by name or slug; an unknown one counts when ticked.
    if (!errors.lab && value.lab) {
      const k = keyOf(value.lab);
      if (!dir.labs.has(k)) {
        if (!unknownLabs.has(k)) unknownLabs.set(k, value.lab);
        if (!createLabs.has(k))
          errors.lab = `Unknown lab “${value.lab}”. Tick it below to create it, or correct the name.`;
      }
    }
    if (!errors.areas) {
      const missing = value.areas.filter((a) => !dir.areas.has(keyOf(a)));
      for (const a of missing) if (!unknownAreas.has(keyOf(a))) unknownAreas.set(keyOf(a), a);
      const refused = missing.filter((a) => !createAreas.has(keyOf(a)));
      if (refused.length)
        errors.areas = `Unknown area${refused.length > 1 ? "s" : ""} ${refused.map((a) => `“${a}”`).join(", ")}. Tick ${refused.length > 1 ? "them" : "it"} below to create ${refused.length > 1 ? "them" : "it"}, or correct the name.`;
    }

    // Duplicates within the file.
    if (value.email && !errors.email) {
      const first = seenEmail.get(value.email);
      if (first) errors.email = `The same email is on row ${first}.`;
      else seenEmail.set(value.email, row);
    }
    if (value.orcid && !errors.orcid) {
      const first = seenOrcid.get(value.orcid);
      if (first) errors.orcid = `The same ORCID iD is on row ${first}.`;
      else seenOrcid.set(value.orcid, row);
    }

    // Whom the row is about.
    const byEmail = value.email ? dir.byEmail.get(value.email) : undefined;
    const byOrcid = value.orcid ? dir.byOrcid.get(value.orcid) : undefined;
    if (byEmail && byOrcid && byEmail.id !== byOrcid.id) {
      errors.orcid ??= `This ORCID iD belongs to ${byOrcid.name}, but the email to ${byEmail.name}.`;
      return;
    }
    let match = byEmail ?? byOrcid ?? null;
    if (!match && value.name) {
      const fits = (p: Existing) =>
        (!p.email || p.email === value.email || !value.email) &&
        (!p.orcid || p.orcid.toUpperCase() === value.orcid || !value.orcid);
      let named = (dir.byName.get(value.name) ?? []).filter(fits);
      if (named.length > 1) {
        const labId = dir.labs.get(keyOf(value.lab));
        named = named.filter((p) => p.labId === labId);
      }
      if (named.length > 1) {
        w.rowError ??= `${named.length} people in this lab are called ${value.name}: add their email or ORCID iD to say which one.`;
        return;
      }
      match = named[0] ?? null;
    }
    if (!match) return;
    if (value.email && match.email && match.email !== value.email)
      errors.email ??= `This person's staff email is ${match.email}; change it on their profile page.`;
    if (value.email && !match.email && dir.byEmail.get(value.email))
      errors.email ??= `This email belongs to ${dir.byEmail.get(value.email)!.name}.`;
    if (value.orcid && match.orcid?.toUpperCase() !== value.orcid && dir.byOrcid.get(value.orcid))
      errors.orcid ??= `This ORCID iD belongs to ${dir.byOrcid.get(value.orcid)!.name}.`;
    const earlier = seenMatch.get(match.id);
    if (earlier) w.rowError ??= `Row ${earlier} already updates ${match.name}.`;
    else seenMatch.set(match.id, row);
    w.match = match;
  });

  const counts: Record<RowStatus, number> = { new: 0, updated: 0, unchanged: 0, invalid: 0 };
  for (const w of work) {
    if (w.rowError || Object.keys(w.errors).length) w.status = "invalid";
    else if (w.match) {
      w.changes = changedColumns(w.match, w.value!, dir);
      w.status = w.changes.length ? "updated" : "unchanged";
    } else w.status = "new";
    counts[w.status]++;
  }
  const listed = (unknown: Map<string, string>, ticked: Set<string>) =>
    [...unknown].map(([k, name]) => ({ name, create: ticked.has(k) }));
  return {
    outcome: {
      ok: true,
      plan: {
        rows: work.map(({ value: _v, match: _m, ...row }) => row),
        counts,
        unknownLabs: listed(unknownLabs, createLabs),
        unknownAreas: listed(unknownAreas, createAreas),
      },
    },
    work,
    directory: dir,
  };
}

function changedColumns(
  p: Existing,
  v: RowValue,
  dir: ReturnType<typeof loadDirectory>,
): PeopleColumn[] {
  const changes: PeopleColumn[] = [];
  if (p.name !== v.name) changes.push("name");
  if (v.email && p.email !== v.email) changes.push("email");
  if (p.title !== v.title) changes.push("title");
  if (p.labId !== dir.labs.get(keyOf(v.lab))) changes.push("lab");
  const areaIds = v.areas.map((a) => dir.areas.get(keyOf(a)));
  const before = new Set(p.areaIds);
  if (areaIds.length !== before.size || areaIds.some((id) => id === undefined || !before.has(id)))
    changes.push("areas");
  if ((p.orcid ?? "").toUpperCase() !== v.orcid) changes.push("orcid");
  if ((p.homepageUrl ?? "") !== v.homepage) changes.push("homepage");
  if (normaliseText(p.bio, { multiline: true }) !== v.bio) changes.push("bio");
  return changes;
}

const ph = sql.placeholder;

/**
 * The import's writes, prepared once per connection: a 5,000-row file is
 * thousands of statements, and building each one with Drizzle costs as much
 * as running it. They write what writeResearcher and writeStaffEmail
 * (researcher-admin.server.ts, researcher-account.server.ts) write for one
 * profile — sort name, slug, areas, the staff email — and the triggers keep
 * search and counts as for any write.
 */
const writes = preparedForWriter((tx) => ({
  insert: tx
    .insert(researchers)
    .values({
      slug: ph("slug"),
      name: ph("name"),
      sortName: ph("sortName"),
      title: ph("title"),
      labId: ph("labId"),
      bio: ph("bio"),
      homepageUrl: ph("homepageUrl"),
      orcid: ph("orcid"),
      status: "current",
      featured: false,
      createdAt: ph("createdAt"),
      updatedAt: ph("updatedAt"),
    })
    .returning({ id: researchers.id })
    .prepare(),
  update: tx
    .update(researchers)
    .set({
      name: sql`${ph("name")}`,
      sortName: sql`${ph("sortName")}`,
      title: sql`${ph("title")}`,
      labId: sql`${ph("labId")}`,
      bio: sql`${ph("bio")}`,
      homepageUrl: sql`${ph("homepageUrl")}`,
      orcid: sql`${ph("orcid")}`,
      updatedAt: sql`${ph("updatedAt")}`,
    })
    .where(eq(researchers.id, sql.placeholder("id")))
    .prepare(),
  clearAreas: tx
    .delete(researcherAreas)
    .where(eq(researcherAreas.researcherId, sql.placeholder("id")))
    .prepare(),
  addArea: tx
    .insert(researcherAreas)
    .values({ researcherId: ph("researcherId"), areaId: ph("areaId") })
    .prepare(),
  addEmail: tx
    .insert(researcherAccounts)
    .values({ researcherId: ph("researcherId"), email: ph("email") })
    .prepare(),
}));

export type ImportOutcome =
  | {
      ok: true;
      counts: { added: number; updated: number; unchanged: number; labs: number; areas: number };
    }
  | { ok: false; outcome: PlanOutcome };

/**
 * Checks the file again inside one immediate transaction and, when no row is
 * invalid, writes it there: the ticked labs and areas that the file uses,
 * new researchers, changed ones, staff emails, and one audit row with the
 * counts. Any invalid row writes nothing and returns the plan to show.
 */
export function importPeople(
  db: DB,
  records: string[][],
  create: { labs: string[]; areas: string[] },
  actor: AuditActor,
): ImportOutcome {
  return db.transaction(
    (tx): ImportOutcome => {
      const { outcome, work, directory: dir } = planWork(tx, records, create);
      if (!outcome.ok || outcome.plan.counts.invalid > 0 || !dir) return { ok: false, outcome };
      const now = Date.now();
      // Only the ticked labs and areas some row uses are made; they get a name and a slug.
      let labsMade = 0;
      let areasMade = 0;
      let position =
        tx.get<{ p: number | null }>(sql`SELECT max(position) AS p FROM research_areas`)?.p ?? 0;
      for (const w of work) {
        const v = w.value!;
        const labKey = keyOf(v.lab);
        if (!dir.labs.has(labKey)) {
          const slug = uniqueSlug(v.lab, (s) =>
            Boolean(tx.select({ id: labs.id }).from(labs).where(eq(labs.slug, s)).get()),
          );
          const lab = tx
            .insert(labs)
            .values({
              slug,
              name: v.lab,
              city: "",
              country: "",
              description: "",
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: labs.id })
            .get();
          dir.labs.set(labKey, lab.id);
          labsMade++;
        }
        for (const a of v.areas) {
          const k = keyOf(a);
          if (dir.areas.has(k)) continue;
          const slug = uniqueSlug(a, (s) =>
            Boolean(
              tx
                .select({ id: researchAreas.id })
                .from(researchAreas)
                .where(eq(researchAreas.slug, s))
                .get(),
            ),
          );
          const area = tx
            .insert(researchAreas)
            .values({
              slug,
              name: a,
              summary: "",
              description: "",
              position: ++position,
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: researchAreas.id })
            .get();
          dir.areas.set(k, area.id);
          areasMade++;
        }
      }
      let added = 0;
      let updated = 0;
      const w = writes(tx);
      const slugs = new Set(
        tx
          .select({ slug: researchers.slug })
          .from(researchers)
          .all()
          .map((r) => r.slug),
      );
      for (const row of work) {
        if (row.status === "unchanged") continue;
        const v = row.value!;
        const p = row.match;
        const fields = {
          name: v.name,
          sortName: v.name.toLowerCase(),
          title: v.title,
          labId: dir.labs.get(keyOf(v.lab))!,
          bio: v.bio,
          homepageUrl: v.homepage || null,
          orcid: v.orcid || null,
          updatedAt: now,
        };
        let id: number;
        if (p) {
          id = p.id;
          w.update.run({ ...fields, id });
          w.clearAreas.run({ id });
          updated++;
        } else {
          const slug = uniqueSlug(v.name, (s) => slugs.has(s));
          slugs.add(slug);
          id = w.insert.get({ ...fields, slug, createdAt: now })!.id;
          added++;
        }
        for (const areaId of new Set(v.areas.map((a) => dir.areas.get(keyOf(a))!)))
          w.addArea.run({ researcherId: id, areaId });
        // Planning refused an email that is someone else's or would replace this person's.
        if (v.email && !p?.email) w.addEmail.run({ researcherId: id, email: v.email });
      }
      const unchanged = outcome.plan.counts.unchanged;
      auditAdminChange(tx, {
        action: "directory.people_imported",
        actorUserId: actor.userId,
        ip: actor.ip,
        summary:
          `Imported people from a CSV file: ${added} added, ${updated} updated, ${unchanged} unchanged` +
          (labsMade || areasMade ? `; ${labsMade} labs and ${areasMade} areas created.` : "."),
        facts: { added, updated, unchanged, labsCreated: labsMade, areasCreated: areasMade },
      });
      return { ok: true, counts: { added, updated, unchanged, labs: labsMade, areas: areasMade } };
    },
    { behavior: "immediate" },
  );
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
