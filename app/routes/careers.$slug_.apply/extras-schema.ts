/**
 * The optional parts of the apply form that feed other records: referees
 * (for openings that ask for letters; the same fields and rules as naming
 * them later on /applications/:id/referees) and a publication list to import
 * into the candidate's profile (the same parser as /account/profile/publications).
 * Every message about a referee names its row ("Referee 2: …"), because the
 * error summary lists them away from the fieldset.
 */
import { z } from "zod";
import { MAX_PASTE } from "~/components/letters/publication-import-schema";
import { refereeFields } from "~/components/letters/referee-schema";
import { optionalTextField } from "~/utils/form-fields";

/** Mirrors MAX_TEXT_FILE_BYTES in uploads/multipart.server.ts, for the browser-side size check. */
const MAX_PUBLICATIONS_BYTES = 1024 * 1024;
export const REFEREE_KEYS = ["name", "email", "relationship"] as const;

const rawRow = z
  .object({
    name: z.string().optional(),
    email: z.string().optional(),
    relationship: z.string().optional(),
  })
  .optional();
type RawRow = z.infer<typeof rawRow>;

const isFilled = (row: RawRow) => Boolean(row && (row.name || row.email || row.relationship));

/** "1 referee" / "2 referees". */
const referees = (n: number) => `${n} referee${n === 1 ? "" : "s"}`;

/**
 * Up to `max` referees: rows left blank are dropped; a row with anything in
 * it must be complete and valid; no email twice. The output is the list of
 * referees, normalised as the referee page stores them.
 */
function refereesSchema(max: number) {
  return z
    .array(rawRow)
    .default([])
    .superRefine((rows, ctx) => {
      const filled = rows.flatMap((row, index) => (isFilled(row) ? [{ row: row!, index }] : []));
      if (filled.length > max) {
        ctx.addIssue({
          code: "custom",
          message:
            max === 0
              ? "This role does not ask for reference letters, so name no referees."
              : `This role asks for ${referees(max)}; name at most ${max} here.`,
        });
      }
      const seen = new Map<string, number>();
      for (const { row, index } of filled) {
        for (const key of REFEREE_KEYS) {
          const parsed = refereeFields[key].safeParse(row[key] ?? "");
          if (!parsed.success) {
            ctx.addIssue({
              code: "custom",
              path: [index, key],
              message: `Referee ${index + 1}: ${parsed.error.issues[0]?.message}`,
            });
          } else if (key === "email") {
            const first = seen.get(parsed.data);
            if (first !== undefined) {
              ctx.addIssue({
                code: "custom",
                path: [index, key],
                message: `Referee ${index + 1}: you already named ${parsed.data} as referee ${first + 1}.`,
              });
            } else seen.set(parsed.data, index);
          }
        }
      }
    })
    .transform((rows) =>
      rows.flatMap((row, index) =>
        isFilled(row)
          ? [
              {
                index,
                name: refereeFields.name.parse(row!.name ?? ""),
                email: refereeFields.email.parse(row!.email ?? ""),
                relationship: refereeFields.relationship.parse(row!.relationship ?? ""),
              },
            ]
          : [],
      ),
    );
}

/** The message when a candidate names themselves (checked once their email is known). */
export const selfRefereeMessage = (index: number) =>
  `Referee ${index + 1}: name someone other than yourself.`;

/**
 * The publication file as the browser sends it (on the server the multipart
 * parser keeps it out of the form data; the upload handler reads it).
 */
const publicationsFile = z
  .unknown()
  .optional()
  .superRefine((file, ctx) => {
    if (typeof File === "undefined" || !(file instanceof File) || file.size === 0) return;
    if (file.size > MAX_PUBLICATIONS_BYTES)
      ctx.addIssue({ code: "custom", message: "Choose a publication file of at most 1024 KB." });
  });

/** The extra fields of the apply form, for an opening that asks for `lettersRequired` letters. */
export function extrasShape(lettersRequired: number) {
  return {
    referees: refereesSchema(lettersRequired),
    publicationsFile,
    publicationsPaste: optionalTextField({ max: MAX_PASTE, multiline: true }),
  };
}
