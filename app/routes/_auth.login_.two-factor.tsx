/**
 * /login/two-factor — the second step of signing in. Two ways in:
 * - after the right password for an account with two-factor authentication
 *   (a short challenge cookie, no session yet): the right code creates the
 *   session;
 * - a signed-in staff member whose session has not proved a code yet
 *   (requireRole sends them here): the right code marks the session verified.
 * Codes are throttled and audited in app/auth/mfa.server.ts.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSession } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { clearChallengeCookie, readChallengeToken } from "~/auth/mfa-gate.server";
import {
  completeSignIn,
  getChallengeUserId,
  hasTwoFactor,
  verifySession,
  isStaffRole,
} from "~/auth/mfa.server";
import { isSessionVerified } from "~/auth/staff-sessions.server";
import { safeRedirect } from "~/utils/redirect";
import { finishTwoFactorSignIn } from "~/auth/sign-in.server";
import { sessionCookie } from "~/auth/session.server";
import { describeWait, retryAfter } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CodeForm, SignInCodeSchema } from "~/components/two-factor-forms";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Two-factor authentication") }];

export const WRONG_CODE =
  "That code is not right, or it was already used. Enter the current code from your app.";

function loginAgain(redirectTo: string) {
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`, {
    headers: { "Set-Cookie": clearChallengeCookie() },
  });
}

export function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  // A pending sign-in (password accepted, code owed) comes first: the browser
  // may still hold another account's session, which that sign-in replaces.
  const pending = readChallengeToken(request);
  if (pending && getChallengeUserId(getDb(), pending) !== null) {
    return { redirectTo, signedIn: false };
  }
  const current = getSession(request);
  if (current) {
    if (!hasTwoFactor(getDb(), current.user.id)) {
      if (!isStaffRole(current.user.role)) throw redirect(redirectTo);
      throw redirect(`/account/two-factor?${new URLSearchParams({ redirectTo })}`);
    }
    if (isSessionVerified(getDb(), current.session.id)) throw redirect(redirectTo);
    return { redirectTo, signedIn: true };
  }
  const token = readChallengeToken(request);
  if (!token || getChallengeUserId(getDb(), token) === null) throw loginAgain(redirectTo);
  return { redirectTo, signedIn: false };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await requireFormData(request), { schema: SignInCodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { code, redirectTo } = submission.value;
  const ip = getClientIp(context);
  const challenge = readChallengeToken(request);
  const current = challenge ? null : getSession(request);

  // A pending sign-in first (see the loader); otherwise a step-up of the session held.
  const result = challenge
    ? completeSignIn(
        getDb(),
        { challengeToken: challenge, code },
        { ip, userAgent: request.headers.get("User-Agent") },
      )
    : current
      ? verifySession(
          getDb(),
          { userId: current.user.id, sessionId: current.session.id, code },
          { ip },
        )
      : ({ kind: "expired" } as const);

  if (result.kind === "expired") return loginAgain(redirectTo);
  if (result.kind === "throttled") {
    const message = `Too many wrong codes. Please wait ${describeWait(result.waitMs)} and try again.`;
    return data(submission.reply({ formErrors: [message], resetForm: true }), {
      status: 429,
      headers: retryAfter(result.waitMs),
    });
  }
  if (result.kind === "invalid") {
    return data(submission.reply({ fieldErrors: { code: [WRONG_CODE] }, resetForm: true }), {
      status: 400,
    });
  }
  if (result.kind === "ok") {
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(result.token, result.session.expiresAt));
    headers.append("Set-Cookie", clearChallengeCookie());
    for (const cookie of finishTwoFactorSignIn(getDb(), request, {
      userId: result.userId,
      newSessionId: result.session.id,
    }))
      headers.append("Set-Cookie", cookie);
    return redirect(redirectTo, { headers });
  }
  return redirect(redirectTo);
}

export default function TwoFactorSignIn() {
  const { redirectTo, signedIn } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Two-factor authentication</h1>
      </header>
      <p>
        {signedIn
          ? "Staff pages need a code from your authenticator app for this session."
          : "Your password was right. Now enter the code from your authenticator app."}
      </p>
      <CodeForm
        id="two-factor"
        schema={SignInCodeSchema}
        lastResult={lastResult}
        hint="The 6-digit code from your authenticator app. Lost your phone? Enter one of your recovery codes instead."
        hidden={{ redirectTo }}
        submitLabel="Verify"
      />
      {signedIn ? null : (
        <p className="muted auth-links">
          <Link to={`/login?${new URLSearchParams({ redirectTo })}`}>Back to sign in</Link>
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
