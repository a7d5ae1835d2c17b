/**
 * Staff side of openings: the values the create/edit form is rendered from,
 * the rules that need the database, saving (one transaction) and the
 * lifecycle (draft → open → closed → open). The form's schema lives with the
 * form (components/recruit/opening-form.tsx); the public side lives in
 * opening.server.ts.
 *
 * The form works without JavaScript: screening questions and stages are rows
 * with an "order" number (reorder), a "remove" checkbox, and blank rows at
 * the end (add); scorecard criteria are one per line; the hiring team is a
 * list of researcher slugs. Blank new rows are ignored.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import {
  applicationAnswers,
  applications,
  labs,
  openingAreas,
  openings,
  openingTeam,
  researchAreas,
  researchers,
  screeningQuestions,
  stages,
  users,
  type OpeningKind,
  type OpeningStatus,
  type PublicStatus,
  type QuestionType,
  type RemotePolicy,
} from "../../db/schema";
import { DEFAULT_STAGES } from "./pipeline-options";
import type { DB } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { uniqueSlug } from "~/utils/slug";

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
  /** Researcher slugs separated by commas or spaces. */
  team: string;
  /** One criterion per line. */
  criteria: string;
  questions: Array<{
    id?: number;
    label: string;
    type: QuestionType;
    required: boolean;
    options: string;
    order?: number;
    remove: boolean;
  }>;
  stages: Array<{
    id?: number;
    name: string;
    publicStatus: PublicStatus;
    order?: number;
    remove: boolean;
  }>;
};

/** Field errors keyed by the form's field names (`stages[1].remove`). */
export type FieldErrors = Record<string, string[]>;

const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Blank values for a new opening, starting from the default pipeline. */
export function emptyOpeningValues() {
  return {
    title: "",
    kind: "researcher" as string,
    labId: "",
    areaIds: [] as string[],
    location: "",
    remotePolicy: "onsite",
    summary: "",
    description: "",
    qualifications: "",
    closesAt: "",
    team: "",
    criteria: "Research depth\nCommunication\nCollaboration",
    questions: [] as NonNullable<ReturnType<typeof openingValues>>["questions"],
    stages: DEFAULT_STAGES.map((s, i) => ({
      id: "",
      name: s.name,
      publicStatus: s.publicStatus,
      order: String(i + 1),
    })),
  };
}

/** The form values of a stored opening. */
export function openingValues(db: DB, openingId: number) {
  const o = db.select().from(openings).where(eq(openings.id, openingId)).get();
  if (!o) return null;
  const areaRows = db
    .select({ id: openingAreas.areaId })
    .from(openingAreas)
    .where(eq(openingAreas.openingId, o.id))
    .all();
  const team = db
    .select({ slug: researchers.slug })
    .from(openingTeam)
    .innerJoin(researchers, eq(researchers.id, openingTeam.researcherId))
    .where(eq(openingTeam.openingId, o.id))
    .orderBy(openingTeam.position)
    .all();
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
  return {
    title: o.title,
    kind: o.kind,
    labId: String(o.labId),
    areaIds: areaRows.map((a) => String(a.id)),
    location: o.location,
    remotePolicy: o.remotePolicy,
    summary: o.summary,
    description: o.description,
    qualifications: o.qualifications,
    closesAt: o.closesAt ? new Date(o.closesAt).toISOString().slice(0, 10) : "",
    team: team.map((t) => t.slug).join(", "),
    criteria: o.scorecardCriteria.join("\n"),
    questions: qs.map((q, i) => ({
      id: String(q.id),
      label: q.label,
      type: q.type,
      required: q.required,
      options: q.options.join("\n"),
      order: String(i + 1),
    })),
    stages: st.map((s, i) => ({
      id: String(s.id),
      name: s.name,
      publicStatus: s.publicStatus,
      order: String(i + 1),
    })),
  };
}

type CleanQuestion = {
  id?: number;
  label: string;
  type: QuestionType;
  required: boolean;
  options: string[];
  remove: boolean;
};
type OrderedQuestion = CleanQuestion & { order?: number };
type CleanStage = { id?: number; name: string; publicStatus: PublicStatus; remove: boolean };
export type CleanOpening = Omit<
  OpeningInput,
  "team" | "criteria" | "questions" | "stages" | "closesAt"
> & {
  closesAt: number | null;
  teamIds: number[];
  criteria: string[];
  questions: CleanQuestion[];
  stages: CleanStage[];
};

/** Rows sorted by their order number (rows without one keep their place at the end). */
function byOrder<T extends { order?: number }>(rows: T[]): T[] {
  return rows
    .map((r, i) => ({ r, key: r.order ?? 1000 + i, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.r);
}

/**
 * Checks the rules of an opening that need the database (lab and areas
 * exist, team slugs are researchers, stages being removed are empty,
 * question/stage ids belong to this opening, ...) and turns the form's
 * values into what `saveOpening` stores. Errors are keyed by field name.
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
  if (v.areaIds.length) {
    const found = db
      .select({ id: researchAreas.id })
      .from(researchAreas)
      .where(inArray(researchAreas.id, v.areaIds))
      .all();
    if (found.length !== new Set(v.areaIds).size)
      add("areaIds", "Choose research areas from the list");
  }

  const slugs = [...new Set(v.team.split(/[\s,]+/).filter(Boolean))];
  const teamRows = slugs.length
    ? db
        .select({ id: researchers.id, slug: researchers.slug })
        .from(researchers)
        .where(inArray(researchers.slug, slugs))
        .all()
    : [];
  const unknown = slugs.filter((s) => !teamRows.some((r) => r.slug === s));
  if (unknown.length)
    add("team", `No researcher with the slug ${unknown.map((s) => `"${s}"`).join(", ")}`);
  const teamIds = slugs
    .map((s) => teamRows.find((r) => r.slug === s)?.id)
    .filter((id): id is number => id !== undefined);

  const criteria = lines(v.criteria);
  if (criteria.some((c) => c.length > 60))
    add("criteria", "Keep each criterion under 60 characters");
  if (new Set(criteria).size !== criteria.length)
    add("criteria", "Each criterion must be different");
  if (criteria.length > 10) add("criteria", "Use at most 10 criteria");

  // Questions: skip blank new rows; check the rest.
  const existingQ = openingId
    ? db
        .select({ id: screeningQuestions.id })
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
  const questions: OrderedQuestion[] = [];
  v.questions.forEach((q, i) => {
    if (!q.id && (!q.label || q.remove)) return;
    const key = `questions[${i}]`;
    if (q.id && !existingQ.some((e) => e.id === q.id))
      return add(`${key}.label`, "This question does not belong to this opening");
    if (q.id && q.remove && answered.has(q.id))
      return add(
        `${key}.remove`,
        "Candidates have answered this question, so it cannot be removed",
      );
    if (!q.remove && !q.label) return add(`${key}.label`, "Enter the question");
    const options = lines(q.options ?? "");
    if (!q.remove && q.type === "single_choice" && options.length < 2)
      add(`${key}.options`, "Give at least two choices, one per line");
    questions.push({
      id: q.id,
      label: q.label ?? "",
      type: q.type,
      required: q.required,
      options: q.type === "single_choice" ? options : [],
      remove: q.remove,
      order: q.order,
    });
  });

  const existingS = openingId
    ? db
        .select({ id: stages.id, publicStatus: stages.publicStatus })
        .from(stages)
        .where(eq(stages.openingId, openingId))
        .all()
    : [];
  const stageUse = openingId
    ? db
        .selectDistinct({ id: applications.stageId, status: applications.status })
        .from(applications)
        .where(eq(applications.openingId, openingId))
        .all()
    : [];
  const occupied = new Set(stageUse.map((r) => r.id));
  const occupiedByActive = new Set(stageUse.filter((r) => r.status === "active").map((r) => r.id));
  const stageRows: CleanStage[] = [];
  const orderedStages = byOrder(v.stages.map((s, i) => ({ ...s, index: i })));
  for (const s of orderedStages) {
    const key = `stages[${s.index}]`;
    if (!s.id && (!s.name || s.remove)) continue;
    if (s.id && !existingS.some((e) => e.id === s.id)) {
      add(`${key}.name`, "This stage does not belong to this opening");
      continue;
    }
    if (s.id && s.remove && occupied.has(s.id)) {
      add(`${key}.remove`, "This stage has applications; move them before removing it");
      continue;
    }
    if (!s.remove && !s.name) {
      add(`${key}.name`, "Enter a stage name");
      continue;
    }
    // Active candidates see the public status of their stage: changing it here
    // would change their page without an event or an email.
    const before = s.id ? existingS.find((e) => e.id === s.id) : undefined;
    if (
      before &&
      !s.remove &&
      occupiedByActive.has(before.id) &&
      before.publicStatus !== s.publicStatus
    ) {
      add(
        `${key}.publicStatus`,
        "Candidates in this stage see this status; move them to another stage before changing it",
      );
      continue;
    }
    stageRows.push({
      id: s.id,
      name: s.name ?? "",
      publicStatus: s.publicStatus,
      remove: s.remove,
    });
  }
  const kept = stageRows.filter((s) => !s.remove);
  if (kept.length === 0) add("stages", "Keep at least one stage");
  const names = kept.map((s) => s.name.toLowerCase());
  if (new Set(names).size !== names.length) add("stages", "Each stage needs a different name");

  if (Object.keys(errors).length) return { ok: false, errors };
  const clean: CleanOpening = {
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
    closesAt: v.closesAt ? Date.parse(`${v.closesAt}T23:59:59.999Z`) : null,
    teamIds,
    criteria,
    questions: byOrder(questions).map(({ order: _order, ...q }) => q),
    stages: stageRows,
  };
  return { ok: true, value: clean };
}

/** Creates (openingId null) or updates an opening with everything the form holds, in one transaction. */
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

    let qPos = 0;
    for (const q of input.questions) {
      if (q.remove) {
        if (q.id)
          tx.delete(screeningQuestions)
            .where(and(eq(screeningQuestions.id, q.id), eq(screeningQuestions.openingId, id)))
            .run();
        continue;
      }
      const values = {
        label: q.label,
        type: q.type,
        required: q.required,
        options: q.options,
        position: qPos++,
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
    }

    let sPos = 0;
    for (const s of input.stages) {
      if (s.remove) {
        if (s.id)
          tx.delete(stages)
            .where(and(eq(stages.id, s.id), eq(stages.openingId, id)))
            .run();
        continue;
      }
      const values = { name: s.name, publicStatus: s.publicStatus, position: sPos++ };
      if (s.id)
        tx.update(stages)
          .set(values)
          .where(and(eq(stages.id, s.id), eq(stages.openingId, id)))
          .run();
      else
        tx.insert(stages)
          .values({ ...values, openingId: id })
          .run();
    }
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

/** Labs and areas to choose from in the form. */
export function getFormChoices(db: DB) {
  return {
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

/** The recruiter dashboard: the ten newest active applications and up to twenty open roles. */
export function recruiterDashboard(db: DB) {
  const recent = db
    .select({
      id: applications.id,
      createdAt: applications.createdAt,
      name: users.name,
      opening: openings.title,
      stage: stages.name,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.candidateId))
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .innerJoin(stages, eq(stages.id, applications.stageId))
    .where(eq(applications.status, "active"))
    .orderBy(desc(applications.createdAt))
    .limit(10)
    .all();
  const open = db
    .select({
      id: openings.id,
      title: openings.title,
      active: sql<number>`(select count(*) from applications a where a.opening_id = ${openings.id} and a.status = 'active')`,
    })
    .from(openings)
    .where(eq(openings.status, "open"))
    .orderBy(desc(openings.publishedAt))
    .limit(20)
    .all();
  return { recent, open };
}

export type StaffOpeningFilters = { status?: OpeningStatus; kind?: OpeningKind; lab?: number };

/**
 * One page of every opening, newest change first, with counts per application
 * status and per stage (GROUP BY queries over the page's ids — never a query
 * per row), the number of openings per status and the labs for the filter.
 */
export function listOpeningsForStaff(
  db: DB,
  { filters, page, perPage }: { filters: StaffOpeningFilters; page: number; perPage: number },
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
    .orderBy(desc(openings.updatedAt), desc(openings.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  const ids = rows.map((r) => r.id);
  const statusCounts = ids.length
    ? db
        .select({
          openingId: applications.openingId,
          status: applications.status,
          n: sql<number>`count(*)`,
        })
        .from(applications)
        .where(inArray(applications.openingId, ids))
        .groupBy(applications.openingId, applications.status)
        .all()
    : [];
  const stageRows = ids.length
    ? db
        .select()
        .from(stages)
        .where(inArray(stages.openingId, ids))
        .orderBy(asc(stages.position))
        .all()
    : [];
  const stageCounts = ids.length
    ? db
        .select({ stageId: applications.stageId, n: sql<number>`count(*)` })
        .from(applications)
        .where(and(inArray(applications.openingId, ids), eq(applications.status, "active")))
        .groupBy(applications.stageId)
        .all()
    : [];
  const byStage = new Map(stageCounts.map((s) => [s.stageId, s.n]));
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
      counts: Object.fromEntries(
        statusCounts.filter((c) => c.openingId === o.id).map((c) => [c.status, c.n]),
      ) as Record<string, number>,
      stages: stageRows
        .filter((s) => s.openingId === o.id)
        .map((s) => ({ id: s.id, name: s.name, n: byStage.get(s.id) ?? 0 })),
    })),
  };
}
