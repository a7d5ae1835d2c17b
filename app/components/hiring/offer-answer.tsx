/**
 * The candidate's answer to a sent offer: accept, or decline with an optional
 * reason (Conform + zod, the same schema as the action). The forms post to
 * /applications/:id/hiring through a fetcher, so a refusal (the offer expired
 * meanwhile, a reason too long) shows here beside the form; success
 * redirects back to the application page. Without JavaScript they are plain
 * posts and the answer route shows the refusal itself.
 */
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useFetcher } from "@remix-run/react";
import { FormErrors, TextareaField } from "~/components/forms";
import { DECLINE_REASON_MAX, OfferAnswerSchema } from "./schemas";

function useAnswerForm(id: string) {
  // The answer route replies with Conform's result on a refusal and redirects on success.
  const fetcher = useFetcher<SubmissionResult<string[]>>({ key: id });
  const [form, fields] = useForm({
    id,
    lastResult: fetcher.state === "idle" ? fetcher.data : undefined,
    constraint: getZodConstraint(OfferAnswerSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferAnswerSchema }),
  });
  return { fetcher, form, fields };
}

export function OfferAnswerForms({
  applicationId,
  offerId,
}: {
  applicationId: number;
  offerId: number;
}) {
  const actionPath = `/applications/${applicationId}/hiring`;
  const accept = useAnswerForm(`accept-offer-${offerId}`);
  const decline = useAnswerForm(`decline-offer-${offerId}`);
  return (
    <div className="offer-answer stack">
      <accept.fetcher.Form method="post" action={actionPath} {...getFormProps(accept.form)}>
        <FormErrors id={accept.form.errorId} errors={accept.form.errors} />
        <input type="hidden" name="offerId" value={offerId} />
        <input type="hidden" name="intent" value="accept_offer" />
        <button type="submit" className="button" disabled={accept.fetcher.state !== "idle"}>
          Accept offer
        </button>
      </accept.fetcher.Form>
      <details open={Boolean(decline.form.errors?.length || decline.fields.reason.errors?.length)}>
        <summary>Decline this offer</summary>
        <decline.fetcher.Form
          method="post"
          action={actionPath}
          className="stack"
          {...getFormProps(decline.form)}
        >
          <FormErrors id={decline.form.errorId} errors={decline.form.errors} />
          <input type="hidden" name="offerId" value={offerId} />
          <input type="hidden" name="intent" value="decline_offer" />
          <TextareaField
            label="Reason (optional)"
            hint={`Only the hiring team reads it. At most ${DECLINE_REASON_MAX} characters.`}
            errors={decline.fields.reason.errors}
            textareaProps={{ ...getTextareaProps(decline.fields.reason), rows: 3 }}
          />
          <div>
            <button
              type="submit"
              className="button button--danger"
              disabled={decline.fetcher.state !== "idle"}
            >
              Decline offer
            </button>
          </div>
        </decline.fetcher.Form>
      </details>
    </div>
  );
}
