/**
 * /applications/:id/referees — the candidate names referees for one of their
 * applications (as many as the role asks for), reminds one who has not
 * answered (once a week each) or replaces them. Only the candidate's own
 * active application; anyone else's id is 404 (page and `.data`). The page
 * shows statuses only: a letter's content never reaches the candidate.
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
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { describeRefusal } from "~/auth/message-limits.server";
import { retryAfter } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RefereeFieldsForm, RemindForm } from "~/components/letters/referee-forms";
import { RefereeFormSchema } from "~/components/letters/referee-schema";
import { LETTER_STATUS_LABELS } from "~/components/letters/referee-status";
import {
  getRefereesForCandidate,
  nameReferees,
  remindReferee,
  replaceReferee,
  type RefereeOutcome,
} from "~/models/reference.server";
import applyStyles from "~/styles/apply.css";
import lettersStyles from "~/styles/letters.css";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { invariantResponse } from "~/utils/misc";
import { publicOrigin } from "~/utils/origin.server";
import { getId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { formatDate } from "~/utils/time";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: applyStyles },
  { rel: "stylesheet", href: lettersStyles },
];
export const meta: MetaFunction = () => [{ title: pageTitle("Referees") }];

function ownApplication(request: Request, idParam: string | undefined) {
  const user = requireUser(request);
  const id = getId(idParam);
  const letters = id ? getRefereesForCandidate(getDb(), user.id, id) : null;
  invariantResponse(id && letters, "Not found", { status: 404 });
  return { user, id, letters };
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const { id, letters } = ownApplication(request, params.id);
  return { applicationId: id, letters };
}

const MESSAGES: Record<Exclude<RefereeOutcome["kind"], "ok" | "not_found">, string> = {
  inactive: "This application is no longer active, so referees cannot be changed.",
  full: "This application already has all the referees the role asks for.",
  duplicate: "You have already named someone with this email address.",
  self: "Name someone other than yourself.",
  received: "This referee has already sent their letter.",
  too_soon: "",
  limited: "",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, id } = ownApplication(request, params.id);
  const db = getDb();
  const submission = parseWithZod(await requireFormData(request), { schema: RefereeFormSchema });
  const formId = (intent: string, refereeId?: number) =>
    intent === "replace" ? `replace-${refereeId}` : intent;
  if (submission.status !== "success") {
    const raw = submission.payload as { intent?: string; refereeId?: string };
    return data(
      { ...submission.reply(), form: formId(String(raw.intent), Number(raw.refereeId)) },
      { status: 400 },
    );
  }
  const v = submission.value;
  const common = { candidate: user, applicationId: id, origin: publicOrigin(request) };
  const outcome =
    v.intent === "add"
      ? nameReferees(db, { ...common, referees: [v] })
      : v.intent === "remind"
        ? remindReferee(db, { ...common, refereeId: v.refereeId })
        : replaceReferee(db, {
            ...common,
            refereeId: v.refereeId,
            referee: { name: v.name, email: v.email, relationship: v.relationship },
          });
  const form = formId(v.intent, "refereeId" in v ? v.refereeId : undefined);
  invariantResponse(outcome.kind !== "not_found", "Not found", { status: 404 });
  if (outcome.kind !== "ok") {
    const message =
      outcome.kind === "too_soon"
        ? `You can send the next reminder on ${formatDate(outcome.nextAt)}.`
        : outcome.kind === "limited"
          ? describeRefusal(outcome.refusal)
          : MESSAGES[outcome.kind];
    const onEmail = outcome.kind === "duplicate" || outcome.kind === "self";
    return data(
      {
        ...submission.reply(
          onEmail && v.intent !== "remind"
            ? { fieldErrors: { email: [message] } }
            : { formErrors: [message] },
        ),
        form,
      },
      outcome.kind === "limited"
        ? { status: 429, headers: retryAfter(outcome.refusal.waitMs) }
        : outcome.kind === "too_soon"
          ? { status: 429, headers: retryAfter(outcome.nextAt - Date.now()) }
          : { status: 400 },
    );
  }
  await deliverOutbox(db);
  const done = v.intent === "add" ? "named" : v.intent === "remind" ? "reminded" : "replaced";
  throw redirect(`/applications/${id}/referees?${done}=1`);
}

const NOTICES: Record<string, string> = {
  named: "We emailed your referee a link to upload their letter.",
  reminded: "We sent your referee a reminder with a new link.",
  replaced: "We emailed your new referee a link; the old link no longer works.",
};

export default function RefereesPage() {
  const { applicationId, letters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = Object.keys(NOTICES).find((k) => params.get(k) === "1");
  const resultFor = (form: string) => (actionData?.form === form ? actionData : undefined);
  const remindError = actionData?.form === "remind" ? (actionData.error?.[""] ?? null) : null;
  return (
    <div className="container narrow">
      {notice ? (
        <p className="notice" role="status">
          {NOTICES[notice]}
        </p>
      ) : null}
      <header className="page-header">
        <p className="meta-line">
          <Link to={`/applications/${applicationId}`}>Back to the application</Link>
        </p>
        <h1>Your referees</h1>
        <p className="lede">
          {letters.required === 0
            ? "This role does not ask for reference letters."
            : `This role asks for ${letters.required} reference letter${letters.required === 1 ? "" : "s"}; ${letters.received} received so far. Each referee gets a private link to upload their letter. You see whether it arrived, never what it says.`}
        </p>
      </header>
      {remindError ? (
        <p className="notice notice--warning" role="alert">
          {remindError.join(" ")}
        </p>
      ) : null}
      {letters.referees.length ? (
        <ul className="referee-list">
          {letters.referees.map((r) => (
            <li key={r.id}>
              <div className="referee-head">
                <strong>{r.name}</strong>
                <span className={`letter-status letter-status--${r.status}`}>
                  {LETTER_STATUS_LABELS[r.status]}
                </span>
              </div>
              <p className="small muted">
                {r.relationship} · {r.email} · requested {formatDate(r.requestedAt)}
                {r.lastReminderAt ? ` · reminded ${formatDate(r.lastReminderAt)}` : ""}
              </p>
              {r.status === "requested" && letters.active ? (
                <div className="referee-actions">
                  {r.nextReminderAt ? (
                    <p className="small">
                      Next reminder possible on {formatDate(r.nextReminderAt)}.
                    </p>
                  ) : (
                    <RemindForm refereeId={r.id} name={r.name} />
                  )}
                  <details open={Boolean(resultFor(`replace-${r.id}`))}>
                    <summary>Replace {r.name}</summary>
                    <RefereeFieldsForm
                      formId={`replace-${r.id}`}
                      intent="replace"
                      refereeId={r.id}
                      submitLabel="Replace and send the request"
                      lastResult={resultFor(`replace-${r.id}`)}
                    />
                  </details>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {letters.canAdd ? (
        <section aria-labelledby="add-heading" className="card">
          <h2 id="add-heading">Name a referee</h2>
          <RefereeFieldsForm
            formId="add"
            intent="add"
            submitLabel="Send the request"
            lastResult={resultFor("add")}
          />
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
          </div>
        ),
      }}
    />
  );
}
