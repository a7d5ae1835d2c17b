/**
 * Recruiter home: what to do today. The queue of candidates waiting longest
 * for news, what is new since the last visit, and every open role with its
 * counts per stage (the same numbers as its board) and the median wait.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DEFAULT_STALE_DAYS, recruiterHome } from "~/models/dashboard.server";
import { MyUpcomingInterviews } from "~/components/hiring/upcoming-interviews";
import { upcomingInterviewsFor } from "~/models/interview-lists.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: pageTitle("Recruiting") }];

const STALE_CHOICES = [3, 7, 14, 30];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const raw = Number(new URL(request.url).searchParams.get("days"));
  const staleDays = STALE_CHOICES.includes(raw) ? raw : DEFAULT_STALE_DAYS;
  const home = recruiterHome(getDb(), { userId: user.id, now: Date.now(), staleDays });
  return { name: user.name, ...home, myInterviews: upcomingInterviewsFor(getDb(), user.id) };
}

export default function RecruitHome() {
  const { name, openings, newest, attention, staleDays, myInterviews } =
    useLoaderData<typeof loader>();
  return (
    <div className="container home">
      <header className="page-header section-header">
        <div>
          <h1>Recruiting</h1>
          <p className="lede">Welcome back, {name}.</p>
        </div>
        <Link to="/recruit/openings/new" className="button">
          New opening
        </Link>
      </header>

      <div className="home-grid">
        <section aria-labelledby="attention" className="home-panel">
          <h2 id="attention">
            Needs attention <span className="count-pill">{attention.total}</span>
          </h2>
          <Form method="get" className="home-filter">
            <label htmlFor="days">No news for more than</label>
            <select id="days" name="days" defaultValue={staleDays}>
              {STALE_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {plural(d, "day")}
                </option>
              ))}
            </select>
            <button type="submit" className="button button--small button--ghost">
              Show
            </button>
          </Form>
          {attention.items.length === 0 ? (
            <p className="muted">Every active candidate has heard from you recently.</p>
          ) : (
            <ol className="home-list" aria-label="Waiting longest first">
              {attention.items.map((a) => (
                <li key={a.id}>
                  <Link to={`/recruit/applications/${a.id}`}>{a.name}</Link>
                  <span className="muted">
                    {a.opening} · {a.stage}
                  </span>
                  <span className="home-list__wait">
                    {plural(a.daysWaiting, "day")} without news
                  </span>
                </li>
              ))}
            </ol>
          )}
          {attention.total > attention.items.length ? (
            <p className="small muted">
              Showing the {attention.items.length} waiting longest of {attention.total}.
            </p>
          ) : null}
        </section>

        <section aria-labelledby="new-apps" className="home-panel">
          <h2 id="new-apps">New since your last visit</h2>
          {newest.length === 0 ? (
            <p className="muted">Nothing new since you last opened your boards.</p>
          ) : (
            <ul className="home-list">
              {newest.map((a) => (
                <li key={a.id}>
                  <Link to={`/recruit/applications/${a.id}`}>{a.name}</Link>
                  <span className="muted">
                    {a.opening} · {a.stage}
                  </span>
                  <span className="home-list__wait">{formatStaffDate(a.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <MyUpcomingInterviews interviews={myInterviews} />
      </div>

      <section aria-labelledby="open-roles" className="home-roles">
        <h2 id="open-roles">Open roles</h2>
        {openings.length === 0 ? <p className="muted">No open roles.</p> : null}
        <ul className="role-list">
          {openings.map((o) => (
            <li key={o.id} className="role-row" data-opening={o.id}>
              <div className="role-row__head">
                <h3>
                  <Link to={`/recruit/openings/${o.id}`}>{o.title}</Link>
                </h3>
                <p className="role-row__facts">
                  <span>{o.active} active</span>
                  {o.newSinceVisit > 0 ? (
                    <span className="flag-new">{o.newSinceVisit} new</span>
                  ) : null}
                  <span>
                    {o.medianDaysSinceUpdate === null
                      ? "no active candidates"
                      : `median ${plural(o.medianDaysSinceUpdate, "day")} since last update`}
                  </span>
                </p>
              </div>
              <ol className="stage-strip" aria-label={`${o.title}: candidates per stage`}>
                {o.stages.map((s) => (
                  <li key={s.id} data-stage={s.id}>
                    <span className="stage-strip__name">{s.name}</span>{" "}
                    <span className="stage-strip__count">{s.count}</span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
