/**
 * /applications — the signed-in user's own applications, most recently
 * changed first, with the public status only (never internal stage names).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { listApplicationsForCandidate } from "~/models/candidate-applications.server";
import { CANDIDATE_STATUS_LABELS } from "~/lib/public-status";
import applyStyles from "~/styles/apply.css";
import { getDb } from "~/utils/db.server";
import { daysBetween, plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { formatDate, isoDate } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applyStyles }];

export const meta: MetaFunction = () => [{ title: pageTitle("My applications") }];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  const { items, total, pageCount } = listApplicationsForCandidate(getDb(), user.id, page);
  return { items, total, page, pageCount, now: Date.now() };
}

export default function ApplicationsPage() {
  const { items, total, page, pageCount, now } = useLoaderData<typeof loader>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>My applications</h1>
        <p className="lede">
          Where each application stands and when it last changed. We email you at every change.
        </p>
      </header>
      {total === 0 ? (
        <div className="empty-state">
          <p>You have not applied to any roles yet.</p>
          <p>
            <Link to="/careers" className="button">
              See open roles
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p className="results-summary">{plural(total, "application")}</p>
          <ul className="result-list application-list">
            {items.map((app) => {
              const days = daysBetween(app.publicChangedAt, now);
              return (
                <li key={app.id} className="card">
                  <h2>
                    <Link to={`/applications/${app.id}`}>{app.openingTitle}</Link>
                  </h2>
                  <p className="meta-line">
                    <span className={`status-badge status-badge--${app.candidateStatus}`}>
                      {CANDIDATE_STATUS_LABELS[app.candidateStatus]}
                    </span>{" "}
                    Last change{" "}
                    <time dateTime={isoDate(app.publicChangedAt)}>
                      {formatDate(app.publicChangedAt)}
                    </time>{" "}
                    ({days === 0 ? "today" : `${plural(days, "day")} ago`})
                  </p>
                  <p className="meta-line small">Applied {formatDate(app.createdAt)}</p>
                </li>
              );
            })}
          </ul>
          <Pagination page={page} pageCount={pageCount} label="Applications pages" />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
