/**
 * The apply form's schema. It is built per opening, because each opening has
 * its own screening questions; the resume file is checked by the upload
 * handler (size, magic bytes) and reported through the same error map.
 */
import { z } from "zod";
import type { QuestionType } from "../../../db/schema";
import { optionalTextField, textField } from "~/utils/form-fields";
import { ORG_NAME } from "~/utils/site";

export const MAX_COVER_LETTER = 10_000;
export const MAX_SOURCE = 200;
export const MAX_SHORT_ANSWER = 500;
export const MAX_LONG_ANSWER = 5_000;

/** "How did you hear about this role?" choices; "other" asks for free text. */
export const SOURCE_OPTIONS = [
  `The ${ORG_NAME} careers site`,
  `A researcher at ${ORG_NAME}`,
  "A conference, talk or paper",
  "A university or job board",
  "Social media",
  "A friend or colleague",
] as const;

export type ApplyQuestion = {
  id: number;
  label: string;
  type: QuestionType;
  required: boolean;
  options: string[];
};

export const answerField = (questionId: number) => `answer-${questionId}`;

/** Field name → messages, as rendered beside each field. */
export type FieldErrors = Record<string, string[]>;
/** What the candidate typed, sent back on a 400 so nothing is lost (files aside). */
export type ApplyValues = Record<string, string>;
export type ApplyActionData = { errors: FieldErrors; values: ApplyValues; fileNotice?: string };

function answerSchema(q: ApplyQuestion) {
  const requiredMessage = "Please answer this question.";
  switch (q.type) {
    case "short_text":
    case "long_text": {
      // The shared normaliser: one line for short answers, line breaks kept (as LF) in long ones.
      const options = {
        max: q.type === "short_text" ? MAX_SHORT_ANSWER : MAX_LONG_ANSWER,
        multiline: q.type === "long_text",
      };
      return q.required ? textField(requiredMessage, options) : optionalTextField(options);
    }
    case "yes_no":
    case "single_choice": {
      const choices = q.type === "yes_no" ? ["yes", "no"] : q.options;
      return z.string().refine((v) => (v === "" ? !q.required : choices.includes(v)), {
        message: q.required
          ? "Please choose an answer."
          : "Please choose one of the answers offered.",
      });
    }
  }
}

/** The schema of the text fields of the apply form for one opening's questions. */
export function applyFormSchema(questions: ApplyQuestion[]) {
  // A missing field (an unanswered radio group) is validated as an empty answer.
  const answers = Object.fromEntries(
    questions.map((q) => [
      answerField(q.id),
      z.preprocess((v) => (typeof v === "string" ? v : ""), answerSchema(q)),
    ]),
  );
  return z
    .object({
      resumeChoice: z.enum(["saved", "upload"]).default("upload"),
      saveToProfile: z.literal("on").optional(),
      coverLetter: optionalTextField({ max: MAX_COVER_LETTER, multiline: true }),
      consent: z.literal("on", {
        message: "Please agree to how we use your application before submitting it.",
      }),
      source: z
        .union([z.enum(SOURCE_OPTIONS), z.literal("other"), z.literal("")], {
          message: "Please choose one of the options.",
        })
        .default(""),
      sourceOther: optionalTextField({ max: MAX_SOURCE }),
      ...answers,
    })
    .transform((v) => {
      const {
        resumeChoice,
        saveToProfile,
        coverLetter,
        consent: _consent,
        source,
        sourceOther,
        ...rest
      } = v;
      return {
        resumeChoice,
        saveToProfile: saveToProfile === "on",
        coverLetter,
        // The free text wins when "Other" (or nothing) was picked but something was typed.
        source:
          (source === "other" || source === "") && sourceOther
            ? sourceOther
            : source === "other"
              ? ""
              : source,
        answers: questions
          .map((q) => ({
            questionId: q.id,
            value: String((rest as Record<string, unknown>)[answerField(q.id)] ?? "").trim(),
          }))
          .filter((a) => a.value !== ""),
      };
    });
}

/** The string fields of a form, capped, to echo back after a failed submission. */
export function echoValues(formData: FormData): ApplyValues {
  const values: ApplyValues = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && key.length <= 40)
      values[key] = value.slice(0, MAX_COVER_LETTER + 100);
  }
  return values;
}

/** zod issues → messages per top-level field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
