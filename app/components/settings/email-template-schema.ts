/** The template editor's form (Conform on both sides). */
import { z } from "zod";
import { textField } from "~/utils/form-fields";

const TemplateFields = {
  subject: textField("A message needs a subject.", { max: 200 }),
  body: textField("A message needs a body.", { max: 20_000, multiline: true }),
};

/**
 * "save" checks and stores the text, "preview" renders it without storing
 * (the Preview button without JavaScript), "reset" puts the shipped text back.
 */
export const TemplateSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("save"), ...TemplateFields }),
    z.object({ intent: z.literal("preview"), ...TemplateFields }),
    z.object({ intent: z.literal("reset") }),
  ],
  { error: "Use the Save, Preview or Reset buttons." },
);

/** A draft to preview (the live preview's query string). */
export const DraftSchema = z.object(TemplateFields);
