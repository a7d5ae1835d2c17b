/**
 * Forms of the lab and research-area admin pages (/admin/labs*, /admin/areas*)
 * and their schemas, shared by the "new" and "edit" routes. Conform validates
 * with the same schema in the browser and in the route's action; the database
 * rules (a name already in use) come back from the model as field errors.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { isCountryCode } from "~/utils/countries";
import { isSlug } from "~/utils/slug";
import { optionalTextField, textField } from "~/utils/form-fields";
import {
  LabPlaceFields,
  LabPlaceInputs,
  requireBothCoordinates,
} from "~/components/outputs/lab-place-fields";

export const LabSchema = z
  .object({
    name: textField("Enter the lab's name", { min: 2, max: 120 }),
    city: textField("Enter the city", { max: 80 }),
    country: z
      .string({ message: "Choose the country from the list" })
      .trim()
      .refine(isCountryCode, "Choose the country from the list"),
    description: optionalTextField({ max: 20_000, multiline: true }),
    ...LabPlaceFields,
  })
  .superRefine(requireBothCoordinates);

export const AreaSchema = z.object({
  name: textField("Enter the area's name", { min: 2, max: 120 }),
  /** Optional on create (made from the name); its address is /areas/<slug>. */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(80, "Keep the slug under 80 characters")
    .refine(isSlug, "Use lower-case letters, digits and single hyphens, like machine-learning")
    .optional(),
  summary: textField("Enter a one-line summary", { min: 2, max: 300 }),
  description: optionalTextField({ max: 20_000, multiline: true }),
  position: z
    .number({ message: "Enter a whole number" })
    .int("Enter a whole number")
    .min(0, "Enter 0 or more")
    .max(10_000, "Enter at most 10,000")
    .optional(),
});

const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

type LabValues = Partial<Record<keyof z.input<typeof LabSchema>, string | number | null>>;

export function LabForm({
  countries,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  /** Every country, by code, with its name (worked out on the server: see countries.ts). */
  countries: Array<{ value: string; label: string }>;
  defaultValue?: LabValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "lab-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(LabSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LabSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <Field
        label="Name"
        hint="The lab's address (/labs/…) is made from the name when it is created and then stays the same."
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }}
      />
      <Field
        label="City"
        errors={fields.city.errors}
        inputProps={getInputProps(fields.city, { type: "text" })}
      />
      <SelectField
        label="Country"
        errors={fields.country.errors}
        selectProps={getSelectProps(fields.country)}
      >
        <option value="">Choose a country</option>
        {countries.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <TextareaField
        label="Description (Markdown)"
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 10 }}
      />
      <LabPlaceInputs fields={fields} />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

type AreaValues = Partial<Record<keyof z.input<typeof AreaSchema>, string | number>>;

export function AreaForm({
  defaultValue,
  lastResult,
  submitLabel,
  isNew,
}: {
  defaultValue?: AreaValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  isNew: boolean;
}) {
  const [form, fields] = useForm({
    id: "area-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(AreaSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AreaSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <Field
        label="Name"
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }}
      />
      <Field
        label={isNew ? "Slug (optional)" : "Slug"}
        hint={
          isNew
            ? "The area's address is /areas/<slug>. Leave blank to make it from the name."
            : "The area's address is /areas/<slug>; changing it breaks links to the old address."
        }
        errors={fields.slug.errors}
        inputProps={{ ...getInputProps(fields.slug, { type: "text" }), autoComplete: "off" }}
      />
      <Field
        label="Summary"
        hint="One line, shown in lists."
        errors={fields.summary.errors}
        inputProps={getInputProps(fields.summary, { type: "text" })}
      />
      <TextareaField
        label="Description (Markdown)"
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 10 }}
      />
      <Field
        label={isNew ? "Position (optional)" : "Position"}
        hint={
          isNew
            ? "Areas are listed by position, smallest first. Leave blank to put it last."
            : "Areas are listed by position, smallest first."
        }
        errors={fields.position.errors}
        inputProps={{ ...getInputProps(fields.position, { type: "text" }), inputMode: "numeric" }}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
