/**
 * The apply form itself: resume choice, cover letter, the opening's questions,
 * source and consent, with an error summary that links to each field. What
 * was typed comes back in `actionData.values`; files never do.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { ORG_NAME, formatDate } from "~/utils/site";
import { QuestionField, questionTargetId } from "./question-field";
import {
  MAX_COVER_LETTER,
  MAX_SOURCE,
  SOURCE_OPTIONS,
  type ApplyActionData,
  type ApplyQuestion,
} from "./schema";
import { PROGRESS_EVENT } from "./upload-progress";

export function ApplyForm({
  questions,
  savedResume,
  actionData,
}: {
  questions: ApplyQuestion[];
  savedResume: { name: string; uploadedAt: number } | null;
  actionData: ApplyActionData | undefined;
}) {
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const progress = useUploadProgress(submitting);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploadRadio = useRef<HTMLInputElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const problems = Object.entries(errors);

  useEffect(() => {
    if (!actionData) return;
    // The server did not keep the file: clear it so the page says what is true.
    if (fileInput.current) fileInput.current.value = "";
    summary.current?.focus();
  }, [actionData]);

  const resumeChoice = values.resumeChoice ?? (savedResume ? "saved" : "upload");
  const targetOf = (field: string) => {
    const q = questions.find((question) => `answer-${question.id}` === field);
    if (q) return questionTargetId(q);
    return { resume: "resume-file", consent: "consent", form: "apply-form" }[field] ?? field;
  };

  return (
    <>
      {problems.length > 0 ? (
        <div className="form-error" role="alert" tabIndex={-1} ref={summary}>
          <p>
            <strong>Your application was not sent.</strong> Please fix{" "}
            {problems.length === 1 ? "this problem" : `these ${problems.length} problems`}:
          </p>
          <ul>
            {problems.map(([field, messages]) => (
              <li key={field}>
                <a href={`#${targetOf(field)}`}>{messages[0]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {actionData ? (
        <div id="apply-result" hidden data-result={JSON.stringify(actionData)} />
      ) : null}

      <Form
        method="post"
        encType="multipart/form-data"
        id="apply-form"
        className="stack apply-form"
      >
        <fieldset className="field" aria-describedby={errors.resume ? "resume-error" : undefined}>
          <legend>Resume (PDF, at most 5 MB)</legend>
          {savedResume ? (
            <div className="checkbox-row">
              <input
                type="radio"
                id="resume-saved"
                name="resumeChoice"
                value="saved"
                defaultChecked={resumeChoice === "saved"}
              />
              <label htmlFor="resume-saved">
                Use my saved resume ({savedResume.name}, uploaded{" "}
                {formatDate(savedResume.uploadedAt)})
              </label>
            </div>
          ) : null}
          <div className="checkbox-row">
            <input
              ref={uploadRadio}
              type="radio"
              id="resume-upload"
              name="resumeChoice"
              value="upload"
              defaultChecked={resumeChoice === "upload"}
            />
            <label htmlFor="resume-upload">Upload a new resume</label>
          </div>
          <div className="field apply-file">
            <label htmlFor="resume-file">PDF file</label>
            <p className="hint" id="resume-hint">
              A PDF of at most 5 MB. Choosing a file uses it for this application.
            </p>
            <input
              ref={fileInput}
              type="file"
              id="resume-file"
              name="resume"
              accept="application/pdf,.pdf"
              aria-describedby={["resume-hint", errors.resume ? "resume-error" : ""]
                .join(" ")
                .trim()}
              aria-invalid={errors.resume ? true : undefined}
              onChange={() => {
                if (uploadRadio.current) uploadRadio.current.checked = true;
              }}
            />
            {actionData?.fileNotice ? (
              <p className="notice notice--warning">{actionData.fileNotice}</p>
            ) : null}
          </div>
          <div className="checkbox-row">
            <input
              type="checkbox"
              id="saveToProfile"
              name="saveToProfile"
              defaultChecked={values.saveToProfile === "on"}
            />
            <label htmlFor="saveToProfile">
              Also save an uploaded file as my profile resume for future applications
            </label>
          </div>
          <ErrorList id="resume-error" errors={errors.resume} />
        </fieldset>

        <TextareaField
          label={
            <>
              Cover letter <span className="muted">(optional)</span>
            </>
          }
          hint={`Why this role, and what you would bring. Up to ${MAX_COVER_LETTER.toLocaleString("en-GB")} characters.`}
          errors={errors.coverLetter}
          textareaProps={{
            id: "coverLetter",
            name: "coverLetter",
            rows: 10,
            maxLength: MAX_COVER_LETTER,
            defaultValue: values.coverLetter ?? "",
          }}
        />

        {questions.length > 0 ? (
          <section aria-labelledby="questions-heading">
            <h2 id="questions-heading">Questions from the hiring team</h2>
            {questions.map((q) => (
              <QuestionField
                key={q.id}
                question={q}
                value={values[`answer-${q.id}`] ?? ""}
                errors={errors[`answer-${q.id}`]}
              />
            ))}
          </section>
        ) : null}

        <SelectField
          label={
            <>
              How did you hear about this role? <span className="muted">(optional)</span>
            </>
          }
          errors={errors.source}
          selectProps={{ id: "source", name: "source", defaultValue: values.source ?? "" }}
        >
          <option value="">Prefer not to say</option>
          {SOURCE_OPTIONS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          <option value="other">Somewhere else</option>
        </SelectField>
        <Field
          label="If somewhere else, where?"
          errors={errors.sourceOther}
          inputProps={{
            id: "sourceOther",
            name: "sourceOther",
            type: "text",
            maxLength: MAX_SOURCE,
            defaultValue: values.sourceOther ?? "",
          }}
        />

        <div className="field">
          <div className="checkbox-row">
            <input
              type="checkbox"
              id="consent"
              name="consent"
              defaultChecked={values.consent === "on"}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={errors.consent ? "consent-error" : undefined}
            />
            <label htmlFor="consent">
              I agree that {ORG_NAME} stores and uses this application, including my resume and
              answers, to assess it for this role and to contact me about it. Only the hiring team
              and recruiters see it.
            </label>
          </div>
          <ErrorList id="consent-error" errors={errors.consent} />
        </div>

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

/** The latest upload percentage broadcast by clientAction, while submitting. */
function useUploadProgress(submitting: boolean) {
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => {
    if (!submitting) {
      setProgress(null);
      return;
    }
    const onProgress = (event: Event) => setProgress((event as CustomEvent<number>).detail);
    window.addEventListener(PROGRESS_EVENT, onProgress);
    return () => window.removeEventListener(PROGRESS_EVENT, onProgress);
  }, [submitting]);
  return progress;
}
