/**
 * The staff form that schedules or changes an interview (Conform + zod, works
 * without JavaScript). Interviewers are checkboxes: staff and the opening's
 * hiring team.
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
import { ErrorList, Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { INTERVIEW_KIND_OPTIONS } from "~/lib/hiring-options";
import { InterviewSchema } from "./schemas";

export type Choice = { value: string; label: string };

export type InterviewDefaults = {
  kind?: string;
  start?: string;
  end?: string;
  timeZone?: string;
  placeKind?: string;
  place?: string;
  note?: string;
  interviewers?: string[];
};

const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

export function InterviewForm({
  formId,
  interviewId,
  defaultValue,
  lastResult,
  choices,
  submitLabel,
}: {
  formId: string;
  interviewId?: number;
  defaultValue: InterviewDefaults;
  lastResult?: SubmissionResult<string[]>;
  choices: Choice[];
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(InterviewSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InterviewSchema }),
  });
  const picked = new Set(
    (Array.isArray(fields.interviewers.initialValue)
      ? fields.interviewers.initialValue
      : [fields.interviewers.initialValue]
    ).filter(Boolean),
  );
  return (
    <Form method="post" className="stack hiring-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <input type="hidden" name="intent" value={interviewId ? "reschedule" : "schedule"} />
      {interviewId ? <input type="hidden" name="interviewId" value={interviewId} /> : null}
      <SelectField
        label="Kind"
        errors={fields.kind.errors}
        selectProps={getSelectProps(fields.kind)}
      >
        {INTERVIEW_KIND_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectField>
      <div className="hiring-form__times">
        <Field
          label="Starts"
          errors={fields.start.errors}
          inputProps={getInputProps(fields.start, { type: "datetime-local" })}
        />
        <Field
          label="Ends"
          errors={fields.end.errors}
          inputProps={getInputProps(fields.end, { type: "datetime-local" })}
        />
        <Field
          label="Time zone"
          hint="An IANA name, like Europe/Zurich or America/New_York."
          errors={fields.timeZone.errors}
          inputProps={{
            ...getInputProps(fields.timeZone, { type: "text" }),
            autoComplete: "off",
            spellCheck: false,
          }}
        />
      </div>
      <SelectField
        label="Place"
        errors={fields.placeKind.errors}
        selectProps={getSelectProps(fields.placeKind)}
      >
        <option value="room">A lab room</option>
        <option value="video">A video link</option>
      </SelectField>
      <Field
        label="Room or video link"
        hint="A room name, or a link starting with https://."
        errors={fields.place.errors}
        inputProps={getInputProps(fields.place, { type: "text" })}
      />
      <fieldset className="field">
        <legend>Interviewers</legend>
        <ul className="plain-list checkbox-list">
          {choices.map((c) => (
            <li key={c.value} className="checkbox-row">
              <input
                type="checkbox"
                name={fields.interviewers.name}
                value={c.value}
                id={`${formId}-${c.value}`}
                defaultChecked={picked.has(c.value)}
              />
              <label htmlFor={`${formId}-${c.value}`}>{c.label}</label>
            </li>
          ))}
        </ul>
        <ErrorList id={`${formId}-interviewers-error`} errors={fields.interviewers.errors} />
      </fieldset>
      <TextareaField
        label="Note for the candidate (optional)"
        hint="Sent with the invitation: what to prepare, who to ask for at reception."
        errors={fields.note.errors}
        textareaProps={{ ...getTextareaProps(fields.note), rows: 3 }}
      />
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
