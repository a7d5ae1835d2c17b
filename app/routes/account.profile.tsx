/**
 * /account/profile — the candidate's reusable profile: headline, location,
 * links and the current resume (a new upload replaces it). The apply form
 * offers the saved resume, so nobody uploads the same file twice.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
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
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { getCandidateProfile, saveCandidateProfile } from "~/models/application.server";
import applyStyles from "~/styles/apply.css";
import { getDb } from "~/utils/db.server";
import { optionalTextField } from "~/utils/form-fields";
import { isValidOrcid, optionalOrcid, optionalUrl } from "~/utils/profile-links";
import { getLinkedOrcid } from "~/auth/orcid.server";
import { AuthenticatedOrcid } from "~/components/outside-sign-in";
import { pageTitle } from "~/utils/site";
import { formatDate } from "~/utils/time";
import {
  deleteStoredFile,
  parseResumeUpload,
  SCAN_PROBLEMS,
  uploadProblemStatus,
  type UploadProblem,
} from "~/utils/uploads.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applyStyles }];

export const meta: MetaFunction = () => [{ title: pageTitle("Candidate profile") }];

export { isValidOrcid };
const orcid = optionalOrcid;

/** The profile form: every text goes through the shared normaliser (one line each). */
export const ProfileSchema = z.object({
  headline: optionalTextField({ max: 200 }),
  location: optionalTextField({ max: 200 }),
  homepageUrl: optionalUrl,
  orcid,
  scholarUrl: optionalUrl,
  githubUrl: optionalUrl,
  linkedinUrl: optionalUrl,
  /** The file is never in the parsed fields: the uploads module checks it; listed for its errors. */
  resume: z.unknown().optional(),
});

const UPLOAD_PROBLEMS: Record<UploadProblem, string> = {
  not_pdf: "That file is not a PDF. Please choose a PDF file.",
  unsafe_pdf:
    "That PDF contains scripts, attachments or launch actions, which we do not accept. Please export it again as a plain PDF.",
  empty: "That file is empty. Please choose your resume again.",
  ...SCAN_PROBLEMS,
};
const NOT_SAVED = "Your profile was not saved. Please fix the problems marked below.";
const FILE_DROPPED =
  "Your profile was not saved, and the file you chose was not kept: please fix the problems marked below and choose it again.";

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { values, resume } = getCandidateProfile(getDb(), user.id);
  const authenticatedOrcid = getLinkedOrcid(getDb(), user.id);
  return {
    // An iD proved through ORCID fills the field when none was typed.
    values: { ...values, orcid: values.orcid ?? authenticatedOrcid },
    authenticatedOrcid,
    resume: resume ? { name: resume.name, size: resume.size, uploadedAt: resume.uploadedAt } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  // The file is checked and stored by the uploads module; the text fields by the schema.
  const { formData, upload, problem } = await parseResumeUpload(request, "resume");
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success" || problem) {
    deleteStoredFile(upload?.storageName);
    return data(
      submission.reply({
        formErrors: upload ? [FILE_DROPPED] : undefined,
        fieldErrors: problem ? { resume: [UPLOAD_PROBLEMS[problem]] } : undefined,
      }),
      { status: uploadProblemStatus(problem) },
    );
  }
  try {
    const { resume: _file, ...values } = submission.value;
    saveCandidateProfile(getDb(), user.id, values, upload);
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
  const { values: saved, resume, authenticatedOrcid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof ProfileSchema>, z.output<typeof ProfileSchema>>({
    id: "profile-form",
    lastResult,
    defaultValue: saved,
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });

  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/account">Account</Link>
        </p>
        <h1>Candidate profile</h1>
        <p className="lede">Saved once, offered on every application.</p>
        <p>
          <Link to="/account/profile/publications">
            My publications: import from BibTeX or ORCID
          </Link>
        </p>
      </header>
      {params.get("saved") === "1" && !lastResult ? (
        <p className="notice" role="status">
          Your profile was saved.
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <FormErrors
          id={form.errorId}
          errors={form.errors ?? (lastResult && !form.valid ? [NOT_SAVED] : null)}
        />
        <Field
          label="Headline"
          hint="One line about you, such as “PhD candidate in computational biology”."
          errors={fields.headline.errors}
          inputProps={getInputProps(fields.headline, { type: "text" })}
        />
        <Field
          label="Location"
          errors={fields.location.errors}
          inputProps={getInputProps(fields.location, { type: "text" })}
        />
        <fieldset>
          <legend>Links</legend>
          {authenticatedOrcid ? (
            <p>
              Authenticated ORCID iD: <AuthenticatedOrcid orcid={authenticatedOrcid} />{" "}
              <span className="muted small">
                (<Link to="/account">linked to your account</Link>)
              </span>
            </p>
          ) : null}
          {LINKS.map((l) => (
            <Field
              key={l.name}
              label={l.label}
              hint={"hint" in l ? l.hint : undefined}
              errors={fields[l.name].errors}
              inputProps={getInputProps(fields[l.name], {
                type: l.name === "orcid" ? "text" : "url",
              })}
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
              aria-describedby={fields.resume.errors ? "resume-hint resume-error" : "resume-hint"}
              aria-invalid={fields.resume.errors ? true : undefined}
            />
            <ErrorList id="resume-error" errors={fields.resume.errors} />
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
