/**
 * /auth/orcid/callback — where ORCID sends the browser back. The answer is
 * checked (app/auth/oidc.server.ts); then the iD signs its candidate account
 * in, or (new iD) the person is asked for an email at /auth/orcid/email, or
 * (from /account) the iD is linked to the signed-in candidate
 * (app/auth/orcid.server.ts). Anything refused is a page that says why, with
 * a 4xx status and no session.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { clearFlowCookie, finishFlow } from "~/auth/oidc.server";
import { linkOrcid, signInWithOrcid } from "~/auth/orcid.server";
import { setCookies } from "~/auth/sign-in.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/site";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("ORCID sign-in not completed") }];

const MESSAGES = {
  no_flow: "This sign-in has expired or was already used. Start again.",
  denied: "The sign-in was cancelled at ORCID.",
  failed: "ORCID's answer could not be checked, so nothing was changed. Start again.",
  invalid: "ORCID did not give an ORCID iD, so nothing was changed.",
  staff:
    "This ORCID iD belongs to a staff account. Staff sign in with single sign-on or a password and an authenticator.",
  deactivated: "This account has been deactivated. Ask us if you need it again.",
  taken: "This ORCID iD is already linked to another account.",
  has_other: "Your account is already linked to another ORCID iD. Unlink it first.",
  wrong_account:
    "You are signed in as someone else than the person who started linking. Start again.",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public: ORCID's answer says who is signing in; a link is checked against the session below.
  const db = getDb();
  const ip = getClientIp(context);
  const clear = clearFlowCookie();
  const refuse = (reason: keyof typeof MESSAGES, status: number) =>
    data({ message: MESSAGES[reason] }, { status, headers: { "Set-Cookie": clear } });
  const finished = await finishFlow(db, "orcid", request);
  if (finished.kind !== "ok") return refuse(finished.kind, finished.kind === "denied" ? 401 : 400);
  const { identity } = finished;

  if (identity.linkUserId !== null) {
    if (getUser(request)?.id !== identity.linkUserId) return refuse("wrong_account", 403);
    const linked = linkOrcid(db, identity.linkUserId, identity, ip);
    if (linked.kind !== "linked") return refuse(linked.kind, linked.kind === "invalid" ? 400 : 409);
    return redirect("/account?orcid=linked", { headers: { "Set-Cookie": clear } });
  }

  const outcome = signInWithOrcid(db, identity, { request, ip });
  if (outcome.kind === "staff" || outcome.kind === "deactivated") return refuse(outcome.kind, 403);
  if (outcome.kind === "invalid") return refuse("invalid", 400);
  if (outcome.kind === "needs_email")
    return redirect("/auth/orcid/email", { headers: setCookies([outcome.cookie, clear]) });
  return redirect(outcome.redirectTo, {
    headers: setCookies([...outcome.signedIn.cookies, clear]),
  });
}

export default function OrcidRefused() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="container narrow stack">
      <header className="page-header">
        <h1>Signing in with ORCID did not work</h1>
      </header>
      <p className="notice notice--warning" role="alert">
        {message}
      </p>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
