/**
 * The opening create/edit form. Rendered from plain string values (as stored,
 * or as typed when the server answered 400 or a preview). Lists (questions,
 * stages) are rows with an order number and a remove box, plus blank rows to
 * add — so everything works without JavaScript.
 */
import { Form } from "@remix-run/react";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { OPENING_KIND_LABELS, PUBLIC_STATUS_LABELS, REMOTE_POLICY_LABELS } from "~/utils/site";

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
  }>;
  stages: Array<{ id: string; name: string; publicStatus: string; order: string }>;
};
type Errors = Record<string, string[] | null | undefined>;

const QUESTION_TYPE_LABELS = {
  short_text: "Short text",
  long_text: "Long text",
  yes_no: "Yes / no",
  single_choice: "Single choice",
} as const;

const BLANK_ROWS = 2;

export function OpeningForm({
  values,
  errors = {},
  labs,
  areas,
  preview,
  submitLabel,
}: {
  values: OpeningFormValues;
  errors?: Errors;
  labs: Array<{ id: number; name: string }>;
  areas: Array<{ id: number; name: string }>;
  preview?: { description: string; qualifications: string } | null;
  submitLabel: string;
}) {
  const err = (k: string) => errors[k] ?? undefined;
  const hasErrors = Object.values(errors).some((e) => e?.length);
  const questions = [
    ...values.questions,
    ...Array.from({ length: BLANK_ROWS }, () => ({
      id: "",
      label: "",
      type: "short_text",
      required: false,
      options: "",
      order: "",
    })),
  ];
  const stageRows = [
    ...values.stages,
    ...Array.from({ length: BLANK_ROWS }, () => ({
      id: "",
      name: "",
      publicStatus: "in_review",
      order: "",
    })),
  ];
  return (
    <Form method="post" noValidate>
      {hasErrors ? (
        <p className="form-error" role="alert">
          Please correct the fields marked below. Nothing was saved.
        </p>
      ) : null}

      <fieldset className="form-section">
        <legend>The role</legend>
        <Field
          label="Title"
          errors={err("title")}
          inputProps={{ name: "title", defaultValue: values.title, required: true, maxLength: 150 }}
        />
        <SelectField
          label="Kind of role"
          errors={err("kind")}
          selectProps={{ name: "kind", defaultValue: values.kind }}
        >
          {Object.entries(OPENING_KIND_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Lab"
          errors={err("labId")}
          selectProps={{ name: "labId", defaultValue: values.labId }}
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
                name="areaIds"
                value={a.id}
                defaultChecked={values.areaIds.includes(String(a.id))}
              />
              <label htmlFor={`area-${a.id}`}>{a.name}</label>
            </div>
          ))}
          <ErrorList errors={err("areaIds")} />
        </fieldset>
        <Field
          label="Location"
          errors={err("location")}
          inputProps={{ name: "location", defaultValue: values.location, maxLength: 120 }}
        />
        <SelectField
          label="Remote policy"
          errors={err("remotePolicy")}
          selectProps={{ name: "remotePolicy", defaultValue: values.remotePolicy }}
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
          errors={err("closesAt")}
          inputProps={{ name: "closesAt", type: "date", defaultValue: values.closesAt }}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Description</legend>
        <TextareaField
          label="Summary"
          hint="One or two sentences shown in lists."
          errors={err("summary")}
          textareaProps={{ name: "summary", defaultValue: values.summary, rows: 2, maxLength: 400 }}
        />
        <TextareaField
          label="Description (Markdown)"
          errors={err("description")}
          textareaProps={{ name: "description", defaultValue: values.description, rows: 10 }}
        />
        <TextareaField
          label="Qualifications (Markdown)"
          errors={err("qualifications")}
          textareaProps={{ name: "qualifications", defaultValue: values.qualifications, rows: 6 }}
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
          errors={err("team")}
          inputProps={{ name: "team", defaultValue: values.team }}
        />
        <TextareaField
          label="Scorecard criteria"
          hint="One per line; reviewers rate each from 1 to 4."
          errors={err("criteria")}
          textareaProps={{ name: "criteria", defaultValue: values.criteria, rows: 4 }}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Screening questions</legend>
        <p className="hint">
          Fill a blank row to add a question; change the order numbers to reorder.
        </p>
        {questions.map((q, i) => {
          const k = `questions[${i}]`;
          const n = i + 1;
          return (
            <div key={`${q.id}-${i}`} className="row-grid">
              {q.id ? <input type="hidden" name={`${k}.id`} value={q.id} /> : null}
              <Field
                label={`Question ${n}`}
                errors={err(`${k}.label`)}
                inputProps={{ name: `${k}.label`, defaultValue: q.label, maxLength: 300 }}
              />
              <SelectField
                label={`Question ${n} type`}
                errors={err(`${k}.type`)}
                selectProps={{ name: `${k}.type`, defaultValue: q.type }}
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
                errors={err(`${k}.options`)}
                textareaProps={{ name: `${k}.options`, defaultValue: q.options, rows: 2 }}
              />
              <Field
                label={`Question ${n} order`}
                errors={err(`${k}.order`)}
                inputProps={{
                  name: `${k}.order`,
                  defaultValue: q.order || String(n),
                  inputMode: "numeric",
                  size: 3,
                }}
              />
              <div className="checkbox-row">
                <input
                  type="checkbox"
                  id={`q-req-${i}`}
                  name={`${k}.required`}
                  defaultChecked={q.required}
                />
                <label htmlFor={`q-req-${i}`}>Question {n} required</label>
              </div>
              {q.id ? (
                <div className="checkbox-row">
                  <input
                    type="checkbox"
                    id={`q-rm-${i}`}
                    name={`${k}.remove`}
                    aria-describedby={err(`${k}.remove`) ? `q-rm-${i}-error` : undefined}
                  />
                  <label htmlFor={`q-rm-${i}`}>Remove question {n}</label>
                  <ErrorList id={`q-rm-${i}-error`} errors={err(`${k}.remove`)} />
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
        <ErrorList errors={err("stages")} />
        {stageRows.map((s, i) => {
          const k = `stages[${i}]`;
          const n = i + 1;
          return (
            <div key={`${s.id}-${i}`} className="row-grid">
              {s.id ? <input type="hidden" name={`${k}.id`} value={s.id} /> : null}
              <Field
                label={`Stage ${n} name`}
                errors={err(`${k}.name`)}
                inputProps={{ name: `${k}.name`, defaultValue: s.name, maxLength: 60 }}
              />
              <SelectField
                label={`Stage ${n} public status`}
                errors={err(`${k}.publicStatus`)}
                selectProps={{ name: `${k}.publicStatus`, defaultValue: s.publicStatus }}
              >
                {Object.entries(PUBLIC_STATUS_LABELS).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </SelectField>
              <Field
                label={`Stage ${n} order`}
                errors={err(`${k}.order`)}
                inputProps={{
                  name: `${k}.order`,
                  defaultValue: s.order || String(n),
                  inputMode: "numeric",
                  size: 3,
                }}
              />
              {s.id ? (
                <div className="checkbox-row">
                  <input type="checkbox" id={`s-rm-${i}`} name={`${k}.remove`} />
                  <label htmlFor={`s-rm-${i}`}>Remove stage {n}</label>
                  <ErrorList errors={err(`${k}.remove`)} />
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
