/**
 * /account/two-factor — turn two-factor authentication (TOTP) on: scan the QR
 * code or type the key, confirm with the password and a current code, keep
 * the ten recovery codes shown once; every other session ends. Once on: new
 * recovery codes or turn it off (password and a code each time, ASVS 7.5.1).
 * Optional for candidates. Required for staff (requireRole sends them here
 * with `redirectTo`), who never enrol here: they use an enrolment link from
 * an admin (app/routes/enrol.tsx) and cannot turn it off. Logic:
 * app/auth/mfa.server.ts.
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
import { checkCurrentPassword } from "~/auth/account.server";
import { getSession, requireUser } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import {
  confirmEnrolment,
  disableTwoFactor,
  formatSecret,
  getOrStartEnrolment,
  getTwoFactorStatus,
  isStaffRole,
  regenerateRecoveryCodes,
  totpKeyUri,
} from "~/auth/mfa.server";
import { qrCodePath } from "~/auth/qr.server";
import { safeRedirect } from "~/utils/redirect";
import { describeWait, retryAfter } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  CodeForm,
  DisableForm,
  EnableSchema,
  RegenerateSchema,
  TwoFactorIntentSchema,
} from "~/components/two-factor-forms";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { getBrand, pageTitle } from "~/utils/site";
import { formatDate } from "~/utils/time";
import authStyles from "~/styles/auth.css";
import twoFactorStyles from "~/styles/two-factor.css";
import { keepRetryAfter } from "~/utils/route-headers";

// A throttled answer (429) keeps its Retry-After on the page's response.
export const headers = keepRetryAfter();
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: authStyles },
  { rel: "stylesheet", href: twoFactorStyles },
];
export const meta: MetaFunction = () => [{ title: pageTitle("Two-factor authentication") }];

const WRONG_CODE = "That code is not right, or it was already used. Enter the current code.";

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  const status = getTwoFactorStatus(getDb(), user.id);
  const required = isStaffRole(user.role);
  if (status.enabled || required) return { ...status, required, redirectTo, enrolment: null };
  const secret = getOrStartEnrolment(getDb(), user.id);
  if (!secret) throw redirect(url.pathname);
  const uri = totpKeyUri(user.email, secret);
  return {
    ...status,
    required,
    redirectTo,
    enrolment: { uri, key: formatSecret(secret), qr: qrCodePath(uri) },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const sessionId = getSession(request)!.session.id;
  const submission = parseWithZod(await requireFormData(request), {
    schema: TwoFactorIntentSchema,
  });
  const intent = submission.payload.intent;
  if (submission.status !== "success") {
    return data(
      { intent, reply: submission.reply({ hideFields: ["password"] }), recoveryCodes: null },
      { status: 400 },
    );
  }
  const db = getDb();
  const meta = { ip: getClientIp(context) };
  const value = submission.value;
  const wrongCode = () =>
    data(
      {
        intent,
        reply: submission.reply({ fieldErrors: { code: [WRONG_CODE] }, hideFields: ["password"] }),
        recoveryCodes: null,
      },
      { status: 400 },
    );
  const throttled = (waitMs: number) =>
    data(
      {
        intent,
        reply: submission.reply({
          formErrors: [`Too many wrong codes. Please wait ${describeWait(waitMs)} and try again.`],
          hideFields: ["password"],
        }),
        recoveryCodes: null,
      },
      { status: 429, headers: retryAfter(waitMs) },
    );

  // Every change here asks for the password first: the same throttled,
  // audited check as every other "enter your password" form.
  const check = await checkCurrentPassword(db, user, value.password, { ...meta, request });
  if (check.kind === "throttled") return throttled(check.waitMs);
  if (check.kind === "wrong") {
    return data(
      {
        intent,
        reply: submission.reply({
          fieldErrors: { password: ["That password is not right."] },
          hideFields: ["password"],
        }),
        recoveryCodes: null,
      },
      { status: 400 },
    );
  }
  const staffOnly = (message: string) =>
    data(
      {
        intent,
        reply: submission.reply({ formErrors: [message], hideFields: ["password"] }),
        recoveryCodes: null,
      },
      { status: 403 },
    );

  if (value.intent === "enable") {
    const result = confirmEnrolment(db, { userId: user.id, sessionId, code: value.code }, meta);
    if (result.kind === "already_enabled") throw redirect("/account/two-factor");
    if (result.kind === "staff") return staffOnly(STAFF_ENROL);
    if (result.kind === "invalid") return wrongCode();
    return {
      intent,
      reply: submission.reply({ resetForm: true, hideFields: ["password"] }),
      recoveryCodes: result.recoveryCodes,
    };
  }
  if (value.intent === "regenerate") {
    const result = regenerateRecoveryCodes(db, { userId: user.id, code: value.code }, meta);
    if (result.kind === "throttled") return throttled(result.waitMs);
    if (result.kind === "invalid") return wrongCode();
    return {
      intent,
      reply: submission.reply({ resetForm: true, hideFields: ["password"] }),
      recoveryCodes: result.recoveryCodes,
    };
  }
  const result = disableTwoFactor(db, { userId: user.id, sessionId, code: value.code }, meta);
  if (result.kind === "staff") return staffOnly(STAFF_KEEP);
  if (result.kind === "throttled") return throttled(result.waitMs);
  if (result.kind === "invalid") return wrongCode();
  return redirect("/account/two-factor?disabled=1");
}

const STAFF_ENROL =
  "Recruiters and admins set up two-factor authentication with an enrolment link from an administrator. Ask an administrator for one.";
const STAFF_KEEP =
  "Recruiters and admins keep two-factor authentication on. To move it to a new device, ask an administrator for a new enrolment link.";

function RecoveryCodes({ codes, redirectTo }: { codes: string[]; redirectTo: string }) {
  return (
    <section className="card" aria-labelledby="codes-heading">
      <h2 id="codes-heading">Your recovery codes</h2>
      <p role="status">
        Save these codes somewhere safe now: they are shown only once. Each one signs you in once if
        you lose your authenticator app.
      </p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {redirectTo !== "/" ? (
        <p>
          <Link to={redirectTo}>Continue</Link>
        </p>
      ) : null}
    </section>
  );
}

export default function TwoFactorPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyFor = (intent: string) =>
    actionData?.intent === intent ? actionData.reply : undefined;
  const codes = actionData?.recoveryCodes ?? null;
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Two-factor authentication</h1>
        <p>
          <Link to="/account">Back to your account</Link>
        </p>
      </header>
      {codes ? <RecoveryCodes codes={codes} redirectTo={page.redirectTo} /> : null}
      {page.required && !page.enabled ? (
        <section className="card stack" aria-labelledby="staff-heading">
          <h2 id="staff-heading">Ask an administrator for an enrolment link</h2>
          <p className="notice notice--info">
            Recruiters and admins must turn on two-factor authentication before using staff pages.
          </p>
          <p>
            Staff accounts set up their authenticator app only through an enrolment link that an
            administrator makes for them, so that a password alone is never enough to take over a
            staff account. Ask an administrator for one; it works once, for three days.
          </p>
        </section>
      ) : page.enrolment ? (
        <>
          <p>
            Two-factor authentication is off. Turn it on so that a password alone cannot open your
            account. Turning it on signs you out everywhere else.
          </p>
          <section className="card stack" aria-labelledby="enrol-heading">
            <h2 id="enrol-heading">Set up your authenticator app</h2>
            <p>
              Scan this QR code with an authenticator app (such as Aegis, Google Authenticator or
              1Password), or type the key in by hand.
            </p>
            <svg
              className="qr-code"
              viewBox={`0 0 ${page.enrolment.qr.size} ${page.enrolment.qr.size}`}
              role="img"
              aria-label={`QR code to add ${getBrand().name} to your authenticator app`}
            >
              <path d={page.enrolment.qr.path} />
            </svg>
            <p>
              Key: <code className="totp-key">{page.enrolment.key}</code>
            </p>
            <details>
              <summary>Setup link</summary>
              <p className="otpauth-uri">
                <code>{page.enrolment.uri}</code>
              </p>
            </details>
            <CodeForm
              id="enable"
              schema={EnableSchema}
              lastResult={replyFor("enable")}
              hint={`The 6-digit code your app shows for ${getBrand().name}.`}
              hidden={{ intent: "enable", redirectTo: page.redirectTo }}
              submitLabel="Turn on two-factor authentication"
            />
          </section>
        </>
      ) : (
        <>
          <p role="status">
            Two-factor authentication is on
            {page.enabledAt ? ` since ${formatDate(page.enabledAt)}` : ""}. You have{" "}
            {page.recoveryCodesLeft} unused recovery code
            {page.recoveryCodesLeft === 1 ? "" : "s"}.
          </p>
          <section className="card stack" aria-labelledby="regenerate-heading">
            <h2 id="regenerate-heading">New recovery codes</h2>
            <p>Your old recovery codes stop working when you make new ones.</p>
            <CodeForm
              id="regenerate"
              schema={RegenerateSchema}
              lastResult={replyFor("regenerate")}
              hint="The 6-digit code from your authenticator app."
              hidden={{ intent: "regenerate" }}
              submitLabel="Make new recovery codes"
            />
          </section>
          {page.required ? (
            <section className="card stack" aria-labelledby="device-heading">
              <h2 id="device-heading">A new device</h2>
              <p>
                Recruiters and admins keep two-factor authentication on. To move it to a new device,
                ask an administrator for a new enrolment link.
              </p>
            </section>
          ) : (
            <section className="card stack" aria-labelledby="disable-heading">
              <h2 id="disable-heading">Turn off two-factor authentication</h2>
              <p>Turning it off signs you out everywhere else.</p>
              <DisableForm lastResult={replyFor("disable")} />
            </section>
          )}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
