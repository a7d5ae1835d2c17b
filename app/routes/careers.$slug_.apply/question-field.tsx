import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { answerField, MAX_LONG_ANSWER, MAX_SHORT_ANSWER, type ApplyQuestion } from "./schema";

/** Radio groups with more choices than this render as a select. */
const MAX_RADIOS = 6;

/** The id the error summary links to for a question. */
export function questionTargetId(q: ApplyQuestion) {
  const radios =
    q.type === "yes_no" || (q.type === "single_choice" && q.options.length <= MAX_RADIOS);
  return radios ? `${answerField(q.id)}-0` : answerField(q.id);
}

/** One screening question, rendered by its type, with its Conform field (value and errors). */
export function QuestionField({
  question: q,
  field,
}: {
  question: ApplyQuestion;
  field: FieldMetadata<unknown>;
}) {
  const name = answerField(q.id);
  const errors = field.errors;
  const label = (
    <>
      {q.label}{" "}
      {q.required ? (
        <span className="muted">(required)</span>
      ) : (
        <span className="muted">(optional)</span>
      )}
    </>
  );
  const common = { id: name, "aria-required": q.required || undefined };

  if (q.type === "short_text") {
    return (
      <Field
        label={label}
        errors={errors}
        inputProps={{
          ...getInputProps(field, { type: "text" }),
          ...common,
          maxLength: MAX_SHORT_ANSWER,
        }}
      />
    );
  }
  if (q.type === "long_text") {
    return (
      <TextareaField
        label={label}
        errors={errors}
        textareaProps={{
          ...getTextareaProps(field),
          ...common,
          rows: 5,
          maxLength: MAX_LONG_ANSWER,
        }}
      />
    );
  }
  const choices =
    q.type === "yes_no"
      ? [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]
      : q.options.map((o) => ({ value: o, label: o }));

  if (choices.length > MAX_RADIOS) {
    return (
      <SelectField
        label={label}
        errors={errors}
        selectProps={{ ...getSelectProps(field), ...common }}
      >
        <option value="">Choose an answer</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
    );
  }
  const errorId = errors?.length ? `${name}-error` : undefined;
  return (
    <fieldset className="field" aria-describedby={errorId}>
      <legend>{label}</legend>
      {choices.map((c, i) => (
        <div className="checkbox-row" key={c.value}>
          <input {...getInputProps(field, { type: "radio", value: c.value })} id={`${name}-${i}`} />
          <label htmlFor={`${name}-${i}`}>{c.label}</label>
        </div>
      ))}
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
