/**
 * Forms of the lab and research-area admin pages
 * (/admin/labs*, /admin/areas*). Plain forms: they work without JavaScript;
 * validation happens on the server (app/models/directory-admin.server.ts).
 */
import { Form } from "@remix-run/react";
import { Field, TextareaField } from "~/components/forms";

type Errors = Record<string, string[] | null | undefined> | undefined;

function FormAlert({ errors }: { errors: Errors }) {
  if (!errors || !Object.keys(errors).length) return null;
  return (
    <p className="form-error" role="alert">
      Please correct the fields marked below. Nothing was saved.
    </p>
  );
}

export type LabFormValues = Record<"name" | "city" | "country" | "description", string>;

export function LabForm({
  values,
  errors,
  submitLabel,
}: {
  values: LabFormValues;
  errors?: Errors;
  submitLabel: string;
}) {
  const err = (k: string) => errors?.[k] ?? undefined;
  return (
    <Form method="post" noValidate>
      <FormAlert errors={errors} />
      <Field
        label="Name"
        hint="The lab's address (/labs/…) is made from the name when it is created and then stays the same."
        errors={err("name")}
        inputProps={{
          name: "name",
          defaultValue: values.name,
          maxLength: 120,
          autoComplete: "off",
        }}
      />
      <Field
        label="City"
        errors={err("city")}
        inputProps={{ name: "city", defaultValue: values.city, maxLength: 80 }}
      />
      <Field
        label="Country"
        errors={err("country")}
        inputProps={{ name: "country", defaultValue: values.country, maxLength: 80 }}
      />
      <TextareaField
        label="Description (Markdown)"
        errors={err("description")}
        textareaProps={{ name: "description", defaultValue: values.description, rows: 10 }}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

export type AreaFormValues = Record<
  "name" | "slug" | "summary" | "description" | "position",
  string
>;

export function AreaForm({
  values,
  errors,
  submitLabel,
  isNew,
}: {
  values: AreaFormValues;
  errors?: Errors;
  submitLabel: string;
  isNew: boolean;
}) {
  const err = (k: string) => errors?.[k] ?? undefined;
  return (
    <Form method="post" noValidate>
      <FormAlert errors={errors} />
      <Field
        label="Name"
        errors={err("name")}
        inputProps={{
          name: "name",
          defaultValue: values.name,
          maxLength: 120,
          autoComplete: "off",
        }}
      />
      <Field
        label={isNew ? "Slug (optional)" : "Slug"}
        hint={
          isNew
            ? "The area's address is /areas/<slug>. Leave blank to make it from the name."
            : "The area's address is /areas/<slug>; changing it breaks links to the old address."
        }
        errors={err("slug")}
        inputProps={{ name: "slug", defaultValue: values.slug, maxLength: 80, autoComplete: "off" }}
      />
      <Field
        label="Summary"
        hint="One line, shown in lists."
        errors={err("summary")}
        inputProps={{ name: "summary", defaultValue: values.summary, maxLength: 300 }}
      />
      <TextareaField
        label="Description (Markdown)"
        errors={err("description")}
        textareaProps={{ name: "description", defaultValue: values.description, rows: 10 }}
      />
      <Field
        label={isNew ? "Position (optional)" : "Position"}
        hint={
          isNew
            ? "Areas are listed by position, smallest first. Leave blank to put it last."
            : "Areas are listed by position, smallest first."
        }
        errors={err("position")}
        inputProps={{ name: "position", inputMode: "numeric", defaultValue: values.position }}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
