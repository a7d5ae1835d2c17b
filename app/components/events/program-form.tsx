/**
 * The admin form of a program (/admin/programs/new and /admin/programs/:id)
 * and its schema; database rules (name taken, alumni resolve to researchers)
 * come back from saveProgram as field errors.
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
import { PROGRAM_KINDS } from "~/lib/enums";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { PROGRAM_KIND_LABELS } from "~/lib/event-labels";
import { optionalTextField, textField } from "~/utils/form-fields";

const monthDay = (label: string) =>
  z
    .string({ message: `Enter the day ${label} as MM-DD` })
    .trim()
    .refine((v) => {
      const m = /^(\d{2})-(\d{2})$/.exec(v);
      if (!m) return false;
      const [month, day] = [Number(m[1]), Number(m[2])];
      return (
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= new Date(Date.UTC(2024, month, 0)).getUTCDate()
      );
    }, `Enter the day ${label} as MM-DD, like 09-15`);

export const ProgramSchema = z.object({
  name: textField("Enter the program's name", { min: 3, max: 120 }),
  kind: z.enum(PROGRAM_KINDS, { message: "Choose a kind of program" }),
  summary: textField("Enter a one-line summary", { min: 10, max: 400 }),
  audience: optionalTextField({ max: 5000, multiline: true }),
  duration: textField("Say how long it lasts", { max: 120 }),
  stipend: textField("Describe the stipend or support", { max: 300 }),
  eligibility: optionalTextField({ max: 10_000, multiline: true }),
  description: optionalTextField({ max: 20_000, multiline: true }),
  faq: optionalTextField({ max: 20_000, multiline: true }),
  opensOn: monthDay("applications open"),
  closesOn: monthDay("applications close"),
  decisionsOn: monthDay("decisions are sent"),
  startsOn: monthDay("the program starts"),
  position: z
    .number({ message: "Enter a whole number" })
    .int("Enter a whole number")
    .min(0, "Enter 0 or more")
    .max(10_000, "Enter at most 10,000")
    .optional(),
  alumni: optionalTextField({ max: 20_000, multiline: true }),
});

const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

type ProgramValues = Partial<Record<keyof z.input<typeof ProgramSchema>, string>>;

export function ProgramForm({
  defaultValue,
  lastResult,
  submitLabel,
}: {
  defaultValue?: ProgramValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "program-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ProgramSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgramSchema }),
  });
  const text = (f: typeof fields.name) => getInputProps(f, { type: "text" });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <fieldset className="form-section">
        <legend>The program</legend>
        <Field label="Name" errors={fields.name.errors} inputProps={text(fields.name)} />
        <SelectField
          label="Kind"
          errors={fields.kind.errors}
          selectProps={getSelectProps(fields.kind)}
        >
          {PROGRAM_KINDS.map((k) => (
            <option key={k} value={k}>
              {PROGRAM_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <Field label="Summary" errors={fields.summary.errors} inputProps={text(fields.summary)} />
        <Field
          label="Duration"
          errors={fields.duration.errors}
          inputProps={text(fields.duration)}
        />
        <Field
          label="Stipend and support"
          errors={fields.stipend.errors}
          inputProps={text(fields.stipend)}
        />
        <TextareaField
          label="Who it is for (Markdown)"
          errors={fields.audience.errors}
          textareaProps={{ ...getTextareaProps(fields.audience), rows: 4 }}
        />
        <TextareaField
          label="Eligibility (Markdown)"
          errors={fields.eligibility.errors}
          textareaProps={{ ...getTextareaProps(fields.eligibility), rows: 5 }}
        />
        <TextareaField
          label="About the program (Markdown)"
          errors={fields.description.errors}
          textareaProps={{ ...getTextareaProps(fields.description), rows: 6 }}
        />
        <TextareaField
          label="FAQ"
          hint="Separate entries with a blank line; the first line of each is the question."
          errors={fields.faq.errors}
          textareaProps={{ ...getTextareaProps(fields.faq), rows: 8 }}
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>Yearly timeline (month-day, MM-DD)</legend>
        <Field
          label="Applications open"
          errors={fields.opensOn.errors}
          inputProps={text(fields.opensOn)}
        />
        <Field
          label="Applications close"
          hint="May fall in the next year (11-01 to 01-31)."
          errors={fields.closesOn.errors}
          inputProps={text(fields.closesOn)}
        />
        <Field
          label="Decisions by"
          errors={fields.decisionsOn.errors}
          inputProps={text(fields.decisionsOn)}
        />
        <Field
          label="Starts on"
          errors={fields.startsOn.errors}
          inputProps={text(fields.startsOn)}
        />
        <Field
          label="Position (optional)"
          hint="Programs are listed by position, smallest first."
          errors={fields.position.errors}
          inputProps={{ ...getInputProps(fields.position, { type: "text" }), inputMode: "numeric" }}
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>Past participants</legend>
        <TextareaField
          label="Alumni"
          hint='One per line: profile address and cohort year, like "ana-lima 2023".'
          errors={fields.alumni.errors}
          textareaProps={{ ...getTextareaProps(fields.alumni), rows: 6 }}
        />
      </fieldset>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
