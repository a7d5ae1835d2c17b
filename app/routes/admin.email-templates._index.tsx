/**
 * /admin/email-templates — every message the organisation's site sends, by
 * who receives it: when it goes out, the subject it goes out with, and
 * whether its text is the shipped one or was edited (when, by whom). Each
 * opens in the editor. Admins only.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listEmailTemplates, type EmailTemplateSummary } from "~/emails/templates.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import templateStyles from "~/styles/email-templates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Email templates", "Admin") }];

const AUDIENCES: Array<[EmailTemplateSummary["audience"], string]> = [
  ["account", "To people with an account"],
  ["candidate", "To candidates about their applications"],
  ["referee", "To referees"],
  ["staff", "To staff"],
];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return {
    templates: listEmailTemplates(getDb()).map((t) => ({
      ...t,
      edited: t.edited ? { on: formatStaffDate(t.edited.at), by: t.edited.by } : null,
    })),
  };
}

export default function EmailTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Email templates</h1>
        <p className="lede">
          The subject and words of every message the site sends. The layout, your organisation’s
          name, logo and colours come from <Link to="/admin/settings">Settings</Link>.
        </p>
      </header>
      {AUDIENCES.map(([audience, heading]) => {
        const group = templates.filter((t) => t.audience === audience);
        if (group.length === 0) return null;
        return (
          <section key={audience} aria-labelledby={`audience-${audience}`} className="stack">
            <h2 id={`audience-${audience}`}>{heading}</h2>
            <ul className="template-list">
              {group.map((t) => (
                <li key={t.kind} className="card template-list__item">
                  <p className="template-list__subject">
                    <Link to={`/admin/email-templates/${encodeURIComponent(t.kind)}`}>
                      {t.sampleSubject}
                    </Link>
                  </p>
                  <p className="hint">{t.description}</p>
                  <p className="small">
                    {t.edited ? (
                      <span className="tag">
                        Edited {t.edited.on}
                        {t.edited.by ? ` by ${t.edited.by}` : ""}
                      </span>
                    ) : (
                      <span className="tag tag--muted">Shipped text</span>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
