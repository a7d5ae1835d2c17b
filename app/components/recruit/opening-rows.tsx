/**
 * Repeatable rows of the opening editor: screening questions (with their
 * choices as rows of their own) and pipeline stages. Every control is a
 * Conform intent button: without JavaScript it posts the form and the server
 * answers with the updated rows and no write; with JavaScript Conform updates
 * the rows in place.
 */
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList, Field, SelectField } from "~/components/forms";
import { publicStatusesOf, STAGE_KIND_LABELS, type StageKind } from "~/lib/pipeline-options";
import { PUBLIC_STATUS_LABELS } from "~/lib/public-status";
import {
  MAX_CHOICES,
  MAX_QUESTIONS,
  MAX_STAGES,
  QUESTION_TYPE_LABELS,
} from "./opening-form-schema";
import type { OpeningFieldsetProps } from "./opening-form-hook";

type Form = OpeningFieldsetProps["form"];
// Any list of the form, for the shared add button.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ListField = FieldMetadata<any[], any>;

/** Move up / move down / remove for row `index` of the list `name`. */
function RowControls({
  form,
  name,
  index,
  count,
  label,
  lockedReason,
}: {
  form: Form;
  name: string;
  index: number;
  count: number;
  /** "stage 3", "question 2, choice 1": what the buttons are about, for screen readers. */
  label: string;
  /** Why this row cannot be removed (shown instead of the remove button). */
  lockedReason?: string;
}) {
  return (
    <div className="row-controls">
      <button
        type="submit"
        className="icon-button"
        disabled={index === 0}
        title={`Move ${label} up`}
        {...form.reorder.getButtonProps({ name, from: index, to: index - 1 })}
      >
        <span aria-hidden="true">↑</span>
        <span className="visually-hidden">Move {label} up</span>
      </button>
      <button
        type="submit"
        className="icon-button"
        disabled={index === count - 1}
        title={`Move ${label} down`}
        {...form.reorder.getButtonProps({ name, from: index, to: index + 1 })}
      >
        <span aria-hidden="true">↓</span>
        <span className="visually-hidden">Move {label} down</span>
      </button>
      {lockedReason ? (
        <span className="row-lock">{lockedReason}</span>
      ) : (
        <button
          type="submit"
          className="icon-button icon-button--danger"
          title={`Remove ${label}`}
          {...form.remove.getButtonProps({ name, index })}
        >
          <span aria-hidden="true">✕</span>
          <span className="visually-hidden">Remove {label}</span>
        </button>
      )}
    </div>
  );
}

function AddButton({
  form,
  list,
  defaultValue,
  index,
  max,
  children,
}: {
  form: Form;
  list: ListField;
  defaultValue: unknown;
  /** Where the new row goes (the end unless given). */
  index?: number;
  max: number;
  children: string;
}) {
  const count = list.getFieldList().length;
  return (
    <button
      type="submit"
      className="button button--ghost button--small add-row"
      disabled={count >= max}
      {...form.insert.getButtonProps({ name: list.name, defaultValue, index } as never)}
    >
      <span aria-hidden="true">+</span> {children}
    </button>
  );
}

function Choices({ form, options, n }: { form: Form; options: ListField; n: number }) {
  const rows = options.getFieldList();
  return (
    <fieldset className="choices">
      <legend>Question {n} choices</legend>
      <p className="hint">Shown only for single-choice questions; candidates pick one.</p>
      <ErrorList id={options.errorId} errors={options.errors} />
      <ol className="choice-list">
        {rows.map((o, j) => (
          <li key={o.key} className="choice-row">
            <Field
              label={`Question ${n}, choice ${j + 1}`}
              className="field field--inline"
              errors={o.errors}
              inputProps={getInputProps(o, { type: "text" })}
            />
            <RowControls
              form={form}
              name={options.name}
              index={j}
              count={rows.length}
              label={`question ${n}, choice ${j + 1}`}
            />
          </li>
        ))}
      </ol>
      <AddButton form={form} list={options as ListField} defaultValue="" max={MAX_CHOICES}>
        Add choice
      </AddButton>
    </fieldset>
  );
}

/** Screening questions: label, type, required, and choices for single-choice ones. */
export function QuestionsFieldset({ form, fields }: OpeningFieldsetProps) {
  const rows = fields.questions.getFieldList();
  return (
    <fieldset className="form-section editor-section" id="questions">
      <legend>Screening questions</legend>
      <p className="hint">Candidates answer these when they apply, in this order.</p>
      <ErrorList id={fields.questions.errorId} errors={fields.questions.errors} />
      {rows.length === 0 ? <p className="editor-empty">No screening questions yet.</p> : null}
      <ol className="editor-rows">
        {rows.map((row, i) => {
          const q = row.getFieldset();
          const n = i + 1;
          return (
            <li key={row.key} className="editor-row question-row">
              <div className="editor-row__head">
                <p className="editor-row__title">Question {n}</p>
                <RowControls
                  form={form}
                  name={fields.questions.name}
                  index={i}
                  count={rows.length}
                  label={`question ${n}`}
                />
              </div>
              {q.id.initialValue ? <input {...getInputProps(q.id, { type: "hidden" })} /> : null}
              <div className="editor-row__grid">
                <Field
                  label={`Question ${n}`}
                  className="field field--wide"
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
                <div className="checkbox-row editor-row__check">
                  <input {...getInputProps(q.required, { type: "checkbox" })} />
                  <label htmlFor={q.required.id}>Question {n} is required</label>
                </div>
              </div>
              <Choices form={form} options={q.options as unknown as ListField} n={n} />
            </li>
          );
        })}
      </ol>
      <AddButton
        form={form}
        list={fields.questions as ListField}
        defaultValue={{ type: "short_text", options: ["", ""] }}
        max={MAX_QUESTIONS}
      >
        Add question
      </AddButton>
    </fieldset>
  );
}

/**
 * Pipeline stages: name and kind, and what candidates see (which follows from
 * the kinds). The hired stage is always the last row: it can be renamed but
 * not moved, removed or given another kind, and new stages go in before it.
 */
export function StagesFieldset({
  form,
  fields,
  lockedStageIds,
}: OpeningFieldsetProps & { lockedStageIds: number[] }) {
  const rows = fields.stages.getFieldList();
  const kinds = rows.map((row) => {
    const kind = row.getFieldset().kind.value;
    return (kind && kind in STAGE_KIND_LABELS ? kind : "custom") as StageKind;
  });
  const statuses = publicStatusesOf(kinds);
  const hiredAt = kinds.lastIndexOf("hired");
  // Rows before the hired one move among themselves: the last of them cannot move down past it.
  const movable = hiredAt === rows.length - 1 ? rows.length - 1 : rows.length;
  return (
    <fieldset className="form-section editor-section" id="stages">
      <legend>Pipeline stages</legend>
      <p className="hint">
        Candidates move through these from top to bottom and see only the status of their stage,
        which follows from its kind; a custom stage shows the status of the stage kind before it.
        Moving a candidate into the hired stage hires them, after a confirmation.
      </p>
      <ErrorList id={fields.stages.errorId} errors={fields.stages.errors} />
      <ol className="editor-rows">
        {rows.map((row, i) => {
          const st = row.getFieldset();
          const n = i + 1;
          const id = Number(st.id.initialValue);
          const hired = kinds[i] === "hired";

          return (
            <li key={row.key} className="editor-row stage-row">
              <div className="editor-row__head">
                <p className="editor-row__title">
                  Stage {n}
                  {hired ? " (hired, always last)" : ""}
                </p>
                {hired ? null : (
                  <RowControls
                    form={form}
                    name={fields.stages.name}
                    index={i}
                    count={movable}
                    label={`stage ${n}`}
                    lockedReason={lockedStageIds.includes(id) ? "Has applications" : undefined}
                  />
                )}
              </div>
              {st.id.initialValue ? <input {...getInputProps(st.id, { type: "hidden" })} /> : null}
              <div className="editor-row__grid">
                <Field
                  label={`Stage ${n} name`}
                  className="field field--wide"
                  errors={st.name.errors}
                  inputProps={getInputProps(st.name, { type: "text" })}
                />
                {hired ? (
                  <div className="field">
                    <input {...getInputProps(st.kind, { type: "hidden" })} />
                    <p className="stage-row__kind">Kind: Hired</p>
                    <ErrorList id={st.kind.errorId} errors={st.kind.errors} />
                  </div>
                ) : (
                  <SelectField
                    label={`Stage ${n} kind`}
                    errors={st.kind.errors}
                    selectProps={getSelectProps(st.kind)}
                  >
                    {EDITABLE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {STAGE_KIND_LABELS[k]}
                      </option>
                    ))}
                  </SelectField>
                )}
              </div>
              <p className="hint stage-row__sees">
                <span className="visually-hidden">Stage {n}: </span>
                Candidates see “{PUBLIC_STATUS_LABELS[statuses[i]]}”
              </p>
            </li>
          );
        })}
      </ol>
      <AddButton
        form={form}
        list={fields.stages as ListField}
        defaultValue={{ kind: "custom" }}
        index={hiredAt === -1 ? undefined : hiredAt}
        max={MAX_STAGES}
      >
        Add stage
      </AddButton>
    </fieldset>
  );
}

/** The kinds a recruiter chooses for a stage (the hired stage is given). */
const EDITABLE_KINDS = (Object.keys(STAGE_KIND_LABELS) as StageKind[]).filter((k) => k !== "hired");
