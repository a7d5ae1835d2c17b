/**
 * /auth/oidc/callback — where the organisation's identity provider sends the
 * browser back. The answer is checked (app/auth/oidc.server.ts: this
 * browser's flow, `state`, the code with PKCE, the ID token and `nonce`),
 * then the identity signs its staff account in (app/auth/sso.server.ts).
 * Anything refused is a page that says why, with a 4xx status and no session.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getClientIp } from "~/auth/client-ip.server";
import { clearFlowCookie, finishFlow } from "~/auth/oidc.server";
import { landingPath, setCookies } from "~/auth/sign-in.server";
import { signInWithStaffIdentity } from "~/auth/sso.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/site";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Sign-in not completed") }];

const MESSAGES = {
  no_flow: "This sign-in has expired or was already used. Start again from the sign-in page.",
  denied: "The sign-in was cancelled at the identity provider.",
  failed:
    "The identity provider's answer could not be checked, so you are not signed in. Start again from the sign-in page.",
  unverified_email:
    "Your organisation's account did not give a verified email address, so it cannot be matched to an account here. Ask your IT team to release a verified email to this application.",
  no_account:
    "There is no staff account here for your email address. Ask an administrator to invite you; signing in does not create accounts.",
  deactivated: "This account has been deactivated. Ask an administrator if you need it again.",
  not_staff:
    "Your email address belongs to a candidate account, which single sign-on does not sign in to. Sign in with your password, or ask an administrator.",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public: the provider's answer itself says who is signing in.
  const db = getDb();
  const clear = clearFlowCookie();
  const finished = await finishFlow(db, "staff", request);
  const refuse = (reason: keyof typeof MESSAGES, status: number) =>
    data(
      { message: MESSAGES[reason], provider: getEnv().OIDC_DISPLAY_NAME ?? "your organisation" },
      { status, headers: { "Set-Cookie": clear } },
    );
  if (finished.kind !== "ok") return refuse(finished.kind, finished.kind === "denied" ? 401 : 400);
  const outcome = signInWithStaffIdentity(db, finished.identity, {
    request,
    ip: getClientIp(context),
  });
  if (outcome.kind !== "ok") return refuse(outcome.kind, 403);
  const headers = setCookies([...outcome.signedIn.cookies, clear]);
  return redirect(landingPath(db, outcome.signedIn.userId, finished.identity.redirectTo), {
    headers,
  });
}

export default function SsoRefused() {
  const { message, provider } = useLoaderData<typeof loader>();
  return (
    <div className="container narrow stack">
      <header className="page-header">
        <h1>Signing in with {provider} did not work</h1>
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
