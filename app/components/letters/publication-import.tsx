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
import { PUBLICATION_TYPE_LABELS } from "~/utils/outputs";
import {
  categoryOf,
  citationOf,
  eprintLabel,
  type ImportedPublication,
} from "~/utils/publication-entry";
import { ParseSchema } from "./publication-import-schema";

/** An entry as the review list shows it: authors (with "et al."), type, venue, year, identifiers. */
function describe(e: ImportedPublication): string {
  const { authors, venue } = citationOf({ ...e, authorList: e.authors, authors: "" });
  const eprint = eprintLabel(e.eprint, e.eprintType);
  return [
    authors,
    PUBLICATION_TYPE_LABELS[categoryOf(e)],
    venue,
    e.year ?? "no year",
    e.doi ? `doi:${e.doi}` : null,
    eprint && !venue.includes(eprint) ? eprint : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

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
  problems = [],
  note,
}: {
  entries: ImportedPublication[];
  duplicates: boolean[];
  problems?: Array<{ line: number | null; message: string }>;
  note?: string;
}) {
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="save" />
      <p>
        We found {entries.length} publication{entries.length === 1 ? "" : "s"}. Untick any you do
        not want, then save. {note}
      </p>
      {problems.length > 0 ? (
        <div className="notice notice--warning" role="status">
          <p>
            {problems.length === 1
              ? "One entry in the file was not read:"
              : `${problems.length} entries in the file were not read:`}
          </p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
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
                <span className="pub-meta"> — {describe(e)}</span>
                {duplicates[i] ? (
                  <span className="pub-duplicate"> (already on the list: will be merged)</span>
                ) : null}
              </label>
            </div>
            <input type="hidden" name={`entries[${i}].data`} value={JSON.stringify(e)} />
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
