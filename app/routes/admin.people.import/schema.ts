import { z } from "zod";

/**
 * The preview's form: which stored upload (the random name the server gave
 * it), "check" again or "import", and the unknown labs and areas ticked to
 * be created. The rows themselves are never sent back.
 */
export const ConfirmSchema = z.object({
  intent: z.enum(["check", "import"]),
  token: z.string().regex(/^[a-f0-9]{32}\.csv$/),
  fileName: z.string().max(200).default("people.csv"),
  createLab: z.array(z.string().max(200)).max(1000).default([]),
  createArea: z.array(z.string().max(200)).max(1000).default([]),
});
