/**
 * Publication import, shared by the candidate's profile and the admin's
 * researcher page: a form to upload a BibTeX / ORCID file or paste BibTeX,
 * then the parsed list with a checkbox per entry (duplicates of stored ones
 * flagged: they are merged, not doubled). Plain POST forms; no JavaScript needed.
 */
import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FormErrors, TextareaField } from "~/components/forms";
import { ParseSchema } from "./publication-import-schema";

export type ParsedEntry = {
  title: string;
  authors: string;
  venue: string;
  year: number | null;
  doi: string | null;
  url: string | null;
};

export function ImportForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "import-form",
    lastResult,
    constraint: getZodConstraint(ParseSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ParseSchema }),
  });
  return (
    <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="parse" />
      <Field
        label="BibTeX (.bib) or ORCID works export (.json)"
        hint="At most 1 MB. Nothing is saved until you choose the entries on the next step."
        errors={fields.file.errors}
        inputProps={{
          ...getInputProps(fields.file, { type: "file" }),
          accept: ".bib,.bibtex,.json,.txt,application/json,text/plain,application/x-bibtex",
        }}
      />
      <TextareaField
        label="Or paste BibTeX"
        errors={fields.paste.errors}
        textareaProps={{ ...getTextareaProps(fields.paste), rows: 6 }}
      />
      <div>
        <button type="submit" className="button">
          Read the publications
        </button>
      </div>
    </Form>
  );
}

export function ReviewImport({
  entries,
  duplicates,
  note,
}: {
  entries: ParsedEntry[];
  duplicates: boolean[];
  note?: string;
}) {
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="save" />
      <p>
        We found {entries.length} publication{entries.length === 1 ? "" : "s"}. Untick any you do
        not want, then save. {note}
      </p>
      <ul className="pub-review-list">
        {entries.map((e, i) => (
          <li key={i}>
            <div className="checkbox-row">
              <input
                type="checkbox"
                id={`entry-${i}`}
                name={`entries[${i}].selected`}
                value="on"
                defaultChecked
              />
              <label htmlFor={`entry-${i}`}>
                <strong>{e.title}</strong>
                <span className="pub-meta">
                  {" "}
                  —{" "}
                  {[e.authors, e.venue, e.year ?? "no year", e.doi ? `doi:${e.doi}` : null]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
                {duplicates[i] ? (
                  <span className="pub-duplicate"> (already on the list: will be merged)</span>
                ) : null}
              </label>
            </div>
            {(["title", "authors", "venue", "doi", "url"] as const).map((k) => (
              <input key={k} type="hidden" name={`entries[${i}].${k}`} value={e[k] ?? ""} />
            ))}
            {e.year !== null ? (
              <input type="hidden" name={`entries[${i}].year`} value={e.year} />
            ) : null}
          </li>
        ))}
      </ul>
      <div>
        <button type="submit" className="button">
          Save the ticked publications
        </button>
      </div>
    </Form>
  );
}
