/**
 * The opening editor's "Terms" (employment type, duration, pay range) and
 * "Program" fieldsets. Their schema is `termsShape` / `programShape` in
 * opening-form-schema.ts; the model checks the program exists.
 */
import { getInputProps, getSelectProps } from "@conform-to/react";
import { Field, SelectField } from "~/components/forms";
import { EMPLOYMENT_TYPE_LABELS } from "~/utils/opening-terms";
import type { OpeningFieldsetProps } from "./opening-form-hook";
import { PAY_PERIOD_LABELS } from "./opening-form-schema";

export function TermsFieldset({ fields }: OpeningFieldsetProps) {
  return (
    <fieldset className="form-section editor-section" id="terms">
      <legend>Terms</legend>
      <p className="hint">All optional; shown on the opening page and to search engines.</p>
      <div className="editor-grid">
        <SelectField
          label="Employment type"
          errors={fields.employmentType.errors}
          selectProps={getSelectProps(fields.employmentType)}
        >
          <option value="">Not stated</option>
          {Object.entries(EMPLOYMENT_TYPE_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <Field
          label="Duration in months"
          hint="For fixed-term roles; leave empty for permanent ones."
          errors={fields.durationMonths.errors}
          inputProps={{
            ...getInputProps(fields.durationMonths, { type: "number" }),
            step: 1,
            inputMode: "numeric",
          }}
        />
        <Field
          label="Pay from"
          hint="Whole units of the currency."
          errors={fields.payMin.errors}
          inputProps={{ ...getInputProps(fields.payMin, { type: "number" }), step: 1 }}
        />
        <Field
          label="Pay up to"
          hint="Same as “Pay from” for a fixed amount."
          errors={fields.payMax.errors}
          inputProps={{ ...getInputProps(fields.payMax, { type: "number" }), step: 1 }}
        />
        <Field
          label="Currency"
          hint="ISO 4217 code, such as CHF or EUR."
          errors={fields.payCurrency.errors}
          inputProps={{
            ...getInputProps(fields.payCurrency, { type: "text" }),
            autoCapitalize: "characters",
            spellCheck: false,
            maxLength: 3,
          }}
        />
        <SelectField
          label="Pay period"
          errors={fields.payPeriod.errors}
          selectProps={getSelectProps(fields.payPeriod)}
        >
          <option value="">Not stated</option>
          {Object.entries(PAY_PERIOD_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
      </div>
    </fieldset>
  );
}

export function ProgramFieldset({
  fields,
  programs,
}: OpeningFieldsetProps & { programs: Array<{ id: number; name: string }> }) {
  return (
    <fieldset className="form-section editor-section" id="program">
      <legend>Program</legend>
      <SelectField
        label="Program (optional)"
        hint="The internship, residency or fellowship this opening recruits for."
        errors={fields.programId.errors}
        selectProps={getSelectProps(fields.programId)}
      >
        <option value="">None</option>
        {programs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
