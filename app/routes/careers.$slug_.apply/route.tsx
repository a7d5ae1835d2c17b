/**
 * /careers/:slug/apply — a candidate applies to an open role.
 *
 * Access: requireCandidate (anonymous → sign in and come back; staff → 403).
 * Refusals come before the body is read: unknown/draft 404, closed 410, an
 * existing active application redirects to it. The multipart body is parsed by
 * parseResumeUpload (streamed to disk, capped, PDF-checked), the text fields
 * by Conform's parseWithZod with applyFormSchema (the same schema the form
 * validates with in the browser); problems go back as a Conform reply (file
 * problems as `resume` errors). The writes happen in submitApplication's
 * transaction.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Link,
  redirect as clientRedirect,
  useActionData,
  useLoaderData,
  type ClientActionFunctionArgs,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  findActiveApplicationId,
  getCandidateProfile,
  isUniqueViolation,
  submitApplication,
} from "~/models/application.server";
import applyStyles from "~/styles/apply.css";
import { getDb } from "~/utils/db.server";
import { deliverOutbox } from "~/utils/mailer.server";
import { publicOrigin } from "~/utils/origin.server";
import { formatDate, pageTitle } from "~/utils/site";
import {
  deleteStoredFile,
  parseResumeUpload,
  type StoredUpload,
  type UploadProblem,
} from "~/utils/uploads.server";
import { ApplyForm } from "./apply-form";
import { requireCandidate } from "~/auth/auth.server";
import { requireOpenOpening } from "./queries.server";
import { applyFormSchema, NOT_A_PDF } from "./schema";
import { postWithProgress, readRenderedResult } from "./upload-progress";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applyStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Apply: ${data.opening.title}` : "Apply") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireCandidate(request);
  const db = getDb();
  const { opening, questions } = requireOpenOpening(db, params.slug);
  const existing = findActiveApplicationId(db, opening.id, user.id);
  if (existing) throw redirect(`/applications/${existing}?existing=1`);
  const { resume } = getCandidateProfile(db, user.id);
  return {
    opening: { title: opening.title, slug: opening.slug, closesAt: opening.closesAt },
    questions,
    savedResume: resume ? { name: resume.name, uploadedAt: resume.uploadedAt } : null,
  };
}

const UPLOAD_PROBLEMS: Record<UploadProblem, string> = {
  not_pdf: NOT_A_PDF,
  unsafe_pdf:
    "That PDF contains scripts, attachments or launch actions, which we do not accept. Please export it again as a plain PDF.",
  empty: "That file is empty. Please choose your resume again.",
};

const FILE_NOT_KEPT =
  "Your file was fine, but it was not kept because of the other problems: please choose it again.";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireCandidate(request);
  const db = getDb();
  const { opening, questions, firstStage } = requireOpenOpening(db, params.slug);
  const existing = findActiveApplicationId(db, opening.id, user.id);
  if (existing) throw redirect(`/applications/${existing}?existing=1`);

  const { formData, upload, problem } = await parseResumeUpload(request, "resume");
  const submission = parseWithZod(formData, { schema: applyFormSchema(questions) });

  // A chosen file wins over the "saved resume" radio: without JavaScript the
  // radio cannot follow the file input, and picking a file is the clearer intent.
  const saved = getCandidateProfile(db, user.id).resume;
  let resumeError: string | null = null;
  let resume: { fileId: number } | { upload: StoredUpload; saveToProfile: boolean } | null = null;
  if (problem) resumeError = UPLOAD_PROBLEMS[problem];
  else if (upload)
    resume = {
      upload,
      saveToProfile: submission.status === "success" && submission.value.saveToProfile,
    };
  else if (formData.get("resumeChoice") === "saved" && saved) resume = { fileId: saved.fileId };
  else
    resumeError = saved
      ? "Please choose a PDF file, or use your saved resume."
      : "Please choose your resume (a PDF file).";

  if (submission.status !== "success" || !resume) {
    deleteStoredFile(upload?.storageName);
    return data(
      submission.reply({
        formErrors: upload ? [FILE_NOT_KEPT] : undefined,
        fieldErrors: resumeError ? { resume: [resumeError] } : undefined,
      }),
      { status: 400 },
    );
  }
  const application = submission.value;

  let applicationId: number;
  try {
    applicationId = submitApplication(db, {
      candidate: user,
      opening,
      firstStage,
      resume,
      coverLetter: application.coverLetter,
      source: application.source,
      answers: application.answers,
      origin: publicOrigin(request),
    });
  } catch (error) {
    // Nothing was written; the stored file must not outlive the failed transaction.
    deleteStoredFile(upload?.storageName);
    const raced = isUniqueViolation(error)
      ? findActiveApplicationId(db, opening.id, user.id)
      : null;
    if (raced) throw redirect(`/applications/${raced}?existing=1`);
    throw error;
  }
  await deliverOutbox(getDb());
  throw redirect(`/applications/${applicationId}?submitted=1`);
}

/**
 * With JavaScript: send the very same multipart POST with XMLHttpRequest to
 * show upload progress, and hand back the reply the server rendered.
 */
export async function clientAction({ request }: ClientActionFunctionArgs) {
  // The form has passed the same schema in the browser (onValidate) already.
  const formData = await request.formData();
  let result;
  try {
    result = await postWithProgress(request.url, formData);
  } catch {
    return parseWithZod(formData, { schema: z.object({}) }).reply({
      formErrors: ["The upload did not finish. Please check your connection and submit again."],
    });
  }
  const landed = new URL(result.url || request.url);
  if (landed.pathname !== new URL(request.url).pathname)
    return clientRedirect(landed.pathname + landed.search);
  const rendered = result.status === 400 ? readRenderedResult(result.doc) : null;
  if (rendered) return rendered;
  throw new Response("", { status: result.status >= 400 ? result.status : 500 });
}

export default function ApplyPage() {
  const { opening, questions, savedResume } = useLoaderData<typeof loader>();
  // The clientAction's answer with JavaScript, the action's without: a Conform reply either way.
  const lastResult = useActionData<typeof clientAction>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to={`/careers/${opening.slug}`}>Back to the role</Link>
        </p>
        <h1>Apply for {opening.title}</h1>
        <p className="lede">
          It takes a few minutes. Everything you send goes to the hiring team for this role only.
          {opening.closesAt ? ` Applications close on ${formatDate(opening.closesAt)}.` : null}
        </p>
      </header>
      <ApplyForm questions={questions} savedResume={savedResume} lastResult={lastResult} />
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        403: () => (
          <ErrorPage title="Applications come from candidate accounts">
            You are signed in with a staff account. To try the applicant&apos;s side, sign in with a
            candidate account.
          </ErrorPage>
        ),
        404: () => (
          <ErrorPage title="We could not find that role">
            It may have been renamed or never published.
          </ErrorPage>
        ),
        409: () => (
          <ErrorPage title="This role is not ready for applications yet">
            Please try again later.
          </ErrorPage>
        ),
        410: ({ data }) => (
          <ErrorPage title="This role is no longer accepting applications">
            {typeof data === "string" && data ? `${data} ` : null}Have a look at the roles that are
            still open.
          </ErrorPage>
        ),
        413: () => (
          <ErrorPage title="That upload is too large">
            Resumes can be at most 5 MB. Please go back, choose a smaller PDF and submit again.
          </ErrorPage>
        ),
      }}
    />
  );
}

function ErrorPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="container narrow error-page">
      <h1>{title}</h1>
      <p className="lede">{children}</p>
      <p>
        <Link to="/careers" className="button">
          See open roles
        </Link>
      </p>
    </div>
  );
}
