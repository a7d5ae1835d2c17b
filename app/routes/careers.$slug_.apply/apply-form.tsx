/**
 * The apply form itself: resume choice, cover letter, the opening's questions,
 * referees (when the role asks for letters), links, publications, source and consent, with an error summary that links to each field in form
 * order. Conform validates it with the route's schema in the browser and
 * restores the server's reply (`lastResult`: errors and what was typed; files
 * never come back).
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { Field, SelectField, TextareaField } from "~/components/forms";
import { SOURCE_OPTIONS } from "~/lib/sources";
import { formatNumber } from "~/utils/time";
import { useHydrated } from "~/utils/use-hydrated";
import { AccountFields } from "./account-fields";
import { ConsentField } from "./consent-field";
import { LINK_FIELDS, LinksFields } from "./links-fields";
import { QuestionField, questionTargetId } from "./question-field";
import { ResumeFieldset } from "./resume-fieldset";
import {
  MAX_COVER_LETTER,
  MAX_SOURCE,
  ACCOUNT_MODE_FIELD,
  accountModeOf,
  answerField,
  applyFormSchema,
  FILE_NOT_KEPT,
  FILE_STILL_CHOSEN,
  type AccountMode,
  type ApplyFormFields,
  type ApplyQuestion,
} from "./schema";
import { useUploadProgress } from "./upload-progress";
import { PublicationsFieldset } from "./publications-fieldset";
import { RefereesFieldset, refereeProblems } from "./referees-fieldset";

export function ApplyForm({
  questions,
  lettersRequired,
  savedResume,
  visitor,
  links,
  signInHref,
  lastResult,
}: {
  questions: ApplyQuestion[];
  lettersRequired: number;
  savedResume: { name: string; uploadedAt: number } | null;
  /** Not signed in: the form carries the "Your account" section. */
  visitor: boolean;
  links: Record<(typeof LINK_FIELDS)[number], string>;
  signInHref: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const progress = useUploadProgress(submitting);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploadRadio = useRef<HTMLInputElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  // The server turns the account section to "existing" when the email has an account.
  const serverMode: AccountMode | null = visitor
    ? lastResult?.initialValue?.[ACCOUNT_MODE_FIELD] === "existing"
      ? "existing"
      : "new"
    : null;
  const [mode, setMode] = useState(serverMode);
  useEffect(() => setMode(serverMode), [serverMode]);
  // Whether the file input still holds a file the browser checked (kept across a refused submission).
  const [fileKept, setFileKept] = useState(false);
  // No getZodConstraint: a native `required` on consent or an answer would stop
  // a browser without JavaScript from posting, and the server's answer (which
  // also says whether the file was kept) is what that candidate needs.
  const [form, fields] = useForm<ApplyFormFields, z.output<ReturnType<typeof applyFormSchema>>>({
    id: "apply-form",
    lastResult,
    defaultValue: {
      resumeChoice: savedResume ? "saved" : "upload",
      ...links,
      referees: Array.from({ length: lettersRequired }, () => ({})),
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema: applyFormSchema(
          questions,
          visitor ? accountModeOf(formData) : null,
          undefined,
          lettersRequired,
        ),
      }),
  });

  useEffect(() => {
    if (!lastResult) return;
    // The server keeps no file from a refused submission. A file that was refused
    // is cleared; a valid one stays chosen (the browser sends it again), and the
    // page says so instead of asking for it again.
    const refused = Boolean(lastResult.error?.resume?.length);
    const input = fileInput.current;
    if (input && refused) input.value = "";
    setFileKept(Boolean(input?.files?.length) && !refused);
    summary.current?.focus();
  }, [lastResult]);

  const targetOf = (name: string) => {
    const q = questions.find((question) => answerField(question.id) === name);
    if (q) return questionTargetId(q);
    return name === "resume" ? "resume-file" : name;
  };
  // The summary lists problems in the order of the fields on the page.
  const listed = (names: Array<keyof ApplyFormFields>) =>
    names.flatMap((name) => {
      const errors = fields[name].errors;
      return errors?.length ? [{ name, message: errors[0], target: targetOf(name) }] : [];
    });
  const problems = [
    ...listed([
      ...(visitor ? (["name", "email", "password"] as const) : []),
      "resume",
      "coverLetter",
      ...questions.map((q) => answerField(q.id)),
    ]),
    ...refereeProblems(fields.referees),
    ...listed([...LINK_FIELDS, "publicationsFile", "publicationsPaste", "source", "sourceOther"]),
    ...listed(["consent"]),
  ];
  const formErrors = (form.errors ?? []).map((message) =>
    message === FILE_NOT_KEPT && fileKept ? FILE_STILL_CHOSEN : message,
  );

  return (
    <>
      {problems.length > 0 || formErrors.length > 0 ? (
        <div className="form-error" role="alert" tabIndex={-1} ref={summary} id={form.errorId}>
          <p>
            <strong>Your application was not sent.</strong>
            {problems.length > 0
              ? ` Please fix ${problems.length === 1 ? "this problem" : `these ${problems.length} problems`}:`
              : null}
          </p>
          {problems.length > 0 ? (
            <ul>
              {problems.map(({ name, message, target }) => (
                <li key={name}>
                  <a href={`#${target}`}>{message}</a>
                </li>
              ))}
            </ul>
          ) : null}
          {formErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
      {lastResult ? (
        <div id="apply-result" hidden data-result={JSON.stringify(lastResult)} />
      ) : null}

      <Form
        method="post"
        encType="multipart/form-data"
        className="stack apply-form"
        {...getFormProps(form)}
      >
        {mode ? (
          <AccountFields
            fields={fields}
            mode={mode}
            signInHref={signInHref}
            onNewAccount={hydrated ? () => setMode("new") : undefined}
          />
        ) : null}
        <ResumeFieldset
          fields={fields}
          savedResume={savedResume}
          fileInput={fileInput}
          uploadRadio={uploadRadio}
          onFileChosen={() => setFileKept(false)}
        />

        <TextareaField
          label={
            <>
              Cover letter <span className="muted">(optional)</span>
            </>
          }
          hint={`Why this role, and what you would bring. Up to ${formatNumber(MAX_COVER_LETTER)} characters.`}
          errors={fields.coverLetter.errors}
          textareaProps={{
            ...getTextareaProps(fields.coverLetter),
            id: "coverLetter",
            rows: 10,
            maxLength: MAX_COVER_LETTER,
          }}
        />

        {questions.length > 0 ? (
          <section aria-labelledby="questions-heading">
            <h2 id="questions-heading">Questions from the hiring team</h2>
            {questions.map((q) => (
              <QuestionField key={q.id} question={q} field={fields[answerField(q.id)]} />
            ))}
          </section>
        ) : null}

        {lettersRequired > 0 ? (
          <RefereesFieldset field={fields.referees} required={lettersRequired} />
        ) : null}
        <LinksFields fields={fields} />
        <PublicationsFieldset fields={fields} />

        <SelectField
          label={
            <>
              How did you hear about this role? <span className="muted">(optional)</span>
            </>
          }
          errors={fields.source.errors}
          selectProps={{ ...getSelectProps(fields.source), id: "source" }}
        >
          <option value="">Prefer not to say</option>
          {SOURCE_OPTIONS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          <option value="other">Somewhere else</option>
        </SelectField>
        {/* Without JavaScript it is always there (and optional); with it, only for "somewhere else". */}
        {!hydrated || fields.source.value === "other" ? (
          <Field
            label={
              <>
                If somewhere else, where? <span className="muted">(optional)</span>
              </>
            }
            errors={fields.sourceOther.errors}
            inputProps={{
              ...getInputProps(fields.sourceOther, { type: "text" }),
              id: "sourceOther",
              maxLength: MAX_SOURCE,
            }}
          />
        ) : null}

        <ConsentField field={fields.consent} />

        <div className="button-row">
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? "Submitting…" : "Submit application"}
          </button>
          {submitting && progress !== null ? (
            <div className="upload-progress">
              <label htmlFor="upload-progress">Uploading… {progress}%</label>
              <progress id="upload-progress" max={100} value={progress} />
            </div>
          ) : null}
        </div>
        <p className="visually-hidden" aria-live="polite">
          {submitting
            ? progress === 100
              ? "Upload complete, saving your application."
              : "Uploading your application."
            : ""}
        </p>
      </Form>
    </>
  );
}
