/**
 * /admin — the admin's overview: offers waiting for an admin's approval (an
 * offer needs a second person, so each waits on someone here), messages that
 * could not be delivered, staff who have no two-factor authentication yet
 * (they cannot open staff pages until they enrol with a link from here), and
 * the audit log's latest entries. Admins only.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAudit } from "~/auth/admin.server";
import { AUDIT_ACTIONS, isAuditAction } from "~/auth/audit.server";
import { describeAuditDetail } from "~/auth/audit-sentences";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getAdminOverview } from "~/models/admin-overview.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { formatStaffDate, formatStaffDateTime } from "~/utils/time";
import overviewStyles from "~/styles/admin-overview.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: overviewStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Overview", "Admin") }];

/** Latest audit entries shown here; the audit log pages through the rest. */
const RECENT_AUDIT = 8;

export function loader({ request }: LoaderFunctionArgs) {
  const admin = requireRole(request, "admin");
  const db = getDb();
  const overview = getAdminOverview(db, admin.id);
  const audit = listAudit(db, { action: null, email: null, page: 1 }).rows.slice(0, RECENT_AUDIT);
  return {
    pendingOffers: overview.pendingOffers.map((o) => ({
      ...o,
      drafted: formatStaffDate(o.createdAt),
    })),
    failedCount: overview.failedCount,
    failedMessages: overview.failedMessages.map((m) => ({
      ...m,
      when: formatStaffDateTime(m.createdAt),
    })),
    staffWithoutTwoFactor: overview.staffWithoutTwoFactor,
    recentAudit: audit.map((r) => ({
      id: r.id,
      when: formatStaffDateTime(r.at),
      label: isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : r.action,
      detail: describeAuditDetail(r.action, r.detail, r.emailTried),
      actor: r.actorEmail ?? (r.actorId ? `account ${r.actorId} (deleted)` : null),
    })),
  };
}

export default function AdminOverview() {
  const page = useLoaderData<typeof loader>();
  const waiting = page.pendingOffers.filter((o) => !o.yours).length;
  return (
    <div className="container">
      <header className="page-header">
        <h1>Overview</h1>
        <p className="lede">What needs an admin today.</p>
      </header>
      <ul className="overview-numbers" aria-label="At a glance">
        <li className="card">
          <span className="overview-numbers__n">{waiting}</span>{" "}
          {waiting === 1 ? "offer waits" : "offers wait"} for your approval
        </li>
        <li className="card">
          <span className="overview-numbers__n">{page.failedCount}</span> undelivered{" "}
          {page.failedCount === 1 ? "message" : "messages"}
        </li>
        <li className="card">
          <span className="overview-numbers__n">{page.staffWithoutTwoFactor.length}</span> staff
          without two-factor
        </li>
      </ul>

      <section className="card stack" aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">Offers waiting for approval</h2>
        {page.pendingOffers.length === 0 ? (
          <p>No offer is waiting. Drafted offers appear here until an admin approves them.</p>
        ) : (
          <ul className="overview-list">
            {page.pendingOffers.map((o) => (
              <li key={o.offerId}>
                <Link to={`/recruit/applications/${o.applicationId}/hiring`}>
                  {o.candidateName}, {o.openingTitle}
                </Link>{" "}
                <span className="small">
                  {o.title}; drafted {o.drafted}
                  {o.drafterName ? ` by ${o.drafterName}` : ""}
                  {o.yours ? " (yours: another admin approves it)" : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">Undelivered messages</h2>
        {page.failedMessages.length === 0 ? (
          <p>Every message was delivered or is on its way.</p>
        ) : (
          <>
            <ul className="overview-list">
              {page.failedMessages.map((m) => (
                <li key={m.id}>
                  <span className="overview-list__main">{m.subject}</span>{" "}
                  <span className="small">
                    to {m.to}, {m.when}: {m.error}
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <Link to="/admin/outbox">
                All {plural(page.failedCount, "undelivered message", "undelivered messages")} in the
                outbox
              </Link>
            </p>
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="mfa-heading">
        <h2 id="mfa-heading">Staff without two-factor authentication</h2>
        {page.staffWithoutTwoFactor.length === 0 ? (
          <p>Every recruiter and admin has an authenticator.</p>
        ) : (
          <>
            <p className="small">
              They cannot open staff pages until they enrol. Make them an enrolment link and hand it
              over in person or by a channel you trust.
            </p>
            <ul className="overview-list">
              {page.staffWithoutTwoFactor.map((u) => (
                <li key={u.id}>
                  <Link to={`/admin/users/${u.id}/enrolment`}>
                    {u.name} <span className="visually-hidden">: make an enrolment link</span>
                  </Link>{" "}
                  <span className="small">
                    {u.email}, {u.role}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Latest in the audit log</h2>
        <ul className="overview-list">
          {page.recentAudit.map((r) => (
            <li key={r.id}>
              <span className="overview-list__main">{r.label}</span>{" "}
              <span className="small">
                {r.when}
                {r.actor ? `, by ${r.actor}` : ""}
                {r.detail ? `: ${r.detail}` : ""}
              </span>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/admin/audit">The whole audit log</Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
