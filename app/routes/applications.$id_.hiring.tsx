/**
 * POST /applications/:id/hiring — the candidate's answers from their
 * application page: propose other interview times, accept or decline an
 * offer. Only for the candidate's own application (anyone else's is 404).
 * Success redirects back to the application page; a refusal shows here with
 * the reason (so it works without JavaScript).
 *
 * The loader answers a page, not a redirect: after a form post without
 * JavaScript Remix runs the loaders too, and a redirect there would replace
 * the refusal the action answered. A plain visit shows a link back.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { OfferAnswerSchema, ProposeTimesSchema } from "~/components/hiring/schemas";
import { getApplicationForCandidate } from "~/models/candidate-applications.server";
import { proposeInterviewTimes } from "~/models/interview.server";
import { respondToOffer } from "~/models/offer.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { invariantResponse } from "~/utils/misc";
import { publicOrigin } from "~/utils/origin.server";
import { getId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Your answer") }];

function requireOwn(request: Request, idParam: string | undefined) {
  const user = requireUser(request);
  const id = getId(idParam);
  const application = id ? getApplicationForCandidate(getDb(), user.id, id) : null;
  invariantResponse(application, "Not found", { status: 404 });
  return { user, application };
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = requireOwn(request, params.id);
  return { applicationId: application.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application } = requireOwn(request, params.id);
  const db = getDb();
  const formData = await requireFormData(request);
  const back = (notice: string) => redirect(`/applications/${application.id}?hiring=${notice}`);
  if (formData.get("intent") === "propose") {
    const s = parseWithZod(formData, { schema: ProposeTimesSchema });
    if (s.status !== "success") return data(s.reply(), { status: 400 });
    const ok = proposeInterviewTimes(db, {
      candidateId: user.id,
      applicationId: application.id,
      interviewId: s.value.interviewId,
      text: s.value.times,
    });
    if (!ok)
      return data(s.reply({ formErrors: ["That interview is no longer planned."] }), {
        status: 409,
      });
    return back("proposed");
  }
  const s = parseWithZod(formData, { schema: OfferAnswerSchema });
  if (s.status !== "success") return data(s.reply(), { status: 400 });
  const result = respondToOffer(db, {
    candidateId: user.id,
    applicationId: application.id,
    offerId: s.value.offerId,
    accept: s.value.intent === "accept_offer",
    reason: s.value.reason,
    origin: publicOrigin(request),
  });
  invariantResponse(result.kind !== "missing", "Not found", { status: 404 });
  if (result.kind === "closed")
    return data(s.reply({ formErrors: [result.message] }), { status: 409 });
  await deliverOutbox(db);
  return back(result.accepted ? "accepted" : "declined");
}

export default function HiringAnswer() {
  const result = useActionData<typeof action>();
  const { applicationId } = useLoaderData<typeof loader>();
  const back = (
    <p>
      <Link to={`/applications/${applicationId}`} className="button">
        Back to your application
      </Link>
    </p>
  );
  if (!result) {
    return (
      <div className="container narrow">
        <h1>Your answers</h1>
        <p>You answer interview times and offers on your application page.</p>
        {back}
      </div>
    );
  }
  const errors = result.error ? Object.values(result.error).flat() : null;
  return (
    <div className="container narrow">
      <h1>Your answer was not sent</h1>
      <FormErrors errors={errors?.length ? errors : ["Please try again from your application."]} />
      {back}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
