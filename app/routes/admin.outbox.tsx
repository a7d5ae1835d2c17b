/**
 * /admin/outbox (admins only) — every email the system has sent or queued,
 * newest first (app/emails/mailer.server.ts writes them), with both parts of
 * each: the plain text, and the HTML in a sandboxed frame served by
 * admin.outbox_.$id.html.ts under its own policy (this page allows no inline
 * styles, and an email is made of them). Reset-link and referee tokens are
 * hidden in both: reading them would let an admin act as someone else.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listOutbox, redactSecrets } from "~/auth/admin.server";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { formatStaffDateTime } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Outbox", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  const { rows, total, pageCount } = listOutbox(getDb(), { page });
  return {
    page,
    total,
    pageCount,
    messages: rows.map((m) => ({ ...m, text: redactSecrets(m.text) })),
  };
}

function deliveryState(m: { sentAt: number | null; error: string | null }) {
  if (m.sentAt) return `Sent ${formatStaffDateTime(m.sentAt)}`;
  if (m.error) return `Not delivered: ${m.error}`;
  return "Kept in the outbox (not sent: SMTP is not configured, or delivery is pending)";
}

export default function AdminOutboxPage() {
  const { messages, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Outbox</h1>
        <p className="lede">
          Every email sent to candidates, referees and staff is kept here, newest first, with its
          plain-text and HTML parts.
        </p>
      </header>
      <p className="results-summary">
        {plural(total, "message")}, page {page} of {pageCount}
      </p>
      {messages.length === 0 ? (
        <p className="empty-state">No emails yet.</p>
      ) : (
        <ol className="plain-list stack">
          {messages.map((m) => (
            <li key={m.id} className="card">
              <h2 className="h3">{m.subject}</h2>
              <dl className="definition-list">
                <dt>To</dt>
                <dd>{m.to}</dd>
                {m.kind ? (
                  <>
                    <dt>Message</dt>
                    <dd>
                      <code>{m.kind}</code>
                      {m.hasCalendar ? " (with a calendar invitation)" : null}
                    </dd>
                  </>
                ) : null}
                <dt>Queued</dt>
                <dd>{formatStaffDateTime(m.createdAt)}</dd>
                <dt>State</dt>
                <dd>{deliveryState(m)}</dd>
              </dl>
              <details>
                <summary>Plain text</summary>
                <pre className="outbox-body">{m.text}</pre>
              </details>
              {m.hasHtml ? (
                <details>
                  <summary>HTML</summary>
                  <iframe
                    className="outbox-frame"
                    src={`/admin/outbox/${m.id}/html`}
                    title={`HTML part of “${m.subject}”`}
                    sandbox=""
                    loading="lazy"
                    referrerPolicy="no-referrer"
                  />
                  <p className="hint">
                    <a href={`/admin/outbox/${m.id}/html`} rel="noreferrer">
                      Open the HTML part on its own
                    </a>
                  </p>
                </details>
              ) : (
                <p className="hint">Sent as plain text only.</p>
              )}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageCount={pageCount} label="Outbox pages" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
