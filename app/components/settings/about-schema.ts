/** The about page's texts as an admin edits them (Conform on both sides). */
import { z } from "zod";
import { optionalTextField } from "~/utils/form-fields";

const AboutFields = {
  aboutLens: optionalTextField({ max: 5000, multiline: true }),
  aboutValues: optionalTextField({ max: 5000, multiline: true }),
  aboutQuote: optionalTextField({ max: 400, multiline: true }),
  aboutQuoteBy: optionalTextField({ max: 120 }),
};

/** "preview" renders the texts without storing them (the Preview button without JavaScript). */
export const AboutSchema = z.object({
  intent: z.enum(["save", "preview"], { message: "Use the Preview or Save buttons." }),
  ...AboutFields,
});

/** The Markdown blocks the preview renders. */
export const PreviewSchema = z.object({
  aboutLens: AboutFields.aboutLens,
  aboutValues: AboutFields.aboutValues,
});
