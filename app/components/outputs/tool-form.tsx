/**
 * The admin form for a tool, dataset or model (/admin/tools/new and
 * /admin/tools/:id) and its schema. Conform validates with the same schema in
 * the browser and in the actions; database rules (a name in use, an unknown
 * maintainer) come back from the model as field errors.
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
import { TOOL_KINDS } from "~/lib/enums";
import { ErrorList, Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { optionalTextField, textField } from "~/utils/form-fields";
import { isWebAddress } from "~/utils/links";
import { SPDX_IDS, SPDX_LICENSES, TOOL_KIND_LABELS } from "~/utils/outputs";
import { isSlug } from "~/utils/slug";

const webAddress = optionalTextField({ max: 300 }).refine(
  (v) => v === "" || isWebAddress(v),
  "Enter a full web address starting with https://",
);

const idList = (message: string) =>
  z.array(z.number({ message }).int(message).positive(message)).optional().default([]);

export const ToolSchema = z.object({
  name: textField("Enter the name", { min: 2, max: 120 }),
  kind: z.enum(TOOL_KINDS, { message: "Choose what kind of output this is" }),
  summary: textField("Enter a one-line summary", { min: 10, max: 300 }),
  description: optionalTextField({ max: 20_000, multiline: true }),
  repositoryUrl: webAddress,
  documentationUrl: webAddress,
  license: z.enum(SPDX_IDS, { message: "Choose a licence from the list" }),
  labId: z.number({ message: "Choose a lab from the list" }).int().positive().optional(),
  areaIds: idList("Choose areas from the list"),
  maintainers: optionalTextField({ max: 2_000, multiline: true })
    .transform((v) => [...new Set(v.split(/[\s,]+/).filter(Boolean))])
    .refine((slugs) => slugs.every((s) => isSlug(s)), {
      message: "Write profile addresses like ada-lovelace, one per line",
    })
    .refine((slugs) => slugs.length <= 12, { message: "List at most 12 maintainers" }),
  publicationIds: idList("Choose publications from the list"),
  featured: z.boolean().optional().default(false),
});

const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

export type ToolFormValues = {
  name?: string;
  kind?: string;
  summary?: string;
  description?: string;
  repositoryUrl?: string;
  documentationUrl?: string;
  license?: string;
  labId?: string;
  areaIds?: string[];
  maintainers?: string;
  publicationIds?: string[];
  featured?: boolean;
};

type Option = { id: number; name: string };

export function ToolForm({
  defaultValue,
  lastResult,
  submitLabel,
  labs,
  areas,
  publications,
}: {
  defaultValue?: ToolFormValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  labs: Option[];
  areas: Option[];
  /** The maintainers' publications (edit page only). */
  publications?: Array<{ id: number; title: string; year: number }>;
}) {
  const [form, fields] = useForm({
    id: "tool-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ToolSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ToolSchema }),
  });
  const chosenAreas = new Set((fields.areaIds.value as string[] | undefined) ?? []);
  const chosenPubs = new Set((fields.publicationIds.value as string[] | undefined) ?? []);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <Field
        label="Name"
        hint="Its address (/tools/…) is made from the name when it is created and then stays the same."
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }}
      />
      <SelectField
        label="Kind"
        errors={fields.kind.errors}
        selectProps={getSelectProps(fields.kind)}
      >
        <option value="">Choose…</option>
        {TOOL_KINDS.map((k) => (
          <option key={k} value={k}>
            {TOOL_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <Field
        label="Summary"
        hint="One line, shown in lists."
        errors={fields.summary.errors}
        inputProps={getInputProps(fields.summary, { type: "text" })}
      />
      <TextareaField
        label="Description (Markdown)"
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 8 }}
      />
      <Field
        label="Repository or download address (optional)"
        errors={fields.repositoryUrl.errors}
        inputProps={getInputProps(fields.repositoryUrl, { type: "url" })}
      />
      <Field
        label="Documentation address (optional)"
        errors={fields.documentationUrl.errors}
        inputProps={getInputProps(fields.documentationUrl, { type: "url" })}
      />
      <SelectField
        label="Licence (SPDX)"
        errors={fields.license.errors}
        selectProps={getSelectProps(fields.license)}
      >
        <option value="">Choose…</option>
        {SPDX_IDS.map((id) => (
          <option key={id} value={id}>
            {id} — {SPDX_LICENSES[id]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Lab (optional)"
        errors={fields.labId.errors}
        selectProps={getSelectProps(fields.labId)}
      >
        <option value="">No lab</option>
        {labs.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <fieldset className="admin-checkboxes">
        <legend>Research areas</legend>
        {areas.map((a) => (
          <label key={a.id}>
            <input
              type="checkbox"
              name={fields.areaIds.name}
              value={a.id}
              defaultChecked={chosenAreas.has(String(a.id))}
            />
            {a.name}
          </label>
        ))}
        <ErrorList id={fields.areaIds.errorId} errors={fields.areaIds.errors} />
      </fieldset>
      <TextareaField
        label="Maintainers"
        hint="Profile addresses (the part after /people/), one per line, in the order to list them."
        errors={fields.maintainers.errors}
        textareaProps={{ ...getTextareaProps(fields.maintainers), rows: 3 }}
      />
      {publications && publications.length > 0 ? (
        <fieldset className="admin-checkboxes">
          <legend>Related publications (by the maintainers)</legend>
          {publications.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                name={fields.publicationIds.name}
                value={p.id}
                defaultChecked={chosenPubs.has(String(p.id))}
              />
              {p.title} ({p.year})
            </label>
          ))}
          <ErrorList id={fields.publicationIds.errorId} errors={fields.publicationIds.errors} />
        </fieldset>
      ) : (
        <p className="hint">
          Related publications can be chosen from the maintainers’ publications once they are saved.
        </p>
      )}
      <div className="checkbox-row">
        <input {...getInputProps(fields.featured, { type: "checkbox" })} />
        <label htmlFor={fields.featured.id}>Feature on the home page</label>
      </div>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
