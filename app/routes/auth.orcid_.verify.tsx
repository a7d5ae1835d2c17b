/**
 * /auth/orcid/verify?token=… — the link mailed by /auth/orcid/email. The
 * page (GET) changes nothing, so a mail scanner opening the link does no
 * harm; the button (POST) creates the candidate account with the iD, or
 * links the iD to the candidate account that already has the address, and
 * signs in (app/auth/orcid.server.ts). The link works only in the browser
 * that signed in with ORCID.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getClientIp } from "~/auth/client-ip.server";
import { checkVerification, clearSignUpCookie, completeOrcidSignUp } from "~/auth/orcid.server";
import { setCookies } from "~/auth/sign-in.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AuthenticatedOrcid } from "~/components/outside-sign-in";
import authStyles from "~/styles/auth.css";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/origin.server";
import { pageTitle } from "~/utils/site";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Confirm your email address") }];

const MESSAGES = {
  invalid:
    "This link is not valid any more: it was used, replaced by a newer one, or is over an hour old. Sign in with ORCID again.",
  other_browser:
    "Open this link in the browser where you signed in with ORCID (copy it into that browser's address bar).",
  staff:
    "This email address belongs to a staff account. ORCID sign-in is for candidates; use another address.",
  deactivated: "The account with this email address has been deactivated.",
  has_other: "The account with this email address is already linked to another ORCID iD.",
} as const;

export function loader({ request }: LoaderFunctionArgs) {
  // Public: the token and this browser's sign-up cookie are the proof.
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const check = checkVerification(getDb(), request, token);
  if (check.kind !== "ok")
    return data({ token, check: null, message: MESSAGES[check.kind] }, { status: 400 });
  return { token, check, message: null };
}

export function action({ request, context }: ActionFunctionArgs) {
  // Public, as the loader.
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const db = getDb();
  const outcome = completeOrcidSignUp(db, request, token, {
    request,
    ip: getClientIp(context),
    origin: publicOrigin(request),
  });
  if (outcome.kind !== "signed_in")
    return data(
      { message: MESSAGES[outcome.kind] },
      { status: outcome.kind === "invalid" || outcome.kind === "other_browser" ? 400 : 409 },
    );
  void deliverOutbox(db);
  return redirect(outcome.redirectTo, {
    headers: setCookies([...outcome.signedIn.cookies, clearSignUpCookie()]),
  });
}

export default function VerifyOrcidEmail() {
  const { token, check, message } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const problem = refused?.message ?? message;
  return (
    <div className="container narrow stack">
      <header className="page-header">
        <h1>Confirm your email address</h1>
      </header>
      {problem ? (
        <p className="notice notice--warning" role="alert">
          {problem}
        </p>
      ) : null}
      {check && !refused ? (
        <>
          <p>
            {check.existing
              ? `Link your ORCID iD to your account ${check.email} and sign in:`
              : `Create your account for ${check.email} with your ORCID iD:`}{" "}
            <AuthenticatedOrcid orcid={check.orcid} />
          </p>
          <Form method="post" action={`/auth/orcid/verify?${new URLSearchParams({ token })}`}>
            <button type="submit" className="button">
              {check.existing ? "Link and sign in" : "Create my account"}
            </button>
          </Form>
        </>
      ) : (
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
