/**
 * Panels of the candidate review page: timeline, notes and scorecards (staff
 * only), with the note and scorecard forms' schemas (Conform on both sides).
 */
import {
  getFormProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ErrorList, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { PUBLIC_STATUS_LABELS } from "~/lib/public-status";
import { RECOMMENDATIONS, type Recommendation } from "~/lib/pipeline-options";
import { formatStaffDateTime } from "~/utils/time";
import { TableWrap } from "~/components/table-wrap";
import { z } from "zod";
import type { EventType } from "~/lib/enums";
import { optionalTextField, textField } from "~/utils/form-fields";

type LastResult = SubmissionResult<string[]> | undefined;

/** The review page's note form. */
export const NoteSchema = z.object({
  intent: z.literal("note"),
  body: textField("Write the note first", { max: 10_000, multiline: true }),
});

const RECOMMENDATION_KEYS = Object.keys(RECOMMENDATIONS) as [Recommendation, ...Recommendation[]];

/** The review page's scorecard form; ratings per criterion are checked on the server. */
export const ScorecardSchema = z.object({
  intent: z.literal("scorecard"),
  ratings: z.array(z.number().int().min(1).max(4).optional()).max(10).default([]),
  recommendation: z.enum(RECOMMENDATION_KEYS, { message: "Choose a recommendation" }),
  comment: optionalTextField({ max: 2000, multiline: true }),
});

/** Every event type has a label: a new type without one does not compile. */
const EVENT_LABELS: Record<EventType, string> = {
  submitted: "Applied",
  moved: "Moved",
  rejected: "Rejected",
  hired: "Hired",
  withdrawn: "Withdrew",
  note: "Note",
  scorecard: "Scorecard",
  opening_closed: "Opening closed",
  interview_scheduled: "Interview scheduled",
  interview_rescheduled: "Interview changed",
  interview_cancelled: "Interview cancelled",
  interview_proposal: "Candidate proposed times",
  offer_drafted: "Offer drafted",
  offer_approved: "Offer approved",
  offer_sent: "Offer sent",
  offer_accepted: "Offer accepted",
  offer_declined: "Offer declined",
  offer_expired: "Offer expired",
  offer_returned: "Offer sent back",
  referee_named: "Referee named",
  referee_reminded: "Referee reminded",
  referee_replaced: "Referee replaced",
  letter_received: "Reference letter received",
};

export function Timeline({
  events,
}: {
  events: Array<{
    id: number;
    at: number;
    type: string;
    candidateVisible: boolean;
    publicStatus: string | null;
    publicMessage: string | null;
    internalDetail: string | null;
    actorName: string | null;
  }>;
}) {
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{EVENT_LABELS[e.type as EventType] ?? e.type}</strong>
          {e.internalDetail ? `: ${e.internalDetail}` : ""}
          <div className="small muted">
            <time dateTime={new Date(e.at).toISOString()}>{formatStaffDateTime(e.at)}</time>
            {e.actorName ? ` · by ${e.actorName}` : ""} ·{" "}
            {e.candidateVisible
              ? `candidate sees “${e.publicStatus ? PUBLIC_STATUS_LABELS[e.publicStatus as keyof typeof PUBLIC_STATUS_LABELS] : "update"}”`
              : "internal"}
          </div>
          {e.publicMessage ? (
            <p className="small">Message to candidate: {e.publicMessage}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function Notes({
  notes,
  lastResult,
}: {
  notes: Array<{ id: number; html: string; author: string | null; createdAt: number }>;
  lastResult: LastResult;
}) {
  const [form, fields] = useForm({
    id: "note-form",
    lastResult,
    constraint: getZodConstraint(NoteSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteSchema }),
  });
  // A saved note empties the box, so a second click cannot post it again;
  // while one is on its way the button is disabled.
  // (`reply({ resetForm: true })` answers a saved note with `initialValue: null`.)
  const saved = lastResult?.initialValue === null;
  const handled = useRef<LastResult>(undefined);
  useEffect(() => {
    if (!saved || handled.current === lastResult) return;
    handled.current = lastResult;
    form.reset();
  }, [lastResult, saved, form]);
  const navigation = useNavigation();
  const posting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "note";
  return (
    <>
      {notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="plain-list stack">
        {notes.map((n) => (
          <li key={n.id} className="card">
            <div className="prose" dangerouslySetInnerHTML={{ __html: n.html }} />
            <p className="small muted">
              {n.author ?? "Former staff member"} · {formatStaffDateTime(n.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField
          label="Add a note (Markdown, staff only)"
          errors={fields.body.errors}
          textareaProps={{ ...getTextareaProps(fields.body), id: "note-body", rows: 4 }}
        />
        <button
          type="submit"
          name="intent"
          value="note"
          className="button button--small"
          disabled={posting}
        >
          {posting ? "Adding…" : "Add note"}
        </button>
      </Form>
    </>
  );
}

export function Scorecards({
  criteria,
  scorecards,
  mine,
  lastResult,
}: {
  criteria: string[];
  scorecards: Array<{
    id: number;
    reviewer: string;
    ratings: Record<string, number>;
    recommendation: keyof typeof RECOMMENDATIONS;
    comment: string;
    updatedAt: number;
  }>;
  mine: { ratings: Record<string, number>; recommendation: string; comment: string } | null;
  lastResult: LastResult;
}) {
  const [form, fields] = useForm({
    id: "scorecard-form",
    lastResult,
    defaultValue: mine
      ? {
          ratings: criteria.map((c) => (mine.ratings[c] ? String(mine.ratings[c]) : "")),
          recommendation: mine.recommendation,
          comment: mine.comment,
        }
      : undefined,
    constraint: getZodConstraint(ScorecardSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    // Ratings per criterion are checked on the server (it knows the criteria).
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScorecardSchema }),
  });
  const ratings = fields.ratings.getFieldList();
  return (
    <>
      {scorecards.length === 0 ? <p className="muted">No scorecards yet.</p> : null}
      {scorecards.length ? (
        <TableWrap label="Scorecards by reviewer">
          <table className="data-table">
            <caption className="visually-hidden">Scorecards by reviewer</caption>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                {criteria.map((c) => (
                  <th key={c} scope="col" className="num">
                    {c}
                  </th>
                ))}
                <th scope="col">Recommendation</th>
              </tr>
            </thead>
            <tbody>
              {scorecards.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.reviewer}
                    {s.comment ? <div className="small muted">{s.comment}</div> : null}
                  </th>
                  {criteria.map((c) => (
                    <td key={c} className="num">
                      {s.ratings[c] ?? "–"}
                    </td>
                  ))}
                  <td>{RECOMMENDATIONS[s.recommendation]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <h3>{mine ? "Edit your scorecard" : "Your scorecard"}</h3>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="rating-grid">
          {criteria.map((c, i) => {
            const rating = ratings[i];
            const errors = rating?.errors;
            const name = `${fields.ratings.name}[${i}]`;
            const initial =
              rating?.initialValue ?? (mine?.ratings[c] ? String(mine.ratings[c]) : "");
            return (
              <fieldset
                key={`${c}-${form.key ?? ""}`}
                aria-invalid={errors?.length ? true : undefined}
                aria-describedby={errors?.length ? `rating-${i}-error` : undefined}
              >
                <legend>{c}</legend>
                {[1, 2, 3, 4].map((r) => (
                  <label key={r}>
                    <input
                      type="radio"
                      name={name}
                      value={r}
                      defaultChecked={initial === String(r)}
                    />{" "}
                    {r}
                  </label>
                ))}
                <ErrorList id={`rating-${i}-error`} errors={errors} />
              </fieldset>
            );
          })}
        </div>
        <SelectField
          label="Recommendation"
          errors={fields.recommendation.errors}
          selectProps={{ ...getSelectProps(fields.recommendation), id: "recommendation" }}
        >
          <option value="">Choose</option>
          {Object.entries(RECOMMENDATIONS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <TextareaField
          label="Comment (optional)"
          errors={fields.comment.errors}
          textareaProps={{ ...getTextareaProps(fields.comment), id: "sc-comment", rows: 2 }}
        />
        <button type="submit" name="intent" value="scorecard" className="button button--small">
          {mine ? "Update scorecard" : "Submit scorecard"}
        </button>
      </Form>
    </>
  );
}
