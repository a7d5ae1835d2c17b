/**
 * The apply form's referees: one row per letter the role asks for, rendered
 * on the server (so the form works without JavaScript); rows left blank are
 * ignored, because referees can also be named later from the application page.
 */
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList, Field } from "~/components/forms";
import { REFEREE_KEYS } from "./extras-schema";

type Row = { name?: string; email?: string; relationship?: string } | undefined;
export type RefereesField = FieldMetadata<Row[] | undefined>;

const LABELS = { name: "Name", email: "Email address", relationship: "How you know them" };

/** The id of a referee input, for the error summary's links. */
const refereeInputId = (index: number, key: (typeof REFEREE_KEYS)[number]) =>
  `referee-${index}-${key}`;

/** The referee problems in form order, for the error summary (row by row). */
export function refereeProblems(
  field: RefereesField,
): Array<{ name: string; message: string; target: string }> {
  const own = field.errors?.length
    ? [{ name: String(field.name), message: field.errors[0], target: "referees" }]
    : [];
  return own.concat(
    field.getFieldList().flatMap((row, index) => {
      const f = row.getFieldset();
      return REFEREE_KEYS.flatMap((key) =>
        f[key].errors?.length
          ? [
              {
                name: String(f[key].name),
                message: f[key].errors![0],
                target: refereeInputId(index, key),
              },
            ]
          : [],
      );
    }),
  );
}

export function RefereesFieldset({ field, required }: { field: RefereesField; required: number }) {
  const rows = field.getFieldList();
  return (
    <fieldset
      className="field apply-referees"
      id="referees"
      aria-describedby={field.errors ? "referees-hint referees-error" : "referees-hint"}
    >
      <legend>
        Referees <span className="muted">(you can also name them later)</span>
      </legend>
      <p className="hint" id="referees-hint">
        This role asks for {required} reference letter{required === 1 ? "" : "s"}. We email each
        referee a private link to upload their letter when you submit. You will see whether a letter
        arrived, never what it says. Leave rows empty to name referees later from your application
        page.
      </p>
      <ErrorList id="referees-error" errors={field.errors} />
      {rows.slice(0, required).map((row, index) => {
        const f = row.getFieldset();
        return (
          <fieldset key={row.key} className="referee-row">
            <legend>Referee {index + 1}</legend>
            {REFEREE_KEYS.map((key) => (
              <Field
                key={key}
                label={LABELS[key]}
                hint={
                  key === "relationship" ? "For example: PhD supervisor, co-author." : undefined
                }
                errors={f[key].errors}
                inputProps={{
                  ...getInputProps(f[key], { type: key === "email" ? "email" : "text" }),
                  id: refereeInputId(index, key),
                  autoComplete: "off",
                  maxLength: key === "email" ? 254 : key === "name" ? 100 : 120,
                }}
              />
            ))}
          </fieldset>
        );
      })}
    </fieldset>
  );
}
