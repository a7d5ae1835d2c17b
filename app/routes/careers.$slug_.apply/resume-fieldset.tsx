/** The résumé part of the apply form: a saved résumé or a new PDF, and whether to keep it on the profile. */
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { RefObject } from "react";
import { ErrorList } from "~/components/forms";
import { formatDate } from "~/utils/time";

type ResumeFields = {
  resumeChoice: FieldMetadata<string>;
  resume: FieldMetadata<unknown>;
  saveToProfile: FieldMetadata<string | boolean>;
};

export function ResumeFieldset({
  fields,
  savedResume,
  fileInput,
  uploadRadio,
  onFileChosen,
}: {
  fields: ResumeFields;
  savedResume: { name: string; uploadedAt: number } | null;
  fileInput: RefObject<HTMLInputElement>;
  uploadRadio: RefObject<HTMLInputElement>;
  onFileChosen: () => void;
}) {
  const resumeErrors = fields.resume.errors;
  return (
    <fieldset className="field" aria-describedby={resumeErrors ? "resume-error" : undefined}>
      <legend>Resume (PDF, at most 5 MB)</legend>
      {savedResume ? (
        <div className="checkbox-row">
          <input
            {...getInputProps(fields.resumeChoice, { type: "radio", value: "saved" })}
            id="resume-saved"
          />
          <label htmlFor="resume-saved">
            Use my saved resume ({savedResume.name}, uploaded {formatDate(savedResume.uploadedAt)})
          </label>
        </div>
      ) : null}
      <div className="checkbox-row">
        <input
          {...getInputProps(fields.resumeChoice, { type: "radio", value: "upload" })}
          ref={uploadRadio}
          id="resume-upload"
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
          name={fields.resume.name}
          accept="application/pdf,.pdf"
          aria-describedby={resumeErrors ? "resume-hint resume-error" : "resume-hint"}
          aria-invalid={resumeErrors ? true : undefined}
          onChange={() => {
            if (uploadRadio.current) uploadRadio.current.checked = true;
            onFileChosen();
          }}
        />
      </div>
      <div className="checkbox-row">
        <input {...getInputProps(fields.saveToProfile, { type: "checkbox" })} id="saveToProfile" />
        <label htmlFor="saveToProfile">
          Also save an uploaded file as my profile resume for future applications
        </label>
      </div>
      <ErrorList id="resume-error" errors={resumeErrors} />
    </fieldset>
  );
}
