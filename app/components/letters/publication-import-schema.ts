/** Schemas of the publication import forms (parse a file or paste; save the chosen entries). */
import { z } from "zod";
import { optionalTextField } from "~/utils/form-fields";

export const MAX_PASTE = 60_000;

export const ParseSchema = z.object({
  intent: z.literal("parse"),
  file: z.unknown().optional(),
  paste: optionalTextField({ max: MAX_PASTE, multiline: true }),
});

const EntrySchema = z.object({
  selected: z.boolean().default(false),
  title: optionalTextField({ max: 500 }),
  authors: optionalTextField({ max: 1000 }),
  venue: optionalTextField({ max: 300 }),
  year: z.number().int().min(1800).max(2200).optional(),
  doi: optionalTextField({ max: 200 }),
  url: optionalTextField({ max: 500 }),
});

export const SaveSchema = z.object({
  intent: z.literal("save"),
  entries: z.array(EntrySchema).max(500).default([]),
});

export const RemoveSchema = z.object({
  intent: z.literal("remove"),
  id: z.number().int().positive(),
});
