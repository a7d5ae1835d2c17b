/**
 * /account/profile — the candidate's reusable profile: headline, location,
 * links and the current resume (a new upload replaces it). The apply form
 * offers the saved resume, so nobody uploads the same file twice.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/forms";
import { getCandidateProfile, saveCandidateProfile } from "~/models/application.server";
import applyStyles from "~/styles/apply.css";
import { getDb } from "~/utils/db.server";
import { formatDate, pageTitle } from "~/utils/site";
import { deleteStoredFile, parseResumeUpload } from "~/utils/uploads.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applyStyles }];

export const meta: MetaFunction = () => [{ title: pageTitle("Candidate profile") }];

/** An optional http(s) link; empty means "none". */
const optionalUrl = z
  .string()
  .trim()
  .max(500, "Please keep links under 500 characters.")
  .refine((v) => {
    if (v === "") return true;
    try {
      const url = new URL(v);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "Please enter a full web address starting with https://")
  .transform((v) => v || null);

/** ISO 7064 11,2 check digit, as ORCID defines it. */
export function isValidOrcid(id: string): boolean {
  if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(id)) return false;
  const digits = id.replace(/-/g, "");
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits[15] === (check === 10 ? "X" : String(check));
}

const orcid = z
  .string()
  .trim()
  .transform((v) => v.replace(/^https?:\/\/(www\.)?orcid\.org\//i, "").toUpperCase())
  .refine((v) => v === "" || isValidOrcid(v), "Please enter an ORCID iD like 0000-0002-1825-0097.")
  .transform((v) => v || null);

export const ProfileSchema = z.object({
  headline: z
    .string()
    .trim()
    .max(200, "Please keep the headline under 200 characters.")
    .default(""),
  location: z
    .string()
    .trim()
    .max(200, "Please keep the location under 200 characters.")
    .default(""),
  homepageUrl: optionalUrl.default(""),
  orcid: orcid.default(""),
  scholarUrl: optionalUrl.default(""),
  githubUrl: optionalUrl.default(""),
  linkedinUrl: optionalUrl.default(""),
});

type ProfileActionData = {
  errors: Record<string, string[]>;
  values: Record<string, string>;
  fileDropped: boolean;
};

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { values, resume } = getCandidateProfile(getDb(), user.id);
  return {
    values,
    resume: resume ? { name: resume.name, size: resume.size, uploadedAt: resume.uploadedAt } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { formData, upload, problem } = await parseResumeUpload(request, "resume");
  const values = Object.fromEntries(
    [...formData].filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
  const parsed = ProfileSchema.safeParse(values);
  const errors: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      (errors[String(issue.path[0])] ??= []).push(issue.message);
  }
  if (problem === "not_pdf") errors.resume = ["That file is not a PDF. Please choose a PDF file."];
  if (problem === "empty") errors.resume = ["That file is empty. Please choose your resume again."];
  if (!parsed.success || problem) {
    deleteStoredFile(upload?.storageName);
    return data<ProfileActionData>(
      { errors, values, fileDropped: Boolean(upload) },
      { status: 400 },
    );
  }
  try {
    saveCandidateProfile(getDb(), user.id, parsed.data, upload);
  } catch (error) {
    deleteStoredFile(upload?.storageName);
    throw error;
  }
  throw redirect("/account/profile?saved=1");
}

const LINKS = [
  { name: "homepageUrl", label: "Homepage" },
  { name: "orcid", label: "ORCID iD", hint: "For example 0000-0002-1825-0097" },
  { name: "scholarUrl", label: "Google Scholar profile" },
  { name: "githubUrl", label: "GitHub profile" },
  { name: "linkedinUrl", label: "LinkedIn profile" },
] as const;

export default function ProfilePage() {
  const { values: saved, resume } = useLoaderData<typeof loader>();
  const actionData = useActionData<ProfileActionData>();
  const [params] = useSearchParams();
  const errors: Record<string, string[] | undefined> = actionData?.errors ?? {};
  const value = (name: keyof typeof saved) => actionData?.values[name] ?? saved[name] ?? "";

  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/account">Account</Link>
        </p>
        <h1>Candidate profile</h1>
        <p className="lede">Saved once, offered on every application.</p>
      </header>
      {params.get("saved") === "1" && !actionData ? (
        <p className="notice" role="status">
          Your profile was saved.
        </p>
      ) : null}
      {actionData ? (
        <div className="form-error" role="alert">
          Your profile was not saved. Please fix the problems marked below
          {actionData.fileDropped
            ? "; the file you chose was not kept, so please choose it again"
            : ""}
          .
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <Field
          label="Headline"
          hint="One line about you, such as “PhD candidate in computational biology”."
          errors={errors.headline}
          inputProps={{
            id: "headline",
            name: "headline",
            type: "text",
            maxLength: 200,
            defaultValue: value("headline"),
          }}
        />
        <Field
          label="Location"
          errors={errors.location}
          inputProps={{
            id: "location",
            name: "location",
            type: "text",
            maxLength: 200,
            defaultValue: value("location"),
          }}
        />
        <fieldset>
          <legend>Links</legend>
          {LINKS.map((l) => (
            <Field
              key={l.name}
              label={l.label}
              hint={"hint" in l ? l.hint : undefined}
              errors={errors[l.name]}
              inputProps={{
                id: l.name,
                name: l.name,
                type: l.name === "orcid" ? "text" : "url",
                defaultValue: value(l.name),
              }}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>Resume</legend>
          {resume ? (
            <p>
              Current resume:{" "}
              <a href="/account/profile/resume" download>
                {resume.name}
              </a>{" "}
              <span className="muted">
                ({Math.ceil(resume.size / 1024)} KB, uploaded {formatDate(resume.uploadedAt)})
              </span>
            </p>
          ) : (
            <p className="muted">No resume saved yet.</p>
          )}
          <div className="field">
            <label htmlFor="resume">{resume ? "Replace it with a new PDF" : "Upload a PDF"}</label>
            <p className="hint" id="resume-hint">
              A PDF of at most 5 MB. Leave empty to keep the current one.
            </p>
            <input
              type="file"
              id="resume"
              name="resume"
              accept="application/pdf,.pdf"
              aria-describedby={errors.resume ? "resume-hint resume-error" : "resume-hint"}
              aria-invalid={errors.resume ? true : undefined}
            />
            <ErrorList id="resume-error" errors={errors.resume} />
          </div>
        </fieldset>
        <button type="submit" className="button">
          Save profile
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
