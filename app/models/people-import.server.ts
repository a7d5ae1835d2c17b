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
import {
  labs,
  researcherAccounts,
  researchAreas,
  researcherAreas,
  researchers,
} from "../../db/schema";
import { auditAdminChange, type AuditActor } from "~/auth/audit.server";
import type { DB, Tx } from "~/utils/db.server";
import { normaliseText } from "~/utils/form-fields";
import { preparedForWriter } from "~/utils/prepared.server";
import {
  checkCells,
  loadDirectory,
  type Existing,
  keyOf,
  MAX,
  MAX_IMPORT_ROWS,
  readHeader,
  type PeopleColumn,
} from "./people-csv.server";
import { uniqueSlug } from "~/utils/slug";

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

type Work = PlannedRow & { value: RowValue | null; match: Existing | null };

export type ImportPlan = {
  rows: PlannedRow[];
  counts: Record<RowStatus, number>;
  /** Labs and areas the file names that do not exist (as first written), and whether each is ticked. */
  unknownLabs: Array<{ name: string; create: boolean }>;
  unknownAreas: Array<{ name: string; create: boolean }>;
};

export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; error: string };

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
