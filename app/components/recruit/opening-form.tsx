/**
 * The opening create/edit form and its schema (shared by the new and edit
 * routes; Conform validates with the same schema in the browser and in the
 * action). Lists (questions, stages) are rows with an order number and a
 * remove box, plus blank rows to add — so everything works without
 * JavaScript. Rules that need the database (the lab exists, stages being
 * removed are empty, ...) are checked by the model and come back as field
 * errors.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { ErrorList, Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { PUBLIC_STATUS_LABELS } from "~/models/public-status";
import { optionalTextField, textField } from "~/utils/form-fields";
import { OPENING_KIND_LABELS, REMOTE_POLICY_LABELS } from "~/utils/site";

const QUESTION_TYPE_LABELS = {
  short_text: "Short text",
  long_text: "Long text",
  yes_no: "Yes / no",
  single_choice: "Single choice",
} as const;

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];

const RowId = z.number().int().positive().optional();
const order = z
  .number({ message: "Enter a number" })
  .int("Enter a whole number")
  .min(0, "Enter 0 or more")
  .max(999, "Enter at most 999")
  .optional();

const QuestionRow = z.object({
  id: RowId,
  label: optionalTextField({ max: 300 }),
  type: z.enum(keysOf(QUESTION_TYPE_LABELS)).default("short_text"),
  required: z.boolean().default(false),
  options: optionalTextField({ max: 2000, multiline: true }),
  order,
  remove: z.boolean().default(false),
});

const StageRow = z.object({
  id: RowId,
  name: optionalTextField({ max: 60 }),
  publicStatus: z.enum(keysOf(PUBLIC_STATUS_LABELS), { message: "Choose what the candidate sees" }),
  order,
  remove: z.boolean().default(false),
});

/** Every field of an opening, as the form posts it. */
export const OpeningFieldsSchema = z.object({
  title: textField("Enter a title of at least 3 characters", { min: 3, max: 150 }),
  kind: z.enum(keysOf(OPENING_KIND_LABELS), { message: "Choose a kind of role" }),
  labId: z.number({ message: "Choose a lab" }).int().positive(),
  areaIds: z.array(z.number().int().positive()).max(20).default([]),
  location: textField("Enter a location", { min: 2, max: 120 }),
  remotePolicy: z.enum(keysOf(REMOTE_POLICY_LABELS), { message: "Choose a remote policy" }),
  summary: optionalTextField({ max: 400, multiline: true }),
  description: optionalTextField({ max: 20_000, multiline: true }),
  qualifications: optionalTextField({ max: 10_000, multiline: true }),
  closesAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T23:59:59Z`)), "Enter a real date")
    .optional(),
  team: optionalTextField({ max: 2000 }),
  criteria: optionalTextField({ max: 2000, multiline: true }),
  questions: z.array(QuestionRow).max(30, "Use at most 30 questions").default([]),
  stages: z.array(StageRow).max(20, "Use at most 20 stages").default([]),
});

/** Save checks everything; preview only renders the Markdown of what was typed. */
export const OpeningFormSchema = z.discriminatedUnion("intent", [
  OpeningFieldsSchema.extend({ intent: z.literal("save") }),
  z.object({
    intent: z.literal("preview"),
    description: optionalTextField({ max: 20_000, multiline: true }),
    qualifications: optionalTextField({ max: 10_000, multiline: true }),
  }),
]);

const ROWS = { questions: "Question", stages: "Stage" } as const;

/**
 * Why the posted rows cannot be read, or null. Rows are numbered from 0 with
 * no gaps; a body with `stages[25].name` but no `stages[1]` (a hand-made or
 * corrupted request) would otherwise become a sparse list.
 */
export function rowGapProblem(formData: FormData): string | null {
  for (const [list, noun] of Object.entries(ROWS)) {
    const seen = new Set<number>();
    for (const key of formData.keys()) {
      const m = new RegExp(`^${list}\\[(\\d+)\\]`).exec(key);
      if (m) seen.add(Number(m[1]));
    }
    const sorted = [...seen].sort((a, b) => a - b);
    const gap = sorted.findIndex((n, i) => n !== i);
    if (gap !== -1)
      return `${noun} ${sorted[gap] + 1} was sent without ${noun.toLowerCase()} ${gap + 1} before it. Reload the page and try again; nothing was saved.`;
  }
  return null;
}

/** The form's values as stored (strings, as the inputs hold them). */
export type OpeningFormValues = {
  title: string;
  kind: string;
  labId: string;
  areaIds: string[];
  location: string;
  remotePolicy: string;
  summary: string;
  description: string;
  qualifications: string;
  closesAt: string;
  team: string;
  criteria: string;
  questions: Array<{
    id: string;
    label: string;
    type: string;
    required: boolean;
    options: string;
    order: string;
    remove?: boolean;
  }>;
  stages: Array<{
    id: string;
    name: string;
    publicStatus: string;
    order: string;
    remove?: boolean;
  }>;
};

const BLANK_ROWS = 2;
const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

/** Stored values plus blank rows to fill in (to add a question or a stage without JavaScript). */
function withBlankRows(values: OpeningFormValues): OpeningFormValues {
  const q = values.questions.length;
  const st = values.stages.length;
  return {
    ...values,
    questions: [
      ...values.questions,
      ...Array.from({ length: BLANK_ROWS }, (_, i) => ({
        id: "",
        label: "",
        type: "short_text",
        required: false,
        options: "",
        order: String(q + i + 1),
      })),
    ],
    stages: [
      ...values.stages,
      ...Array.from({ length: BLANK_ROWS }, (_, i) => ({
        id: "",
        name: "",
        publicStatus: "in_review",
        order: String(st + i + 1),
      })),
    ],
  };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function OpeningForm({
  values,
  lastResult,
  labs,
  areas,
  preview,
  submitLabel,
}: {
  values: OpeningFormValues;
  lastResult?: SubmissionResult<string[]>;
  labs: Array<{ id: number; name: string }>;
  areas: Array<{ id: number; name: string }>;
  preview?: { description: string; qualifications: string } | null;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "opening-form",
    lastResult,
    defaultValue: withBlankRows(values),
    constraint: getZodConstraint(OpeningFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpeningFormSchema }),
  });
  const chosenAreas = asList(fields.areaIds.initialValue).map(String);
  const questions = fields.questions.getFieldList();
  const stageRows = fields.stages.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />

      <fieldset className="form-section">
        <legend>The role</legend>
        <Field
          label="Title"
          errors={fields.title.errors}
          inputProps={getInputProps(fields.title, { type: "text" })}
        />
        <SelectField
          label="Kind of role"
          errors={fields.kind.errors}
          selectProps={getSelectProps(fields.kind)}
        >
          {Object.entries(OPENING_KIND_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Lab"
          errors={fields.labId.errors}
          selectProps={getSelectProps(fields.labId)}
        >
          <option value="">Choose a lab</option>
          {labs.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <fieldset className="field">
          <legend>Research areas</legend>
          {areas.map((a) => (
            <div key={a.id} className="checkbox-row">
              <input
                type="checkbox"
                id={`area-${a.id}`}
                name={fields.areaIds.name}
                value={a.id}
                defaultChecked={chosenAreas.includes(String(a.id))}
              />
              <label htmlFor={`area-${a.id}`}>{a.name}</label>
            </div>
          ))}
          <ErrorList errors={fields.areaIds.errors} />
        </fieldset>
        <Field
          label="Location"
          errors={fields.location.errors}
          inputProps={getInputProps(fields.location, { type: "text" })}
        />
        <SelectField
          label="Remote policy"
          errors={fields.remotePolicy.errors}
          selectProps={getSelectProps(fields.remotePolicy)}
        >
          {Object.entries(REMOTE_POLICY_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <Field
          label="Closing date (optional)"
          hint="Applications stop at the end of this day (UTC)."
          errors={fields.closesAt.errors}
          inputProps={getInputProps(fields.closesAt, { type: "date" })}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Description</legend>
        <TextareaField
          label="Summary"
          hint="One or two sentences shown in lists."
          errors={fields.summary.errors}
          textareaProps={{ ...getTextareaProps(fields.summary), rows: 2 }}
        />
        <TextareaField
          label="Description (Markdown)"
          errors={fields.description.errors}
          textareaProps={{ ...getTextareaProps(fields.description), rows: 10 }}
        />
        <TextareaField
          label="Qualifications (Markdown)"
          errors={fields.qualifications.errors}
          textareaProps={{ ...getTextareaProps(fields.qualifications), rows: 6 }}
        />
        <button type="submit" name="intent" value="preview" className="button button--ghost">
          Preview description
        </button>
        {preview ? (
          <section aria-labelledby="preview-heading" className="preview-box">
            <h2 id="preview-heading">Preview</h2>
            <h3>Description</h3>
            <div className="prose" dangerouslySetInnerHTML={{ __html: preview.description }} />
            <h3>Qualifications</h3>
            <div className="prose" dangerouslySetInnerHTML={{ __html: preview.qualifications }} />
          </section>
        ) : null}
      </fieldset>

      <fieldset className="form-section">
        <legend>Hiring team and scorecard</legend>
        <Field
          label="Hiring team"
          hint="Researcher slugs separated by commas, as in their profile address /people/<slug>."
          errors={fields.team.errors}
          inputProps={getInputProps(fields.team, { type: "text" })}
        />
        <TextareaField
          label="Scorecard criteria"
          hint="One per line; reviewers rate each from 1 to 4."
          errors={fields.criteria.errors}
          textareaProps={{ ...getTextareaProps(fields.criteria), rows: 4 }}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Screening questions</legend>
        <p className="hint">
          Fill a blank row to add a question; change the order numbers to reorder.
        </p>
        {questions.map((row, i) => {
          const q = row.getFieldset();
          const n = i + 1;
          const id = q.id.initialValue;
          return (
            <div key={row.key} className="row-grid">
              {id ? <input {...getInputProps(q.id, { type: "hidden" })} /> : null}
              <Field
                label={`Question ${n}`}
                errors={q.label.errors}
                inputProps={getInputProps(q.label, { type: "text" })}
              />
              <SelectField
                label={`Question ${n} type`}
                errors={q.type.errors}
                selectProps={getSelectProps(q.type)}
              >
                {Object.entries(QUESTION_TYPE_LABELS).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </SelectField>
              <TextareaField
                label={`Question ${n} choices`}
                hint="Single choice only; one per line."
                errors={q.options.errors}
                textareaProps={{ ...getTextareaProps(q.options), rows: 2 }}
              />
              <Field
                label={`Question ${n} order`}
                errors={q.order.errors}
                inputProps={{
                  ...getInputProps(q.order, { type: "text" }),
                  inputMode: "numeric",
                  size: 3,
                }}
              />
              <div className="checkbox-row">
                <input {...getInputProps(q.required, { type: "checkbox" })} />
                <label htmlFor={q.required.id}>Question {n} required</label>
              </div>
              {id ? (
                <div className="checkbox-row">
                  <input
                    {...getInputProps(q.remove, { type: "checkbox" })}
                    aria-describedby={q.remove.errors ? q.remove.errorId : undefined}
                  />
                  <label htmlFor={q.remove.id}>Remove question {n}</label>
                  <ErrorList id={q.remove.errorId} errors={q.remove.errors} />
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="form-section">
        <legend>Pipeline stages</legend>
        <p className="hint">
          Candidates see only the public status of their stage. Fill a blank row to add a stage; a
          stage can be removed only when no application is in it.
        </p>
        <ErrorList errors={fields.stages.errors} />
        {stageRows.map((row, i) => {
          const st = row.getFieldset();
          const n = i + 1;
          const id = st.id.initialValue;
          return (
            <div key={row.key} className="row-grid">
              {id ? <input {...getInputProps(st.id, { type: "hidden" })} /> : null}
              <Field
                label={`Stage ${n} name`}
                errors={st.name.errors}
                inputProps={getInputProps(st.name, { type: "text" })}
              />
              <SelectField
                label={`Stage ${n} public status`}
                errors={st.publicStatus.errors}
                selectProps={getSelectProps(st.publicStatus)}
              >
                {Object.entries(PUBLIC_STATUS_LABELS).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </SelectField>
              <Field
                label={`Stage ${n} order`}
                errors={st.order.errors}
                inputProps={{
                  ...getInputProps(st.order, { type: "text" }),
                  inputMode: "numeric",
                  size: 3,
                }}
              />
              {id ? (
                <div className="checkbox-row">
                  <input
                    {...getInputProps(st.remove, { type: "checkbox" })}
                    aria-describedby={st.remove.errors ? st.remove.errorId : undefined}
                  />
                  <label htmlFor={st.remove.id}>Remove stage {n}</label>
                  <ErrorList id={st.remove.errorId} errors={st.remove.errors} />
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <div className="button-row">
        <button type="submit" name="intent" value="save" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
