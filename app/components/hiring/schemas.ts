/**
 * The zod schemas of the interview and offer forms (staff and candidate),
 * shared by their routes, components and tests. Conform runs them in the
 * browser too, so nothing here touches the server.
 */
import { z } from "zod";
import { INTERVIEW_KINDS } from "~/lib/enums";
import { optionalTextField, textField } from "~/utils/form-fields";
import { isTimeZone, utcDayStart } from "~/utils/time";

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const localTime = (message: string) =>
  z.string({ message }).regex(LOCAL_TIME, "Enter a date and time, like 2026-12-10 14:00.");

const isoDate = (message: string) =>
  z
    .string({ message })
    .regex(ISO_DATE, "Enter a date, like 2027-01-15.")
    .refine((v) => utcDayStart(v) !== null, "Enter a real date.");

const id = z.number().int().positive().max(1e12);

/** Schedule or change an interview; start and end are wall-clock times in `timeZone`. */
export const InterviewSchema = z
  .object({
    intent: z.enum(["schedule", "reschedule"]),
    interviewId: id.optional(),
    kind: z.enum(INTERVIEW_KINDS, { message: "Choose the kind of interview." }),
    start: localTime("Enter when the interview starts."),
    end: localTime("Enter when the interview ends."),
    timeZone: textField("Enter the time zone, like Europe/Zurich.", { max: 64 }).refine(
      isTimeZone,
      "Enter a time-zone name such as Europe/Zurich, America/New_York or UTC.",
    ),
    placeKind: z.enum(["room", "video"], { message: "Choose a room or a video link." }),
    place: textField("Enter the room or the video link.", { max: 300 }),
    note: optionalTextField({ max: 2000, multiline: true }),
    interviewers: z
      .array(z.string().regex(/^[ur]:\d{1,12}$/, "Choose interviewers from the list."))
      .min(1, "Choose at least one interviewer.")
      .max(20, "Choose at most 20 interviewers."),
  })
  .superRefine((v, ctx) => {
    if (v.placeKind === "video" && !/^https:\/\/[^\s]+$/i.test(v.place))
      ctx.addIssue({
        code: "custom",
        path: ["place"],
        message: "A video link starts with https://.",
      });
    if (v.intent === "reschedule" && !v.interviewId)
      ctx.addIssue({ code: "custom", path: ["interviewId"], message: "Which interview?" });
  });

export const CancelInterviewSchema = z.object({
  intent: z.literal("cancel"),
  interviewId: id,
  confirm: z.literal("on", { message: "Tick the box to confirm the cancellation." }),
});

export const AttachScorecardSchema = z.object({
  intent: z.literal("attach_scorecard"),
  interviewId: id,
});

export const CURRENCIES = ["CHF", "EUR", "GBP", "USD", "CAD", "JPY", "SEK", "DKK", "NOK"] as const;

/** The offer PDF's size cap (the server's MAX_RESUME_BYTES, which this module cannot import). */
const OFFER_PDF_MAX_BYTES = 5 * 1024 * 1024;
const OFFER_PDF_TOO_LARGE = "The offer PDF is larger than 5 MB.";

export const OfferSchema = z.object({
  intent: z.literal("draft_offer"),
  title: textField("Enter the position's title.", { min: 2, max: 150 }),
  startDate: isoDate("Enter the start date."),
  payKind: z.enum(["salary", "stipend"], { message: "Choose salary or stipend." }),
  amount: z
    .number({ message: "Enter the amount as a whole number." })
    .int("Enter the amount as a whole number.")
    .min(1, "Enter an amount above 0.")
    .max(100_000_000, "Enter a smaller amount."),
  currency: z.enum(CURRENCIES, { message: "Choose a currency." }),
  payPeriod: z.enum(["year", "month"], { message: "Choose per year or per month." }),
  durationMonths: z
    .number({ message: "Enter the number of months." })
    .int("Enter whole months.")
    .min(1, "Enter at least 1 month.")
    .max(120, "Enter at most 120 months.")
    .optional(),
  letter: textField("Write the offer letter.", { max: 20_000, multiline: true }),
  expiresOn: isoDate("Enter the date the candidate should answer by."),
  /**
   * The optional PDF. The server never sees it here (the uploads module takes
   * file parts out of the form and checks them); in the browser this refuses
   * an oversize file before it is sent.
   */
  pdf: z
    .unknown()
    .optional()
    .refine(
      (f) => !(typeof File !== "undefined" && f instanceof File && f.size > OFFER_PDF_MAX_BYTES),
      OFFER_PDF_TOO_LARGE,
    ),
});

export const OfferStepSchema = z.object({
  intent: z.enum(["approve_offer", "send_offer"]),
  offerId: id,
});

export const ReturnOfferSchema = z.object({
  intent: z.literal("return_offer"),
  offerId: id,
  reason: z
    .string({ error: "Say what the drafter should change." })
    .trim()
    .min(3, "Say what the drafter should change.")
    .max(1000, "Keep the reason under 1,000 characters."),
});

/** The longest reason a candidate may give for declining an offer. */
export const DECLINE_REASON_MAX = 1000;

/** The candidate's forms on their application page. */
export const ProposeTimesSchema = z.object({
  intent: z.literal("propose"),
  interviewId: id,
  times: textField("Write the times that would suit you.", { max: 1000, multiline: true }),
});

export const OfferAnswerSchema = z.object({
  intent: z.enum(["accept_offer", "decline_offer"]),
  offerId: id,
  reason: optionalTextField({ max: DECLINE_REASON_MAX, multiline: true }),
});
