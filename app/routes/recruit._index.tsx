/**
 * Recruiter home: what to do today. Four headline numbers (new this week,
 * needs attention, interviews this week, offers awaiting approval), the queue
 * of candidates waiting longest for news (paged), what is new since the last
 * visit, and every open role with its counts per stage (the same numbers as
 * its board) and the median wait. Data: recruiterHome() in
 * app/models/dashboard.server.ts.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DEFAULT_STALE_DAYS, recruiterHome } from "~/models/dashboard.server";
import { MyUpcomingInterviews } from "~/components/hiring/upcoming-interviews";
import { upcomingInterviewsFor } from "~/models/interview.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { Pagination } from "~/components/pagination";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: pageTitle("Recruiting") }];

const STALE_CHOICES = [3, 7, 14, 30];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const url = new URL(request.url);
  const raw = Number(url.searchParams.get("days"));
  const staleDays = STALE_CHOICES.includes(raw) ? raw : DEFAULT_STALE_DAYS;
  const attentionPage = parsePage(url.searchParams.get("page"));
  const home = recruiterHome(getDb(), {
    userId: user.id,
    now: Date.now(),
    staleDays,
    attentionPage,
  });
  return {
    name: user.name,
    role: user.role,
    ...home,
    myInterviews: upcomingInterviewsFor(getDb(), user.id),
  };
}

export default function RecruitHome() {
  const { name, role, openings, newest, attention, staleDays, myInterviews, headline } =
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

      <ul className="headline-numbers" aria-label="At a glance">
        <li>
          <span className="headline-numbers__value">{headline.newThisWeek}</span>
          <span className="headline-numbers__label">new applications this week</span>
        </li>
        <li>
          <a href="#attention" className="headline-numbers__value">
            {headline.needsAttention}
          </a>
          <span className="headline-numbers__label">
            need attention (no news for over {plural(staleDays, "day")})
          </span>
        </li>
        <li>
          <span className="headline-numbers__value">{headline.interviewsThisWeek}</span>
          <span className="headline-numbers__label">interviews in the next 7 days</span>
        </li>
        <li>
          {role === "admin" ? (
            <Link to="/admin" className="headline-numbers__value">
              {headline.offersAwaitingApproval}
            </Link>
          ) : (
            <span className="headline-numbers__value">{headline.offersAwaitingApproval}</span>
          )}
          <span className="headline-numbers__label">offers awaiting approval</span>
        </li>
      </ul>

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
          <Pagination
            page={attention.page}
            pageCount={attention.pageCount}
            label="Needs attention pages"
          />
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
                      : o.medianDaysSinceUpdate === 0
                        ? "most candidates heard from you today"
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
