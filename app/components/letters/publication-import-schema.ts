/** Schemas of the publication import forms (parse a file or paste; save the chosen entries). */
import { z } from "zod";
import { optionalTextField } from "~/utils/form-fields";

export const MAX_PASTE = 60_000;
/** One entry's JSON on the review form: the longest entry the reader keeps fits. */
export const MAX_ENTRY_JSON = 400_000;

export const ParseSchema = z.object({
  intent: z.literal("parse"),
  file: z.unknown().optional(),
  paste: optionalTextField({ max: MAX_PASTE, multiline: true }),
});

/**
 * One reviewed entry: its checkbox and the entry as read, as JSON in a hidden
 * field (so authors, name parts, type, pages and extra fields come back whole;
 * the save step validates it again with ImportedPublicationSchema).
 */
const EntrySchema = z.object({
  selected: z.boolean().default(false),
  data: z.string().max(MAX_ENTRY_JSON),
});

export const SaveSchema = z.object({
  intent: z.literal("save"),
  entries: z.array(EntrySchema).max(500).default([]),
});

export const RemoveSchema = z.object({
  intent: z.literal("remove"),
  id: z.number().int().positive(),
});
