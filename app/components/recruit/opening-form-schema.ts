/**
 * The opening editor's schema, built from one zod shape per fieldset so a new
 * fieldset (terms, programme, references, ...) is one more spread in
 * `OpeningFieldsSchema` and one more component in the form. Shared by the
 * browser (Conform's client validation) and the action; no database here.
 *
 * Lists are rows in their posted order — there is no "order" field. Messages
 * about a row name it ("Stage 3: enter a name") because they are also listed
 * in the error summary at the top of the form.
 */
import { z } from "zod";
import { EMPLOYMENT_TYPES, PAY_PERIODS } from "~/lib/enums";
import { LettersRequiredSchema } from "~/components/letters/letters-fieldset";
import { STAGE_KIND_LABELS, stageKindProblems } from "~/lib/pipeline-options";
import { optionalTextField, textField } from "~/utils/form-fields";
import { OPENING_KIND_LABELS, REMOTE_POLICY_LABELS } from "~/utils/site";
import { formatNumber, utcDayEnd } from "~/utils/time";

export const QUESTION_TYPE_LABELS = {
  short_text: "Short text",
  long_text: "Long text",
  yes_no: "Yes / no",
  single_choice: "Single choice",
} as const;

export const MAX_QUESTIONS = 30;
export const MAX_STAGES = 20;
export const MAX_CHOICES = 20;
export const MAX_TEAM = 20;

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];

const RowId = z
  .number({ message: "This row cannot be read; reload the page" })
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER)
  .optional();

const QuestionRow = z.object({
  id: RowId,
  label: optionalTextField({ max: 300 }),
  type: z.enum(keysOf(QUESTION_TYPE_LABELS), { message: "Choose a type" }).default("short_text"),
  required: z.boolean().default(false),
  options: z
    .array(optionalTextField({ max: 200 }))
    .max(MAX_CHOICES)
    .default([]),
});

const StageRow = z.object({
  id: RowId,
  name: optionalTextField({ max: 60 }),
  kind: z.enum(keysOf(STAGE_KIND_LABELS), { message: "Choose the kind of stage" }),
});

/** The role: title, kind, lab, areas, where, closing date. */
const roleShape = {
  title: textField("Enter a title of at least 3 characters", { min: 3, max: 150 }),
  kind: z.enum(keysOf(OPENING_KIND_LABELS), { message: "Choose a kind of role" }),
  labId: z.number({ message: "Choose a lab" }).int().positive().max(Number.MAX_SAFE_INTEGER),
  areaIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(20).default([]),
  location: textField("Enter a location", { min: 2, max: 120 }),
  remotePolicy: z.enum(keysOf(REMOTE_POLICY_LABELS), { message: "Choose a remote policy" }),
  closesAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
    .refine((v) => utcDayEnd(v) !== null, "Enter a real date")
    .optional(),
};

/** The texts candidates read. */
const descriptionShape = {
  summary: optionalTextField({ max: 400, multiline: true }),
  description: optionalTextField({ max: 20_000, multiline: true }),
  qualifications: optionalTextField({ max: 10_000, multiline: true }),
};

/** Hiring team (researcher ids, in order) and the scorecard. */
const teamShape = {
  team: z
    .array(
      z
        .number({ message: "Pick team members from the directory" })
        .int()
        .positive()
        .max(Number.MAX_SAFE_INTEGER),
    )
    .max(MAX_TEAM, `Use at most ${MAX_TEAM} team members`)
    .default([]),
  criteria: optionalTextField({ max: 2000, multiline: true }),
};

/** Screening questions; each message names its row. */
const questionsShape = {
  questions: z
    .array(QuestionRow)
    .max(MAX_QUESTIONS, `Use at most ${MAX_QUESTIONS} questions`)
    .default([])
    .superRefine((rows, ctx) =>
      rows.forEach((q, i) => {
        const n = i + 1;
        if (!q.label)
          ctx.addIssue({
            code: "custom",
            path: [i, "label"],
            message: `Question ${n}: enter the question`,
          });
        if (q.type !== "single_choice") return;
        q.options.forEach((o, j) => {
          if (!o)
            ctx.addIssue({
              code: "custom",
              path: [i, "options", j],
              message: `Question ${n}, choice ${j + 1}: enter the choice or remove it`,
            });
        });
        if (q.options.length < 2)
          ctx.addIssue({
            code: "custom",
            path: [i, "options"],
            message: `Question ${n}: give at least two choices`,
          });
      }),
    ),
};

/** Pipeline stages; each message names its row. */
const stagesShape = {
  stages: z
    .array(StageRow, { message: "Keep at least one stage" })
    .min(1, "Keep at least one stage")
    .max(MAX_STAGES, `Use at most ${MAX_STAGES} stages`)
    .superRefine((rows, ctx) => {
      const seen = new Map<string, number>();
      rows.forEach((s, i) => {
        if (!s.name) {
          ctx.addIssue({
            code: "custom",
            path: [i, "name"],
            message: `Stage ${i + 1}: enter a name`,
          });
          return;
        }
        const key = s.name.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [i, "name"],
            message: `Stage ${i + 1}: stage ${first + 1} already has this name`,
          });
        else seen.set(key, i);
      });
      for (const p of stageKindProblems(rows.map((s) => s.kind)))
        ctx.addIssue({ code: "custom", path: [p.index, "kind"], message: p.message });
    }),
};

export const PAY_PERIOD_LABELS = {
  year: "Per year",
  month: "Per month",
  hour: "Per hour",
} as const;
const MAX_PAY = 100_000_000;
const MAX_DURATION_MONTHS = 120;

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ message: `${label}: enter a whole number` })
    .int(`${label}: enter a whole number`)
    .min(min, `${label}: enter ${min} or more`)
    .max(max, `${label}: enter at most ${formatNumber(max)}`)
    .optional();

/** ISO 4217 codes the runtime knows (browser and Node); any 3 letters where it knows none. */
const knownCurrency = (code: string) =>
  typeof Intl.supportedValuesOf !== "function" || Intl.supportedValuesOf("currency").includes(code);

/** Opening terms: employment type, duration, pay range. All optional; cross-checks in `checkTerms`. */
const termsShape = {
  employmentType: z
    .enum(EMPLOYMENT_TYPES, { message: "Employment type: choose one from the list" })
    .optional(),
  durationMonths: wholeNumber("Duration", 1, MAX_DURATION_MONTHS),
  payMin: wholeNumber("Pay from", 0, MAX_PAY),
  payMax: wholeNumber("Pay up to", 0, MAX_PAY),
  payCurrency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "Currency: enter a 3-letter ISO 4217 code such as CHF or EUR")
    .transform((c) => c.toUpperCase())
    .refine(knownCurrency, "Currency: not an ISO 4217 code; use one such as CHF or EUR")
    .optional(),
  payPeriod: z.enum(PAY_PERIODS, { message: "Pay period: choose one from the list" }).optional(),
};

/** The rules between the terms' fields: a range that is a range, and units for any amount. */
function checkTerms(
  v: { payMin?: number; payMax?: number; payCurrency?: string; payPeriod?: string },
  ctx: z.RefinementCtx,
) {
  if (v.payMin !== undefined && v.payMax !== undefined && v.payMin > v.payMax)
    ctx.addIssue({
      code: "custom",
      path: ["payMax"],
      message: 'Pay up to: enter an amount at least as large as "Pay from"',
    });
  const hasPay = v.payMin !== undefined || v.payMax !== undefined;
  if (hasPay && !v.payCurrency)
    ctx.addIssue({
      code: "custom",
      path: ["payCurrency"],
      message: "Currency: enter the currency of the pay (such as CHF)",
    });
  if (hasPay && !v.payPeriod)
    ctx.addIssue({
      code: "custom",
      path: ["payPeriod"],
      message: "Pay period: choose whether the pay is per year, month or hour",
    });
  if (!hasPay && (v.payCurrency || v.payPeriod))
    ctx.addIssue({
      code: "custom",
      path: ["payMin"],
      message: "Pay from: enter an amount, or clear the currency and period",
    });
}

/** The program (internship, residency, ...) the opening belongs to; the model checks it exists. */
const programShape = {
  programId: z
    .number({ message: "Program: choose one from the list" })
    .int("Program: choose one from the list")
    .positive("Program: choose one from the list")
    .max(Number.MAX_SAFE_INTEGER, "Program: choose one from the list")
    .optional(),
};

/** How many reference letters an application needs. */
const lettersShape = { lettersRequired: LettersRequiredSchema };

/** Every field of an opening, as the form posts it. */
const OpeningFieldsSchema = z.object({
  ...roleShape,
  ...descriptionShape,
  ...termsShape,
  ...programShape,
  ...lettersShape,
  ...teamShape,
  ...questionsShape,
  ...stagesShape,
});

/**
 * Save checks everything; preview renders the Markdown of what was typed;
 * find-people is the no-JavaScript team search (re-renders the form with
 * matches and writes nothing).
 */
export const OpeningFormSchema = z.discriminatedUnion("intent", [
  OpeningFieldsSchema.extend({ intent: z.literal("save") }).superRefine(checkTerms),
  z.object({ intent: z.literal("preview"), ...descriptionShape }),
  z.object({
    intent: z.literal("find-people"),
    teamQuery: optionalTextField({ max: 100 }),
  }),
]);

/** What each list's rows are called in messages. */
export const ROW_NOUNS: Record<string, string> = {
  questions: "Question",
  stages: "Stage",
  options: "Choice",
  team: "Team member",
};
