/** The consent checkbox, with the link to the privacy notice. */
import { Link } from "@remix-run/react";
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "~/components/forms";
import { getBrand } from "~/utils/site";

export function ConsentField({ field }: { field: FieldMetadata<string | undefined> }) {
  return (
    <div className="field">
      <div className="checkbox-row">
        <input
          {...getInputProps(field, { type: "checkbox" })}
          id="consent"
          aria-invalid={field.errors ? true : undefined}
          aria-describedby={field.errors ? "consent-error" : undefined}
        />
        <label htmlFor="consent">
          I agree that {getBrand().name} stores and uses this application, including my resume and
          answers, to assess it for this role and to contact me about it. Only the hiring team and
          recruiters see it.
        </label>
      </div>
      <p className="hint consent-privacy">
        How long we keep it and how to have it deleted: <Link to="/privacy">privacy notice</Link>
      </p>
      <ErrorList id="consent-error" errors={field.errors} />
    </div>
  );
}
