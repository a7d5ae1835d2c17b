/**
 * /enrol?token=… — a recruiter or admin sets up two-factor authentication
 * with the enrolment link an administrator gave them (or `npm run
 * create-admin` printed): scan the QR code, confirm with the password (or
 * choose the first one) and a code, keep the recovery codes shown once.
 * Signed in afterwards; every other session of the account has ended. The
 * link is the credential, so the page is open to visitors, like the referee
 * and reset links: looked up by its SHA-256, one use, three days, requests
 * limited per IP, no referrer sent on. Logic: app/auth/enrolment.server.ts.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { checkCurrentPassword } from "~/auth/account.server";
import { getClientIp } from "~/auth/client-ip.server";
import { issueDeviceCookie } from "~/auth/device.server";
import { completeEnrolment, enrolmentSecret, findEnrolmentLink } from "~/auth/enrolment.server";
import { formatSecret, totpKeyUri } from "~/auth/mfa.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { hashPassword } from "~/auth/password.server";
import { qrCodePath } from "~/auth/qr.server";
import { sessionCookie } from "~/auth/session.server";
import {
  consumeRateLimit,
  describeWait,
  retryAfter,
  TOKEN_LINK_LIMIT,
} from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { keepRetryAfter } from "~/utils/route-headers";
import { getBrand, pageTitle } from "~/utils/site";
import authStyles from "~/styles/auth.css";
import twoFactorStyles from "~/styles/two-factor.css";
import { enrolSchema, HIDE } from "./schema";
import { invariantResponse } from "~/utils/misc";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: authStyles },
  { rel: "stylesheet", href: twoFactorStyles },
];
export const meta: MetaFunction = () => [
  { title: pageTitle("Set up two-factor authentication") },
  { name: "robots", content: "noindex" },
];
// The token is in the URL: never cached, never sent on as a referrer.
export const headers = keepRetryAfter(() => ({
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
}));

export const INVALID_LINK =
  "This enrolment link has expired or has already been used. Ask an administrator for a new one.";
const WRONG_CODE = "That code is not right. Enter the current code from your app.";

function throttle(context: AppLoadContext) {
  const wait = consumeRateLimit(getDb(), TOKEN_LINK_LIMIT, getClientIp(context));
  invariantResponse(wait <= 0, `Too many requests. Please try again in ${describeWait(wait)}.`, {
    status: 429,
    headers: retryAfter(wait),
  });
}

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token");

export function loader({ request, context }: LoaderFunctionArgs) {
  throttle(context);
  const db = getDb();
  const link = findEnrolmentLink(db, tokenOf(request));
  if (!link) return { link: null };
  const uri = totpKeyUri(link.email, enrolmentSecret(db, link.id));
  return {
    link: {
      email: link.email,
      hasPassword: link.hasPassword,
      uri,
      key: formatSecret(enrolmentSecret(db, link.id)),
      qr: qrCodePath(uri),
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  throttle(context);
  const db = getDb();
  const ip = getClientIp(context);
  const token = tokenOf(request);
  const link = findEnrolmentLink(db, token);
  const formData = await requireFormData(request);
  const schema = enrolSchema(link?.hasPassword ?? true, (p) => passwordProblem(p, link?.email));
  const submission = parseWithZod(formData, { schema });
  const fail = (
    errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> },
    init: ResponseInit = { status: 400 },
  ) =>
    data({ reply: submission.reply({ ...errors, hideFields: HIDE }), recoveryCodes: null }, init);
  if (!token || !link) return fail({ formErrors: [INVALID_LINK] });
  if (submission.status !== "success")
    return data(
      { reply: submission.reply({ hideFields: HIDE }), recoveryCodes: null },
      { status: 400 },
    );
  const { password, code } = submission.value;

  let newPasswordHash: string | null = null;
  if (link.hasPassword) {
    const check = await checkCurrentPassword(db, { id: link.userId, email: link.email }, password, {
      request,
      ip,
    });
    if (check.kind === "throttled")
      return fail(
        { formErrors: [`Too many wrong passwords. Please wait ${describeWait(check.waitMs)}.`] },
        { status: 429, headers: retryAfter(check.waitMs) },
      );
    if (check.kind === "wrong")
      return fail({ fieldErrors: { password: ["That password is not right."] } });
  } else {
    newPasswordHash = await hashPassword(password);
  }
  const result = completeEnrolment(
    db,
    { token, code, newPasswordHash },
    { ip, userAgent: request.headers.get("User-Agent") },
  );
  if (result.kind === "invalid_link") return fail({ formErrors: [INVALID_LINK] });
  if (result.kind === "invalid_code") return fail({ fieldErrors: { code: [WRONG_CODE] } });
  if (result.kind === "throttled")
    return fail(
      { formErrors: [`Too many wrong codes. Please wait ${describeWait(result.waitMs)}.`] },
      { status: 429, headers: retryAfter(result.waitMs) },
    );
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token, result.session.expiresAt));
  headers.append("Set-Cookie", issueDeviceCookie(db, link.email));
  return data(
    {
      reply: submission.reply({ resetForm: true, hideFields: HIDE }),
      recoveryCodes: result.recoveryCodes,
    },
    { headers },
  );
}

function Done({ codes }: { codes: string[] }) {
  return (
    <section className="card stack" aria-labelledby="codes-heading">
      <h2 id="codes-heading">Two-factor authentication is on</h2>
      <p role="status">
        You are signed in. Save these recovery codes somewhere safe now: they are shown only once.
        Each one signs you in once if you lose your authenticator app.
      </p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p>
        <Link to="/recruit" className="button">
          Continue to the recruiter workspace
        </Link>
      </p>
    </section>
  );
}

export default function EnrolPage() {
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const hasPassword = link?.hasPassword ?? true;
  const schema = enrolSchema(hasPassword);
  const [form, fields] = useForm({
    id: "enrol",
    lastResult: result?.reply,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const f = fields as typeof fields & { confirmPassword: typeof fields.password };
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Set up two-factor authentication</h1>
      </header>
      {result?.recoveryCodes ? (
        <Done codes={result.recoveryCodes} />
      ) : !link ? (
        <p className="notice notice--warning">{INVALID_LINK}</p>
      ) : (
        <section className="card stack" aria-labelledby="enrol-heading">
          <h2 id="enrol-heading">Your authenticator app for {link.email}</h2>
          <p>
            Scan this QR code with an authenticator app (such as Aegis, Google Authenticator or
            1Password), or type the key in by hand.
          </p>
          <svg
            className="qr-code"
            viewBox={`0 0 ${link.qr.size} ${link.qr.size}`}
            role="img"
            aria-label={`QR code to add ${getBrand().name} to your authenticator app`}
          >
            <path d={link.qr.path} />
          </svg>
          <p>
            Key: <code className="totp-key">{link.key}</code>
          </p>
          <Form method="post" className="stack" {...getFormProps(form)} noValidate>
            <FormErrors id={form.errorId} errors={form.errors} />
            {hasPassword ? (
              <Field
                label="Password"
                hint="Your account's password, to confirm it is you."
                errors={f.password.errors}
                inputProps={{
                  ...getInputProps(f.password, { type: "password" }),
                  autoComplete: "current-password",
                }}
              />
            ) : (
              <>
                <Field
                  label="Choose a password"
                  hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`}
                  errors={f.password.errors}
                  inputProps={{
                    ...getInputProps(f.password, { type: "password" }),
                    autoComplete: "new-password",
                  }}
                />
                <Field
                  label="Confirm password"
                  errors={f.confirmPassword.errors}
                  inputProps={{
                    ...getInputProps(f.confirmPassword, { type: "password" }),
                    autoComplete: "new-password",
                  }}
                />
              </>
            )}
            <Field
              label="Authentication code"
              hint={`The 6-digit code your app shows for ${getBrand().name}.`}
              errors={f.code.errors}
              inputProps={{
                ...getInputProps(f.code, { type: "text" }),
                autoComplete: "one-time-code",
                spellCheck: false,
              }}
            />
            <button type="submit" className="button">
              Turn on two-factor authentication
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
