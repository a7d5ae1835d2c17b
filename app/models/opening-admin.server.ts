/**
 * Staff side of openings: the rules of the editor that need the database,
 * saving (one transaction) and the lifecycle (draft → open → closed → open).
 * What the editor is rendered from is in opening-form-values.server.ts, the
 * staff list in opening-staff-list.server.ts; the form's schema lives with the
 * form (components/recruit/opening-form-schema.ts); the public side lives in
 * opening.server.ts.
 *
 * Screening questions and stages arrive as rows in their final order: a row
 * with an id updates that question or stage, a row without one adds it, and
 * a stored one whose row is gone is removed (if nothing depends on it). The
 * hiring team is a list of researcher ids.
 */
import { and, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import {
  applicationAnswers,
  applications,
  labs,
  openingAreas,
  openings,
  openingTeam,
  programs,
  researchAreas,
  screeningQuestions,
  stages,
} from "../../db/schema";
import type {
  EmploymentType,
  OpeningKind,
  PayPeriod,
  PublicStatus,
  QuestionType,
  RemotePolicy,
  StageKind,
} from "~/lib/enums";
import { stageKindProblems, withPublicStatus } from "~/lib/pipeline-options";
import { PUBLIC_STATUS_LABELS } from "~/lib/public-status";
import type { DB } from "~/utils/db.server";
import { getTeamPeople } from "./opening-form-values.server";
import { uniqueSlug } from "~/utils/slug";
import { utcDayEnd } from "~/utils/time";

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
