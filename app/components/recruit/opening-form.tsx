/**
 * The opening editor (shared by the new and edit routes). One Conform form
 * made of fieldsets: each is a component taking `{ form, fields }`, so a new
 * one (terms, programme, references, ...) is one component here plus one
 * spread of its shape in opening-form-schema.ts. Lists (questions, choices,
 * stages, team) are rows with intent buttons that work with and without
 * JavaScript; rules that need the database come back from the model as
 * errors naming the row.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { LettersRequiredFieldset } from "~/components/letters/letters-fieldset";
import type { OpeningFormValues, TeamPerson } from "~/lib/opening-form";
import { OPENING_KIND_LABELS, REMOTE_POLICY_LABELS } from "~/utils/site";
import { useOpeningForm, type OpeningFieldsetProps } from "./opening-form-hook";
import { ProgramFieldset, TermsFieldset } from "./opening-terms";
import { QuestionsFieldset, StagesFieldset } from "./opening-rows";
import { TeamPicker } from "./team-picker";

type Choice = { id: number; name: string };

/** The fieldsets, for the side navigation (ids of their <fieldset>s). */
const SECTIONS = [
  ["role", "The role"],
  ["description", "Description"],
  ["terms", "Terms"],
  ["program", "Program"],
  ["letters", "Reference letters"],
  ["team", "Hiring team"],
  ["questions", "Screening questions"],
  ["stages", "Pipeline stages"],
] as const;

/** Every error of the form in one list at the top, each naming its field or row. */
function ErrorSummary({ form }: Pick<OpeningFieldsetProps, "form">) {
  const messages = [...new Set(Object.values(form.allErrors ?? {}).flat())].filter(Boolean);
  if (form.valid || messages.length === 0) return null;
  return (
    <div id={form.errorId} className="form-error error-summary" role="alert" tabIndex={-1}>
      <p className="error-summary__title">
        {messages.length === 1 ? "There is a problem" : `There are ${messages.length} problems`};
        nothing was saved.
      </p>
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <fieldset className="form-section editor-section" id={id}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

function RoleFieldset({
  fields,
  labs,
  areas,
}: OpeningFieldsetProps & { labs: Choice[]; areas: Choice[] }) {
  const chosen = [fields.areaIds.initialValue ?? []].flat().map(String);
  return (
    <Section title="The role" id="role">
      <Field
        label="Title"
        errors={fields.title.errors}
        inputProps={getInputProps(fields.title, { type: "text" })}
      />
      <div className="editor-grid">
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
      </div>
      <fieldset className="field chip-group">
        <legend>Research areas</legend>
        <div className="chips">
          {areas.map((a) => (
            <span key={a.id} className="chip">
              <input
                type="checkbox"
                id={`area-${a.id}`}
                name={fields.areaIds.name}
                value={a.id}
                defaultChecked={chosen.includes(String(a.id))}
              />
              <label htmlFor={`area-${a.id}`}>{a.name}</label>
            </span>
          ))}
        </div>
        <ErrorList errors={fields.areaIds.errors} />
      </fieldset>
    </Section>
  );
}

function DescriptionFieldset({
  fields,
  preview,
}: OpeningFieldsetProps & { preview?: { description: string; qualifications: string } | null }) {
  return (
    <Section title="Description" id="description">
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
      <button
        type="submit"
        name="intent"
        value="preview"
        formNoValidate
        className="button button--ghost button--small"
      >
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
    </Section>
  );
}

function TeamFieldset(
  props: OpeningFieldsetProps & { known: TeamPerson[]; matches: TeamPerson[] | null },
) {
  const { fields } = props;
  return (
    <Section title="Hiring team and scorecard" id="team">
      <TeamPicker {...props} />
      <TextareaField
        label="Scorecard criteria"
        hint="One per line; reviewers rate each from 1 to 4."
        errors={fields.criteria.errors}
        textareaProps={{ ...getTextareaProps(fields.criteria), rows: 4 }}
      />
    </Section>
  );
}

/** What the action sends back (see app/handlers/opening-form.server.ts). */
type Reply = SubmissionResult<string[]> & {
  preview?: { description: string; qualifications: string } | null;
  people?: TeamPerson[];
  matches?: TeamPerson[] | null;
};

export function OpeningForm({
  values,
  lastResult,
  labs,
  areas,
  programs = [],
  teamPeople = [],
  lockedStageIds = [],
  submitLabel,
  children,
}: {
  /** Shown above the form in the main column (the edit page's publishing controls). */
  children?: ReactNode;
  values: OpeningFormValues;
  lastResult?: Reply;
  labs: Choice[];
  areas: Choice[];
  programs?: Choice[];
  teamPeople?: TeamPerson[];
  lockedStageIds?: number[];
  submitLabel: string;
}) {
  const [form, fields] = useOpeningForm(values, lastResult);
  const props = { form, fields };
  return (
    <div className="editor-layout">
      <div className="editor-aside">
        <nav aria-label="Sections of the opening">
          <ol className="editor-nav">
            {SECTIONS.map(([id, title]) => (
              <li key={id}>
                <a href={`#${id}`}>{title}</a>
              </li>
            ))}
          </ol>
        </nav>
      </div>
      <div className="editor-main">
        {children}
        <Form method="post" {...getFormProps(form)} className="editor-form">
          {/* Enter in a text field saves: the first submit button is the form's default. */}
          <button
            type="submit"
            name="intent"
            value="save"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
          >
            {submitLabel}
          </button>
          <ErrorSummary form={form} />
          <RoleFieldset {...props} labs={labs} areas={areas} />
          <DescriptionFieldset {...props} preview={lastResult?.preview} />
          <TermsFieldset {...props} />
          <ProgramFieldset {...props} programs={programs} />
          <LettersRequiredFieldset field={fields.lettersRequired} />
          <TeamFieldset
            {...props}
            known={[...teamPeople, ...(lastResult?.people ?? [])]}
            matches={lastResult?.matches ?? null}
          />
          <QuestionsFieldset {...props} />
          <StagesFieldset {...props} lockedStageIds={lockedStageIds} />
          <div className="editor-actions">
            <button type="submit" name="intent" value="save" className="button">
              {submitLabel}
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}
