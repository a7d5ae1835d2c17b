/**
 * Staff side of openings: the create/edit form's schema, the values it is
 * rendered from, saving (one transaction) and the lifecycle
 * (draft → open → closed → open). The public side lives in opening.server.ts.
 *
 * The form works without JavaScript: screening questions and stages are rows
 * with an "order" number (reorder), a "remove" checkbox, and blank rows at
 * the end (add); scorecard criteria are one per line; the hiring team is a
 * list of researcher slugs. Blank new rows are ignored.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import {
  applicationAnswers,
  applications,
  labs,
  openingAreas,
  openings,
  openingTeam,
  OPENING_KINDS,
  PUBLIC_STATUSES,
  QUESTION_TYPES,
  REMOTE_POLICIES,
  researchAreas,
  researchers,
  screeningQuestions,
  stages,
  type PublicStatus,
  type QuestionType,
} from "../../db/schema";
import { DEFAULT_STAGES } from "./pipeline-options";
import type { OpeningFormValues } from "~/components/recruit/opening-form";
import type { DB } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { uniqueSlug } from "~/utils/slug";

const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters`);
const order = z.number({ message: "Enter a number" }).int().min(0).max(999).optional();

const QuestionRow = z.object({
  id: z.number().int().positive().optional(),
  label: text(300).optional(),
  type: z.enum(QUESTION_TYPES).default("short_text"),
  required: z.boolean().default(false),
  options: text(2000).optional(),
  order,
  remove: z.boolean().default(false),
});

const StageRow = z.object({
  id: z.number().int().positive().optional(),
  name: text(60).optional(),
  publicStatus: z.enum(PUBLIC_STATUSES, { message: "Choose what the candidate sees" }),
  order,
  remove: z.boolean().default(false),
});

export const OpeningFieldsSchema = z.object({
  title: text(150).min(3, "Enter a title of at least 3 characters"),
  kind: z.enum(OPENING_KINDS, { message: "Choose a kind of role" }),
  labId: z.number({ message: "Choose a lab" }).int().positive(),
  areaIds: z.array(z.number().int().positive()).max(20).default([]),
  location: text(120).min(2, "Enter a location"),
  remotePolicy: z.enum(REMOTE_POLICIES, { message: "Choose a remote policy" }),
  summary: text(400).optional().default(""),
  description: text(20_000).optional().default(""),
  qualifications: text(10_000).optional().default(""),
  closesAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T23:59:59Z`)), "Enter a real date")
    .optional(),
  team: text(2000).optional().default(""),
  criteria: text(2000).optional().default(""),
  questions: z.array(QuestionRow).max(30).default([]),
  stages: z.array(StageRow).max(20).default([]),
});
export type OpeningFields = z.infer<typeof OpeningFieldsSchema>;

export const OpeningFormSchema = z.discriminatedUnion("intent", [
  OpeningFieldsSchema.extend({ intent: z.literal("save") }),
  OpeningFieldsSchema.extend({ intent: z.literal("preview") }),
]);

export type { OpeningFormValues };

export type FieldErrors = Record<string, string[] | null | undefined>;

/** What the new/edit actions answer with when they re-render the form. */
export type OpeningActionData = {
  values: OpeningFormValues;
  errors: FieldErrors;
  preview: { description: string; qualifications: string } | null;
  notice?: string;
};

const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

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
    team: "",
    criteria: "Research depth\nCommunication\nCollaboration",
    questions: [],
    stages: DEFAULT_STAGES.map((s, i) => ({
      id: "",
      name: s.name,
      publicStatus: s.publicStatus,
      order: String(i + 1),
    })),
  };
}

/** The form values of a stored opening. */
export function openingValues(db: DB, openingId: number): OpeningFormValues | null {
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

/** Turns a submitted payload back into form values, so what was typed is kept. */
export function valuesFromPayload(payload: Record<string, unknown>): OpeningFormValues {
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const rows = (v: unknown) =>
    (Array.isArray(v) ? v : []).map((r) =>
      r && typeof r === "object" ? (r as Record<string, unknown>) : {},
    );
  const areaIds = payload.areaIds;
  return {
    title: str(payload.title),
    kind: str(payload.kind),
    labId: str(payload.labId),
    areaIds: (Array.isArray(areaIds) ? areaIds : [areaIds]).filter(
      (v): v is string => typeof v === "string",
    ),
    location: str(payload.location),
    remotePolicy: str(payload.remotePolicy),
    summary: str(payload.summary),
    description: str(payload.description),
    qualifications: str(payload.qualifications),
    closesAt: str(payload.closesAt),
    team: str(payload.team),
    criteria: str(payload.criteria),
    questions: rows(payload.questions)
      .filter((q) => !(str(q.remove) && !str(q.id)))
      .map((q) => ({
        id: str(q.id),
        label: str(q.label),
        type: str(q.type) || "short_text",
        required: Boolean(str(q.required)),
        options: str(q.options),
        order: str(q.order),
      })),
    stages: rows(payload.stages).map((s) => ({
      id: str(s.id),
      name: str(s.name),
      publicStatus: str(s.publicStatus),
      order: str(s.order),
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
  OpeningFields,
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
 * Parses and validates the opening form, including rules that need the
 * database (lab and areas exist, team slugs are researchers, stages being
 * removed are empty, question/stage ids belong to this opening).
 */
export function parseOpeningForm(db: DB, formData: FormData, openingId: number | null) {
  const submission = parseWithZod(formData, { schema: OpeningFormSchema });
  const payload = submission.payload as Record<string, unknown>;
  const errors: FieldErrors =
    submission.status === "success" ? {} : { ...(submission.reply().error ?? {}) };
  const add = (key: string, message: string) => {
    errors[key] = [...(errors[key] ?? []), message];
  };
  if (submission.status !== "success") {
    return {
      ok: false as const,
      intent: String(payload.intent ?? "save"),
      errors,
      values: valuesFromPayload(payload),
    };
  }
  const v = submission.value;

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

  if (Object.keys(errors).length) {
    return { ok: false as const, intent: v.intent, errors, values: valuesFromPayload(payload) };
  }
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
  return { ok: true as const, intent: v.intent, value: clean, values: valuesFromPayload(payload) };
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

export const LifecycleSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("reopen") }),
  z.object({
    intent: z.literal("close"),
    notify: z.boolean().default(false),
    message: text(2000).optional(),
  }),
]);

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
export function previewOf(values: OpeningFormValues) {
  return {
    description: renderMarkdown(values.description),
    qualifications: renderMarkdown(values.qualifications),
  };
}
