/** The researcher profile form used by /admin/people/new and /admin/people/:id. */
import { Form } from "@remix-run/react";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";

export type ResearcherFormValues = {
  name: string;
  title: string;
  labId: string;
  areaIds: string[];
  bio: string;
  homepageUrl: string;
  orcid: string;
  scholarUrl: string;
  githubUrl: string;
  status: string;
  featured: boolean;
};
type Errors = Record<string, string[] | null | undefined>;

export function researcherValuesFromPayload(p: Record<string, unknown>): ResearcherFormValues {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  const areas = p.areaIds;
  return {
    name: s(p.name),
    title: s(p.title),
    labId: s(p.labId),
    areaIds: (Array.isArray(areas) ? areas : [areas]).filter(
      (v): v is string => typeof v === "string",
    ),
    bio: s(p.bio),
    homepageUrl: s(p.homepageUrl),
    orcid: s(p.orcid),
    scholarUrl: s(p.scholarUrl),
    githubUrl: s(p.githubUrl),
    status: s(p.status) || "current",
    featured: Boolean(s(p.featured)),
  };
}

export function ResearcherForm({
  values,
  errors = {},
  labs,
  areas,
  submitLabel,
}: {
  values: ResearcherFormValues;
  errors?: Errors;
  labs: Array<{ id: number; name: string }>;
  areas: Array<{ id: number; name: string }>;
  submitLabel: string;
}) {
  const err = (k: string) => errors[k] ?? undefined;
  return (
    <Form method="post" noValidate>
      {Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          Please correct the fields marked below. Nothing was saved.
        </p>
      ) : null}
      <Field
        label="Name"
        errors={err("name")}
        inputProps={{ name: "name", defaultValue: values.name, maxLength: 120 }}
      />
      <Field
        label="Title"
        errors={err("title")}
        inputProps={{ name: "title", defaultValue: values.title, maxLength: 150 }}
      />
      <SelectField
        label="Lab"
        errors={err("labId")}
        selectProps={{ name: "labId", defaultValue: values.labId }}
      >
        <option value="">Choose a lab</option>
        {labs.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <fieldset className="field">
        <legend>Research areas</legend>
        {areas.map((a) => (
          <div key={a.id} className="checkbox-row">
            <input
              type="checkbox"
              id={`r-area-${a.id}`}
              name="areaIds"
              value={a.id}
              defaultChecked={values.areaIds.includes(String(a.id))}
            />
            <label htmlFor={`r-area-${a.id}`}>{a.name}</label>
          </div>
        ))}
        <ErrorList errors={err("areaIds")} />
      </fieldset>
      <TextareaField
        label="Bio (Markdown)"
        errors={err("bio")}
        textareaProps={{ name: "bio", defaultValue: values.bio, rows: 8 }}
      />
      <Field
        label="Homepage"
        errors={err("homepageUrl")}
        inputProps={{ name: "homepageUrl", type: "url", defaultValue: values.homepageUrl }}
      />
      <Field
        label="ORCID iD"
        errors={err("orcid")}
        inputProps={{ name: "orcid", defaultValue: values.orcid }}
      />
      <Field
        label="Google Scholar"
        errors={err("scholarUrl")}
        inputProps={{ name: "scholarUrl", type: "url", defaultValue: values.scholarUrl }}
      />
      <Field
        label="GitHub"
        errors={err("githubUrl")}
        inputProps={{ name: "githubUrl", type: "url", defaultValue: values.githubUrl }}
      />
      <SelectField
        label="Status"
        errors={err("status")}
        selectProps={{ name: "status", defaultValue: values.status }}
      >
        <option value="current">Current</option>
        <option value="alumni">Alumni</option>
      </SelectField>
      <div className="checkbox-row field">
        <input type="checkbox" id="featured" name="featured" defaultChecked={values.featured} />
        <label htmlFor="featured">Featured on the home page</label>
      </div>
      <button type="submit" name="intent" value="save" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
