/**
 * The researcher profile form used by /admin/people/new and /admin/people/:id,
 * and its schema. Conform validates with the same schema in the browser and in
 * the route's action; the database rules (the lab and areas exist) come back
 * from the model as field errors.
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
import { optionalTextField, textField } from "~/utils/form-fields";
import { isOrcidId, isWebAddress, MAX_LINK_LENGTH } from "~/utils/links";

/** An optional web address: "" when blank, otherwise a full http(s) address. */
export const optionalLink = optionalTextField({ max: MAX_LINK_LENGTH }).refine(
  (v) => v === "" || isWebAddress(v),
  "Enter a full web address starting with https://",
);

export const ResearcherSchema = z.object({
  intent: z.literal("save"),
  name: textField("Enter a name", { min: 2, max: 120 }),
  title: textField("Enter a title", { min: 2, max: 150 }),
  labId: z.number({ message: "Choose a lab" }).int().positive(),
  areaIds: z.array(z.number().int().positive()).max(20).default([]),
  bio: optionalTextField({ max: 20_000, multiline: true }),
  homepageUrl: optionalLink,
  orcid: optionalTextField({ max: 19 }).refine(
    (v) => v === "" || isOrcidId(v),
    "Enter an ORCID iD like 0000-0002-1825-0097",
  ),
  scholarUrl: optionalLink,
  githubUrl: optionalLink,
  status: z.enum(["current", "alumni"], { message: "Choose current or alumni" }),
  /** Never shown publicly: where the invitation to link an account goes. */
  staffEmail: optionalTextField({ max: 254 })
    .transform((v) => v.toLowerCase())
    .refine(
      (v) => v === "" || z.email().safeParse(v).success,
      "Enter a valid email address, like name@example.org",
    ),
  featured: z.boolean().default(false),
});

/** What the form shows before anything is typed (strings, as the form holds them). */
export type ResearcherFormValues = {
  name: string;
  title: string;
  labId: string;
  areaIds: string[];
  bio: string;
  homepageUrl: string;
  orcid: string;
  scholarUrl: string;
  githubUrl: string;
  status: string;
  featured: boolean;
  staffEmail: string;
};

export const EMPTY_RESEARCHER: ResearcherFormValues = {
  name: "",
  title: "",
  labId: "",
  areaIds: [],
  bio: "",
  homepageUrl: "",
  orcid: "",
  scholarUrl: "",
  githubUrl: "",
  status: "current",
  featured: false,
  staffEmail: "",
};

const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function ResearcherForm({
  values,
  lastResult,
  labs,
  areas,
  submitLabel,
}: {
  values: ResearcherFormValues;
  lastResult?: SubmissionResult<string[]>;
  labs: Array<{ id: number; name: string }>;
  areas: Array<{ id: number; name: string }>;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "researcher-form",
    lastResult,
    defaultValue: { ...values, featured: values.featured ? "on" : undefined },
    constraint: getZodConstraint(ResearcherSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResearcherSchema }),
  });
  const chosenAreas = asList(fields.areaIds.initialValue).map(String);
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <Field
        label="Name"
        errors={fields.name.errors}
        inputProps={getInputProps(fields.name, { type: "text" })}
      />
      <Field
        label="Title"
        errors={fields.title.errors}
        inputProps={getInputProps(fields.title, { type: "text" })}
      />
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
              id={`r-area-${a.id}`}
              name={fields.areaIds.name}
              value={a.id}
              defaultChecked={chosenAreas.includes(String(a.id))}
            />
            <label htmlFor={`r-area-${a.id}`}>{a.name}</label>
          </div>
        ))}
        <ErrorList errors={fields.areaIds.errors} />
      </fieldset>
      <TextareaField
        label="Bio (Markdown)"
        errors={fields.bio.errors}
        textareaProps={{ ...getTextareaProps(fields.bio), rows: 8 }}
      />
      <Field
        label="Homepage"
        errors={fields.homepageUrl.errors}
        inputProps={getInputProps(fields.homepageUrl, { type: "url" })}
      />
      <Field
        label="ORCID iD"
        errors={fields.orcid.errors}
        inputProps={getInputProps(fields.orcid, { type: "text" })}
      />
      <Field
        label="Google Scholar"
        errors={fields.scholarUrl.errors}
        inputProps={getInputProps(fields.scholarUrl, { type: "url" })}
      />
      <Field
        label="GitHub"
        errors={fields.githubUrl.errors}
        inputProps={getInputProps(fields.githubUrl, { type: "url" })}
      />
      <Field
        label="Staff email (not public)"
        hint="Where the invitation to link an account goes. Never shown on the site."
        errors={fields.staffEmail.errors}
        inputProps={{ ...getInputProps(fields.staffEmail, { type: "email" }), autoComplete: "off" }}
      />
      <SelectField
        label="Status"
        errors={fields.status.errors}
        selectProps={getSelectProps(fields.status)}
      >
        <option value="current">Current</option>
        <option value="alumni">Alumni</option>
      </SelectField>
      <div className="checkbox-row field">
        <input {...getInputProps(fields.featured, { type: "checkbox" })} />
        <label htmlFor={fields.featured.id}>Featured on the home page</label>
      </div>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
