/**
 * /careers/:slug/apply — apply to an open role, in one step.
 *
 * Access: visitors see the whole form with a "Your account" section and
 * create their account (or sign in to the one their email has) in the same
 * submission; signed-in candidates apply directly; staff get a 403.
 * Refusals come before the body is read: unknown/draft 404, closed 410, a
 * signed-in candidate's existing active application redirects to it. The
 * multipart body is parsed by parseResumeUpload (streamed to disk, capped,
 * PDF-checked), the text fields by Conform's parseWithZod with applyFormSchema
 * (the same schema the form validates with in the browser). The writes happen
 * in one transaction: submit.server.ts (signed in), submit-visitor.server.ts.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  type ClientActionFunctionArgs,
  Link,
  redirect as clientRedirect,
  useActionData,
  useLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { findActiveApplicationId, getCandidateProfile } from "~/models/application.server";
import applyStyles from "~/styles/apply.css";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/origin.server";
import { getBrand, pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { formatDate } from "~/utils/time";
import { parseResumeUpload } from "~/utils/uploads.server";
import { ApplyForm } from "./apply-form";
import { getUser } from "~/auth/auth.server";
import { outsideSignIns } from "~/auth/oidc.server";
import { getLinkedOrcid } from "~/auth/orcid.server";
import { OrcidSignInButton } from "~/components/outside-sign-in";
import { getClientIp } from "~/auth/client-ip.server";
import { requireOpenOpening } from "./queries.server";
import { applyAsVisitor } from "./submit-visitor.server";
import { applyAsCandidate } from "./submit.server";
import { postWithProgress, readRenderedResult } from "./upload-progress";
import { keepRetryAfter } from "~/utils/route-headers";
import { invariantResponse } from "~/utils/misc";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [{ rel: "stylesheet", href: applyStyles }];

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: pageTitle(args.data ? `Apply: ${args.data.opening.title}` : "Apply") },
  ...(args.data
    ? shareMeta(args, {
        title: `Apply: ${args.data.opening.title}`,
        description: `Apply for ${args.data.opening.title} at ${getBrand().name}.`,
        card: "careers",
      })
    : []),
];

/** Staff accounts do not apply; visitors and candidates do (visitors create their account here). */
function getApplicant(request: Request) {
  const user = getUser(request);
  const staff = user !== null && user.role !== "candidate";
  invariantResponse(!staff, "Applications are sent from candidate accounts.", { status: 403 });
  return user;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = getApplicant(request);
  const db = getDb();
  const { opening, questions } = requireOpenOpening(db, params.slug);
  if (user) {
    const existing = findActiveApplicationId(db, opening.id, user.id);
    if (existing) throw redirect(`/applications/${existing}?existing=1`);
  }
  const profile = user ? getCandidateProfile(db, user.id) : null;
  const resume = profile?.resume;
  return {
    opening: {
      title: opening.title,
      slug: opening.slug,
      closesAt: opening.closesAt,
      lettersRequired: opening.lettersRequired,
    },
    questions,
    visitor: !user,
    orcidSignIn: !user && outsideSignIns().orcid,
    links: {
      homepageUrl: profile?.values.homepageUrl ?? "",
      // An iD proved through ORCID fills the field when the profile has none.
      orcid: profile?.values.orcid ?? (user ? getLinkedOrcid(db, user.id) : null) ?? "",
      scholarUrl: profile?.values.scholarUrl ?? "",
      githubUrl: profile?.values.githubUrl ?? "",
    },
    savedResume: resume ? { name: resume.name, uploadedAt: resume.uploadedAt } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = getApplicant(request);
  const db = getDb();
  const opening = requireOpenOpening(db, params.slug);
  if (user) {
    const existing = findActiveApplicationId(db, opening.opening.id, user.id);
    if (existing) throw redirect(`/applications/${existing}?existing=1`);
  }
  // The optional publication list (BibTeX or ORCID JSON) comes as a second, small text file.
  const parsed = await parseResumeUpload(request, "resume", "resume", "publicationsFile");
  const ctx = {
    ...opening,
    ...parsed,
    request,
    ip: getClientIp(context),
    origin: publicOrigin(request),
  };
  return user ? applyAsCandidate(db, user, ctx) : applyAsVisitor(db, ctx);
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
  // A refused form comes back rendered: 400, or 503 when the file could not be scanned.
  const rendered =
    result.status === 400 || result.status === 503 ? readRenderedResult(result.doc) : null;
  if (rendered) return rendered;
  throw new Response("", { status: result.status >= 400 ? result.status : 500 });
}

export default function ApplyPage() {
  const { opening, questions, savedResume, visitor, links, orcidSignIn } =
    useLoaderData<typeof loader>();
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
      {orcidSignIn ? (
        <div className="outside-sign-ins">
          <OrcidSignInButton redirectTo={`/careers/${opening.slug}/apply`} />
          <p className="muted">Or fill in the form and create your account as you apply.</p>
        </div>
      ) : null}
      <ApplyForm
        questions={questions}
        lettersRequired={opening.lettersRequired}
        savedResume={savedResume}
        visitor={visitor}
        links={links}
        signInHref={`/login?${new URLSearchParams({ redirectTo: `/careers/${opening.slug}/apply` })}`}
        lastResult={lastResult}
      />
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
