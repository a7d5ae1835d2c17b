/**
 * Where a lab is: street address, coordinates for the /labs map and the
 * OpenStreetMap link, and its IANA time zone. The fields and inputs are
 * spread into the admin lab form (components/recruit/directory-forms.tsx).
 */
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { z } from "zod";
import { Field } from "~/components/forms";
import { optionalTextField } from "~/utils/form-fields";
import { isTimeZone } from "~/utils/time";

const degrees = (min: number, max: number, what: string) =>
  z
    .number({ message: `Enter the ${what} in decimal degrees, like 47.3769` })
    .min(min, `Enter a ${what} between ${min} and ${max}`)
    .max(max, `Enter a ${what} between ${min} and ${max}`)
    .optional();

export const LabPlaceFields = {
  address: optionalTextField({ max: 300 }),
  latitude: degrees(-90, 90, "latitude"),
  longitude: degrees(-180, 180, "longitude"),
  timeZone: z
    .string({ message: "Enter a time zone" })
    .trim()
    .max(64, "Use at most 64 characters")
    .refine(isTimeZone, "Enter an IANA time zone, like Europe/Zurich")
    .optional()
    .default("UTC"),
};

/** A lab is on the map with both coordinates or neither. */
export function requireBothCoordinates(
  v: { latitude?: number; longitude?: number },
  ctx: z.RefinementCtx,
) {
  if ((v.latitude === undefined) !== (v.longitude === undefined)) {
    const path = v.latitude === undefined ? "latitude" : "longitude";
    ctx.addIssue({ code: "custom", path: [path], message: "Enter both coordinates, or neither" });
  }
}

type AnyField = FieldMetadata<string | number | null | undefined, Record<string, unknown>>;
type PlaceFields = Record<"address" | "latitude" | "longitude" | "timeZone", AnyField>;

export function LabPlaceInputs({ fields }: { fields: PlaceFields }) {
  return (
    <fieldset className="form-section">
      <legend>Where the lab is</legend>
      <Field
        label="Street address (optional)"
        errors={fields.address.errors}
        inputProps={getInputProps(fields.address, { type: "text" })}
      />
      <Field
        label="Latitude (optional)"
        hint="Decimal degrees, north positive, like 47.3769. Places the lab on the map."
        errors={fields.latitude.errors}
        inputProps={{ ...getInputProps(fields.latitude, { type: "text" }), inputMode: "decimal" }}
      />
      <Field
        label="Longitude (optional)"
        hint="Decimal degrees, east positive, like 8.5417."
        errors={fields.longitude.errors}
        inputProps={{ ...getInputProps(fields.longitude, { type: "text" }), inputMode: "decimal" }}
      />
      <Field
        label="Time zone"
        hint="An IANA time zone name, like Europe/Zurich or America/Toronto."
        errors={fields.timeZone.errors}
        inputProps={{ ...getInputProps(fields.timeZone, { type: "text" }), autoComplete: "off" }}
      />
    </fieldset>
  );
}
