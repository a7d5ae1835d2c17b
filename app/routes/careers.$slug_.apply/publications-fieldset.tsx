/**
 * The apply form's optional publication list: a BibTeX or ORCID works file,
 * or pasted BibTeX, imported into the candidate's profile with the
 * application (duplicates of what the profile holds are merged).
 */
import { Link } from "@remix-run/react";
import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Field, TextareaField } from "~/components/forms";

export function PublicationsFieldset({
  fields,
}: {
  fields: { publicationsFile: FieldMetadata<unknown>; publicationsPaste: FieldMetadata<string> };
}) {
  return (
    <fieldset className="field apply-publications">
      <legend>
        Publications <span className="muted">(optional)</span>
      </legend>
      <p className="hint">
        Add your publication list to your profile with this application; the hiring team reads it
        there. Publications already on your profile are merged, not doubled. To review the list
        entry by entry first, import it on{" "}
        <Link to="/account/profile/publications">your publications page</Link> instead.
      </p>
      <Field
        label="BibTeX (.bib) or ORCID works export (.json)"
        hint="At most 1 MB."
        errors={fields.publicationsFile.errors}
        inputProps={{
          ...getInputProps(fields.publicationsFile, { type: "file" }),
          id: "publicationsFile",
          accept: ".bib,.bibtex,.json,.txt,application/json,text/plain,application/x-bibtex",
        }}
      />
      <TextareaField
        label="Or paste BibTeX"
        errors={fields.publicationsPaste.errors}
        textareaProps={{
          ...getTextareaProps(fields.publicationsPaste),
          id: "publicationsPaste",
          rows: 4,
        }}
      />
    </fieldset>
  );
}
