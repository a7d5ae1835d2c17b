/**
 * /privacy — the privacy notice: what Atrium stores about candidates and
 * visitors, why, who sees it, how long (the enforced RETENTION_MONTHS, read
 * from the configuration so the page always states the period the daily
 * retention job applies), and how to export or delete one's data. Who is
 * responsible (the controller and the data-protection contact) comes from the
 * organisation's settings; the identity provider and ORCID are named as
 * processors when they are configured.
 */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ABSOLUTE_LIFETIME_MS } from "~/auth/session.server";
import { getSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: pageTitle("Privacy") },
  ...shareMeta(args, {
    title: "Privacy",
    description: `What ${args.data?.organisation ?? "this organisation"} stores about candidates and visitors, why, who sees it and for how long.`,
    card: "privacy",
    canonical: "/privacy",
  }),
];

/** The host of a configured address, as the notice names it. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function loader() {
  const env = getEnv();
  const settings = getSettings(getDb());
  const processors: Array<{ name: string; host: string; what: string }> = [];
  if (env.OIDC_ISSUER)
    processors.push({
      name: env.OIDC_DISPLAY_NAME ?? "Our identity provider",
      host: hostOf(env.OIDC_ISSUER),
      what: "signs staff in (single sign-on) and tells us who signed in: their name, email address and, where it is set up, their groups.",
    });
  if (env.ORCID_CLIENT_ID)
    processors.push({
      name: "ORCID",
      host: hostOf(env.ORCID_ISSUER),
      what: "signs candidates in who choose “Sign in with ORCID” and tells us their ORCID iD and name. ORCID does not learn what you apply for.",
    });
  return {
    organisation: settings.name,
    controller: settings.privacyController,
    contact: settings.privacyContact,
    processors,
    retentionMonths: env.RETENTION_MONTHS,
    sessionDays: Math.round(ABSOLUTE_LIFETIME_MS / 86_400_000),
  };
}

/** Text with its line breaks kept, as lines. */
function Lines({ text }: { text: string }) {
  const lines = text.split("\n");
  return lines.map((line, i) => (
    <span key={i}>
      {line}
      {i < lines.length - 1 ? <br /> : null}
    </span>
  ));
}

export default function Privacy() {
  const { organisation, controller, contact, processors, retentionMonths, sessionDays } =
    useLoaderData<typeof loader>();
  return (
    <div className="container narrow prose">
      <header className="page-header">
        <h1>Privacy</h1>
        <p className="lede">
          What {organisation} stores when you visit this site or apply for a role, why, who can see
          it, and how long we keep it.
        </p>
      </header>

      {controller || contact ? (
        <>
          <h2 id="responsible">Who is responsible</h2>
          {controller ? (
            <p>
              The controller of your personal data is:
              <br />
              <Lines text={controller} />
            </p>
          ) : null}
          {contact ? (
            <p>
              Questions about your data, and requests under data-protection law:
              <br />
              <Lines text={contact} />
            </p>
          ) : null}
        </>
      ) : null}

      <h2 id="candidates">If you apply</h2>
      <p>
        When you create an account and apply, we store your name, email address and password (only
        as a one-way hash that nobody can read back), the profile details you choose to add
        (headline, location, links), and for each application: the resume you upload, your cover
        letter, your answers to the role&apos;s questions, where you heard about the role, and the
        time you gave consent.
      </p>
      <p>
        We use this only to assess your application for that role and to contact you about it. We do
        not sell it, share it with other organisations or use it for advertising.
      </p>
      <p>
        <strong>Who sees it:</strong> our recruiters and administrators, and the researchers on the
        role&apos;s hiring team. They add notes, scorecards and stage changes to your application;
        you see your application&apos;s progress on your account, never their internal notes.
      </p>

      <h2 id="retention">How long we keep applications</h2>
      <p>
        When an application ends (you withdraw it, we decline it, or the role closes), we keep it
        for <strong>{retentionMonths} months</strong>, so we can answer questions about the decision
        and consider you again. After that, a job that runs every day anonymises it: your resume
        file is deleted, your cover letter, answers and our notes and comments about you are erased,
        and the application no longer points to you. What remains are counts without names, such as
        how many people applied to a role and how far they got, for our hiring reports. If you are
        hired, your application becomes part of your employment records.
      </p>
      <p>
        Your account and profile stay until you delete them, so you can apply again without starting
        over.
      </p>

      {processors.length ? (
        <>
          <h2 id="processors">Services that handle data for us</h2>
          <ul>
            {processors.map((p) => (
              <li key={p.name}>
                <strong>
                  {p.name} ({p.host})
                </strong>{" "}
                {p.what}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="visitors">If you visit</h2>
      <p>
        Browsing the site needs no account and sets no cookies. We do not use analytics, advertising
        or tracking scripts, and we load nothing from other sites. Our server logs record each
        request&apos;s method, page address (without the query string), status and duration, not who
        made it.
      </p>
      <p>
        When you sign in, we set one cookie that keeps you signed in (for at most {sessionDays}{" "}
        days), and store with it the browser and network address it was created from, so you can
        review and end your sessions from your account. For security we record sign-ins, failed
        attempts, password changes and similar account events with the network address they came
        from, and we count failed attempts to slow down password guessing.
      </p>

      <h2 id="your-data">Your data, your choice</h2>
      <ul>
        <li>
          <strong>See and export it:</strong> on <Link to="/account">your account</Link>, “Export my
          data” downloads everything we hold about you as a file.
        </li>
        <li>
          <strong>Correct it:</strong> edit your name and <Link to="/account/profile">profile</Link>{" "}
          at any time.
        </li>
        <li>
          <strong>Withdraw an application:</strong> from{" "}
          <Link to="/applications">your applications</Link>.
        </li>
        <li>
          <strong>Delete it:</strong> “Delete my account” on your account removes your account,
          profile, applications and files at once.
        </li>
      </ul>
      {contact ? null : (
        <p>
          For anything else about your data, write to the recruiting team at the address in the
          emails we send you.
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
