/**
 * The opening editor's "Reference letters" fieldset: how many letters an
 * application needs (0–5). Self-contained so the opening form needs one line.
 */
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { z } from "zod";
import { Field } from "~/components/forms";

/** An opening asks for at most five letters. */
export const LettersRequiredSchema = z
  .number({ message: "Letters required: enter a number from 0 to 5" })
  .int("Letters required: enter a whole number")
  .min(0, "Letters required: enter 0 or more")
  .max(5, "Letters required: ask for at most 5 letters")
  .default(0);

export function LettersRequiredFieldset<Form extends Record<string, unknown>>({
  field,
  id = "letters",
}: {
  field: FieldMetadata<string | undefined, Form, string[]>;
  /** The <fieldset>'s id, for the editor's side navigation. */
  id?: string;
}) {
  return (
    <fieldset className="form-section editor-section" id={id}>
      <legend>Reference letters</legend>
      <Field
        label="Letters required"
        hint="Candidates name this many referees, who upload their letters through a private link. 0: no letters."
        errors={field.errors}
        inputProps={{ ...getInputProps(field, { type: "number" }), min: 0, max: 5, step: 1 }}
      />
    </fieldset>
  );
}
