/**
 * The staff hiring page's panels: the application's interviews (change,
 * cancel, attach my scorecard) and offers (draft, approve, send), plus the
 * review page's one-line link to that page.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { ErrorList, Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { INTERVIEW_KIND_LABELS, OFFER_STATUS_LABELS } from "~/lib/hiring-options";
import { formatStaffDate, formatStaffTimeRange, utcDayStart } from "~/utils/time";
import { InterviewForm, type Choice } from "./interview-form";
import { CURRENCIES, OfferSchema } from "./schemas";

type ActionResult = (SubmissionResult<string[]> & { form: string }) | undefined;

function resultFor(actionData: ActionResult, form: string) {
  return actionData?.form === form ? actionData : undefined;
}

function FormMessage({ result }: { result?: SubmissionResult<string[]> }) {
  const errors = result?.error ? Object.values(result.error).flat() : null;
  return errors?.length ? <FormErrors errors={errors} /> : null;
}

export type StaffInterview = {
  id: number;
  kind: keyof typeof INTERVIEW_KIND_LABELS;
  startsAt: number;
  endsAt: number;
  timeZone: string;
  placeKind: "room" | "video";
  place: string;
  note: string;
  status: "scheduled" | "cancelled";
  sequence: number;
  interviewers: string[];
  interviewerValues: string[];
  scorecardsFrom: string[];
  defaults: { start: string; end: string };
};

export function StaffInterviews({
  interviews,
  choices,
  actionData,
  canAttach,
}: {
  interviews: StaffInterview[];
  choices: Choice[];
  actionData: ActionResult;
  canAttach: boolean;
}) {
  if (interviews.length === 0) return <p className="muted">No interviews yet.</p>;
  return (
    <ul className="plain-list stack">
      {interviews.map((i) => (
        <li key={i.id} className={`card hiring-item hiring-item--${i.status}`}>
          <h3>
            {INTERVIEW_KIND_LABELS[i.kind]}
            {i.status === "cancelled" ? <span className="tag">Cancelled</span> : null}
          </h3>
          <p>{formatStaffTimeRange(i.startsAt, i.endsAt, i.timeZone)}</p>
          <dl className="definition-list">
            <dt>Where</dt>
            <dd>{i.placeKind === "video" ? <a href={i.place}>{i.place}</a> : i.place}</dd>
            <dt>Interviewers</dt>
            <dd>{i.interviewers.join(", ") || "—"}</dd>
            <dt>Scorecards attached</dt>
            <dd>{i.scorecardsFrom.join(", ") || "None yet"}</dd>
            {i.note ? (
              <>
                <dt>Note for the candidate</dt>
                <dd className="prose-text">{i.note}</dd>
              </>
            ) : null}
            <dt>Invitation version</dt>
            <dd>{i.sequence + 1}</dd>
          </dl>
          {i.status === "scheduled" ? (
            <div className="stack">
              {canAttach ? (
                <Form method="post">
                  <FormMessage result={resultFor(actionData, `attach-${i.id}`)} />
                  <input type="hidden" name="interviewId" value={i.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="attach_scorecard"
                    className="button button--secondary"
                  >
                    Attach my scorecard to this interview
                  </button>
                </Form>
              ) : null}
              <details open={Boolean(resultFor(actionData, `interview-${i.id}`))}>
                <summary>Change this interview</summary>
                <InterviewForm
                  formId={`interview-${i.id}`}
                  interviewId={i.id}
                  choices={choices}
                  lastResult={resultFor(actionData, `interview-${i.id}`)}
                  submitLabel="Save and send the updated invitation"
                  defaultValue={{
                    kind: i.kind,
                    start: i.defaults.start,
                    end: i.defaults.end,
                    timeZone: i.timeZone,
                    placeKind: i.placeKind,
                    place: i.place,
                    note: i.note,
                    interviewers: i.interviewerValues,
                  }}
                />
              </details>
              <CancelForm id={i.id} lastResult={resultFor(actionData, `cancel-${i.id}`)} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function CancelForm({ id, lastResult }: { id: number; lastResult?: SubmissionResult<string[]> }) {
  const boxId = `cancel-confirm-${id}`;
  const errors = lastResult?.error ? Object.values(lastResult.error).flat() : null;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="interviewId" value={id} />
      <div className="checkbox-row">
        <input
          type="checkbox"
          name="confirm"
          id={boxId}
          aria-describedby={errors?.length ? `${boxId}-error` : undefined}
        />
        <label htmlFor={boxId}>Yes, cancel this interview and tell the candidate</label>
      </div>
      <ErrorList id={`${boxId}-error`} errors={errors} />
      <div>
        <button type="submit" name="intent" value="cancel" className="button button--danger">
          Cancel interview
        </button>
      </div>
    </Form>
  );
}

export type StaffOffer = {
  id: number;
  title: string;
  startDate: string;
  pay: string;
  payKind: "salary" | "stipend";
  durationMonths: number | null;
  letterHtml: string;
  status: keyof typeof OFFER_STATUS_LABELS;
  expiresAt: number;
  draftedBy: number | null;
  draftedByName: string | null;
  approvedByName: string | null;
  declineReason: string | null;
  returned: { byName: string; at: number; reason: string } | null;
  pdf: { name: string; size: number } | null;
};

export function StaffOffers({
  applicationId,
  offers,
  viewerId,
  isAdmin,
  actionData,
}: {
  applicationId: number;
  offers: StaffOffer[];
  viewerId: number;
  isAdmin: boolean;
  actionData: ActionResult;
}) {
  if (offers.length === 0) return <p className="muted">No offers yet.</p>;
  return (
    <ul className="plain-list stack">
      {offers.map((o) => (
        <li key={o.id} className="card hiring-item">
          <h3>
            {o.title} <span className="tag">{OFFER_STATUS_LABELS[o.status]}</span>
          </h3>
          <dl className="definition-list">
            <dt>Starts</dt>
            <dd>{formatStaffDate(utcDayStart(o.startDate))}</dd>
            <dt>{o.payKind === "salary" ? "Salary" : "Stipend"}</dt>
            <dd>{o.pay}</dd>
            <dt>Duration</dt>
            <dd>{o.durationMonths ? `${o.durationMonths} months` : "Open-ended"}</dd>
            <dt>Reply by</dt>
            <dd>{formatStaffDate(o.expiresAt)}</dd>
            <dt>Drafted by</dt>
            <dd>{o.draftedByName ?? "—"}</dd>
            <dt>Approved by</dt>
            <dd>{o.approvedByName ?? "Not yet"}</dd>
            {o.declineReason ? (
              <>
                <dt>Reason given</dt>
                <dd>{o.declineReason}</dd>
              </>
            ) : null}
            {o.returned ? (
              <>
                <dt>Sent back by</dt>
                <dd>
                  {o.returned.byName}, {formatStaffDate(o.returned.at)}
                </dd>
                <dt>Their reason</dt>
                <dd>{o.returned.reason}</dd>
              </>
            ) : null}
          </dl>
          {o.pdf ? (
            <p className="offer-pdf">
              <a href={`/recruit/applications/${applicationId}/offers/${o.id}/pdf`} download>
                Download the offer PDF{" "}
                <span className="muted">
                  ({o.pdf.name}, {Math.ceil(o.pdf.size / 1024)} KB)
                </span>
              </a>
            </p>
          ) : null}
          <details>
            <summary>Read the letter</summary>
            <div
              className="prose offer-letter"
              dangerouslySetInnerHTML={{ __html: o.letterHtml }}
            />
          </details>
          <FormMessage result={resultFor(actionData, `offer-step-${o.id}`)} />
          {o.status === "draft" && isAdmin && o.draftedBy !== viewerId ? (
            <>
              <Form method="post">
                <input type="hidden" name="offerId" value={o.id} />
                <button type="submit" name="intent" value="approve_offer" className="button">
                  Approve offer
                </button>
              </Form>
              <details className="offer-return">
                <summary>Send back with a reason</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="offerId" value={o.id} />
                  <div className="field">
                    <label htmlFor={`return-reason-${o.id}`}>
                      What should {o.draftedByName ?? "the drafter"} change?
                    </label>
                    <textarea
                      id={`return-reason-${o.id}`}
                      name="reason"
                      rows={3}
                      required
                      minLength={3}
                      maxLength={1000}
                    />
                  </div>
                  <button
                    type="submit"
                    name="intent"
                    value="return_offer"
                    className="button button--ghost"
                  >
                    Send back to {o.draftedByName ?? "the drafter"}
                  </button>
                </Form>
              </details>
            </>
          ) : null}
          {o.status === "draft" && !(isAdmin && o.draftedBy !== viewerId) ? (
            <p className="muted small">
              Waiting for an admin other than {o.draftedBy === viewerId ? "you" : "its drafter"} to
              approve it.
            </p>
          ) : null}
          {o.status === "approved" ? (
            <Form method="post">
              <input type="hidden" name="offerId" value={o.id} />
              <button type="submit" name="intent" value="send_offer" className="button">
                Send offer to the candidate
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

export function OfferForm({
  lastResult,
  defaultTitle,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultTitle: string;
}) {
  const [form, fields] = useForm({
    id: "offer",
    lastResult,
    defaultValue: { title: defaultTitle, payKind: "salary", currency: "CHF", payPeriod: "year" },
    constraint: getZodConstraint(OfferSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }),
  });
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="stack hiring-form"
      {...getFormProps(form)}
    >
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <input type="hidden" name="intent" value="draft_offer" />
      <Field
        label="Position title"
        errors={fields.title.errors}
        inputProps={getInputProps(fields.title, { type: "text" })}
      />
      <div className="hiring-form__times">
        <Field
          label="Start date"
          errors={fields.startDate.errors}
          inputProps={getInputProps(fields.startDate, { type: "date" })}
        />
        <Field
          label="Duration in months (optional)"
          hint="Leave empty for an open-ended position."
          errors={fields.durationMonths.errors}
          inputProps={getInputProps(fields.durationMonths, { type: "number" })}
        />
        <Field
          label="Reply by"
          errors={fields.expiresOn.errors}
          inputProps={getInputProps(fields.expiresOn, { type: "date" })}
        />
      </div>
      <div className="hiring-form__times">
        <SelectField
          label="Pay"
          errors={fields.payKind.errors}
          selectProps={getSelectProps(fields.payKind)}
        >
          <option value="salary">Salary</option>
          <option value="stipend">Stipend</option>
        </SelectField>
        <Field
          label="Amount"
          errors={fields.amount.errors}
          inputProps={getInputProps(fields.amount, { type: "number" })}
        />
        <SelectField
          label="Currency"
          errors={fields.currency.errors}
          selectProps={getSelectProps(fields.currency)}
        >
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Per"
          errors={fields.payPeriod.errors}
          selectProps={getSelectProps(fields.payPeriod)}
        >
          <option value="year">Year</option>
          <option value="month">Month</option>
        </SelectField>
      </div>
      <TextareaField
        label="Offer letter"
        hint="Markdown: **bold**, lists, links. Only the candidate and staff read it."
        errors={fields.letter.errors}
        textareaProps={{ ...getTextareaProps(fields.letter), rows: 10 }}
      />
      <Field
        label="Offer PDF (optional, at most 5 MB)"
        hint="Sent with the letter: the candidate can download it once the offer is sent."
        errors={fields.pdf.errors}
        inputProps={{
          ...getInputProps(fields.pdf, { type: "file" }),
          accept: "application/pdf,.pdf",
        }}
      />
      <div>
        <button type="submit" className="button">
          Save draft for approval
        </button>
      </div>
    </Form>
  );
}

/** The review page's entry to interviews and offers (one line there). */
export function HiringLink({ applicationId }: { applicationId: number }) {
  return (
    <section aria-labelledby="hiring-link-h" className="card">
      <h2 id="hiring-link-h">Interviews and offers</h2>
      <p>
        <Link to={`/recruit/applications/${applicationId}/hiring`}>
          Schedule interviews, attach scorecards and make an offer
        </Link>
      </p>
    </section>
  );
}
