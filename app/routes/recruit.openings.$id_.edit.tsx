/**
 * Edit an opening and move it through its lifecycle:
 * draft → open (publish) → closed (optionally notifying every active
 * applicant) → open again (reopen). The opening form and its schema are in
 * components/recruit/opening-form.tsx; the lifecycle form's schema is here.
 */
import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { z } from "zod";
import { FormErrors, TextareaField } from "~/components/forms";
import { OpeningForm } from "~/components/recruit/opening-form";
import { handleOpeningForm } from "~/handlers/opening-form.server";
import { getFormChoices, openingValues } from "~/models/opening-form-values.server";
import { openOpening } from "~/models/opening-admin.server";
import editorStyles from "~/styles/editor.css";
import { closeOpening } from "~/models/pipeline.server";
import { DEFAULT_CLOSING_MESSAGE } from "~/emails/pipeline";
import { publicOrigin } from "~/utils/origin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { optionalTextField } from "~/utils/form-fields";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import { getOpening } from "~/models/opening-board.server";

/** Publish, reopen, or close (optionally telling every active applicant, with an optional message). */
const LifecycleSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("reopen") }),
  z.object({
    intent: z.literal("close"),
    notify: z.boolean().default(false),
    message: optionalTextField({ max: 2000, multiline: true }),
  }),
]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.opening.title}` : "Edit opening", "Recruiting") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const db = getDb();
  const opening = getOpening(db, requireId(params.id));
  invariantResponse(opening, "Opening not found", { status: 404 });
  return {
    opening: {
      id: opening.id,
      title: opening.title,
      slug: opening.slug,
      status: opening.status,
      publishedAt: opening.publishedAt,
      closedAt: opening.closedAt,
      closesAt: opening.closesAt,
    },
    ...openingValues(db, opening.id)!,
    pastClosing: opening.closesAt !== null && opening.closesAt < Date.now(),
    ...getFormChoices(db),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const opening = getOpening(db, requireId(params.id));
  invariantResponse(opening, "Opening not found", { status: 404 });
  const formData = await requireFormData(request);
  const intent = formData.get("intent");

  if (intent === "publish" || intent === "reopen" || intent === "close") {
    const submission = parseWithZod(formData, { schema: LifecycleSchema });
    if (submission.status !== "success")
      return data({ ...submission.reply(), form: "lifecycle" as const }, { status: 400 });
    const v = submission.value;
    if (v.intent === "close") {
      const n = closeOpening(
        db,
        { actorId: user.id, origin: publicOrigin(request) },
        { openingId: opening.id, notify: v.notify, message: v.message || null },
      );
      await deliverOutbox(getDb());
      return redirect(`/recruit/openings/${opening.id}/edit?closed=${n}`);
    }
    openOpening(db, opening.id);
    return redirect(`/recruit/openings/${opening.id}/edit?published=1`);
  }

  const out = handleOpeningForm(db, formData, opening.id);
  if (out.kind === "saved") return redirect(`/recruit/openings/${opening.id}/edit?saved=1`);
  return data({ ...out.body, form: "opening" as const }, { status: out.status });
}

function CloseForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "close-opening",
    lastResult,
    defaultValue: { intent: "close", notify: true },
    constraint: getZodConstraint(LifecycleSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LifecycleSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <p>Closing removes it from the careers site and stops new applications.</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="checkbox-row">
        <input {...getInputProps(fields.notify, { type: "checkbox" })} />
        <label htmlFor={fields.notify.id}>
          Notify every active applicant (their applications end with a decision)
        </label>
      </div>
      <TextareaField
        label="Closing message to applicants"
        hint="Leave empty to send the standard message."
        errors={fields.message.errors}
        textareaProps={{
          ...getTextareaProps(fields.message),
          rows: 3,
          placeholder: DEFAULT_CLOSING_MESSAGE,
        }}
      />
      <button type="submit" name="intent" value="close" className="button button--danger">
        Close opening
      </button>
    </Form>
  );
}

export default function EditOpening() {
  const { opening, values, teamPeople, lockedStageIds, labs, areas, programs, pastClosing } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="container editor-page">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/recruit/openings">Openings</Link> /{" "}
          <Link to={`/recruit/openings/${opening.id}`}>Pipeline</Link>
        </p>
        <h1>Edit {opening.title}</h1>
        <p className="meta-line">
          Status:{" "}
          <strong>
            {opening.status === "open" && pastClosing ? "Closed for applications" : opening.status}
          </strong>
          {opening.publishedAt ? ` · published ${formatStaffDate(opening.publishedAt)}` : ""}
          {opening.closedAt && opening.status === "closed"
            ? ` · closed ${formatStaffDate(opening.closedAt)}`
            : ""}
          {opening.status === "open" ? (
            <>
              {" · "}
              <Link to={`/careers/${opening.slug}`}>View on the careers site</Link>
            </>
          ) : null}
        </p>
      </header>
      {params.get("created") ? (
        <p className="notice" role="status">
          Opening created as a draft.
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="notice" role="status">
          Changes saved.
        </p>
      ) : null}
      {params.get("published") ? (
        <p className="notice" role="status">
          The opening is open and listed on the careers site.
        </p>
      ) : null}
      {params.get("closed") ? (
        <p className="notice" role="status">
          The opening is closed.{" "}
          {params.get("closed") !== "0"
            ? `${params.get("closed")} active applicants were notified.`
            : ""}
        </p>
      ) : null}

      <OpeningForm
        values={values}
        lastResult={actionData?.form === "opening" ? actionData : undefined}
        labs={labs}
        areas={areas}
        programs={programs}
        teamPeople={teamPeople}
        lockedStageIds={lockedStageIds}
        submitLabel="Save changes"
      >
        <section aria-labelledby="lifecycle" className="form-section editor-section">
          <h2 id="lifecycle">Publishing</h2>
          {opening.status === "draft" ? (
            <Form method="post">
              <p>This opening is a draft: only staff can see it.</p>
              <button type="submit" name="intent" value="publish" className="button">
                Publish opening
              </button>
            </Form>
          ) : opening.status === "open" ? (
            <CloseForm lastResult={actionData?.form === "lifecycle" ? actionData : undefined} />
          ) : (
            <Form method="post">
              <p>This opening is closed.</p>
              <button type="submit" name="intent" value="reopen" className="button">
                Reopen opening
              </button>
            </Form>
          )}
          {pastClosing ? (
            <p className="notice notice--warning">
              The closing date has passed, so it no longer takes applications.
            </p>
          ) : null}
        </section>
      </OpeningForm>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
