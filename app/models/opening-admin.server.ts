/**
 * Staff side of openings: the values the create/edit form is rendered from,
 * the rules that need the database, saving (one transaction), the hiring-team
 * search and the lifecycle (draft → open → closed → open). The form's schema
 * lives with the form (components/recruit/opening-form-schema.ts); the public
 * side lives in opening.server.ts.
 *
 * Screening questions and stages arrive as rows in their final order: a row
 * with an id updates that question or stage, a row without one adds it, and
 * a stored one whose row is gone is removed (if nothing depends on it). The
 * hiring team is a list of researcher ids.
 */
import { and, asc, desc, eq, inArray, ne, notInArray, sql, type SQL } from "drizzle-orm";
import {
  applicationAnswers,
  applications,
  labs,
  openingAreas,
  openings,
  openingTeam,
  programs,
  researchAreas,
  researchers,
  screeningQuestions,
  stages,
} from "../../db/schema";
import type {
  EmploymentType,
  OpeningKind,
  PayPeriod,
  OpeningStatus,
  PublicStatus,
  QuestionType,
  RemotePolicy,
  StageKind,
  OpeningSort,
} from "~/lib/enums";
import { countPipelines } from "./pipeline.server";
import { DEFAULT_STAGES, stageKindProblems, withPublicStatus } from "~/lib/pipeline-options";
import { PUBLIC_STATUS_LABELS } from "~/lib/public-status";
import type { OpeningFormValues, TeamPerson } from "~/lib/opening-form";
import type { DB } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { uniqueSlug } from "~/utils/slug";
import { isoDate, utcDayEnd } from "~/utils/time";

/** An opening as its form posts it, after the form's schema (the route's side) accepted it. */
export type OpeningInput = {
  title: string;
  kind: OpeningKind;
  labId: number;
  areaIds: number[];
  location: string;
  remotePolicy: RemotePolicy;
  summary: string;
  description: string;
  qualifications: string;
  /** YYYY-MM-DD */
  closesAt?: string;
  employmentType?: EmploymentType;
  durationMonths?: number;
  payMin?: number;
  payMax?: number;
  /** ISO 4217, upper case. */
  payCurrency?: string;
  payPeriod?: PayPeriod;
  programId?: number;
  /** 0–5 */
  lettersRequired: number;
  /** Researcher ids, in the order shown. */
  team: number[];
  /** One criterion per line. */
  criteria: string;
  questions: Array<{
    id?: number;
    label: string;
    type: QuestionType;
    required: boolean;
    options: string[];
  }>;
  stages: Array<{ id?: number; name: string; kind: StageKind }>;
};

/** Field errors keyed by the form's field names (`stages[1].name`); "" is about the whole form. */
export type FieldErrors = Record<string, string[]>;

const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const personColumns = {
  id: researchers.id,
  name: researchers.name,
  slug: researchers.slug,
  title: researchers.title,
  lab: labs.name,
  hasPhoto: sql<boolean>`(${researchers.photoFileId} IS NOT NULL)`.mapWith(Boolean),
};

/** Researchers by id (unknown ids are left out), for the team list. */
export function getTeamPeople(db: DB, ids: number[]): TeamPerson[] {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (!wanted.length) return [];
  return db
    .select(personColumns)
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .where(inArray(researchers.id, wanted))
    .all();
}

/**
 * Researchers whose name contains `query` (case-insensitive), current
 * researchers first, then alphabetical; at most `limit`.
 */
export function searchTeamPeople(db: DB, query: string, limit = 8): TeamPerson[] {
  const q = query.trim().toLowerCase().slice(0, 100);
  if (!q) return [];
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select(personColumns)
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .where(sql`${researchers.sortName} LIKE ${pattern} ESCAPE '\\'`)
    .orderBy(
      sql`${researchers.status} <> 'current'`,
      sql`instr(${researchers.sortName}, ${q}) <> 1`,
      researchers.sortName,
      researchers.id,
    )
    .limit(limit)
    .all();
}

/** Blank values for a new opening, starting from the default pipeline. */
export function emptyOpeningValues(): OpeningFormValues {
  return {
    title: "",
    kind: "researcher",
    labId: "",
    areaIds: [],
    location: "",
    remotePolicy: "onsite",
    summary: "",
    description: "",
    qualifications: "",
    closesAt: "",
    employmentType: "",
    durationMonths: "",
    payMin: "",
    payMax: "",
    payCurrency: "",
    payPeriod: "",
    programId: "",
    lettersRequired: "0",
    team: [],
    criteria: "Research depth\nCommunication\nCollaboration",
    questions: [],
    stages: DEFAULT_STAGES.map((s) => ({ id: "", name: s.name, kind: s.kind })),
  };
}

/** The form values of a stored opening, and the people on its hiring team. */
export function openingValues(
  db: DB,
  openingId: number,
): { values: OpeningFormValues; teamPeople: TeamPerson[]; lockedStageIds: number[] } | null {
  const o = db.select().from(openings).where(eq(openings.id, openingId)).get();
  if (!o) return null;
  const areaRows = db
    .select({ id: openingAreas.areaId })
    .from(openingAreas)
    .where(eq(openingAreas.openingId, o.id))
    .all();
  const team = db
    .select({ id: openingTeam.researcherId })
    .from(openingTeam)
    .where(eq(openingTeam.openingId, o.id))
    .orderBy(openingTeam.position)
    .all()
    .map((t) => t.id);
  const qs = db
    .select()
    .from(screeningQuestions)
    .where(eq(screeningQuestions.openingId, o.id))
    .orderBy(screeningQuestions.position)
    .all();
  const st = db
    .select()
    .from(stages)
    .where(eq(stages.openingId, o.id))
    .orderBy(stages.position)
    .all();
  const locked = db
    .selectDistinct({ id: applications.stageId })
    .from(applications)
    .where(eq(applications.openingId, o.id))
    .all()
    .map((r) => r.id);
  return {
    values: {
      title: o.title,
      kind: o.kind,
      labId: String(o.labId),
      areaIds: areaRows.map((a) => String(a.id)),
      location: o.location,
      remotePolicy: o.remotePolicy,
      summary: o.summary,
      description: o.description,
      qualifications: o.qualifications,
      closesAt: o.closesAt ? isoDate(o.closesAt) : "",
      employmentType: o.employmentType ?? "",
      durationMonths: o.durationMonths == null ? "" : String(o.durationMonths),
      payMin: o.payMin == null ? "" : String(o.payMin),
      payMax: o.payMax == null ? "" : String(o.payMax),
      payCurrency: o.payCurrency ?? "",
      payPeriod: o.payPeriod ?? "",
      programId: o.programId == null ? "" : String(o.programId),
      lettersRequired: String(o.lettersRequired),
      team: team.map(String),
      criteria: o.scorecardCriteria.join("\n"),
      questions: qs.map((q) => ({
        id: String(q.id),
        label: q.label,
        type: q.type,
        required: q.required,
        options: q.options,
      })),
      stages: st.map((s) => ({ id: String(s.id), name: s.name, kind: s.kind })),
    },
    teamPeople: getTeamPeople(db, team),
    lockedStageIds: locked,
  };
}

type CleanQuestion = {
  id?: number;
  label: string;
  type: QuestionType;
  required: boolean;
  options: string[];
};
type CleanStage = { id?: number; name: string; kind: StageKind; publicStatus: PublicStatus };
type Terms =
  "employmentType" | "durationMonths" | "payMin" | "payMax" | "payCurrency" | "payPeriod";
export type CleanOpening = Omit<
  OpeningInput,
  "team" | "criteria" | "questions" | "stages" | "closesAt" | Terms | "programId"
> & {
  closesAt: number | null;
  /** Unset terms are stored as null. */
  employmentType: EmploymentType | null;
  durationMonths: number | null;
  payMin: number | null;
  payMax: number | null;
  payCurrency: string | null;
  payPeriod: PayPeriod | null;
  programId: number | null;
  teamIds: number[];
  criteria: string[];
  questions: CleanQuestion[];
  stages: CleanStage[];
};

/**
 * Checks the rules of an opening that need the database (lab, areas and team
 * members exist; question and stage ids belong to this opening and appear
 * once; stages with applications and answered questions are not removed;
 * candidates' visible status does not change under them) and turns the
 * form's values into what `saveOpening` stores. Errors are keyed by field
 * name and name the row they are about.
 */
export function checkOpening(
  db: DB,
  openingId: number | null,
  v: OpeningInput,
): { ok: true; value: CleanOpening } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    errors[key] = [...(errors[key] ?? []), message];
  };

  if (!db.select({ id: labs.id }).from(labs).where(eq(labs.id, v.labId)).get())
    add("labId", "Choose a lab from the list");
  if (
    v.programId !== undefined &&
    !db.select({ id: programs.id }).from(programs).where(eq(programs.id, v.programId)).get()
  )
    add("programId", "Program: choose one from the list");
  if (v.areaIds.length) {
    const found = db
      .select({ id: researchAreas.id })
      .from(researchAreas)
      .where(inArray(researchAreas.id, v.areaIds))
      .all();
    if (found.length !== new Set(v.areaIds).size)
      add("areaIds", "Choose research areas from the list");
  }

  const teamIds = [...new Set(v.team)];
  const known = new Set(getTeamPeople(db, teamIds).map((p) => p.id));
  v.team.forEach((id, i) => {
    if (!known.has(id))
      add(`team[${i}]`, `Team member ${i + 1}: not in the directory; remove them and search again`);
  });

  const criteria = lines(v.criteria);
  if (criteria.some((c) => c.length > 60))
    add("criteria", "Keep each criterion under 60 characters");
  if (new Set(criteria).size !== criteria.length)
    add("criteria", "Each criterion must be different");
  if (criteria.length > 10) add("criteria", "Use at most 10 criteria");

  // Questions
  const storedQ = openingId
    ? db
        .select({ id: screeningQuestions.id, label: screeningQuestions.label })
        .from(screeningQuestions)
        .where(eq(screeningQuestions.openingId, openingId))
        .all()
    : [];
  const answered = new Set(
    openingId
      ? db
          .selectDistinct({ id: applicationAnswers.questionId })
          .from(applicationAnswers)
          .innerJoin(screeningQuestions, eq(screeningQuestions.id, applicationAnswers.questionId))
          .where(eq(screeningQuestions.openingId, openingId))
          .all()
          .map((r) => r.id)
      : [],
  );
  const seenQ = new Set<number>();
  v.questions.forEach((q, i) => {
    if (q.id === undefined) return;
    if (!storedQ.some((e) => e.id === q.id) || seenQ.has(q.id))
      add(
        `questions[${i}].label`,
        `Question ${i + 1}: this question does not belong here; reload the page`,
      );
    seenQ.add(q.id);
  });
  for (const q of storedQ)
    if (!seenQ.has(q.id) && answered.has(q.id))
      add(
        "",
        `The question "${q.label}" has answers from candidates, so it cannot be removed; add it back or reload the page`,
      );

  // Stages: the kinds' rules (one hired stage, last; the funnel kinds once, in
  // order) are the form's too, but the model holds them whoever calls it.
  for (const p of stageKindProblems(v.stages.map((s) => s.kind)))
    add(`stages[${p.index}].kind`, p.message);
  const posted = withPublicStatus(v.stages);
  const storedS = openingId
    ? db
        .select({
          id: stages.id,
          name: stages.name,
          kind: stages.kind,
          publicStatus: stages.publicStatus,
        })
        .from(stages)
        .where(eq(stages.openingId, openingId))
        .all()
    : [];
  // Hired applications sit in the hired stage: it stays the same stage (renamed
  // at most), never replaced by another row.
  const storedHired = storedS.find((s) => s.kind === "hired");
  const postedHired = v.stages.findIndex((s) => s.kind === "hired");
  if (storedHired && postedHired !== -1 && v.stages[postedHired].id !== storedHired.id)
    add(
      `stages[${postedHired}].kind`,
      `Stage ${postedHired + 1}: the hired stage "${storedHired.name}" cannot be replaced or removed; reload the page`,
    );
  const stageUse = openingId
    ? db
        .selectDistinct({ id: applications.stageId, status: applications.status })
        .from(applications)
        .where(eq(applications.openingId, openingId))
        .all()
    : [];
  const occupied = new Set(stageUse.map((r) => r.id));
  const occupiedByActive = new Set(stageUse.filter((r) => r.status === "active").map((r) => r.id));
  const seenS = new Set<number>();
  posted.forEach((s, i) => {
    if (s.id === undefined) return;
    const before = storedS.find((e) => e.id === s.id);
    if (!before || seenS.has(s.id)) {
      add(`stages[${i}].name`, `Stage ${i + 1}: this stage does not belong here; reload the page`);
      return;
    }
    seenS.add(s.id);
    if (before.kind === "hired" && s.kind !== "hired") return; // reported above
    // Active candidates see the public status of their stage (which follows
    // from the kinds): changing it here would change their page without an
    // event or an email.
    if (occupiedByActive.has(before.id) && before.publicStatus !== s.publicStatus)
      add(
        `stages[${i}].kind`,
        `Stage ${i + 1}: candidates in this stage see “${PUBLIC_STATUS_LABELS[before.publicStatus]}”, and this change would show them “${PUBLIC_STATUS_LABELS[s.publicStatus]}”; move them to another stage first`,
      );
  });
  for (const s of storedS)
    if (!seenS.has(s.id) && occupied.has(s.id))
      add(
        "",
        `The stage "${s.name}" has applications, so it cannot be removed; move them first or add the stage back`,
      );

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: v.title,
      kind: v.kind,
      labId: v.labId,
      areaIds: [...new Set(v.areaIds)],
      location: v.location,
      remotePolicy: v.remotePolicy,
      summary: v.summary,
      description: v.description,
      qualifications: v.qualifications,
      // A closing date means "open until the end of that day (UTC)".
      closesAt: v.closesAt ? utcDayEnd(v.closesAt) : null,
      employmentType: v.employmentType ?? null,
      durationMonths: v.durationMonths ?? null,
      payMin: v.payMin ?? null,
      payMax: v.payMax ?? null,
      payCurrency: v.payCurrency ?? null,
      payPeriod: v.payPeriod ?? null,
      programId: v.programId ?? null,
      lettersRequired: v.lettersRequired,
      teamIds,
      criteria,
      questions: v.questions.map((q) => ({
        id: q.id,
        label: q.label,
        type: q.type,
        required: q.required,
        options: q.type === "single_choice" ? q.options : [],
      })),
      stages: posted.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        publicStatus: s.publicStatus,
      })),
    },
  };
}

/**
 * Creates (openingId null) or updates an opening with everything the form
 * holds, in one transaction: rows are stored in the order given, stored
 * questions and stages without a row are deleted (`checkOpening` already
 * refused those that cannot go).
 */
export function saveOpening(
  db: DB,
  openingId: number | null,
  input: CleanOpening,
): { id: number; slug: string } {
  const now = Date.now();
  return db.transaction((tx) => {
    const fields = {
      title: input.title,
      kind: input.kind,
      labId: input.labId,
      location: input.location,
      remotePolicy: input.remotePolicy,
      summary: input.summary,
      description: input.description,
      qualifications: input.qualifications,
      scorecardCriteria: input.criteria,
      closesAt: input.closesAt,
      employmentType: input.employmentType,
      durationMonths: input.durationMonths,
      payMin: input.payMin,
      payMax: input.payMax,
      payCurrency: input.payCurrency,
      payPeriod: input.payPeriod,
      programId: input.programId,
      lettersRequired: input.lettersRequired,
      updatedAt: now,
    };
    let id: number;
    let slug: string;
    if (openingId === null) {
      slug = uniqueSlug(input.title, (s) =>
        Boolean(tx.select({ id: openings.id }).from(openings).where(eq(openings.slug, s)).get()),
      );
      const row = tx
        .insert(openings)
        .values({ ...fields, slug, status: "draft", createdAt: now })
        .returning()
        .get();
      id = row.id;
    } else {
      const row = tx
        .update(openings)
        .set(fields)
        .where(eq(openings.id, openingId))
        .returning()
        .get();
      id = row.id;
      slug = row.slug;
      tx.delete(openingAreas).where(eq(openingAreas.openingId, id)).run();
      tx.delete(openingTeam).where(eq(openingTeam.openingId, id)).run();
    }
    for (const areaId of input.areaIds)
      tx.insert(openingAreas).values({ openingId: id, areaId }).run();
    input.teamIds.forEach((researcherId, position) =>
      tx.insert(openingTeam).values({ openingId: id, researcherId, position }).run(),
    );

    const keptQ = input.questions.flatMap((q) => (q.id ? [q.id] : []));
    tx.delete(screeningQuestions)
      .where(
        and(
          eq(screeningQuestions.openingId, id),
          keptQ.length ? notInArray(screeningQuestions.id, keptQ) : undefined,
        ),
      )
      .run();
    input.questions.forEach((q, position) => {
      const values = {
        label: q.label,
        type: q.type,
        required: q.required,
        options: q.options,
        position,
      };
      if (q.id)
        tx.update(screeningQuestions)
          .set(values)
          .where(and(eq(screeningQuestions.id, q.id), eq(screeningQuestions.openingId, id)))
          .run();
      else
        tx.insert(screeningQuestions)
          .values({ ...values, openingId: id })
          .run();
    });

    const keptS = input.stages.flatMap((s) => (s.id ? [s.id] : []));
    tx.delete(stages)
      .where(and(eq(stages.openingId, id), keptS.length ? notInArray(stages.id, keptS) : undefined))
      .run();
    input.stages.forEach((s, position) => {
      const values = { name: s.name, kind: s.kind, publicStatus: s.publicStatus, position };
      if (s.id)
        tx.update(stages)
          .set(values)
          .where(and(eq(stages.id, s.id), eq(stages.openingId, id)))
          .run();
      else
        tx.insert(stages)
          .values({ ...values, openingId: id })
          .run();
    });
    return { id, slug };
  });
}

/** Publishes a draft (sets publishedAt the first time) or reopens a closed opening. */
export function openOpening(db: DB, openingId: number) {
  const now = Date.now();
  db.update(openings)
    .set({
      status: "open",
      publishedAt: sql`coalesce(${openings.publishedAt}, ${now})`,
      closedAt: null,
      updatedAt: now,
    })
    .where(and(eq(openings.id, openingId), ne(openings.status, "open")))
    .run();
}

/** Labs, areas and programs to choose from in the form. */
export function getFormChoices(db: DB) {
  return {
    programs: db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .orderBy(programs.position, programs.name)
      .all(),
    labs: db.select({ id: labs.id, name: labs.name }).from(labs).orderBy(labs.name).all(),
    areas: db
      .select({ id: researchAreas.id, name: researchAreas.name })
      .from(researchAreas)
      .orderBy(researchAreas.position)
      .all(),
  };
}

/** The server-rendered Markdown preview of what was typed. */
export function previewOf(values: { description: string; qualifications: string }) {
  return {
    description: renderMarkdown(values.description),
    qualifications: renderMarkdown(values.qualifications),
  };
}

// ───────────── staff lists ─────────────

export type StaffOpeningFilters = { status?: OpeningStatus; kind?: OpeningKind; lab?: number };

const activeCount = sql<number>`(SELECT count(*) FROM ${applications} WHERE ${applications.openingId} = ${openings.id} AND ${applications.status} = 'active')`;

function orderFor(sort: OpeningSort, dir: "asc" | "desc") {
  const by = dir === "asc" ? asc : desc;
  switch (sort) {
    case "title":
      return [by(sql`${openings.title} COLLATE NOCASE`), by(labs.name), desc(openings.id)];
    case "lab":
      return [by(sql`${labs.name} COLLATE NOCASE`), asc(openings.title), desc(openings.id)];
    case "status":
      return [by(openings.status), desc(openings.updatedAt), desc(openings.id)];
    case "active":
      return [by(activeCount), asc(openings.title), desc(openings.id)];
    case "closes":
      // Openings without a closing date last, whichever the direction.
      return [sql`${openings.closesAt} IS NULL`, by(openings.closesAt), desc(openings.id)];
    case "updated":
      return [by(openings.updatedAt), by(openings.id)];
  }
}

/**
 * One page of every opening, newest change first, with counts per application
 * status and per stage (GROUP BY queries over the page's ids — never a query
 * per row), the number of openings per status and the labs for the filter.
 */
export function listOpeningsForStaff(
  db: DB,
  {
    filters,
    page,
    perPage,
    sort = "updated",
    dir = "desc",
  }: {
    filters: StaffOpeningFilters;
    page: number;
    perPage: number;
    sort?: OpeningSort;
    dir?: "asc" | "desc";
  },
) {
  const where: SQL[] = [];
  if (filters.status) where.push(eq(openings.status, filters.status));
  if (filters.kind) where.push(eq(openings.kind, filters.kind));
  if (filters.lab) where.push(eq(openings.labId, filters.lab));
  const cond = where.length ? and(...where) : undefined;

  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(openings)
      .where(cond)
      .get()?.n ?? 0;
  const rows = db
    .select({
      id: openings.id,
      title: openings.title,
      kind: openings.kind,
      status: openings.status,
      closesAt: openings.closesAt,
      updatedAt: openings.updatedAt,
      lab: labs.name,
    })
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId))
    .where(cond)
    .orderBy(...orderFor(sort, dir))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  const ids = rows.map((r) => r.id);
  // The board's own counts: a stage counts its cards (active, and hired in the
  // hired stage), so the list and the board never disagree.
  const counts = countPipelines(db, ids);
  const stageRows = ids.length
    ? db
        .select()
        .from(stages)
        .where(inArray(stages.openingId, ids))
        .orderBy(asc(stages.position))
        .all()
    : [];
  const summary = db
    .select({ status: openings.status, n: sql<number>`count(*)` })
    .from(openings)
    .groupBy(openings.status)
    .all();
  const now = Date.now();
  return {
    total,
    summary: Object.fromEntries(summary.map((s) => [s.status, s.n])) as Record<string, number>,
    labs: db.select({ id: labs.id, name: labs.name }).from(labs).orderBy(labs.name).all(),
    openings: rows.map((o) => ({
      ...o,
      closedForApplications: o.status === "open" && o.closesAt !== null && o.closesAt < now,
      counts: counts.get(o.id)!.perStatus,
      stages: stageRows
        .filter((s) => s.openingId === o.id)
        .map((s) => ({ id: s.id, name: s.name, n: counts.get(o.id)!.perStage[s.id] ?? 0 })),
    })),
  };
}
