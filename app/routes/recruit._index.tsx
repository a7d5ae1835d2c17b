/** Recruiter dashboard: the newest applications and the open roles at a glance. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { recruiterDashboard } from "~/models/opening-admin.server";
import { MyUpcomingInterviews } from "~/components/hiring/upcoming-interviews";
import { upcomingInterviewsFor } from "~/models/interview.server";
import { getDb } from "~/utils/db.server";
import { formatDate, pageTitle } from "~/utils/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Recruiting") }];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const { recent, open } = recruiterDashboard(getDb());
  return { name: user.name, recent, open, myInterviews: upcomingInterviewsFor(getDb(), user.id) };
}

export default function RecruitDashboard() {
  const { name, recent, open, myInterviews } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header section-header">
        <div>
          <h1>Recruiting</h1>
          <p className="lede">Welcome back, {name}.</p>
        </div>
        <Link to="/recruit/openings/new" className="button">
          New opening
        </Link>
      </header>
      <MyUpcomingInterviews interviews={myInterviews} />
      <div className="two-col">
        <section aria-labelledby="open-roles">
          <h2 id="open-roles">Open roles</h2>
          {open.length === 0 ? <p className="muted">No open roles.</p> : null}
          <ul className="plain-list stack">
            {open.map((o) => (
              <li key={o.id}>
                <Link to={`/recruit/openings/${o.id}`}>{o.title}</Link>{" "}
                <span className="muted">— {o.active} active</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="new-apps">
          <h2 id="new-apps">Newest applications</h2>
          {recent.length === 0 ? <p className="muted">No active applications.</p> : null}
          <ul className="plain-list stack">
            {recent.map((a) => (
              <li key={a.id}>
                <Link to={`/recruit/applications/${a.id}`}>{a.name}</Link>{" "}
                <span className="muted">
                  — {a.opening}, {a.stage}, {formatDate(a.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
