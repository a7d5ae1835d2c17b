/**
 * The apply form's schema. It is built per opening, because each opening has
 * its own screening questions, by the same function on the server (action)
 * and in the browser (Conform's onValidate). The resume file is checked for
 * real by the upload handler (size, magic bytes) and reported as a `resume`
 * field error; in the browser the schema checks what it can see of the file
 * (its type and size) so the candidate hears about it before uploading.
 */
import { z } from "zod";
import type { QuestionType } from "~/lib/enums";
import { SOURCE_OPTIONS } from "~/lib/sources";
import { newPasswordField, passwordShapeProblem } from "~/auth/password-rules";
import {
  EmailSchema,
  NameSchema,
  optionalTextField,
  passwordField,
  textField,
} from "~/utils/form-fields";
import { optionalOrcid, optionalUrl } from "~/utils/profile-links";
import { extrasShape } from "./extras-schema";

export const MAX_COVER_LETTER = 10_000;
export const MAX_SOURCE = 200;
export const MAX_SHORT_ANSWER = 500;
export const MAX_LONG_ANSWER = 5_000;
/** Mirrors MAX_RESUME_BYTES in uploads.server.ts, for the browser-side size check. */
const MAX_RESUME_BYTES = 5 * 1024 * 1024;

export type ApplyQuestion = {
  id: number;
  label: string;
  type: QuestionType;
  required: boolean;
  options: string[];
};

export const answerField = (questionId: number): `answer-${number}` => `answer-${questionId}`;

export const NOT_A_PDF =
  "That file is not a PDF. Please export your resume as a PDF and choose it again.";
/** Said when the visitor's email already has an account: the form then asks for its password. */
export const EXISTING_ACCOUNT =
  "This email already has an account. Enter its password below to apply with it, or use another email address.";
/** A valid file is never kept across a refused submission (the browser re-sends it when it can). */
export const FILE_NOT_KEPT =
  "Your resume file was fine, but it was not kept because of the other problems: please choose it again.";
/** What the page says instead, with JavaScript, when the browser still holds the valid file. */
export const FILE_STILL_CHOSEN =
  "Your resume file is still chosen and will be sent again with your corrections.";
const TOO_LARGE = "That file is larger than 5 MB. Please choose a smaller PDF.";

/**
 * The resume as the browser sends it: a File (empty when none was chosen).
 * On the server the multipart parser keeps files out of the form data, so
 * there the field is absent and the upload handler's verdict counts.
 */
const resumeField = z
  .unknown()
  .optional()
  .superRefine((file, ctx) => {
    if (typeof File === "undefined" || !(file instanceof File) || file.size === 0) return;
    if (file.type !== "application/pdf" && !/\.pdf$/i.test(file.name))
      ctx.addIssue({ code: "custom", message: NOT_A_PDF });
    else if (file.size > MAX_RESUME_BYTES) ctx.addIssue({ code: "custom", message: TOO_LARGE });
  });

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
      if (q.required) {
        const message = "Please choose an answer.";
        return z.string({ error: message }).refine((v) => choices.includes(v), { message });
      }
      return z
        .string()
        .optional()
        .refine((v) => v === undefined || choices.includes(v), {
          message: "Please choose one of the answers offered.",
        });
    }
  }
}

/**
 * The form's fields as Conform sees them: zod's inferred object type drops
 * the `answer-<id>` keys, which depend on the opening, so they are named here.
 */
export type ApplyFormFields = z.input<ReturnType<typeof applyFormSchema>> &
  Partial<Record<`answer-${number}`, string>>;

/**
 * A visitor applies and creates their account in one go ("new"), or, when
 * their email already has an account, gives that account's password
 * ("existing"). Signed-in candidates have no account section (null).
 */
export type AccountMode = "new" | "existing";

/** The account mode a posted form asks for (its hidden `account` field). */
export function accountModeOf(formData: FormData): AccountMode {
  return formData.get("account") === "existing" ? "existing" : "new";
}

export const ACCOUNT_MODE_FIELD = "account";

/**
 * The "Your account" fields. `checkPassword` is the password's shape in the
 * browser and the whole policy on the server (password-policy.server.ts).
 */
function accountShape(
  mode: AccountMode | null,
  checkPassword: (p: string) => string | null,
): Record<"account" | "name" | "email" | "password", z.ZodType<string | undefined, unknown>> {
  if (mode === null) {
    // A signed-in candidate: whatever else is posted under these names is ignored.
    const ignored = z
      .unknown()
      .optional()
      .transform(() => undefined);
    return { account: ignored, name: ignored, email: ignored, password: ignored };
  }
  return {
    account: z.enum(["new", "existing"]),
    name: mode === "new" ? NameSchema : optionalTextField({ max: 100 }),
    email: EmailSchema,
    password:
      mode === "new"
        ? newPasswordField("Choose a password for your account.", checkPassword)
        : passwordField("Enter the password of your account."),
  };
}

/**
 * The schema of the text fields of the apply form for one opening's
 * questions; with `account`, a visitor's "Your account" section too.
 *
 * Built once per (questions, account mode, letters, password check) and then
 * reused: building a zod object of this size and compiling its first parse
 * costs far more CPU than a parse with a built schema, and every application
 * on the server parses one (bench/README.md).
 * A schema is immutable, so sharing it between requests is safe; an edited
 * question gives a new key.
 */
export function applyFormSchema(
  questions: ApplyQuestion[],
  account: AccountMode | null = null,
  checkPassword: (password: string) => string | null = passwordShapeProblem,
  /** How many reference letters the opening asks for (referee rows offered). */
  lettersRequired = 0,
): ReturnType<typeof buildApplyFormSchema> {
  let byKey = builtSchemas.get(checkPassword);
  if (!byKey) builtSchemas.set(checkPassword, (byKey = new Map()));
  const key = JSON.stringify([account, lettersRequired, questions]);
  let schema = byKey.get(key);
  if (!schema) {
    // Bounded: openings and their questions change rarely, so this never fills in practice.
    if (byKey.size >= MAX_BUILT_SCHEMAS) byKey.clear();
    schema = buildApplyFormSchema(questions, account, checkPassword, lettersRequired);
    byKey.set(key, schema);
  }
  return schema;
}

const MAX_BUILT_SCHEMAS = 500;
const builtSchemas = new WeakMap<
  (password: string) => string | null,
  Map<string, ReturnType<typeof buildApplyFormSchema>>
>();

function buildApplyFormSchema(
  questions: ApplyQuestion[],
  account: AccountMode | null,
  checkPassword: (password: string) => string | null,
  lettersRequired: number,
) {
  // Conform hands a missing or empty field (an unanswered radio group) over as undefined.
  const answers: Record<
    `answer-${number}`,
    z.ZodType<string | undefined, unknown>
  > = Object.fromEntries(questions.map((q) => [answerField(q.id), answerSchema(q)]));
  return z
    .object({
      resume: resumeField,
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
      homepageUrl: optionalUrl,
      orcid: optionalOrcid,
      scholarUrl: optionalUrl,
      githubUrl: optionalUrl,
      ...accountShape(account, checkPassword),
      ...extrasShape(lettersRequired),
      ...answers,
    })
    .refine(
      (v) =>
        account !== "new" ||
        typeof v.password !== "string" ||
        v.password.normalize("NFC").toLowerCase() !== v.email,
      {
        path: ["password"],
        message: "Do not use your email address as your password.",
        // Reported with the other problems, not only once everything else is valid.
        when: ({ value }) => {
          const v = value as { email?: unknown; password?: unknown } | undefined;
          return typeof v?.email === "string" && typeof v.password === "string";
        },
      },
    )
    .transform((v) => {
      const {
        resume: _resume,
        resumeChoice,
        saveToProfile,
        coverLetter,
        consent: _consent,
        source,
        sourceOther,
        homepageUrl,
        orcid,
        scholarUrl,
        githubUrl,
        account: _account,
        name,
        email,
        password,
        referees,
        publicationsFile: _publicationsFile,
        publicationsPaste,
        ...rest
      } = v;
      return {
        referees,
        publicationsPaste,
        links: { homepageUrl, orcid, scholarUrl, githubUrl },
        account:
          account === null
            ? null
            : {
                mode: account,
                name: String(name ?? ""),
                email: String(email ?? ""),
                password: String(password ?? ""),
              },
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
