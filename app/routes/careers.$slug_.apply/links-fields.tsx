/**
 * The research links candidates of research roles are asked for (ORCID,
 * Google Scholar, GitHub, homepage), prefilled from their profile; what is
 * sent is saved back to the profile with the application.
 */
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "~/components/forms";

type LinkName = "orcid" | "scholarUrl" | "githubUrl" | "homepageUrl";

const LINKS: Array<{ name: LinkName; label: string; hint?: string }> = [
  { name: "orcid", label: "ORCID iD", hint: "For example 0000-0002-1825-0097" },
  { name: "scholarUrl", label: "Google Scholar profile" },
  { name: "githubUrl", label: "GitHub profile" },
  { name: "homepageUrl", label: "Homepage" },
];

export const LINK_FIELDS: LinkName[] = LINKS.map((l) => l.name);

export function LinksFields({ fields }: { fields: Record<LinkName, FieldMetadata<unknown>> }) {
  return (
    <fieldset className="field apply-links">
      <legend>
        Your research online <span className="muted">(optional)</span>
      </legend>
      <p className="hint">Saved to your profile for your next application too.</p>
      {LINKS.map((l) => (
        <Field
          key={l.name}
          label={l.label}
          hint={l.hint}
          errors={fields[l.name].errors}
          inputProps={{
            ...getInputProps(fields[l.name], { type: l.name === "orcid" ? "text" : "url" }),
            id: l.name,
            maxLength: 500,
            autoComplete: l.name === "homepageUrl" ? "url" : "off",
          }}
        />
      ))}
    </fieldset>
  );
}
