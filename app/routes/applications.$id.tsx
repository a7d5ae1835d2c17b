/**
 * /applications/:id — one of the candidate's own applications: the timeline
 * of candidate-visible events, what happens next, what they sent, and
 * "Withdraw application" (a confirm checkbox, so it works without JavaScript).
 * Any id that is not theirs is 404, for the page and its `.data` request.
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
import { Fragment } from "react";
import { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors } from "~/components/forms";
import {
  getApplicationForCandidate,
  withdrawApplication,
} from "~/models/candidate-applications.server";
import { CandidateHiringPanel } from "~/components/hiring/candidate-panel";
import { getCandidateHiring } from "~/models/hiring.server";
import { RefereeStatus } from "~/components/letters/referee-status";
import { getRefereesForCandidate } from "~/models/reference.server";
import lettersStyles from "~/styles/letters.css";
import { publicOrigin } from "~/utils/origin.server";
import {
  CANDIDATE_STATUS_LABELS,
  candidateEventLine,
  WHAT_HAPPENS_NEXT,
} from "~/lib/public-status";
import applyStyles from "~/styles/apply.css";
import hiringStyles from "~/styles/hiring.css";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { daysBetween, invariantResponse, plural } from "~/utils/misc";
import { getId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { formatDate, isoDate } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: applyStyles },
  { rel: "stylesheet", href: hiringStyles },
  { rel: "stylesheet", href: lettersStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Application: ${data.application.openingTitle}` : "Application") },
];

function requireOwnApplication(request: Request, idParam: string | undefined) {
  const user = requireUser(request);
  const id = getId(idParam);
  const application = id ? getApplicationForCandidate(getDb(), user.id, id) : null;
  invariantResponse(application, "Not found", { status: 404 });
  return { user, application };
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application } = requireOwnApplication(request, params.id);
  const hiring = getCandidateHiring(getDb(), user.id, application.id);
  const letters = getRefereesForCandidate(getDb(), user.id, application.id);
  return { application, hiring, letters, now: Date.now() };
}

const WithdrawSchema = z.object({
  confirm: z.literal("on", {
    message: "Please tick the box to confirm that you want to withdraw.",
  }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application } = requireOwnApplication(request, params.id);
  const submission = parseWithZod(await requireFormData(request), { schema: WithdrawSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const done = withdrawApplication(getDb(), {
    candidate: user,
    applicationId: application.id,
    origin: publicOrigin(request),
  });
  if (!done) {
    return data(
      submission.reply({
        formErrors: ["This application is no longer active, so it cannot be withdrawn."],
      }),
      { status: 409 },
    );
  }
  await deliverOutbox(getDb());
  throw redirect(`/applications/${application.id}?withdrawn=1`);
}

const NOTICES: Record<string, string> = {
  submitted: "Thank you — your application was sent. We emailed you a confirmation.",
  existing: "You have already applied to this role. Here is your application.",
  withdrawn:
    "Your application was withdrawn. We emailed you a confirmation and told the hiring team.",
};

export default function ApplicationPage() {
  const { application: app, hiring, letters, now } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "withdraw-form",
    lastResult,
    constraint: getZodConstraint(WithdrawSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WithdrawSchema }),
  });
  const [params] = useSearchParams();
  const notice = Object.keys(NOTICES).find((key) => params.get(key) === "1");
  const days = daysBetween(app.publicChangedAt, now);

  return (
    <div className="container narrow">
      {notice ? (
        <p className="notice" role="status">
          {NOTICES[notice]}
        </p>
      ) : null}
      <header className="page-header">
        <p className="meta-line">
          <Link to="/applications">My applications</Link>
        </p>
        <h1>{app.openingTitle}</h1>
        <p className="lede">
          <span className={`status-badge status-badge--${app.candidateStatus}`}>
            {CANDIDATE_STATUS_LABELS[app.candidateStatus]}
          </span>{" "}
          Last change {formatDate(app.publicChangedAt)} (
          {days === 0 ? "today" : `${plural(days, "day")} ago`})
        </p>
      </header>

      <section aria-labelledby="next-heading" className="card">
        <h2 id="next-heading">What happens next</h2>
        <p>{WHAT_HAPPENS_NEXT[app.candidateStatus]}</p>
      </section>

      <CandidateHiringPanel applicationId={app.id} {...hiring} now={now} />
      <RefereeStatus applicationId={app.id} letters={letters} />

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="timeline">
          {app.timeline.map((entry, i) => (
            <li key={i}>
              <time dateTime={isoDate(entry.at)}>{formatDate(entry.at)}</time>
              {entry.status ? (
                <span className={`status-badge status-badge--${entry.status}`}>
                  {CANDIDATE_STATUS_LABELS[entry.status]}
                </span>
              ) : null}
              <p>
                {candidateEventLine(entry.kind, entry.status === "withdrawn" ? null : entry.status)}
              </p>
              {entry.message ? <p className="prose">{entry.message}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">What you sent</h2>
        <dl className="definition-list answer-list">
          <dt>Submitted</dt>
          <dd>{formatDate(app.createdAt)}</dd>
          <dt>Resume</dt>
          <dd>
            {app.resumeName ? (
              <a href={`/applications/${app.id}/resume`} download>
                Download {app.resumeName}
              </a>
            ) : (
              "No file"
            )}
          </dd>
          {app.answers.map((a, i) => (
            <Fragment key={i}>
              <dt>{a.label}</dt>
              <dd>{a.type === "yes_no" ? (a.value === "yes" ? "Yes" : "No") : a.value}</dd>
            </Fragment>
          ))}
        </dl>
        <h3>Cover letter</h3>
        {app.coverLetter ? (
          <p className="cover-letter">{app.coverLetter}</p>
        ) : (
          <p className="muted">No cover letter.</p>
        )}
      </section>

      {app.status === "active" ? (
        <section aria-labelledby="withdraw-heading" className="withdraw">
          <h2 id="withdraw-heading">Withdraw this application</h2>
          <p>
            If you no longer want to be considered, you can withdraw. The hiring team is told, and
            this cannot be undone (you can apply again while the role is open).
          </p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="field">
              <div className="checkbox-row">
                <input
                  {...getInputProps(fields.confirm, { type: "checkbox" })}
                  id="confirm"
                  aria-describedby={fields.confirm.errors ? "confirm-error" : undefined}
                />
                <label htmlFor="confirm">
                  Yes, I want to withdraw my application for {app.openingTitle}
                </label>
              </div>
              <ErrorList id="confirm-error" errors={fields.confirm.errors} />
            </div>
            <button type="submit" className="button button--danger">
              Withdraw application
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>Application not found</h1>
            <p className="lede">We could not find that application among yours.</p>
            <p>
              <Link to="/applications" className="button">
                My applications
              </Link>
            </p>
          </div>
        ),
      }}
    />
  );
}
