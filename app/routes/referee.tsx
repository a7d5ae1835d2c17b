/**
 * /referee?token=… — a referee uploads their letter (a PDF) without an
 * account. The token (from the request email) stays in the query string,
 * which the server never logs; it is looked up by its SHA-256, works once and
 * expires. The page shows only the candidate's name and the role's title.
 * Every view and upload counts against a per-IP limit, before the token is
 * looked up. No session is read or made: the link opens nothing else.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { getClientIp } from "~/auth/client-ip.server";
import { consumeRateLimit, describeWait, retryAfter } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import {
  findRefereeLink,
  receiveLetter,
  REFEREE_LINK_LIMIT,
} from "~/models/reference-letters.server";
import lettersStyles from "~/styles/letters.css";
import { getDb } from "~/utils/db.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { publicOrigin } from "~/utils/origin.server";
import { keepRetryAfter } from "~/utils/route-headers";
import { pageTitle } from "~/utils/site";
import {
  deleteStoredFile,
  parseResumeUpload,
  SCAN_PROBLEMS,
  uploadProblemStatus,
  type UploadProblem,
} from "~/utils/uploads.server";
import { invariantResponse } from "~/utils/misc";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: lettersStyles }];
export const meta: MetaFunction = () => [
  { title: pageTitle("Upload a reference letter") },
  { name: "robots", content: "noindex" },
];
// No Referer leaves this page: the server sends `no-referrer` for every URL with a `?token=`.
export const headers = keepRetryAfter(() => ({ "Cache-Control": "private, no-store" }));

export const INVALID_LINK =
  "This link has expired or has already been used. If you still want to send a letter, ask the candidate to send you a new request.";

const PROBLEMS: Record<UploadProblem, string> = {
  not_pdf: "That file is not a PDF. Please save your letter as a PDF and choose it again.",
  unsafe_pdf:
    "That PDF contains scripts, attachments or launch actions, which we do not accept. Please export it again as a plain PDF.",
  empty: "That file is empty. Please choose your letter again.",
  ...SCAN_PROBLEMS,
};

const LetterSchema = z.object({ letter: z.unknown().optional() });

function throttle(context: AppLoadContext) {
  const wait = consumeRateLimit(getDb(), REFEREE_LINK_LIMIT, getClientIp(context));
  invariantResponse(wait <= 0, `Too many requests. Please try again in ${describeWait(wait)}.`, {
    status: 429,
    headers: retryAfter(wait),
  });
}

function tokenOf(request: Request) {
  return new URL(request.url).searchParams.get("token");
}

export function loader({ request, context }: LoaderFunctionArgs) {
  throttle(context);
  const link = findRefereeLink(getDb(), tokenOf(request));
  if (!link) return data({ link: null }, { status: 404 });
  return { link: { candidateName: link.candidateName, openingTitle: link.openingTitle } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  throttle(context);
  const token = tokenOf(request);
  const db = getDb();
  // The link is checked before a byte of the body is read.
  if (!token || !findRefereeLink(db, token)) {
    const submission = parseWithZod(new FormData(), { schema: LetterSchema });
    return data(submission.reply({ formErrors: [INVALID_LINK] }), { status: 400 });
  }
  const { formData, upload, problem } = await parseResumeUpload(request, "letter", "letter");
  const submission = parseWithZod(formData, { schema: LetterSchema });
  if (problem || !upload)
    return data(
      submission.reply({
        fieldErrors: {
          letter: [problem ? PROBLEMS[problem] : "Please choose your letter (a PDF file)."],
        },
      }),
      { status: uploadProblemStatus(problem) },
    );
  if (!receiveLetter(db, { token, upload, origin: publicOrigin(request) })) {
    await deleteStoredFile(upload.storageName);
    return data(submission.reply({ formErrors: [INVALID_LINK] }), { status: 400 });
  }
  await deliverOutbox(db);
  throw redirect("/referee/thanks");
}

export default function RefereePage() {
  const { link } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useForm({
    id: "letter-form",
    lastResult,
    constraint: getZodConstraint(LetterSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LetterSchema }),
  });
  if (!link)
    return (
      <div className="container narrow">
        <header className="page-header">
          <h1>This link does not work</h1>
        </header>
        <p className="notice notice--warning">{INVALID_LINK}</p>
      </div>
    );
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>Reference letter for {link.candidateName}</h1>
        <p className="lede">
          {link.candidateName} has applied for <strong>{link.openingTitle}</strong> and named you as
          a referee. Thank you for writing for them.
        </p>
      </header>
      <Form
        method="post"
        encType="multipart/form-data"
        action={`${location.pathname}${location.search}`}
        className="stack card"
        {...getFormProps(form)}
      >
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="Your letter (PDF, at most 5 MB)"
          hint="The hiring team reads it; the candidate is told that it arrived, never what it says. This link works once."
          errors={fields.letter.errors}
          inputProps={{
            ...getInputProps(fields.letter, { type: "file" }),
            accept: "application/pdf,.pdf",
            required: true,
          }}
        />
        <div>
          <button type="submit" className="button">
            Send the letter
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        413: () => (
          <div className="container narrow error-page">
            <h1>That file is too large</h1>
            <p className="lede">
              Letters can be at most 5 MB. Please go back and choose a smaller PDF.
            </p>
          </div>
        ),
        429: ({ data }) => (
          <div className="container narrow error-page">
            <h1>Too many requests</h1>
            <p className="lede">{typeof data === "string" ? data : null}</p>
          </div>
        ),
      }}
    />
  );
}
