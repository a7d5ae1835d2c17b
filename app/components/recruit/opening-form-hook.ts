/**
 * The editor's Conform form, in one hook so every fieldset shares its types
 * (`OpeningFieldsetProps`) without restating the schema.
 */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { OpeningFormValues } from "~/lib/opening-form";
import { OpeningFormSchema } from "./opening-form-schema";

export function useOpeningForm(
  values: OpeningFormValues,
  lastResult: SubmissionResult<string[]> | undefined,
) {
  return useForm({
    id: "opening-form",
    lastResult,
    // teamQuery: the team search box, posted with the form for the no-JavaScript search.
    defaultValue: values as OpeningFormValues & { teamQuery?: string },
    constraint: getZodConstraint(OpeningFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpeningFormSchema }),
  });
}

type FormTuple = ReturnType<typeof useOpeningForm>;

/** The form and its fields, as every fieldset of the editor receives them. */
export type OpeningFieldsetProps = { form: FormTuple[0]; fields: FormTuple[1] };
