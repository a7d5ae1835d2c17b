/**
 * /recruit/applications/:id/hiring — an application's interviews and offers
 * (staff only; the loader and the action each call requireRole first).
 * Schedule, change or cancel interviews (the candidate gets .ics
 * invitations), attach a scorecard, draft an offer, approve it (an admin who
 * did not draft it) and send it. The offer form is multipart (an optional
 * PDF beside the letter). Every form works without JavaScript.
 */
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { hasRole, requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InterviewForm } from "~/components/hiring/interview-form";
import { HIRING_NOTICES } from "~/components/hiring/notices";
import { OfferForm, StaffInterviews, StaffOffers } from "~/components/hiring/staff-panels";
import { hasScorecardBy, interviewerChoices } from "~/models/interview.server";
import { listInterviewsForStaff } from "~/models/interview-lists.server";
import { listOffersForStaff } from "~/models/offer-lists.server";
import hiringStyles from "~/styles/hiring.css";
import { getDb } from "~/utils/db.server";
import { utcToWallTime } from "~/utils/time";
import { invariantResponse } from "~/utils/misc";
import { publicOrigin } from "~/utils/origin.server";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { getApplication } from "~/models/application-review.server";
import { handleHiringAction, readHiringBody } from "./actions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: hiringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Interviews and offers: ${data.app.name}` : "Hiring", "Recruiting") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const app = getApplication(db, requireId(params.id));
  invariantResponse(app, "Application not found", { status: 404 });
  const interviews = listInterviewsForStaff(db, app.id).map((i) => ({
    ...i,
    defaults: {
      start: utcToWallTime(i.startsAt, i.timeZone),
      end: utcToWallTime(i.endsAt, i.timeZone),
    },
  }));
  const hasScorecard = hasScorecardBy(db, app.id, user.id);
  return {
    app: {
      id: app.id,
      name: app.name,
      status: app.status,
      openingTitle: app.openingTitle,
      openingId: app.openingId,
    },
    interviews,
    offers: listOffersForStaff(db, app.id),
    choices: interviewerChoices(db, app.openingId),
    viewerId: user.id,
    isAdmin: hasRole(user, "admin"),
    hasScorecard,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const app = getApplication(db, requireId(params.id));
  invariantResponse(app, "Application not found", { status: 404 });
  const actor = { actorId: user.id, origin: publicOrigin(request) };
  return handleHiringAction(db, user, actor, app.id, await readHiringBody(request));
}

export default function HiringPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = HIRING_NOTICES[params.get("done") ?? ""];
  const openOffer = d.offers.some((o) => ["draft", "approved", "sent"].includes(o.status));
  return (
    <div className="container hiring-page">
      <header className="page-header">
        <p className="meta-line">
          <Link to={`/recruit/openings/${d.app.openingId}`}>{d.app.openingTitle}</Link> /{" "}
          <Link to={`/recruit/applications/${d.app.id}`}>{d.app.name}</Link>
        </p>
        <h1>Interviews and offers</h1>
        <p className="lede">
          {d.app.name} · {d.app.openingTitle} · application {d.app.status}
        </p>
      </header>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="hiring-layout">
        <section aria-labelledby="interviews-h" className="stack">
          <h2 id="interviews-h">Interviews</h2>
          <StaffInterviews
            interviews={d.interviews}
            choices={d.choices}
            actionData={actionData}
            canAttach={d.hasScorecard}
          />
          {d.app.status === "active" ? (
            <details
              className="card"
              open={actionData?.form === "schedule" || d.interviews.length === 0}
            >
              <summary>
                <h3 className="inline-heading">Schedule an interview</h3>
              </summary>
              <InterviewForm
                formId="schedule"
                choices={d.choices}
                lastResult={actionData?.form === "schedule" ? actionData : undefined}
                submitLabel="Schedule and send the invitation"
                defaultValue={{ kind: "screen", timeZone: "Europe/Zurich", placeKind: "video" }}
              />
            </details>
          ) : null}
        </section>
        <section aria-labelledby="offers-h" className="stack">
          <h2 id="offers-h">Offers</h2>
          <StaffOffers
            applicationId={d.app.id}
            offers={d.offers}
            viewerId={d.viewerId}
            isAdmin={d.isAdmin}
            actionData={actionData}
          />
          {d.app.status === "active" && !openOffer ? (
            <details className="card" open={actionData?.form === "offer"}>
              <summary>
                <h3 className="inline-heading">Draft an offer</h3>
              </summary>
              <OfferForm
                defaultTitle={d.app.openingTitle}
                lastResult={actionData?.form === "offer" ? actionData : undefined}
              />
            </details>
          ) : null}
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container">
            <h1>Application not found</h1>
          </div>
        ),
      }}
    />
  );
}
