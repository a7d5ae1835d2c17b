/**
 * The admin's "Add a publication" form on a researcher's edit page
 * (/admin/people/:id) and its schema, which the route's action also parses.
 */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { Field, FormErrors } from "~/components/forms";
import { optionalLink } from "~/components/recruit/researcher-form";
import { textField } from "~/utils/form-fields";

export const PublicationSchema = z.object({
  intent: z.literal("add_publication"),
  pubTitle: textField("Enter the title", { min: 2, max: 300 }),
  venue: textField("Enter the venue", { min: 2, max: 200 }),
  year: z
    .number({ message: "Enter a year" })
    .int("Enter a year")
    .min(1900, "Enter a year after 1900")
    .max(new Date().getUTCFullYear() + 1, "Enter a year not in the future"),
  pubUrl: optionalLink,
});

export function AddPublicationForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [pubForm, pubFields] = useForm({
    id: "publication-form",
    lastResult,
    constraint: getZodConstraint(PublicationSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublicationSchema }),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(pubForm)}>
      <h3>Add a publication</h3>
      <input type="hidden" name="intent" value="add_publication" />
      <FormErrors id={pubForm.errorId} errors={pubForm.errors} />
      <Field
        label="Publication title"
        errors={pubFields.pubTitle.errors}
        inputProps={getInputProps(pubFields.pubTitle, { type: "text" })}
      />
      <Field
        label="Venue"
        errors={pubFields.venue.errors}
        inputProps={getInputProps(pubFields.venue, { type: "text" })}
      />
      <Field
        label="Year"
        errors={pubFields.year.errors}
        inputProps={{
          ...getInputProps(pubFields.year, { type: "text" }),
          inputMode: "numeric",
        }}
      />
      <Field
        label="Link (optional)"
        errors={pubFields.pubUrl.errors}
        inputProps={getInputProps(pubFields.pubUrl, { type: "url" })}
      />
      <button type="submit" className="button button--small">
        Add publication
      </button>
    </Form>
  );
}
